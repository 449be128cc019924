"""The self-assessment: its items, thresholds and rules, as data a clinician can review in one place.

Inspired by validated tools, reworded (not the tools themselves):
- 0–10 symptom scales in the style of the revised Edmonton Symptom Assessment System
  (Watanabe et al., J Pain Symptom Manage 2011); bands 0 none, 1–3 mild, 4–6 moderate, 7–10 severe
  (Selby et al., J Pain Symptom Manage 2010: 7 and above is severe).
- A 0–10 distress "thermometer" with a problem list (Roth et al., Cancer 1998; cut-off 4 in the
  US guidance, 3 in the French adaptation by Dolbeault et al., Palliat Support Care 2008).
- Urgent signs: UKONS 24-hour triage toolkit (2025), ESMO febrile neutropenia guideline (2010),
  AFSOS fever referential (2014); see shared/reference/clinical-facts.md.
- Early targeted palliative care: the national SPPC study (Centre Oscar Lambret, Dec 2025).
This module never diagnoses: it turns answers into things to tell the care team and cares to ask about.
"""

from dataclasses import dataclass, field

from .translatable import N_

MODERATE, SEVERE = 4, 7
STEPS = ("urgent", "symptoms", "distress", "context")


def band(score: int) -> str:
    """none (0), mild (1–3), moderate (4–6) or severe (7–10)."""
    if score >= SEVERE:
        return "severe"
    if score >= MODERATE:
        return "moderate"
    return "mild" if score > 0 else "none"


BANDS = {"none": N_("none"), "mild": N_("mild"), "moderate": N_("moderate"), "severe": N_("severe")}


# --- Urgent signs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UrgentSign:
    key: str
    text: str
    action: str  # "emergency" (15/112), "team" (oncology team now, else 15) or "crisis" (3114)


URGENT_SIGNS = (
    UrgentSign("fever", N_("A temperature of 38 °C or more, or shivering and chills"), "team"),
    UrgentSign("breathing", N_("Great difficulty breathing, or out of breath while resting"), "emergency"),
    UrgentSign("chest_pain", N_("Pain in the chest"), "emergency"),
    UrgentSign("bleeding", N_("Bleeding that does not stop, vomiting blood, or black stools"), "emergency"),
    UrgentSign("confusion", N_("New confusion, fainting, or being very hard to wake"), "emergency"),
    UrgentSign("vomiting", N_("Vomiting or diarrhoea that does not stop, or not keeping drinks down"), "team"),
    UrgentSign("suicidal", N_("Thoughts of ending your life"), "crisis"),
)
TREATMENT_ANSWERS = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "unsure": N_("I don’t know"),
}
ON_TREATMENT_QUESTION = N_(
    "Are you having chemotherapy, immunotherapy or targeted therapy, or did you have some in the last 6 weeks?"
)
ON_TREATMENT_QUESTION_GUIDE = N_(
    "Is the person having chemotherapy, immunotherapy or targeted therapy, or did they have some in the last 6 weeks?"
)


# --- Symptoms -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Symptom:
    key: str
    question: str
    low: str  # what 0 means
    high: str  # what 10 means
    cares: tuple[str, ...]
    tell_team: str


