"""The self-assessment: its questions, and `evaluate`, which applies the clinical rules to the answers.

The questions are written in our own words, inspired by validated tools (not the tools themselves):
0–10 symptom scales in the style of the revised Edmonton Symptom Assessment System, a 0–10 distress
scale with a problem list, and a few optional questions on the person's situation. Every threshold,
urgent sign, escalation and suggestion, with its source, is in clinical_rules. This module never
diagnoses: it turns answers into who to call, what to tell the care team and cares to ask about.
"""

from dataclasses import dataclass, field

from companion.assessment.clinical_rules import (
    AMBERS_MAKE_RED,
    CALL_NOW,
    CAREGIVER_STRAIN,
    CONDITIONS,
    CONTEXT_RULES,
    DISTRESS,
    DISTRESS_CUT_OFF,
    DISTRESS_LABEL,
    EXCLUSIONS,
    FEVER_SIGN,
    ITEM_LABELS,
    MODERATE,
    SCORE_RULES,
    SEVERE,
    SIGNS,
    SUGGESTIONS,
    SYMPTOM_KEYS,
    SYMPTOMS,
    TIERS,
    URGENT_SIGNS,
    ContextRule,
    ScoreRule,
    Symptom,
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
YES_NO_UNSURE = {"yes": N_("Yes"), "no": N_("No"), "unsure": N_("I don’t know")}

# --- Who is answering (asked before the first step: the wording of every question follows it) -------

WHO_QUESTION = N_("Who is filling this in?")
RESPONDENTS = {
    "patient": N_("I have cancer: I answer for myself"),
    "caregiver": N_("A loved one, answering about the person with cancer"),
    "volunteer": N_("A volunteer, beside the person"),
}
# Answering about someone else: every question and result speaks of "the person".
ABOUT_SOMEONE_ELSE = frozenset({"caregiver", "volunteer"})

# --- The treatment, asked with the urgent signs (so their rules fire from the first step alone) ------

TREATMENT_QUESTIONS = {
    "on_treatment": N_(
        "Are you having treatment for cancer (a drip, injections, tablets or radiotherapy), or did you have some "
        "in the last 6\u00a0weeks?"
    ),
    "immunotherapy": N_("Have you had immunotherapy in the last 12\u00a0months?"),
    "tablets": N_("Do you take cancer medicine as tablets or capsules?"),
}
ON_TREATMENT_QUESTION = TREATMENT_QUESTIONS["on_treatment"]
TREATMENT_ANSWERS = YES_NO_UNSURE

# --- Symptoms (the scales themselves, SYMPTOMS, are with the rules that read them) --------------------

OTHER_PROBLEM_MAX_LENGTH = 80
# Asked after the scales: they decide how soon a score calls (blank or "I don't know" counts as yes).
SYMPTOM_CONDITION_QUESTIONS = {
    "breath_sudden": N_("If you are short of breath: did it come on suddenly, or is it there even at rest?"),
    "worse": N_("Has any of these come on in the last few days, or got quickly worse?"),
}


# --- What weighs on the person, and the problem list ------------------------------------------------


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
    "age": (
        N_("Age"),
        {
            "under_18": N_("Under 18"),
            "18_25": N_("18 to 25"),
            "26_39": N_("26 to 39"),
            "40_64": N_("40 to 64"),
            "65_74": N_("65 to 74"),
            "75_plus": N_("75 or over"),
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
        N_("In the last few weeks, have you had to stay in hospital when it was not planned?"),
        {
            "yes": N_("Yes"),
            "no": N_("No"),
        },
    ),
}


# Every question a context rule can read, with its answers.
SITUATION_QUESTIONS = {
    "respondent": (WHO_QUESTION, RESPONDENTS),
    **{key: (question, YES_NO_UNSURE) for key, question in TREATMENT_QUESTIONS.items()},
    **CONTEXT_QUESTIONS,
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
class Call:
    """One card of who to call and when: its tier, and the signs ticked and scores reached that call for it."""

    tier: Tier
    signs: list[UrgentSign] = field(default_factory=list)
    scores: list[tuple[str, int]] = field(default_factory=list)  # (label msgid, score), worst first
    says: list[ScoreRule] = field(default_factory=list)  # what the scores' rules add, with their numbers
    notes: list[str] = field(default_factory=list)  # what the signs add (msgids)
    ambers_together: bool = False  # brought to "now" by two or more signs of the "today" tier


@dataclass
class Outcome:
    urgent: list[UrgentSign]  # the signs ticked, in the table's order
    calls: list[Call]  # by tier, soonest first
    fever_on_treatment: bool
    scores: list[tuple[Symptom, int, str]]  # (symptom, score, band) for answered symptoms
    distress: int | None
    distress_band: str | None
    distress_flagged: bool  # at or above the distress cut-off
    caregiver_strain: int | None  # the caregiver's own, kept apart
    problems: list[Problem]
    tell_team: list[tuple[Symptom, int, str]]  # scores at or above MODERATE, worst first
    severe: list[tuple[str, int]]  # (label msgid, score) at or above SEVERE, worst first
    needs: list[Need]
    context: list[ContextRule]

    @property
    def caregiver_strain_band(self) -> str | None:
        return None if self.caregiver_strain is None else band(self.caregiver_strain)

    def call(self, tier: str) -> Call | None:
        return next((c for c in self.calls if c.tier.key == tier), None)

    @property
    def now(self) -> list[Call]:
        """The cards to act on before reading on: 15, the team now, 3114."""
        return [c for c in self.calls if c.tier.key in CALL_NOW]

    @property
    def call_15_first(self) -> bool:
        return self.call("emergency") is not None

    @property
    def urgent_actions(self) -> set[str]:
        return {c.tier.key for c in self.now}

    @property
    def act_first(self) -> bool:
        """Something to do before reading on: a call now or today."""
        return any(c.tier.urgency >= TIERS["today"].urgency for c in self.calls)


def urgent_signs(answers: dict) -> list[UrgentSign]:
    ticked = set(answers.get("urgent", {}).get("signs", []))
    return [s for s in URGENT_SIGNS if s.key in ticked]


def _scores(answers: dict) -> dict[str, int]:
    """Every answered 0–10 item by key: the symptoms, and distress (not the caregiver's own strain)."""
    scores = {k: v for k, v in answers.get("symptoms", {}).items() if k in SYMPTOM_KEYS and v is not None}
    distress = answers.get("distress", {}).get("score")
    if distress is not None:
        scores[DISTRESS] = distress
    return scores


def facts(answers: dict) -> dict:
    """What the answers say about the person's situation, by question key (blank answers are None)."""
    urgent, symptoms = answers.get("urgent", {}), answers.get("symptoms", {})
    return {
        **answers.get("context", {}),
        "respondent": answers.get("who", {}).get("respondent"),
        **{key: urgent.get(key) for key in TREATMENT_QUESTIONS},
        **{key: symptoms.get(key) for key in SYMPTOM_CONDITION_QUESTIONS},
    }


def holds(condition: str, answers: dict, known: dict | None = None) -> bool:
    """Whether a condition of the score rules holds (a key of CONDITIONS, or an urgent sign that must be ticked).
    `known`: facts(answers), if already worked out (an evaluation asks a dozen times)."""
    if condition in SIGNS:
        return condition in answers.get("urgent", {}).get("signs", [])
    rule = CONDITIONS[condition]
    return (facts(answers) if known is None else known).get(rule.question) in rule.values


def sign_tier(sign: UrgentSign, answers: dict, known: dict) -> str:
    """The sign's tier, raised to the team now when its condition holds (immunotherapy, say)."""
    return "team" if sign.raised_when and holds(sign.raised_when, answers, known) else sign.tier


def score_rules_fired(values: dict[str, int], answers: dict, known: dict) -> dict[str, list[ScoreRule]]:
    """For each scored item, the score rules it sets off, in the table's order."""
    fired: dict[str, list[ScoreRule]] = {}
    for rule in SCORE_RULES:
        if all(holds(c, answers, known) for c in rule.when):
            for item in rule.items:
                if values.get(item, -1) >= rule.at_least:
                    fired.setdefault(item, []).append(rule)
    return fired


def _calls(answers: dict, values: dict[str, int], known: dict) -> list[Call]:
    """Who to call and when: each sign in its tier, each score in the soonest tier its rules reach."""
    calls: dict[str, Call] = {}

    def card(tier: str) -> Call:
        return calls.setdefault(tier, Call(TIERS[tier]))

    for sign in urgent_signs(answers):
        call = card(sign_tier(sign, answers, known))
        call.signs.append(sign)
        if sign.note and sign.note not in call.notes:
            call.notes.append(sign.note)
    fired = score_rules_fired(values, answers, known)
    for item in sorted(fired, key=lambda i: -values[i]):
        rules = fired[item]
        call = card(max((r.tier for r in rules), key=lambda t: TIERS[t].urgency))
        call.scores.append((ITEM_LABELS[item], values[item]))
        for rule in rules:
            if rule.sign and SIGNS[rule.sign] not in call.signs:
                call.signs.append(SIGNS[rule.sign])
            if (rule.says or rule.numbers) and rule not in call.says:
                call.says.append(rule)
    _bring_ambers_forward(calls)
    return sorted(calls.values(), key=lambda c: -c.tier.urgency)


def _bring_ambers_forward(calls: dict[str, Call]):
    """Two or more signs of the "today" tier (same-day scores count as one) call for the team now."""
    today = calls.get("today")
    if today is None or len(today.signs) + bool(today.scores) < AMBERS_MAKE_RED:
        return
    now = calls.setdefault("team", Call(TIERS["team"]))
    now.signs += today.signs
    now.scores += today.scores
    now.says += [r for r in today.says if r not in now.says]
    now.notes += [n for n in today.notes if n not in now.notes]
    now.ambers_together = True
    del calls["today"]


def _needs(answers: dict, values: dict[str, int], context: list[ContextRule], urgent: list[UrgentSign]) -> list[Need]:
    """The cares worth asking about, the most pressing first, each with why."""
    ticked = set(answers.get("distress", {}).get("problems", []))
    signs = {s.key for s in urgent}
    strain = answers.get("distress", {}).get(CAREGIVER_STRAIN)
    values = {**values, **({CAREGIVER_STRAIN: strain} if strain is not None else {})}
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
        if rule.with_sign and rule.with_sign not in signs:
            continue
        if rule.at_least is None:
            hits = [(PROBLEMS[i].label, False) for i in rule.items if i in ticked]
        else:
            hit_items = sorted(reaching(values, rule.items, rule.at_least), key=lambda i: -values[i])
            hits = [(ITEM_LABELS[i], values[i] >= SEVERE) for i in hit_items]
        for reason, severe in hits:
            for care in rule.cares:
                point_to(care, reason, severe, rule.note)
    for rule in context:
        for care in rule.cares:
            point_to(care, rule.title)
    for exclusion in EXCLUSIONS:
        if reaching(values, exclusion.items, exclusion.at_least) or (exclusion.any_urgent_sign and urgent):
            needs.pop(exclusion.care, None)
    return sorted(needs.values(), key=lambda n: (not n.severe, -len(n.reasons)))


def reaching(values: dict[str, int], items, at_least: int) -> list[str]:
    return [i for i in items if i in values and values[i] >= at_least]


def evaluate(answers: dict) -> Outcome:
    """Apply the clinical rules to checked answers: who to call and when, banded scores, needs, context."""
    urgent = urgent_signs(answers)
    values = _scores(answers)
    scores = [(s, values[s.key], band(values[s.key])) for s in SYMPTOMS if s.key in values]
    distress = values.get(DISTRESS)
    ticked = set(answers.get("distress", {}).get("problems", []))
    known = facts(answers)
    context = context_rules(known)
    return Outcome(
        urgent=urgent,
        calls=_calls(answers, values, known),
        fever_on_treatment=any(s.key == FEVER_SIGN for s in urgent) and holds("on_treatment", answers, known),
        scores=scores,
        distress=distress,
        distress_band=band(distress) if distress is not None else None,
        distress_flagged=distress is not None and distress >= DISTRESS_CUT_OFF,
        caregiver_strain=answers.get("distress", {}).get(CAREGIVER_STRAIN),
        problems=[PROBLEMS[k] for k in PROBLEMS if k in ticked],
        tell_team=sorted(((s, v, b) for s, v, b in scores if v >= MODERATE), key=lambda t: -t[1]),
        severe=sorted(((ITEM_LABELS[i], values[i]) for i in reaching(values, values, SEVERE)), key=lambda t: -t[1]),
        needs=_needs(answers, values, context, urgent),
        context=context,
    )


def context_rules(context: dict) -> list[ContextRule]:
    """The context rules that fire for these answers, in the table's order."""
    return [rule for rule in CONTEXT_RULES if context_applies(rule, context)]


# --- Guide mode: the same questions, speaking of "the person" -----------------------------------

# A volunteer reads the questions to someone else: every question, option, anchor and heading that
# speaks to "you" (or as "I") has its wording about the person. Shown in place of the key in guide mode.
GUIDE_WORDING = {
    # Questions and answers
    TREATMENT_QUESTIONS["on_treatment"]: N_(
        "Is the person having treatment for cancer (a drip, injections, tablets or radiotherapy), or did they have "
        "some in the last 6\u00a0weeks?"
    ),
    TREATMENT_QUESTIONS["immunotherapy"]: N_("Has the person had immunotherapy in the last 12\u00a0months?"),
    TREATMENT_QUESTIONS["tablets"]: N_("Does the person take cancer medicine as tablets or capsules?"),
    SYMPTOM_CONDITION_QUESTIONS["breath_sudden"]: N_(
        "If the person is short of breath: did it come on suddenly, or is it there even at rest?"
    ),
    SYMPTOM_CONDITION_QUESTIONS["worse"]: N_(
        "Has any of these come on in the last few days, or got quickly worse, for the person?"
    ),
    N_("I don’t know"): N_("Not known"),
    N_("I don’t know yet"): N_("Not known yet"),
    N_("worst pain you can imagine"): N_("the worst pain imaginable"),
    N_("Overall wellbeing (how you feel in general)"): N_("Overall wellbeing (how the person feels in general)"),
    N_("best I could feel"): N_("feeling as well as possible"),
    N_("worst I could feel"): N_("feeling as bad as possible"),
    N_("My loved ones are worn out or worried"): N_("Loved ones worn out or worried"),
    N_("Changes in my body or appearance"): N_("Changes in the body or appearance"),
    N_("Where are you in your treatment?"): N_("Where is the person in their treatment?"),
    N_("Would you like to have children in the future?"): N_("Would the person like to have children in the future?"),
    N_("In the last few weeks, have you had to stay in hospital when it was not planned?"): N_(
        "In the last few weeks, has the person had to stay in hospital when it was not planned?"
    ),
    N_("Has the cancer spread to other organs (metastases)?"): N_(
        "Has the person’s cancer spread to other organs (metastases)?"
    ),
    DISTRESS_LABEL: N_("What weighs on the person"),
    # Who to call
    N_("Call your cancer team now"): N_("Call the person’s cancer team now"),
    N_("Call your care team today"): N_("Call the person’s care team today"),
    N_("Tell your care team within a few days"): N_("Tell the person’s care team within a few days"),
    N_("If you cannot hear or speak, send a text message to 114."): N_(
        "If the person cannot hear or speak, send a text message to 114."
    ),
    N_("On their emergency number, day or night. If you cannot reach them, call 15."): N_(
        "On the team’s emergency number, day or night. If nobody answers, call 15."
    ),
    N_(
        "Within 24\u00a0hours: on the number your cancer team gave you, or through the switchboard of the "
        "hospital where you are treated."
    ): N_(
        "Within 24\u00a0hours: on the number the person’s cancer team gave, or through the switchboard of the "
        "hospital where the person is treated."
    ),
    N_(
        "In the evening, at the weekend or on a public holiday: your team’s 24-hour line if they gave you one; "
        "otherwise the doctor on call on 116 117 where it is in place, or 15. Do not wait until Monday."
    ): N_(
        "In the evening, at the weekend or on a public holiday: the team’s 24-hour line if the person has one; "
        "otherwise the doctor on call on 116 117 where it is in place, or 15. Do not wait until Monday."
    ),
    N_("Before your next treatment. After treatment, your family doctor can help too."): N_(
        "Before the next treatment. After treatment, the person’s family doctor can help too."
    ),
    N_("Two or more of these together: call your cancer team now, do not wait until later today."): N_(
        "Two or more of these together: call the person’s cancer team now, do not wait until later today."
    ),
    N_("Pain this strong needs your cancer team now, day or night."): N_(
        "Pain this strong needs the person’s cancer team now, day or night."
    ),
    N_("Strong pain that the prescribed medicine does not relieve needs your cancer team now."): N_(
        "Strong pain that the prescribed medicine does not relieve needs the person’s cancer team now."
    ),
    N_(
        "Feeling very unwell or shivery during treatment can be an infection: take your temperature, and call "
        "your cancer team now if it is 38\u00a0°C or more, or if you feel worse."
    ): N_(
        "Feeling very unwell or shivery during treatment can be an infection: take the person’s temperature, and "
        "call their cancer team now if it is 38\u00a0°C or more, or if they feel worse."
    ),
    N_(
        "Take your temperature with a thermometer (under the arm or in the ear, not in the bottom). Do not take "
        "paracetamol, aspirin or ibuprofen to bring it down before calling, and do not wait for a second reading. "
        "Regular paracetamol or steroids can hide a fever: if you feel unwell without a fever, call anyway."
    ): N_(
        "Take the person’s temperature with a thermometer (under the arm or in the ear, not in the bottom). No "
        "paracetamol, aspirin or ibuprofen to bring it down before calling, and no waiting for a second reading. "
        "Regular paracetamol or steroids can hide a fever: if the person feels unwell without a fever, call anyway."
    ),
    N_(
        "If you take cancer tablets, do not take the next dose before your team says so: the leaflet of "
        "capecitabine, for one, asks this."
    ): N_(
        "If the person takes cancer tablets, no next dose before the team says so: the leaflet of capecitabine, for "
        "one, asks this."
    ),
    N_(
        "If thoughts of death or suicide come, call 3114 now: someone will listen, day and night. If there is "
        "danger right now, call 15 or 112."
    ): N_(
        "If the person has thoughts of death or suicide, call 3114 now: someone will listen, day and night. If "
        "there is danger right now, call 15 or 112."
    ),
    N_("Do you have thoughts of ending your life?"): N_(
        "Ask the person straight out whether they have thoughts of ending their life."
    ),
    N_(
        "This is not a diagnosis. Do what the boxes above say first; then these results help you talk with your "
        "care team."
    ): N_(
        "This is not a diagnosis. Do what the boxes above say first; then these results help talk with the "
        "person’s care team."
    ),
    N_(
        "This is not a diagnosis. It helps you talk with your care team: tell them what is below within a few days."
    ): N_(
        "This is not a diagnosis. It helps talk with the person’s care team: tell them what is below within a few days."
    ),
    N_(
        "This is not a diagnosis. If a symptom is new or getting worse, call your care team before your next "
        "appointment; otherwise take these results to it."
    ): N_(
        "This is not a diagnosis. If a symptom is new or getting worse, call the person’s care team before the "
        "next appointment; otherwise take these results to it."
    ),
    N_("Whatever the scores, you can talk to your care team about anything that bothers you."): N_(
        "Whatever the scores, the person can talk to their care team about anything that bothers them."
    ),
    N_("by text message, or the Urgence 114 app, if you cannot hear or speak"): N_(
        "by text message, or the Urgence 114 app, for someone who cannot hear or speak"
    ),
    N_(
        "Your cancer team’s number is often on your treatment booklet, a prescription or a letter from the hospital."
    ): N_(
        "The person’s cancer team number is often on their treatment booklet, a prescription or a letter from the "
        "hospital."
    ),
    # The home page and the person's list: what is about the person (whose list it is follows guide mode alone).
    N_("My needs"): N_("The person’s needs"),
    N_("Near me"): N_("Nearby"),
    N_("A short self-assessment to prepare a talk with your care team."): N_(
        "A short self-assessment to prepare a talk with the person’s care team."
    ),
    N_("The supportive care you want to ask about, and where you are with each."): N_(
        "The supportive care the person wants to ask about, and where they are with each."
    ),
    N_("Printable view for my next appointment"): N_("Printable view for the person’s next appointment"),
    N_("Something of my own (for example: ask about a wig, see a social worker)"): N_(
        "Something else the person wants (for example: ask about a wig, see a social worker)"
    ),
    N_("Where I am"): N_("Where the person is"),
    N_("Not for me"): N_("Not for the person"),
    N_("My note (%(max)s characters at most)"): N_("Note (%(max)s characters at most)"),
    N_("My scores over time"): N_("The person’s scores over time"),
    N_("Save your self-assessment results here to follow your scores between treatments."): N_(
        "Self-assessment results saved for the person show here, to follow the scores between treatments."
    ),
    N_("Supportive care in my checklist"): N_("Supportive care in the person’s list"),
    N_("Your checklist is empty for now."): N_("The person’s list is empty for now."),
    # Results
    N_("Your results"): N_("The person’s results"),
    N_("To tell your care team"): N_("To tell the care team"),
    N_("All your scores"): N_("All the scores"),
    N_("Change my answers"): N_("Change the answers"),
    # What to tell the care team, from someone else's mouth.
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
    N_("Tell your care team what it stops you from doing, and whether it is getting worse."): N_(
        "Tell the care team what it stops the person from doing, and whether it is getting worse."
    ),
    N_("Tell your care team how you feel: support exists and can help."): N_(
        "Tell the care team how the person feels: support exists and can help."
    ),
    N_("Tell your care team what worries you."): N_("Tell the care team what worries the person."),
    N_("Tell your care team how you feel overall."): N_("Tell the care team how the person feels overall."),
    N_("Tell your care team about this problem."): N_("Tell the care team about this problem."),
    N_("Tell your care team what weighs on you: help exists."): N_(
        "Tell the care team what weighs on the person: help exists."
    ),
    # Context rules
    N_(
        "Some cancer treatments can lower fertility, in women and in men, sometimes for good. "
        "Your doctors must tell you about it before treatment."
    ): N_(
        "Some cancer treatments can lower fertility, in women and in men, sometimes for good. "
        "The person’s doctors must tell them about it before treatment."
    ),
    N_(
        "Keeping eggs, sperm or tissue is decided case by case and has to be organised before the first "
        "treatment: ask your cancer doctor now."
    ): N_(
        "Keeping eggs, sperm or tissue is decided case by case and has to be organised before the first "
        "treatment: the person can ask their cancer doctor now."
    ),
    N_(
        "Some cancer treatments can lower fertility, in women and in men. Ask your cancer doctor what your "
        "treatment may change and what can still be done."
    ): N_(
        "Some cancer treatments can lower fertility, in women and in men. The person can ask their cancer doctor "
        "what the treatment may change and what can still be done."
    ),
    N_("A pregnancy during treatment can be risky: ask your team which contraception to use, and for how long."): N_(
        "A pregnancy during treatment can be risky: the person can ask their team which contraception to use, and "
        "for how long."
    ),
    N_("While you are on treatment"): N_("While the person is on treatment"),
    N_(
        "Wash your hands often, keep away from people with a cold or the flu, and ask your team which foods to avoid."
    ): N_("Wash hands often, keep away from people with a cold or the flu, and ask the team which foods to avoid."),
    N_(
        "No suppositories, enemas or temperature taken in the bottom during chemotherapy, unless your team "
        "says otherwise."
    ): N_(
        "No suppositories, enemas or temperature taken in the bottom during chemotherapy, unless the team says "
        "otherwise."
    ),
    N_("Ask your team about contraception: a pregnancy during treatment can be risky."): N_(
        "The person can ask their team about contraception: a pregnancy during treatment can be risky."
    ),
    N_(
        "With diarrhoea, vomiting, a sore mouth or painful red hands or feet, call your team before the next "
        "dose: for some tablets, such as capecitabine, the leaflet says to stop until they say so."
    ): N_(
        "With diarrhoea, vomiting, a sore mouth or painful red hands or feet, call the team before the next dose: "
        "for some tablets, such as capecitabine, the leaflet says to stop until the team says so."
    ),
    N_("If you vomit a dose, do not take it again. If you forget one, do not take two at once."): N_(
        "A dose that is vomited is not taken again. A forgotten dose is not made up by taking two at once."
    ),
    N_(
        "Its side effects can come months later, up to a year after the last dose. Tell any doctor you see, "
        "and the emergency services if you call them, that you have had immunotherapy, and show your "
        "treatment card."
    ): N_(
        "Its side effects can come months later, up to a year after the last dose. Tell any doctor, and the "
        "emergency services if they are called, that the person has had immunotherapy, and show the person’s "
        "treatment card."
    ),
    N_(
        "Palliative care teams help with symptoms, with choosing the treatments that suit you and with plans "
        "for life. They can come in at any stage of the illness, together with the cancer treatment."
    ): N_(
        "Palliative care teams help with symptoms, with choosing the treatments that suit the person and with "
        "plans for life. They can come in at any stage of the illness, together with the cancer treatment."
    ),
    N_("It is not only for the end of life. You can ask your cancer doctor to meet a palliative care team."): N_(
        "It is not only for the end of life. The person can ask their cancer doctor to meet a palliative care team."
    ),
    N_(
        "It should start by the end of 2026 in about 20 centres. Whether this helps is what the study will "
        "measure. You can ask your cancer doctor whether your centre takes part."
    ): N_(
        "It should start by the end of 2026 in about 20 centres. Whether this helps is what the study will "
        "measure. The person can ask their cancer doctor whether their centre takes part."
    ),
    N_(
        "Children and teenagers with cancer are followed by paediatric cancer teams, who also organise their "
        "supportive care. In Île-de-France, the RIFHOP network links these teams: ask the cancer team that "
        "follows you."
    ): N_(
        "Children and teenagers with cancer are followed by paediatric cancer teams, who also organise their "
        "supportive care. In Île-de-France, the RIFHOP network links these teams: ask the cancer team that "
        "follows the person."
    ),
    N_(
        "From 15 to 25, there are teams for adolescents and young adults (AJA): they help with studies, work, "
        "friends and life at this age. Ask your cancer team how to meet them."
    ): N_(
        "From 15 to 25, there are teams for adolescents and young adults (AJA): they help with studies, work, "
        "friends and life at this age. Ask the person’s cancer team how to meet them."
    ),
    N_(
        "From 75, a geriatric assessment can help choose a treatment that suits your health and your life. "
        "Ask your cancer doctor about it."
    ): N_(
        "From 75, a geriatric assessment can help choose a treatment that suits the person’s health and life. "
        "Ask their cancer doctor about it."
    ),
    # The care explanations shown with the results (companion/cares/catalogue.py).
    N_(
        "Pain is not something you have to put up with. Say it, have it measured, and get treatment that suits you."
    ): N_(
        "Pain is not something the person has to put up with. Say it, have it measured, and get treatment that suits them."
    ),
    N_("Your cancer doctor or GP first; a chronic pain structure for pain that lasts or resists treatment."): N_(
        "The person’s cancer doctor or GP first; a chronic pain structure for pain that lasts or resists treatment."
    ),
    N_("Help when eating is hard, when you lose weight or appetite, or when treatments upset your stomach."): N_(
        "Help when eating is hard, when the person loses weight or appetite, or when treatments upset their stomach."
    ),
    N_("A dietitian or a nutrition doctor, at the hospital or in town. Ask your care team for a referral."): N_(
        "A dietitian or a nutrition doctor, at the hospital or in town. The care team can refer the person."
    ),
    N_(
        "Someone to talk to about worry, sadness, fear or anything that weighs on you, at any stage of the illness."
    ): N_(
        "Someone to talk to about worry, sadness, fear or anything that weighs on the person, at any stage of the illness."
    ),
    N_("A psychologist or psychiatrist used to working with people with cancer. Ask your care team."): N_(
        "A psychologist or psychiatrist used to working with people with cancer. The care team can say who."
    ),
    N_("The hospital social worker. Information spaces can also guide you."): N_(
        "The hospital social worker. Information spaces can also guide the person."
    ),
    N_("Exercise adjusted to your strength. It reduces tiredness and helps morale and quality of life."): N_(
        "Exercise adjusted to the person’s strength. It reduces tiredness and helps morale and quality of life."
    ),
    N_("A teacher in adapted physical activity or a physiotherapist, often on your doctor’s prescription."): N_(
        "A teacher in adapted physical activity or a physiotherapist, often on the person’s doctor’s prescription."
    ),
    N_("Support to stop smoking, drink less alcohol, eat better or move more, at your own pace."): N_(
        "Support to stop smoking, drink less alcohol, eat better or move more, at the person’s own pace."
    ),
    N_("Your doctor, or a stop-smoking or addiction specialist."): N_(
        "The person’s doctor, or a stop-smoking or addiction specialist."
    ),
    N_("A fertility preservation centre, through your cancer doctor. Ask as early as possible."): N_(
        "A fertility preservation centre, through the person’s cancer doctor. Ask as early as possible."
    ),
    N_("Doctors and nurses trained in sexual health and cancer (onco-sexology). Ask your care team."): N_(
        "Doctors and nurses trained in sexual health and cancer (onco-sexology). The care team can say who."
    ),
    N_("A pain or anaesthesia team. Ask your cancer doctor whether it could suit you."): N_(
        "A pain or anaesthesia team. The person can ask their cancer doctor whether it could suit them."
    ),
}
