"""The clinical rules of Companion, as one table of data with their sources.

Urgent signs by action tier, the numbers each tier offers, score thresholds, escalations of severe
scores, care suggestions and their exclusions, context rules. The self-assessment applies them
(assessment.evaluate), every page that shows urgent help renders from them, and
`flask --app companion clinical-rules` publishes them for a clinician to review
(docs/clinical-rules.md, docs/clinical-rules.fr.md). Templates hold no threshold and no number.

The app never triages: it shows static signs and, when one is ticked, who to call now. When a rule
is unsure, it escalates. No Flask here.
"""

from dataclasses import dataclass

from companion.translatable import N_

# --- Sources -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    key: str
    citation: str
    url: str = ""


SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source(
            "ukons",
            N_("UKONS, oncology and haematology 24-hour triage toolkit, version 3 (January 2025)."),
            "https://ukacuteoncology.co.uk/information-hub/ao-guidelines/ukons-guidelines/ukons-24-hour-triage",
        ),
        Source(
            "esmo_fn",
            N_(
                "ESMO clinical practice guideline on fever with low white cells (febrile neutropenia), "
                "de Naurois et al., Annals of Oncology, 2010."
            ),
        ),
        Source(
            "afsos_fever",
            N_("AFSOS referential “Fièvre – prise en charge des 24 premières heures” (2014)."),
            "http://www.afsos.org/fiche-referentiel/prise-charge-de-fievre/",
        ),
        Source(
            "ctcae",
            N_(
                "CTCAE version 5, grade 3: 7 stools a day or more above usual, 6 vomiting episodes or more in "
                "24 hours (eviQ grading tables)."
            ),
            "https://www.eviq.org.au/dose-mod-gradings/standard-ctcae/diarrhoea",
        ),
        Source(
            "esmo_io",
            N_("ESMO patient guide on the side effects of immunotherapy (2017)."),
            "https://www.esmo.org/for-patients/patient-guides/immunotherapy-side-effects",
        ),
        Source(
            "nice_mscc",
            N_("NICE guideline CG75 on metastatic spinal cord compression, information for the public."),
            "https://www.nice.org.uk/guidance/cg75/ifp/chapter/Diagnosing-metastatic-spinal-cord-compression",
        ),
        Source(
            "clot",
            N_("La Revue du Praticien, fever in cancer and blood diseases: blood clots are more frequent with cancer."),
            "https://dev.larevuedupraticien.fr/article/conduite-tenir-en-cas-de-fievre-chez-un-patient-doncohematologie",
        ),
        Source(
            "emergency_numbers",
            N_(
                "Service-Public.fr (French government), emergency numbers: 15, 112, and 114 by text message, "
                "app or video for people who cannot phone."
            ),
            "https://www.service-public.fr/particuliers/vosdroits/F33954",
        ),
        Source(
            "3114",
            N_("3114, the national suicide prevention line: free, day and night."),
            "https://3114.fr/que-se-passe-t-il-quand-je-contacte-le-3114/",
        ),
        Source(
            "esas",
            N_(
                "Revised Edmonton Symptom Assessment System (ESAS-r), Watanabe et al., Journal of Pain and "
                "Symptom Management, 2011: 0 to 10 scales of symptoms right now. Our questions are inspired "
                "by it; they are not the tool."
            ),
        ),
        Source(
            "selby",
            N_(
                "Selby et al., Journal of Pain and Symptom Management, 2010: 7 or more out of 10 is severe, "
                "4 to 6 moderate."
            ),
            "https://www.ncbi.nlm.nih.gov/pubmed/19963335",
        ),
        Source(
            "dolbeault",
            N_(
                "Dolbeault et al., Palliative and Supportive Care, 2008: the French adaptation of the distress "
                "thermometer finds distress from 3 out of 10 (sensitivity 0.76, specificity 0.82)."
            ),
        ),
        Source(
            "basket",
            N_(
                "Instruction DGOS/R3/INCa/2017/62 of 23 February 2017: the basket of supportive cares (4 base cares, "
                "5 complementary cares, 2 pain-relief techniques)."
            ),
        ),
        Source(
            "oncorif",
            N_("ONCORIF, the Île-de-France regional cancer network: brochure “Soins Oncologiques de Support”."),
            "https://www.oncorif.fr/prises-en-charge-specifiques/les-soins-oncologiques-de-support/",
        ),
        Source(
            "fertility",
            N_(
                "INCa, “Préservation de la fertilité et cancer” (April 2021), and the 2021 bioethics law: "
                "people must be told before treatment, and preservation is decided case by case."
            ),
            "https://onco-nouvelle-aquitaine.fr/?p=35855",
        ),
        Source(
            "palliative",
            N_(
                "AFSOS referential on bringing in a specialised palliative care team for adults with cancer (2016); "
                "palliative care is part of supportive care (INCa)."
            ),
            "http://www.afsos.org/fiche-referentiel/associer-approche-palliative-specialisee-patients-adultes-atteints-de-cancer/",
        ),
        Source(
            "sppc",
            N_(
                "Centre Oscar Lambret, 11 December 2025: the national SPPC study of early targeted palliative care "
                "(about 20 centres, 442 patients, due to start by the end of 2026)."
            ),
        ),
    )
}