SYMPTOMS = (
    Symptom(
        "pain",
        N_("Pain"),
        N_("no pain"),
        N_("worst pain you can imagine"),
        ("pain", "hypnoanalgesia"),
        N_("Tell your care team how strong the pain is, where, and what helps or not."),
    ),
    Symptom(
        "tiredness",
        N_("Tiredness (lack of energy)"),
        N_("no tiredness"),
        N_("worst tiredness"),
        ("physical_activity", "nutrition"),
        N_("Tell your care team how tiredness limits your days."),
    ),
    Symptom(
        "drowsiness",
        N_("Drowsiness (feeling sleepy)"),
        N_("not drowsy"),
        N_("worst drowsiness"),
        (),
        N_("Tell your care team: drowsiness can come from medicines and can often be eased."),
    ),
    Symptom(
        "nausea",
        N_("Nausea (feeling sick)"),
        N_("no nausea"),
        N_("worst nausea"),
        ("nutrition",),
        N_("Tell your care team: there are medicines and tips against nausea."),
    ),
    Symptom(
        "appetite",
        N_("Lack of appetite"),
        N_("appetite as usual"),
        N_("no appetite at all"),
        ("nutrition",),
        N_("Tell your care team, and mention any weight loss."),
    ),
    Symptom(
        "breathlessness",
        N_("Shortness of breath"),
        N_("no shortness of breath"),
        N_("worst shortness of breath"),
        ("physical_activity",),
        N_("Tell your care team soon. If it is sudden or severe, call 15."),
    ),
    Symptom(
        "low_mood",
        N_("Low mood (feeling sad or down)"),
        N_("not down at all"),
        N_("as down as can be"),
        ("psychology",),
        N_("Tell your care team how you feel: support exists and can help."),
    ),
    Symptom(
        "anxiety",
        N_("Anxiety (feeling worried or nervous)"),
        N_("not worried at all"),
        N_("as worried as can be"),
        ("psychology",),
        N_("Tell your care team what worries you."),
    ),
    Symptom(
        "wellbeing",
        N_("Overall wellbeing (how you feel in general)"),
        N_("best I could feel"),
        N_("worst I could feel"),
        ("psychology", "social"),
        N_("Tell your care team how you feel overall."),
    ),
    Symptom(
        "other",
        N_("Another problem"),
        N_("no problem"),
        N_("worst possible"),
        (),
        N_("Tell your care team about this problem."),
    ),
)
SYMPTOM_KEYS = tuple(s.key for s in SYMPTOMS)
OTHER_PROBLEM_MAX_LENGTH = 80


# --- Distress and problem list -----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    key: str
    label: str
    cares: tuple[str, ...]


PROBLEM_GROUPS = (
    (
        N_("Practical matters"),
        (
            Problem("money", N_("Money"), ("social",)),
            Problem("work", N_("Work or studies"), ("social",)),
            Problem("housing", N_("Housing"), ("social",)),
            Problem("transport", N_("Transport"), ("social",)),
            Problem("paperwork", N_("Paperwork and rights"), ("social",)),
        ),
    ),
    (
        N_("Family and relationships"),
        (
            Problem("family", N_("Relationships with partner, children or family"), ("social", "psychology")),
            Problem("caregiver", N_("My loved ones are worn out or worried"), ("carers",)),
        ),
    ),
    (
        N_("Emotions"),
        (
            Problem("worry", N_("Worry, fear or sadness"), ("psychology",)),
            Problem("loneliness", N_("Feeling alone"), ("psychology", "social")),
        ),
    ),
    (
        N_("Body and daily life"),
        (
            Problem("sexuality", N_("Intimate and sexual life"), ("sexuality",)),
            Problem("fertility", N_("Having children later"), ("fertility",)),
            Problem("body_image", N_("Changes in my body or appearance"), ("psychology",)),
            Problem("eating", N_("Eating"), ("nutrition",)),
            Problem("sleep", N_("Sleep"), ("psychology",)),
            Problem("activity", N_("Moving and staying active"), ("physical_activity",)),
        ),
    ),
    (N_("Meaning and beliefs"), (Problem("spiritual", N_("Questions of meaning, faith or beliefs"), ("psychology",)),)),
    (N_("Habits"), (Problem("tobacco_alcohol", N_("Tobacco or alcohol"), ("lifestyle",)),)),
)
PROBLEMS = {p.key: p for _, problems in PROBLEM_GROUPS for p in problems}


# --- Context (all optional) --------------------------------------------------------------------

CONTEXT_QUESTIONS = {
    "phase": (
        N_("Where are you in your treatment?"),
        {
            "diagnosis": N_("Just diagnosed"),
            "during": N_("During treatment"),
            "after": N_("After treatment"),
            "relapse": N_("The cancer has come back"),
        },
    ),
    "respondent": (
        N_("Who is answering?"),
        {
            "patient": N_("I am the patient"),
            "caregiver": N_("A loved one, for the patient"),
            "volunteer": N_("A volunteer, with the patient"),
        },
    ),
    "age": (
        N_("Age"),
        {
            "under_18": N_("Under 18"),
            "18_39": N_("18 to 39"),
            "40_64": N_("40 to 64"),
            "65_plus": N_("65 or over"),
        },
    ),
    "pregnancy_plan": (
        N_("Would you like to have children in the future?"),
        {
            "yes": N_("Yes"),
            "no": N_("No"),
            "unsure": N_("I don’t know yet"),
        },
    ),
    "cancer_group": (
        N_("Which kind of cancer?"),
        {
            "breast": N_("Breast"),
            "digestive": N_("Digestive (bowel, stomach, pancreas, liver…)"),
            "gynaecological": N_("Gynaecological (ovary, womb, cervix)"),
            "ent": N_("Head and neck (ENT)"),
            "lung": N_("Lung"),
            "urological": N_("Prostate, kidney or bladder"),
            "blood": N_("Blood or lymph"),
            "sarcoma": N_("Sarcoma"),
            "skin": N_("Skin"),
            "brain": N_("Brain"),
            "other": N_("Another kind"),
        },
    ),
    "metastatic": (
        N_("Has the cancer spread to other organs (metastases)?"),
        {
            "yes": N_("Yes"),
            "no": N_("No"),
            "unsure": N_("I don’t know"),
        },
    ),
    "unplanned_stay": (
        N_("Have you had an unplanned stay in hospital in the last few weeks?"),
        {
            "yes": N_("Yes"),
            "no": N_("No"),
        },
    ),
}
# SPPC study: metastatic digestive, gynaecological, ENT cancers and sarcomas after an unplanned stay.
EARLY_PALLIATIVE_GROUPS = frozenset({"digestive", "gynaecological", "ent", "sarcoma"})


