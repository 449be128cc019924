"""The supportive cares of the French reference "basket", in plain words.

Source: Instruction DGOS/R3/INCa/2017/62 (23 Feb 2017), as presented in the ONCORIF brochure
"Soins Oncologiques de Support" (shared/seeds/000): 4 base cares, 5 complementary cares and
2 particular analgesia techniques. Sentences are ours; strings are translated where shown.
"""

from dataclasses import dataclass

from companion.directory.kinds import KIND_BESIDE_CARE, KIND_FOR_CARE
from companion.translatable import N_

BASKET_SOURCE = N_(
    "Instruction DGOS/R3/INCa/2017/62 of 23 February 2017; ONCORIF brochure “Soins Oncologiques de Support”."
)


@dataclass(frozen=True)
class Care:
    key: str
    group: str  # "base", "complementary", "analgesia" or "practice"
    name: str
    explanation: str
    who: str
    when: str = ""
    how_to_ask: str = ""
    funding: str = ""

    # Which kinds offer which care is said by the kinds (directory.kinds), read here.
    @property
    def resource_kind(self) -> str | None:
        """The directory kind that offers it, when there is one."""
        return KIND_FOR_CARE.get(self.key)

    @property
    def kind_beside(self) -> str | None:
        """The kind offered apart beside it (help with paperwork beside social support), if any."""
        return KIND_BESIDE_CARE.get(self.key)


GROUPS = {
    "base": N_("Base care, for everyone who needs it"),
    "complementary": N_("Complementary care"),
    "analgesia": N_("Particular pain-relief techniques"),
}
PRACTICES_GROUP = N_("Other complementary practices")

ASK_TEAM = N_("Ask your cancer doctor, nurse or GP at your next appointment. You can show them this page.")
COVERED_IN_CARE = N_("In hospital, as part of your cancer care, it is covered by health insurance.")

# The caregivers' page: whole sentences of its own (the care entries' fragments don't read as a text).
CAREGIVER_SUPPORT = N_(
    "Caring for someone is tiring and worrying. You can be listened to and helped yourself, even without the "
    "person you help: psychologists, information spaces and patient associations are there for loved ones too."
)
CAREGIVER_RESPITE = N_(
    "Respite is time for yourself while someone else takes over, for a few hours or a few days. "
    "It is there so that you can keep going, not because you have failed."
)