# --- Numbers to call -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    number: str  # as dialled
    scheme: str  # "tel" or "sms"
    label: str
    sources: tuple[str, ...]


NUMBERS: dict[str, Number] = {
    n.number: n
    for n in (
        Number("15", "tel", N_("SAMU, medical emergency"), ("emergency_numbers",)),
        Number("112", "tel", N_("European emergency number"), ("emergency_numbers",)),
        Number(
            "114",
            "sms",
            N_("by text message, or the Urgence 114 app, if you cannot hear or speak"),
            ("emergency_numbers",),
        ),
        Number("3114", "tel", N_("suicide prevention line, free, day and night"), ("3114",)),
    )
}
# The short list printed on handouts and shown in the page header's reach.
HANDOUT_NUMBERS = ("15", "112", "114", "3114")


# --- Urgent signs, by action tier ----------------------------------------------------------------


@dataclass(frozen=True)
class Tier:
    key: str
    heading: str  # what to do, as a heading
    action: str  # the sentence under the ticked signs
    numbers: tuple[str, ...]  # keys of NUMBERS, in the order shown
    team_line: bool  # the person's own cancer-team number comes first
    sources: tuple[str, ...]
    note: str = ""  # shown with the tier on the urgent page


TIERS: dict[str, Tier] = {
    t.key: t
    for t in (
        Tier(
            "emergency",
            N_("Call 15 or 112 now"),
            N_("Call 15 or 112 now. If you cannot hear or speak, send a text message to 114."),
            ("15", "112", "114"),
            False,
            ("ukons", "emergency_numbers"),
        ),
        Tier(
            "team",
            N_("Call your cancer team now"),
            N_("Call your cancer team’s emergency number now, day or night. If you cannot reach them, call 15."),
            ("15", "114"),
            True,
            ("ukons", "esmo_fn", "afsos_fever"),
            note=N_(
                "During chemotherapy, immunotherapy, targeted therapy or radiotherapy, and in the 6 weeks after, "
                "the body fights infection less well: a fever must be checked quickly, day or night."
            ),
        ),
        Tier(
            "crisis",
            N_("Talk to someone now: 3114"),
            N_(
                "Call 3114 now: someone will listen, free, day and night. If there is danger right now, call 15 or 112."
            ),
            ("3114", "15", "112", "114"),
            False,
            ("3114",),
        ),
    )
}


@dataclass(frozen=True)
class UrgentSign:
    key: str
    text: str  # written without "you", so it reads the same in guide mode
    tier: str
    sources: tuple[str, ...]