# --- What the answers give ----------------------------------------------------------------------


@dataclass
class Need:
    """A care worth asking about, and why (the items that pointed to it)."""

    care: str
    reasons: list[str] = field(default_factory=list)  # symptom or problem labels (msgids)
    severe: bool = False


@dataclass
class Outcome:
    urgent: list[UrgentSign]
    urgent_actions: set[str]
    fever_on_treatment: bool
    scores: list[tuple[Symptom, int, str]]  # (symptom, score, band) for answered symptoms
    distress: int | None
    distress_band: str | None
    problems: list[Problem]
    tell_team: list[tuple[Symptom, int, str]]  # scores at or above MODERATE, worst first
    needs: list[Need]
    early_palliative: bool


def urgent_signs(answers: dict) -> list[UrgentSign]:
    ticked = set(answers.get("urgent", {}).get("signs", []))
    return [s for s in URGENT_SIGNS if s.key in ticked]


def suggests_early_palliative_care(context: dict) -> bool:
    """Metastatic digestive/gynaecological/ENT cancer or sarcoma, with an unplanned hospital stay."""
    return (
        context.get("cancer_group") in EARLY_PALLIATIVE_GROUPS
        and context.get("metastatic") == "yes"
        and context.get("unplanned_stay") == "yes"
    )


def evaluate(answers: dict) -> Outcome:
    """Turn checked answers into urgent actions, banded scores and needs mapped to the basket of cares."""
    urgent = urgent_signs(answers)
    on_treatment = answers.get("urgent", {}).get("on_treatment")
    symptoms = answers.get("symptoms", {})
    scores = [(s, symptoms[s.key], band(symptoms[s.key])) for s in SYMPTOMS if symptoms.get(s.key) is not None]
    distress_answers = answers.get("distress", {})
    distress = distress_answers.get("score")
    problems = [PROBLEMS[k] for k in PROBLEMS if k in set(distress_answers.get("problems", []))]

    needs: dict[str, Need] = {}

    def point_to(care: str, reason: str, severe: bool = False):
        need = needs.setdefault(care, Need(care))
        if reason not in need.reasons:
            need.reasons.append(reason)
        need.severe = need.severe or severe

    tell_team = sorted(((s, v, b) for s, v, b in scores if v >= MODERATE), key=lambda t: -t[1])
    for symptom, value, _ in tell_team:
        for care in symptom.cares:
            point_to(care, symptom.question, value >= SEVERE)
    if distress is not None and distress >= MODERATE:
        point_to("psychology", N_("Distress"), distress >= SEVERE)
    for problem in problems:
        for care in problem.cares:
            point_to(care, problem.label)
    # Severe pain: the particular techniques are worth asking about too.
    pain = symptoms.get("pain")
    if pain is not None and pain >= SEVERE:
        point_to("intrathecal", SYMPTOMS[0].question, True)

    ordered = sorted(needs.values(), key=lambda n: (not n.severe, -len(n.reasons)))
    return Outcome(
        urgent=urgent,
        urgent_actions={s.action for s in urgent},
        fever_on_treatment=any(s.key == "fever" for s in urgent) and on_treatment in ("yes", "unsure"),
        scores=scores,
        distress=distress,
        distress_band=band(distress) if distress is not None else None,
        problems=problems,
        tell_team=tell_team,
        needs=ordered,
        early_palliative=suggests_early_palliative_care(answers.get("context", {})),
    )