CARES: dict[str, Care] = {
    c.key: c
    for c in (
        Care(
            "pain",
            "base",
            N_("Pain relief"),
            N_(
                "Pain is not something you have to put up with. Say it, have it measured, and get treatment that suits you."
            ),
            N_("Your cancer doctor or GP first; a chronic pain structure for pain that lasts or resists treatment."),
            when=N_(
                "Whenever pain appears or changes, whatever its strength: during treatment, after it, or when the illness progresses."
            ),
            how_to_ask=ASK_TEAM,
            funding=COVERED_IN_CARE,
        ),
        Care(
            "nutrition",
            "base",
            N_("Diet and nutrition"),
            N_("Help when eating is hard, when you lose weight or appetite, or when treatments upset your stomach."),
            N_("A dietitian or a nutrition doctor, at the hospital or in town. Ask your care team for a referral."),
            when=N_(
                "When you lose weight without trying, eat less, find food tastes different, or have mouth sores, nausea or bowel problems."
            ),
            how_to_ask=ASK_TEAM,
            funding=N_(
                "Covered in hospital. A dietitian in town is usually not reimbursed, except within the post-cancer care pathway (see below)."
            ),
        ),
        Care(
            "psychology",
            "base",
            N_("Psychological support"),
            N_(
                "Someone to talk to about worry, sadness, fear or anything that weighs on you, at any stage of the illness."
            ),
            N_("A psychologist or psychiatrist used to working with people with cancer. Ask your care team."),
            when=N_(
                "At the announcement of the illness, during treatment, after it, or when a relapse is feared. Whenever worry, sadness or fear take up too much room."
            ),
            how_to_ask=ASK_TEAM,
            funding=N_(
                "Free in hospital. In town, some sessions can be reimbursed; the post-cancer care pathway also includes a psychological assessment."
            ),
        ),
        Care(
            "social",
            "base",
            N_("Social, family and work support"),
            N_("Help with money, work, housing, paperwork, transport, and with organising life at home."),
            N_("The hospital social worker. Information spaces can also guide you."),
            when=N_(
                "When the illness affects income, work, housing or family life, or when you need help at home or with paperwork."
            ),
            how_to_ask=N_(
                "Ask the nurses or the hospital reception for the social worker; you can also go to an information space."
            ),
            funding=N_("Free: the hospital social worker and the information spaces cost nothing."),
        ),
        Care(
            "physical_activity",
            "complementary",
            N_("Adapted physical activity"),
            N_("Exercise adjusted to your strength. It reduces tiredness and helps morale and quality of life."),
            N_("A teacher in adapted physical activity or a physiotherapist, often on your doctor’s prescription."),
            when=N_(
                "During and after treatment, as soon as your doctor agrees. Even a little regular activity helps against tiredness."
            ),
            how_to_ask=N_(
                "Ask your doctor for a prescription for adapted physical activity; associations and sports clubs also offer sessions."
            ),
            funding=N_(
                "The sessions themselves are not reimbursed by health insurance. After treatment, the post-cancer care "
                "pathway covers an assessment of physical activity, not the sessions."
            ),
        ),
        Care(
            "lifestyle",
            "complementary",
            N_("Healthy-living advice"),
            N_("Support to stop smoking, drink less alcohol, eat better or move more, at your own pace."),
            N_("Your doctor, or a stop-smoking or addiction specialist."),
            when=N_(
                "At any time: stopping smoking and drinking less help treatments work and lower the risk of other illnesses."
            ),
            how_to_ask=ASK_TEAM,
            funding=N_("Stop-smoking aids can be reimbursed on prescription."),
        ),
        Care(
            "carers",
            "complementary",
            N_("Support for relatives and caregivers"),
            N_("Loved ones can get tired and worried too. They can be listened to and helped, on their own."),
            N_("Psychologists, information spaces and patient associations."),
            when=N_("When the person who helps feels worn out, anxious, alone, or no longer knows how to cope."),
            how_to_ask=N_(
                "Relatives can ask the care team, an information space or an association directly, even without the patient."
            ),
            funding=N_("Usually free in hospital and in associations."),
        ),
        Care(
            "fertility",
            "complementary",
            N_("Help with fertility preservation"),
            N_(
                "Some cancer treatments can lower fertility, in women and in men, sometimes for good. Eggs, sperm, "
                "or ovarian or testicular tissue can be kept; whether it fits is decided case by case, before treatment."
            ),
            N_("A fertility preservation centre, through your cancer doctor. Ask as early as possible."),
            when=N_(
                "Before treatments that can affect fertility (some chemotherapies, radiotherapy to the pelvis, some surgeries), for children, teenagers and adults."
            ),
            how_to_ask=N_(
                "Your doctors must tell you about it before treatment. Ask your cancer doctor before treatment starts; "
                "they will refer you to a fertility preservation centre."
            ),
            funding=N_("Covered by health insurance."),
        ),
        Care(
            "sexuality",
            "complementary",
            N_("Help with intimate and sexual life"),
            N_(
                "The illness and treatments can change desire, the body and intimacy. This can be talked about and treated."
            ),
            N_("Doctors and nurses trained in sexual health and cancer (onco-sexology). Ask your care team."),
            when=N_(
                "When desire, pleasure, the body or the couple change because of the illness or its treatments, during or after them."
            ),
            how_to_ask=ASK_TEAM,
            funding=COVERED_IN_CARE,
        ),
        Care(
            "hypnoanalgesia",
            "analgesia",
            N_("Hypnosis for pain (hypnoanalgesia)"),
            N_("Hypnosis used together with pain medicines, to ease pain and the anxiety around care."),
            N_("Trained doctors and nurses, often in pain teams."),
            when=N_("For pain during care (dressings, punctures, exams) and alongside treatment for lasting pain."),
            how_to_ask=N_("Ask the pain team or the nurses whether hypnosis is offered where you are treated."),
            funding=COVERED_IN_CARE,
        ),
        Care(
            "intrathecal",
            "analgesia",
            N_("Intrathecal pain relief"),
            N_(
                "A small implanted pump delivers pain medicine close to the spinal cord, so lower doses work with fewer side effects."
            ),
            N_("A pain or anaesthesia team. Ask your cancer doctor whether it could suit you."),
            when=N_(
                "For severe cancer pain that strong medicines do not relieve enough, or with too many side effects."
            ),
            how_to_ask=N_("Ask your cancer doctor or the pain team; the decision is made with specialists."),
            funding=COVERED_IN_CARE,
        ),
    )
}