URGENT_SIGNS = (
    UrgentSign(
        "breathing", N_("Sudden or great difficulty breathing, or out of breath at rest"), "emergency", ("ukons",)
    ),
    UrgentSign("chest_pain", N_("Pain in the chest"), "emergency", ("ukons",)),
    UrgentSign("bleeding", N_("Bleeding that does not stop, vomiting blood, or black stools"), "emergency", ("ukons",)),
    UrgentSign("confusion", N_("New confusion, fainting, or very hard to wake"), "emergency", ("ukons",)),
    UrgentSign("seizure", N_("A seizure (fit)"), "emergency", ("ukons",)),
    UrgentSign("swelling", N_("Swelling of the face, lips or throat"), "emergency", ("ukons",)),
    UrgentSign(
        "legs_weak",
        N_("New weakness or numbness in the legs, or losing control of bladder or bowels"),
        "emergency",
        ("nice_mscc",),
    ),
    UrgentSign(
        "fever",
        N_("A temperature of 38 °C or more, or below 36 °C, or shivering and chills"),
        "team",
        ("esmo_fn", "afsos_fever", "ukons"),
    ),
    UrgentSign(
        "vomiting",
        N_("Vomiting 6 times or more in 24 hours, or not keeping drinks or medicines down"),
        "team",
        ("ctcae", "ukons"),
    ),
    UrgentSign(
        "diarrhoea",
        N_("Diarrhoea 7 times a day or more above usual, that cannot be held, or with blood, fever or cramps"),
        "team",
        ("ctcae", "esmo_io"),
    ),
    UrgentSign("calf", N_("A painful, swollen calf or arm"), "team", ("clot", "ukons")),
    UrgentSign(
        "back_pain",
        N_("New pain in the back or neck, worse when lying down or coughing, or like a band around the body"),
        "team",
        ("nice_mscc",),
    ),
    UrgentSign("pain_uncontrolled", N_("Pain not relieved by the prescribed pain medicine"), "team", ("ukons",)),
    UrgentSign("no_urine", N_("No urine for 12 hours"), "team", ("ukons",)),
    UrgentSign("mouth", N_("Mouth sores that stop eating or drinking"), "team", ("ukons",)),
    UrgentSign(
        "bruising",
        N_("Many bruises or small red spots on the skin, a nosebleed that goes on, or blood in the urine"),
        "team",
        ("ukons",),
    ),
    UrgentSign("cough", N_("A new or worse cough or breathlessness, or palpitations"), "team", ("esmo_io", "ukons")),
    UrgentSign(
        "immunotherapy",
        N_("A new severe headache, a change in sight, yellow skin or eyes, or a rash that blisters or peels"),
        "team",
        ("esmo_io", "ukons"),
    ),
    UrgentSign("very_unwell", N_("Very unwell, in a way that is worrying"), "team", ("ukons",)),
    UrgentSign("suicidal", N_("Thoughts of suicide"), "crisis", ("3114",)),
)
# Asked with the signs, so the fever rule fires from the first screen alone.
FEVER_SIGN = "fever"
FEVER_ON_TREATMENT_NOTE = N_(
    "Fever during cancer treatment, or in the weeks after, can be serious and must be checked quickly."
)
ON_TREATMENT_ANSWERS = frozenset({"yes", "unsure"})  # unsure counts as yes


# --- Thresholds ----------------------------------------------------------------------------------

MODERATE = 4  # a symptom worth telling the care team and a care worth asking about (Selby 2010)
SEVERE = 7  # severe, for every 0–10 item (Selby 2010)
DISTRESS_CUT_OFF = 3  # the French adaptation's validated cut-off (Dolbeault 2008)


@dataclass(frozen=True)
class Threshold:
    key: str
    applies_to: str
    at_least: int
    meaning: str
    sources: tuple[str, ...]


THRESHOLDS = (
    Threshold(
        "moderate",
        N_("Each symptom scale, 0 to 10"),
        MODERATE,
        N_("Moderate: listed to tell the care team, with the supportive care that may help."),
        ("selby", "esas"),
    ),
    Threshold(
        "severe",
        N_("Each symptom scale, and distress"),
        SEVERE,
        N_("Severe: call the care team today (see the escalations)."),
        ("selby", "ukons"),
    ),
    Threshold(
        "distress",
        N_("Distress, 0 to 10"),
        DISTRESS_CUT_OFF,
        N_("Distress to talk about: listed to tell the care team, with psychological support."),
        ("dolbeault",),
    ),
)


# --- Escalation of severe scores -----------------------------------------------------------------

SYMPTOM_ITEMS = (
    "pain",
    "tiredness",
    "drowsiness",
    "nausea",
    "appetite",
    "breathlessness",
    "low_mood",
    "anxiety",
    "wellbeing",
    "other",
)
DISTRESS = "distress"


