"""The self-assessment: its questions, and `evaluate`, which applies the clinical rules to the answers.

The questions are written in our own words, inspired by validated tools (not the tools themselves):
0–10 symptom scales in the style of the revised Edmonton Symptom Assessment System, a 0–10 distress
scale with a problem list, and a few optional questions on the person's situation. Every threshold,
urgent sign, escalation and suggestion, with its source, is in clinical_rules. This module never
diagnoses: it turns answers into who to call, what to tell the care team and cares to ask about.
"""

from dataclasses import dataclass, field

from companion.assessment.clinical_rules import (
    CONTEXT_RULES,
    DISTRESS,
    DISTRESS_CUT_OFF,
    ESCALATIONS,
    EXCLUSIONS,
    FEVER_SIGN,
    MODERATE,
    ON_TREATMENT_ANSWERS,
    SEVERE,
    SUGGESTIONS,
    TIERS,
    URGENT_SIGNS,
    ContextRule,
    Escalation,
    Tier,
    UrgentSign,
    context_applies,
)
from companion.translatable import N_

STEPS = ("urgent", "symptoms", "distress", "context")


def band(score: int, moderate: int = MODERATE) -> str:
    """none (0), mild, moderate (from `moderate`) or severe (SEVERE and above), for a 0–10 score."""
    if score >= SEVERE:
        return "severe"
    if score >= moderate:
        return "moderate"
    return "mild" if score > 0 else "none"


BANDS = {"none": N_("none"), "mild": N_("mild"), "moderate": N_("moderate"), "severe": N_("severe")}

TREATMENT_ANSWERS = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "unsure": N_("I don’t know"),
}
ON_TREATMENT_QUESTION = N_(
    "Are you having chemotherapy, immunotherapy, targeted therapy or radiotherapy, or did you have some in the last 6 weeks?"
)


# --- Symptoms -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Symptom:
    key: str
    question: str
    low: str  # what 0 means
    high: str  # what 10 means
    tell_team: str


