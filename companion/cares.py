"""The supportive cares of the French reference "basket", in plain words.

Source: Instruction DGOS/R3/INCa/2017/62 (23 Feb 2017), as presented in the ONCORIF brochure
"Soins Oncologiques de Support" (shared/seeds/000): 4 base cares, 5 complementary cares and
2 particular analgesia techniques. Sentences are ours; strings are translated where shown.
"""

from dataclasses import dataclass

from .translatable import N_

BASKET_SOURCE = N_("Instruction DGOS/R3/INCa/2017/62 of 23 February 2017; ONCORIF brochure “Soins Oncologiques de Support”.")


@dataclass(frozen=True)
class Care:
    key: str
    group: str  # "base", "complementary" or "analgesia"
    name: str
    explanation: str
    who: str
    resource_kind: str | None = None  # the directory kind that offers it, when there is one


GROUPS = {
    "base": N_("Base care, for everyone who needs it"),
    "complementary": N_("Complementary care"),
    "analgesia": N_("Particular pain-relief techniques"),
}

CARES: dict[str, Care] = {
    c.key: c
    for c in (
        Care(
            "pain", "base", N_("Pain relief"),
            N_("Pain is not something you have to put up with. Say it, have it measured, and get treatment that suits you."),
            N_("Your cancer doctor or GP first; a chronic pain structure for pain that lasts or resists treatment."),
            "sdc",
        ),
        Care(
            "nutrition", "base", N_("Diet and nutrition"),
            N_("Help when eating is hard, when you lose weight or appetite, or when treatments upset your stomach."),
            N_("A dietitian or a nutrition doctor, at the hospital or in town. Ask your care team for a referral."),
        ),
        Care(
            "psychology", "base", N_("Psychological support"),
            N_("Someone to talk to about worry, sadness, fear or anything that weighs on you, at any stage of the illness."),
            N_("A psychologist or psychiatrist used to working with people with cancer. Ask your care team."),
        ),
        Care(
            "social", "base", N_("Social, family and work support"),
            N_("Help with money, work, housing, paperwork, transport, and with organising life at home."),
            N_("The hospital social worker. Information spaces can also guide you."),
            "eri",
        ),
        Care(
            "physical_activity", "complementary", N_("Adapted physical activity"),
            N_("Exercise adjusted to your strength. It reduces tiredness and helps morale and quality of life."),
            N_("A teacher in adapted physical activity or a physiotherapist, often on your doctor’s prescription."),
        ),
        Care(
            "lifestyle", "complementary", N_("Healthy-living advice"),
            N_("Support to stop smoking, drink less alcohol, eat better or move more, at your own pace."),
            N_("Your doctor, a stop-smoking or addiction specialist. Tabac Info Service answers on 39 89."),
        ),
        Care(
            "carers", "complementary", N_("Support for relatives and caregivers"),
            N_("Loved ones can get tired and worried too. They can be listened to and helped, on their own."),
            N_("Psychologists, information spaces and patient associations."),
            "eri",
        ),
        Care(
            "fertility", "complementary", N_("Help with fertility preservation"),
            N_("Some treatments can affect having children later. Eggs, sperm or tissue can sometimes be kept before treatment."),
            N_("A fertility preservation centre, through your cancer doctor. Ask as early as possible."),
            "fertility",
        ),
        Care(
            "sexuality", "complementary", N_("Help with intimate and sexual life"),
            N_("The illness and treatments can change desire, the body and intimacy. This can be talked about and treated."),
            N_("Doctors and nurses trained in sexual health and cancer (onco-sexology). Ask your care team."),
        ),
        Care(
            "hypnoanalgesia", "analgesia", N_("Hypnosis for pain (hypnoanalgesia)"),
            N_("Hypnosis used together with pain medicines, to ease pain and the anxiety around care."),
            N_("Trained doctors and nurses, often in pain teams."),
            "sdc",
        ),
        Care(
            "intrathecal", "analgesia", N_("Intrathecal pain relief"),
            N_("A small implanted pump delivers pain medicine close to the spinal cord, so lower doses work with fewer side effects. It is best considered early."),
            N_("A pain or anaesthesia team. Ask your cancer doctor whether it could suit you."),
            "sdc",
        ),
    )
}