@dataclass(frozen=True)
class Escalation:
    key: str
    items: tuple[str, ...]  # symptom keys, or DISTRESS
    at_least: int
    says: str
    numbers: tuple[str, ...]
    sources: tuple[str, ...]


TODAY_HEADING = N_("Call your care team today")
# Escalations from SEVERE make the "call today" block; lower ones are said with the item's score.
ESCALATIONS = (
    Escalation(
        "severe_score",
        (*SYMPTOM_ITEMS, DISTRESS),
        SEVERE,
        N_(
            "A score this high is severe: call your care team today, do not wait. Use the number they gave you, "
            "or the switchboard of the hospital where you are treated."
        ),
        (),
        ("selby", "ukons"),
    ),
    Escalation(
        "breathlessness_worse",
        ("breathlessness",),
        MODERATE,
        N_("If breathlessness comes on suddenly or gets worse, call 15 at once."),
        ("15", "114"),
        ("ukons",),
    ),
    Escalation(
        "severe_breathlessness",
        ("breathlessness",),
        SEVERE,
        N_("If breathing gets harder, or is hard even at rest, call 15 at once."),
        ("15", "114"),
        ("ukons",),
    ),
    Escalation(
        "severe_drowsiness",
        ("drowsiness",),
        SEVERE,
        N_("If confusion comes, or waking up becomes very hard, call 15 at once."),
        ("15", "114"),
        ("ukons",),
    ),
    Escalation(
        "severe_mood",
        ("low_mood", "anxiety", DISTRESS),
        SEVERE,
        N_("When it feels like too much, or thoughts of suicide come, call 3114: someone will listen, day and night."),
        ("3114",),
        ("selby", "3114"),
    ),
)


# --- Care suggestions and exclusions -------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    items: tuple[str, ...]  # symptom keys, DISTRESS, or problem keys (ticked)
    at_least: int | None  # score threshold; None for a ticked problem
    cares: tuple[str, ...]
    sources: tuple[str, ...]
    note: str = ""  # when the care fits, said with the suggestion


SUGGESTIONS = (
    Suggestion(("pain",), MODERATE, ("pain", "hypnoanalgesia"), ("basket", "oncorif")),
    Suggestion(
        ("pain",),
        SEVERE,
        ("intrathecal",),
        ("basket", "oncorif"),
        note=N_("Only when strong pain medicines do not relieve enough, or cause too many side effects."),
    ),
    Suggestion(("tiredness",), MODERATE, ("physical_activity", "nutrition"), ("basket", "oncorif")),
    Suggestion(("nausea", "appetite"), MODERATE, ("nutrition",), ("basket",)),
    Suggestion(("low_mood", "anxiety"), MODERATE, ("psychology",), ("basket",)),
    Suggestion(("wellbeing",), MODERATE, ("psychology", "social"), ("basket",)),
    Suggestion((DISTRESS,), DISTRESS_CUT_OFF, ("psychology",), ("basket", "dolbeault")),
    Suggestion(("money", "work", "housing", "transport", "paperwork"), None, ("social",), ("basket",)),
    Suggestion(("family",), None, ("social", "psychology"), ("basket",)),
    Suggestion(("caregiver",), None, ("carers",), ("basket",)),
    Suggestion(("worry", "body_image", "sleep", "spiritual"), None, ("psychology",), ("basket",)),
    Suggestion(("loneliness",), None, ("psychology", "social"), ("basket",)),
    Suggestion(("sexuality",), None, ("sexuality",), ("basket",)),
    Suggestion(("fertility",), None, ("fertility",), ("basket", "fertility")),
    Suggestion(("eating",), None, ("nutrition",), ("basket",)),
    Suggestion(("activity",), None, ("physical_activity",), ("basket",)),
    Suggestion(("tobacco_alcohol",), None, ("lifestyle",), ("basket",)),
)


@dataclass(frozen=True)
class Exclusion:
    care: str
    items: tuple[str, ...]
    at_least: int
    any_urgent_sign: bool  # also left out whenever an urgent sign is ticked
    reason: str
    sources: tuple[str, ...]