SYMPTOMS = (
    Symptom(
        "pain",
        N_("Pain"),
        N_("no pain"),
        N_("worst pain you can imagine"),
        N_("Tell your care team how strong the pain is, where, and what helps or not."),
    ),
    Symptom(
        "tiredness",
        N_("Tiredness (lack of energy)"),
        N_("no tiredness"),
        N_("worst tiredness"),
        N_("Tell your care team how tiredness limits your days."),
    ),
    Symptom(
        "drowsiness",
        N_("Drowsiness (feeling sleepy)"),
        N_("not drowsy"),
        N_("worst drowsiness"),
        N_("Tell your care team: drowsiness can come from medicines and can often be eased."),
    ),
    Symptom(
        "nausea",
        N_("Nausea (feeling sick)"),
        N_("no nausea"),
        N_("worst nausea"),
        N_("Tell your care team: there are medicines and tips against nausea."),
    ),
    Symptom(
        "appetite",
        N_("Lack of appetite"),
        N_("appetite as usual"),
        N_("no appetite at all"),
        N_("Tell your care team, and mention any weight loss."),
    ),
    Symptom(
        "breathlessness",
        N_("Shortness of breath"),
        N_("no shortness of breath"),
        N_("worst shortness of breath"),
        N_("Tell your care team soon."),
    ),
    Symptom(
        "low_mood",
        N_("Low mood (feeling sad or down)"),
        N_("not down at all"),
        N_("as down as can be"),
        N_("Tell your care team how you feel: support exists and can help."),
    ),
    Symptom(
        "anxiety",
        N_("Anxiety (feeling worried or nervous)"),
        N_("not worried at all"),
        N_("as worried as can be"),
        N_("Tell your care team what worries you."),
    ),
    Symptom(
        "wellbeing",
        N_("Overall wellbeing (how you feel in general)"),
        N_("best I could feel"),
        N_("worst I could feel"),
        N_("Tell your care team how you feel overall."),
    ),
    Symptom(
        "other",
        N_("Another problem"),
        N_("no problem"),
        N_("worst possible"),
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


PROBLEM_GROUPS = (
    (
        N_("Practical matters"),
        (
            Problem("money", N_("Money")),
            Problem("work", N_("Work or studies")),
            Problem("housing", N_("Housing")),
            Problem("transport", N_("Transport")),
            Problem("paperwork", N_("Paperwork and rights")),
        ),
    ),
    (
        N_("Family and relationships"),
        (
            Problem("family", N_("Relationships with partner, children or family")),
            Problem("caregiver", N_("My loved ones are worn out or worried")),
        ),
    ),
    (
        N_("Emotions"),
        (
            Problem("worry", N_("Worry, fear or sadness")),
            Problem("loneliness", N_("Feeling alone")),
        ),
    ),
    (
        N_("Body and daily life"),
        (
            Problem("sexuality", N_("Intimate and sexual life")),
            Problem("fertility", N_("Having children later")),
            Problem("body_image", N_("Changes in my body or appearance")),
            Problem("eating", N_("Eating")),
            Problem("sleep", N_("Sleep")),
            Problem("activity", N_("Moving and staying active")),
        ),
    ),
    (N_("Meaning and beliefs"), (Problem("spiritual", N_("Questions of meaning, faith or beliefs")),)),
    (N_("Habits"), (Problem("tobacco_alcohol", N_("Tobacco or alcohol")),)),
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


# --- What the answers give ----------------------------------------------------------------------


@dataclass
class Need:
    """A care worth asking about, and why (the items that pointed to it)."""

    care: str
    reasons: list[str] = field(default_factory=list)  # symptom or problem labels (msgids)
    severe: bool = False
    notes: list[str] = field(default_factory=list)  # when the care fits (msgids)


@dataclass
class Outcome:
    urgent: list[UrgentSign]
    urgent_by_tier: list[tuple[Tier, list[UrgentSign]]]  # tiers in the table's order
    fever_on_treatment: bool
    scores: list[tuple[Symptom, int, str]]  # (symptom, score, band) for answered symptoms
    distress: int | None
    distress_band: str | None
    distress_flagged: bool  # at or above the distress cut-off
    problems: list[Problem]
    tell_team: list[tuple[Symptom, int, str]]  # scores at or above MODERATE, worst first
    severe: list[tuple[str, int]]  # (label msgid, score) at or above SEVERE, worst first
    escalations: list[Escalation]  # from SEVERE: the "call today" block, the call itself first
    advice: dict[str, list[Escalation]]  # below SEVERE: said with the item's score, by item
    needs: list[Need]
    context: list[ContextRule]

    @property
    def urgent_actions(self) -> set[str]:
        return {tier.key for tier, _ in self.urgent_by_tier}

    @property
    def act_first(self) -> bool:
        """Something to do before reading on: an urgent sign or a severe score."""
        return bool(self.urgent or self.severe)


def urgent_signs(answers: dict) -> list[UrgentSign]:
    ticked = set(answers.get("urgent", {}).get("signs", []))
    return [s for s in URGENT_SIGNS if s.key in ticked]


def _scores(answers: dict) -> dict[str, int]:
    """Every answered 0–10 item by key: the symptoms, and distress."""
    scores = {k: v for k, v in answers.get("symptoms", {}).items() if k in SYMPTOM_KEYS and v is not None}
    distress = answers.get("distress", {}).get("score")
    if distress is not None:
        scores[DISTRESS] = distress
    return scores


def item_label(item: str) -> str:
    """The msgid naming a 0–10 item: a symptom's question, or distress."""
    return N_("Distress") if item == DISTRESS else next(s.question for s in SYMPTOMS if s.key == item)


def evaluate(answers: dict) -> Outcome:
    """Apply the clinical rules to checked answers: urgent tiers, escalations, banded scores, needs, context."""
    urgent = urgent_signs(answers)
    on_treatment = answers.get("urgent", {}).get("on_treatment")
    values = _scores(answers)
    scores = [(s, values[s.key], band(values[s.key])) for s in SYMPTOMS if s.key in values]
    distress = values.get(DISTRESS)
    ticked = set(answers.get("distress", {}).get("problems", []))
    problems = [PROBLEMS[k] for k in PROBLEMS if k in ticked]
    context = context_rules(answers.get("context", {}))

    def reaches(items, at_least) -> list[str]:
        return [i for i in items if i in values and values[i] >= at_least]

    needs: dict[str, Need] = {}

    def point_to(care: str, reason: str, severe: bool = False, note: str = ""):
        need = needs.setdefault(care, Need(care))
        if reason not in need.reasons:
            need.reasons.append(reason)
        if note and note not in need.notes:
            need.notes.append(note)
        need.severe = need.severe or severe

    # Worst first, so reasons are listed by weight.
    for rule in sorted(SUGGESTIONS, key=lambda r: r.at_least is None):
        if rule.at_least is None:
            hits = [(PROBLEMS[i].label, False) for i in rule.items if i in ticked]
        else:
            hit_items = sorted(reaches(rule.items, rule.at_least), key=lambda i: -values[i])
            hits = [(item_label(i), values[i] >= SEVERE) for i in hit_items]
        for reason, severe in hits:
            for care in rule.cares:
                point_to(care, reason, severe, rule.note)
    for rule in context:
        for care in rule.cares:
            point_to(care, rule.title)
    for exclusion in EXCLUSIONS:
        if reaches(exclusion.items, exclusion.at_least) or (exclusion.any_urgent_sign and urgent):
            needs.pop(exclusion.care, None)

    advice: dict[str, list[Escalation]] = {}
    for escalation in ESCALATIONS:
        if escalation.at_least < SEVERE:
            for item in reaches(escalation.items, escalation.at_least):
                advice.setdefault(item, []).append(escalation)
    severe = sorted(((item_label(i), values[i]) for i in reaches(values, SEVERE)), key=lambda t: -t[1])
    ordered_needs = sorted(needs.values(), key=lambda n: (not n.severe, -len(n.reasons)))
    return Outcome(
        urgent=urgent,
        urgent_by_tier=[(t, signs) for t in TIERS.values() if (signs := [s for s in urgent if s.tier == t.key])],
        fever_on_treatment=any(s.key == FEVER_SIGN for s in urgent) and on_treatment in ON_TREATMENT_ANSWERS,
        scores=scores,
        distress=distress,
        distress_band=band(distress, DISTRESS_CUT_OFF) if distress is not None else None,
        distress_flagged=distress is not None and distress >= DISTRESS_CUT_OFF,
        problems=problems,
        tell_team=sorted(((s, v, b) for s, v, b in scores if v >= MODERATE), key=lambda t: -t[1]),
        severe=severe,
        escalations=[e for e in ESCALATIONS if e.at_least >= SEVERE and reaches(e.items, e.at_least)],
        advice=advice,
        needs=ordered_needs,
        context=context,
    )


def context_rules(context: dict) -> list[ContextRule]:
    """The context rules that fire for these answers, in the table's order."""
    return [rule for rule in CONTEXT_RULES if context_applies(rule, context)]


# --- Guide mode: the same questions, speaking of "the person" -----------------------------------

# A volunteer reads the questions to someone else: every question, option, anchor and heading that
# speaks to "you" (or as "I") has its wording about the person. Shown in place of the key in guide mode.
GUIDE_WORDING = {
    ON_TREATMENT_QUESTION: N_(
        "Is the person having chemotherapy, immunotherapy, targeted therapy or radiotherapy, or did they have some in the last 6 weeks?"
    ),
    N_("I don’t know"): N_("Not known"),
    N_("I don’t know yet"): N_("Not known yet"),
    N_("worst pain you can imagine"): N_("worst pain imaginable"),
    N_("Overall wellbeing (how you feel in general)"): N_("Overall wellbeing (how the person feels in general)"),
    N_("best I could feel"): N_("feeling as well as possible"),
    N_("worst I could feel"): N_("feeling as bad as possible"),
    N_("My loved ones are worn out or worried"): N_("Loved ones worn out or worried"),
    N_("Changes in my body or appearance"): N_("Changes in the body or appearance"),
    N_("Where are you in your treatment?"): N_("Where is the person in their treatment?"),
    N_("I am the patient"): N_("The patient"),
    N_("Would you like to have children in the future?"): N_("Would the person like to have children in the future?"),
    N_("Have you had an unplanned stay in hospital in the last few weeks?"): N_(
        "Has the person had an unplanned stay in hospital in the last few weeks?"
    ),
    N_("Call your cancer team now"): N_("Call the person’s cancer team now"),
    N_("Call your care team today"): N_("Call the person’s care team today"),
    N_("Call 15 or 112 now. If you cannot hear or speak, send a text message to 114."): N_(
        "Call 15 or 112 now. If the person cannot hear or speak, send a text message to 114."
    ),
    N_("Call your cancer team’s emergency number now, day or night. If you cannot reach them, call 15."): N_(
        "Call the emergency number of the person’s cancer team now, day or night. If nobody answers, call 15."
    ),
    N_(
        "A score this high is severe: call your care team today, do not wait. Use the number they gave you, "
        "or the switchboard of the hospital where you are treated."
    ): N_(
        "A score this high is severe: call the person’s care team today, do not wait, on the number the team "
        "gave or through the switchboard of the hospital where the person is treated."
    ),
    N_("Your results"): N_("The person’s results"),
    N_("To tell your care team"): N_("To tell the care team"),
    N_("All your scores"): N_("All the scores"),
    N_("Change my answers"): N_("Change the answers"),
    N_("by text message, or the Urgence 114 app, if you cannot hear or speak"): N_(
        "by text message, or the Urgence 114 app, for someone who cannot hear or speak"
    ),
    # What to tell the care team, from a volunteer's mouth.
    N_("Tell your care team how strong the pain is, where, and what helps or not."): N_(
        "Tell the care team how strong the pain is, where, and what helps or not."
    ),
    N_("Tell your care team how tiredness limits your days."): N_(
        "Tell the care team how tiredness limits the person’s days."
    ),
    N_("Tell your care team: drowsiness can come from medicines and can often be eased."): N_(
        "Tell the care team: drowsiness can come from medicines and can often be eased."
    ),
    N_("Tell your care team: there are medicines and tips against nausea."): N_(
        "Tell the care team: there are medicines and tips against nausea."
    ),
    N_("Tell your care team, and mention any weight loss."): N_("Tell the care team, and mention any weight loss."),
    N_("Tell your care team soon."): N_("Tell the care team soon."),
    N_("Tell your care team how you feel: support exists and can help."): N_(
        "Tell the care team how the person feels: support exists and can help."
    ),
    N_("Tell your care team what worries you."): N_("Tell the care team what worries the person."),
    N_("Tell your care team how you feel overall."): N_("Tell the care team how the person feels overall."),
    N_("Tell your care team about this problem."): N_("Tell the care team about this problem."),
    N_("Tell your care team what weighs on you: help exists."): N_(
        "Tell the care team what weighs on the person: help exists."
    ),
}