PRACTICES: dict[str, Care] = {
    c.key: c
    for c in (
        Care(
            "sophrology",
            "practice",
            N_("Sophrology"),
            N_("Breathing, relaxation and gentle movement to calm stress and sleep better."),
            N_("Hospitals, associations and sophrologists in private practice."),
        ),
        Care(
            "art_therapy",
            "practice",
            N_("Art therapy"),
            N_("Drawing, music, writing or theatre to express what is hard to put into words."),
            N_("Hospitals, associations and art therapists in private practice."),
        ),
        Care(
            "reflexology",
            "practice",
            N_("Reflexology"),
            N_("Pressure on the feet or hands, for relaxation and comfort."),
            N_("Hospitals, associations and reflexologists in private practice."),
        ),
        Care(
            "socio_aesthetics",
            "practice",
            N_("Socio-aesthetics"),
            N_("Care of the skin, nails and appearance, to feel better in your body during treatment."),
            N_("Socio-aestheticians in hospitals and associations."),
        ),
    )
}
PRACTICE_NOTE = N_(
    "These practices are offered by some hospitals, by professionals in private practice and by local "
    "or regional associations. They add to your treatment and never replace it. In hospitals and "
    "associations they are often free; in private practice they are usually not reimbursed."
)
ALL_CARES = CARES | PRACTICES

AFTER_CANCER_PATHWAY = N_(
    "After treatment, the post-cancer care pathway: for up to 12 months after active treatment ends, "
    "your cancer doctor or GP can prescribe an assessment of physical activity, of diet and of "
    "psychological needs, and up to 6 follow-up consultations, with nothing to pay (up to €180 a year)."
)
AFTER_CANCER_CARES = frozenset({"nutrition", "psychology", "physical_activity"})

# National and regional contacts named in the ONCORIF brochure (shared/seeds/000).
CONTACTS = (
    (
        "regional",
        N_("ONCORIF, the Île-de-France regional cancer network"),
        "https://www.oncorif.fr",
        "01 44 06 00 90",
        N_("Coordinates cancer care in the region and publishes the directory of supportive care."),
    ),
    (
        "national",
        N_("Institut national du cancer (INCa)"),
        "https://www.e-cancer.fr",
        "",
        N_("Reliable information on cancers, treatments and patients’ rights."),
    ),
    (
        "national",
        N_("Ligue contre le cancer"),
        "https://www.ligue-cancer.net",
        "",
        N_("A patient association with local committees: listening, help, information spaces."),
    ),
    (
        "national",
        N_("AFSOS, French-speaking association for supportive care in oncology"),
        "https://www.afsos.org",
        "",
        N_("Guidelines on supportive care, for professionals and patients."),
    ),
    (
        "national",
        N_("SFFPO, French-speaking society of psycho-oncology"),
        "https://sffpo.fr",
        "",
        N_("Psychologists and psychiatrists who support people with cancer and their loved ones."),
    ),
    (
        "national",
        N_("GPS Cancer"),
        "https://gpscancer.fr",
        "",
        N_("A platform run by patient and caregiver associations to find your way."),
    ),
    (
        "regional",
        N_("RIFHOP, Île-de-France network for children’s and teenagers’ cancers"),
        "https://www.rifhop.net",
        "",
        N_("For children and teenagers with cancer or blood diseases, and their families."),
    ),
    (
        "regional",
        N_("Retour à domicile"),
        "https://www.retouradomicile.fr",
        "",
        N_("Help to organise care and daily life at home after hospital."),
    ),
    (
        "regional",
        N_("La santé par le sport"),
        "https://www.lasanteparlesport.fr",
        "",
        N_("Find adapted physical activity near you in Île-de-France."),
    ),
)