EXCLUSIONS = (
    Exclusion(
        "physical_activity",
        ("breathlessness",),
        MODERATE,
        True,
        N_("Not suggested with breathlessness or an urgent sign: the care team must check first."),
        ("ukons",),
    ),
)


# --- Context rules -------------------------------------------------------------------------------

UNANSWERED = None


@dataclass(frozen=True)
class ContextRule:
    key: str
    # Fires when every answer of any one of these sets is among its values (UNANSWERED: left blank).
    when: tuple[dict[str, frozenset], ...]
    title: str
    says: tuple[str, ...]
    cares: tuple[str, ...]
    sources: tuple[str, ...]


WANTS_CHILDREN = frozenset({"yes", "unsure"})
SPPC_GROUPS = frozenset({"digestive", "gynaecological", "ent", "sarcoma"})

CONTEXT_RULES = (
    ContextRule(
        "fertility_before_treatment",
        ({"pregnancy_plan": WANTS_CHILDREN, "phase": frozenset({"diagnosis", UNANSWERED})},),
        N_("Fertility: ask before treatment starts"),
        (
            N_(
                "Some cancer treatments can lower fertility, in women and in men, sometimes for good. "
                "Your doctors must tell you about it before treatment."
            ),
            N_(
                "Keeping eggs, sperm or tissue is decided case by case and has to be organised before the first "
                "treatment: ask your cancer doctor now."
            ),
        ),
        ("fertility",),
        ("fertility", "oncorif"),
    ),
    ContextRule(
        "fertility_later",
        ({"pregnancy_plan": WANTS_CHILDREN, "phase": frozenset({"during", "after", "relapse"})},),
        N_("Fertility: it is still worth asking"),
        (
            N_(
                "Some cancer treatments can lower fertility, in women and in men. Ask your cancer doctor what your "
                "treatment may change and what can still be done."
            ),
        ),
        ("fertility",),
        ("fertility", "oncorif"),
    ),
    ContextRule(
        "palliative_care",
        ({"metastatic": frozenset({"yes"})}, {"phase": frozenset({"relapse"})}),
        N_("Palliative care, alongside treatment"),
        (
            N_(
                "Palliative care teams help with symptoms, with choosing treatments that suit you and with plans "
                "for life, at any stage of the illness, together with the cancer treatment. It is not only for the "
                "end of life."
            ),
            N_("You can ask your cancer doctor to meet a palliative care team."),
        ),
        (),
        ("palliative",),
    ),
    ContextRule(
        "sppc_study",
        (
            {
                "cancer_group": SPPC_GROUPS,
                "metastatic": frozenset({"yes"}),
                "unplanned_stay": frozenset({"yes"}),
            },
        ),
        N_("A national study on early palliative care"),
        (
            N_(
                "A national study, SPPC, led by the Centre Oscar Lambret, is preparing to test a joint review by the "
                "cancer team and the palliative care team after an unplanned hospital stay, for cancers of the "
                "digestive system, gynaecological cancers, head and neck cancers and sarcomas that have spread."
            ),
            N_(
                "It should start by the end of 2026 in about 20 centres, with 442 patients. Whether this helps is "
                "what the study will measure. You can ask your cancer doctor whether your centre takes part."
            ),
        ),
        (),
        ("sppc",),
    ),
    ContextRule(
        "paediatric",
        ({"age": frozenset({"under_18"})},),
        N_("Children and teenagers"),
        (
            N_(
                "Children and teenagers with cancer are cared for by paediatric cancer teams, who also organise "
                "their supportive care. In Île-de-France, the RIFHOP network links these teams: ask the child’s team."
            ),
        ),
        (),
        ("oncorif",),
    ),
    ContextRule(
        "caregiver",
        ({"respondent": frozenset({"caregiver"})},),
        N_("Support for the caregiver too"),
        (N_("Loved ones who help can be listened to and supported on their own, even without the patient."),),
        ("carers",),
        ("basket",),
    ),
)


def context_applies(rule: ContextRule, context: dict) -> bool:
    """Whether a context rule fires for these answers (blank answers are UNANSWERED)."""
    return any(all(context.get(k) in values for k, values in when.items()) for when in rule.when)
