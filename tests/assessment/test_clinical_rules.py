"""The clinical rules as a decision table: one test per rule, from the table itself, and the table's integrity."""

import re
from datetime import date

import pytest

from companion.assessment.clinical_rules import (
    AMBERS_MAKE_RED,
    CAREGIVER_STRAIN,
    CONDITIONS,
    CONTEXT_RULES,
    DISTRESS,
    DISTRESS_CUT_OFF,
    EXCLUSIONS,
    MODERATE,
    NUMBERS,
    SCORE_RULES,
    SEVERE,
    SIGNS,
    SOURCES,
    SUGGESTIONS,
    SYMPTOM_KEYS,
    SYMPTOMS,
    THRESHOLDS,
    TIERS,
    TOP,
    UNANSWERED,
    URGENT_SIGNS,
    context_applies,
)
from companion.assessment.questions import (
    PROBLEMS,
    SITUATION_QUESTIONS,
    evaluate,
    holds,
)
from companion.cares.catalogue import CARES
from companion.config import LANGUAGES
from tests.helpers import ROOT

ITEMS = [*SYMPTOM_KEYS, DISTRESS]
# Answers under which no condition holds: on no treatment, no immunotherapy, nothing new or sudden.
CALM = {
    "urgent": {"on_treatment": "no", "immunotherapy": "no", "tablets": "no"},
    "symptoms": {"worse": "no", "breath_sudden": "no"},
}


def scored(item: str, value: int, base: dict | None = None) -> dict:
    """Answers with one 0–10 item scored, on top of `base` (CALM by default)."""
    answers = {k: dict(v) for k, v in (CALM if base is None else base).items()}
    if item == DISTRESS:
        answers.setdefault("distress", {})["score"] = value
    else:
        answers.setdefault("symptoms", {})[item] = value
    return answers


def tiers_of(outcome) -> dict[str, list[str]]:
    """Each call's tier, with the signs and scored items in it."""
    return {c.tier.key: [s.key for s in c.signs] + [label for label, _ in c.scores] for c in outcome.calls}


# --- The table holds together ---------------------------------------------------------------------


def every_rule():
    yield from TIERS.values()
    yield from URGENT_SIGNS
    yield from THRESHOLDS
    yield from SCORE_RULES
    yield from SUGGESTIONS
    yield from EXCLUSIONS
    yield from CONTEXT_RULES
    yield from NUMBERS.values()


@pytest.mark.parametrize("rule", list(every_rule()), ids=repr)
def test_every_rule_cites_known_sources(rule):
    assert rule.sources and set(rule.sources) <= set(SOURCES)


def test_every_source_is_cited_and_every_sign_tier_is_used():
    cited = {key for rule in every_rule() for key in rule.sources}
    assert cited | {"esas"} >= set(SOURCES)  # esas: the questions themselves (shown on /sources)
    assert {s.tier for s in URGENT_SIGNS} == {"emergency", "team", "crisis", "today"}
    assert len(SIGNS) == len(URGENT_SIGNS)


def test_every_number_offered_is_in_the_table():
    offered = {n for t in TIERS.values() for n in t.numbers} | {n for r in SCORE_RULES for n in r.numbers}
    assert offered <= set(NUMBERS)
    assert {n.scheme for n in NUMBERS.values()} == {"tel", "sms"}
    assert NUMBERS["114"].scheme == "sms"  # for people who cannot hear or speak
    for numbers in [t.numbers for t in TIERS.values()] + [r.numbers for r in SCORE_RULES]:
        assert not numbers or "114" in numbers  # a deaf person is never offered voice numbers only


def test_rules_name_only_known_items_signs_cares_and_answers():
    items = set(ITEMS)
    for rule in SCORE_RULES:
        assert set(rule.items) <= items and rule.tier in TIERS
        assert set(rule.when) <= set(CONDITIONS) | set(SIGNS)
        assert not rule.sign or rule.sign in SIGNS
    for rule in EXCLUSIONS:
        assert set(rule.items) <= items
    for sign in URGENT_SIGNS:
        assert not sign.raised_when or sign.raised_when in CONDITIONS
    for suggestion in SUGGESTIONS:
        known = items | {CAREGIVER_STRAIN} if suggestion.at_least is not None else set(PROBLEMS)
        assert set(suggestion.items) <= known and set(suggestion.cares) <= set(CARES)
        assert not suggestion.with_sign or suggestion.with_sign in SIGNS
    assert {x.care for x in EXCLUSIONS} <= set(CARES)
    for rule in CONTEXT_RULES:
        assert set(rule.cares) <= set(CARES)
        for when in rule.when:
            for question, values in when.items():
                assert values <= set(SITUATION_QUESTIONS[question][1]) | {UNANSWERED}


def test_thresholds_are_the_sources_figures():
    assert (MODERATE, SEVERE, TOP, DISTRESS_CUT_OFF) == (4, 7, 9, 3)  # Selby 2010; ESAS-r "worst"; Dolbeault 2008
    assert {t.at_least for t in THRESHOLDS} == {MODERATE, SEVERE, TOP, DISTRESS_CUT_OFF}


def test_time_bound_rules_are_reread_before_their_date():
    """A rule about something that will change (a study due to start) carries a date; after it, this fails."""
    for rule in CONTEXT_RULES:
        if rule.review_by is not None:
            assert date.today() <= rule.review_by, f"{rule.key}: reread against its source, then move review_by"
    assert next(r for r in CONTEXT_RULES if r.key == "sppc_study").review_by is not None


# --- Urgent signs: one test each --------------------------------------------------------------------


@pytest.mark.parametrize("sign", URGENT_SIGNS, ids=lambda s: s.key)
def test_each_urgent_sign_calls_for_its_tier(sign):
    outcome = evaluate({**CALM, "urgent": {**CALM["urgent"], "signs": [sign.key]}})
    assert tiers_of(outcome) == {sign.tier: [sign.key]}
    assert outcome.act_first


@pytest.mark.parametrize("sign", [s for s in URGENT_SIGNS if s.raised_when], ids=lambda s: s.key)
@pytest.mark.parametrize("answer, raised", [("yes", True), ("unsure", True), (None, True), ("no", False)])
def test_a_sign_is_raised_to_now_when_its_condition_holds(sign, answer, raised):
    question = CONDITIONS[sign.raised_when].question
    outcome = evaluate({**CALM, "urgent": {**CALM["urgent"], "signs": [sign.key], question: answer}})
    assert tiers_of(outcome) == {("team" if raised else sign.tier): [sign.key]}


def test_calls_come_soonest_first_and_an_emergency_puts_15_first():
    outcome = evaluate({"urgent": {"signs": ["suicidal", "fever", "chest_pain", "back_pain"]}})
    assert [c.tier.key for c in outcome.calls] == ["emergency", "team", "crisis", "today"]
    assert outcome.call_15_first
    assert not evaluate({"urgent": {"signs": ["fever"]}}).call_15_first


@pytest.mark.parametrize("on_treatment, expected", [("yes", True), ("unsure", True), ("no", False), (None, True)])
def test_fever_note_with_recent_treatment_doubt_or_no_answer_and_fever_always_calls_now(on_treatment, expected):
    outcome = evaluate({"urgent": {"signs": ["fever"], "on_treatment": on_treatment}})
    assert outcome.fever_on_treatment is expected
    assert outcome.urgent_actions == {"team"}
    assert SIGNS["fever"].note in outcome.call("team").notes  # take the temperature; nothing to bring it down


def test_two_ambers_or_an_amber_and_a_same_day_score_call_now():
    base = {**CALM, "urgent": {**CALM["urgent"], "signs": ["back_pain"]}}
    assert set(tiers_of(evaluate(base))) == {"today"}
    two = evaluate({**CALM, "urgent": {**CALM["urgent"], "signs": ["back_pain", "mouth_sore"]}})
    assert set(tiers_of(two)) == {"team"} and two.call("team").ambers_together
    with_score = evaluate(scored("pain", SEVERE, base))  # pain 7: a same-day score, counted once
    assert set(tiers_of(with_score)) == {"team"} and with_score.call("team").ambers_together
    assert AMBERS_MAKE_RED == 2


# --- Scores: one test per score rule ----------------------------------------------------------------


def _conditions_met(rule) -> dict:
    answers = {k: dict(v) for k, v in CALM.items()}
    for condition in rule.when:
        if condition in SIGNS:
            answers["urgent"]["signs"] = [condition]
        else:
            step = "urgent" if CONDITIONS[condition].question in answers["urgent"] else "symptoms"
            answers[step][CONDITIONS[condition].question] = "yes"
    return answers


@pytest.mark.parametrize("rule", SCORE_RULES, ids=lambda r: r.key)
def test_each_score_rule_fires_from_its_threshold_for_its_items_and_conditions(rule):
    base = _conditions_met(rule)
    for item in ITEMS:
        at = evaluate(scored(item, rule.at_least, base))
        label = at.calls and next((lbl for c in at.calls for lbl, _ in c.scores), None)
        call = next((c for c in at.calls if any(v == rule.at_least for _, v in c.scores)), None)
        if item not in rule.items:
            continue
        assert call is not None, f"{item} at {rule.at_least} calls no one"
        assert call.tier.urgency >= TIERS[rule.tier].urgency  # the soonest tier it reaches, at least this one
        if rule.says or rule.numbers:
            assert any(rule in c.says for c in at.calls)
        if rule.sign:
            assert SIGNS[rule.sign] in call.signs  # in the sign's own words
        below = evaluate(scored(item, rule.at_least - 1, base)) if rule.at_least > 1 else None
        if below is not None:
            assert all(rule not in c.says for c in below.calls)
        assert label


@pytest.mark.parametrize("rule", [r for r in SCORE_RULES if r.when], ids=lambda r: r.key)
def test_a_conditional_score_rule_is_silent_without_its_condition(rule):
    for item in rule.items:
        outcome = evaluate(scored(item, rule.at_least))
        assert all(rule not in c.says for c in outcome.calls)
        if rule.sign:
            assert all(SIGNS[rule.sign] not in c.signs for c in outcome.calls) or rule.at_least < TOP


@pytest.mark.parametrize("rule", [r for r in SCORE_RULES if r.sign], ids=lambda r: r.key)
def test_a_score_that_amounts_to_a_sign_is_never_below_the_signs_tier(rule):
    assert TIERS[rule.tier].urgency >= TIERS[SIGNS[rule.sign].tier].urgency


@pytest.mark.parametrize("item", ITEMS)
def test_every_severe_score_is_said_with_a_time_never_as_next_appointment(item):
    outcome = evaluate(scored(item, SEVERE))
    assert outcome.calls and min(c.tier.urgency for c in outcome.calls) >= TIERS["soon"].urgency


def test_the_top_of_a_right_now_scale_is_an_emergency_or_the_team_now():
    assert tiers_of(evaluate(scored("breathlessness", 10))) == {"emergency": ["breathing", "Shortness of breath"]}
    assert set(tiers_of(evaluate(scored("pain", TOP)))) == {"team"}
    drowsy = evaluate(scored("drowsiness", TOP))
    assert set(tiers_of(drowsy)) == {"team"} and "15" in drowsy.call("team").says[0].numbers
    on_treatment = {**CALM, "urgent": {**CALM["urgent"], "on_treatment": "yes"}}
    assert set(tiers_of(evaluate(scored("tiredness", TOP, on_treatment)))) == {"today"}
    assert set(tiers_of(evaluate(scored("wellbeing", TOP, on_treatment)))) == {"today"}


def test_sudden_or_at_rest_breathlessness_is_an_emergency_worse_over_days_today_stable_soon():
    at = lambda value, **said: tiers_of(  # noqa: E731
        evaluate(scored("breathlessness", value, {**CALM, "symptoms": {**CALM["symptoms"], **said}}))
    )
    assert set(at(5, breath_sudden="yes")) == {"emergency"}
    assert set(at(SEVERE, breath_sudden="unsure")) == {"emergency"}
    assert set(at(SEVERE, breath_sudden=None)) == {"emergency"}  # blank counts as yes
    assert set(at(5, worse="yes")) == {"today"}
    assert set(at(5)) == set()  # stable moderate: told with the scores, no call
    assert set(at(SEVERE)) == {"today"}  # severe breathlessness: the same day


def test_chronic_tiredness_or_appetite_is_not_a_call_today():
    """The review's S28: after treatment, tiredness, appetite and wellbeing at 7, nothing new."""
    answers = {**CALM, "symptoms": {**CALM["symptoms"], "tiredness": 7, "appetite": 7, "wellbeing": 7}}
    outcome = evaluate(answers)
    assert set(tiers_of(outcome)) == {"soon"} and not outcome.act_first
    answers["symptoms"]["worse"] = None  # not said: counts as new or worse
    assert set(tiers_of(evaluate(answers))) == {"today"}


def test_nausea_calls_today_during_treatment_only():
    on = {**CALM, "urgent": {**CALM["urgent"], "on_treatment": "yes"}}
    assert set(tiers_of(evaluate(scored("nausea", SEVERE, on)))) == {"today"}
    assert set(tiers_of(evaluate(scored("nausea", SEVERE)))) == {"soon"}


def test_no_time_to_call_is_said_in_the_words_to_tell_the_team():
    for symptom in SYMPTOMS:
        assert not re.search(r"\b(soon|today|now|appointment)\b", symptom.tell_team)


def test_conditions_count_blank_and_unsure_as_yes_where_they_call_sooner():
    for key in ("on_treatment", "immunotherapy", "worse", "breath_sudden"):
        question = CONDITIONS[key].question
        step = "urgent" if key in ("on_treatment", "immunotherapy") else "symptoms"
        for answer, expected in (("yes", True), ("unsure", True), (None, True), ("no", False)):
            assert holds(key, {step: {question: answer}}) is expected


# --- Suggestions and exclusions ----------------------------------------------------------------------


@pytest.mark.parametrize("suggestion", SUGGESTIONS, ids=lambda s: f"{'+'.join(s.items)}>={s.at_least}")
def test_each_suggestion_points_to_its_cares(suggestion):
    for item in suggestion.items:
        if suggestion.at_least is None:
            answers = {"distress": {"problems": [item]}}
        elif item == CAREGIVER_STRAIN:
            answers = {"distress": {CAREGIVER_STRAIN: suggestion.at_least}}
        else:
            answers = scored(item, suggestion.at_least)
        if suggestion.with_sign:
            answers["urgent"] = {**answers.get("urgent", {}), "signs": [suggestion.with_sign]}
        needs = {n.care: n for n in evaluate(answers).needs}
        assert set(suggestion.cares) <= set(needs)
        if suggestion.note:
            assert all(suggestion.note in needs[c].notes for c in suggestion.cares)
        if suggestion.at_least is not None and item != CAREGIVER_STRAIN:  # one point lower: lower thresholds only
            lower_answers = scored(item, suggestion.at_least - 1)
            if suggestion.with_sign:
                lower_answers["urgent"] = {**lower_answers["urgent"], "signs": [suggestion.with_sign]}
            lower = {n.care for n in evaluate(lower_answers).needs}
            assert lower == {
                care
                for s in SUGGESTIONS
                if s.at_least is not None and item in s.items and s.at_least < suggestion.at_least
                for care in s.cares
            }


def test_intrathecal_is_only_suggested_for_severe_pain_the_medicine_does_not_relieve():
    unrelieved = {"urgent": {"signs": ["pain_uncontrolled"]}}
    assert "intrathecal" not in {n.care for n in evaluate({"symptoms": {"pain": 10}}).needs}
    assert "intrathecal" not in {n.care for n in evaluate({**unrelieved, "symptoms": {"pain": SEVERE - 1}}).needs}
    need = next(n for n in evaluate({**unrelieved, "symptoms": {"pain": SEVERE}}).needs if n.care == "intrathecal")
    assert need.notes and "strong pain medicines" in need.notes[0]


def test_the_caregivers_own_strain_points_to_support_for_them_and_stays_out_of_the_scores():
    outcome = evaluate({"who": {"respondent": "caregiver"}, "distress": {"score": 1, CAREGIVER_STRAIN: 6}})
    assert outcome.caregiver_strain == 6 and outcome.distress == 1 and not outcome.distress_flagged
    assert "carers" in {n.care for n in outcome.needs}
    assert outcome.calls == []


@pytest.mark.parametrize("exclusion", EXCLUSIONS, ids=lambda x: x.care)
def test_each_exclusion_leaves_its_care_out(exclusion):
    wanted = {"distress": {"problems": ["activity"]}, "symptoms": {"tiredness": 8}}
    assert exclusion.care in {n.care for n in evaluate(wanted).needs}
    for item in exclusion.items:
        answers = {**wanted, "symptoms": {"tiredness": 8, item: exclusion.at_least}}
        assert exclusion.care not in {n.care for n in evaluate(answers).needs}
    if exclusion.any_urgent_sign:
        answers = {**wanted, "urgent": {"signs": ["very_unwell"]}}
        assert exclusion.care not in {n.care for n in evaluate(answers).needs}


def test_ten_out_of_ten_breathless_is_never_offered_exercise_first():
    outcome = evaluate({"symptoms": {"breathlessness": 10, "tiredness": 9}})
    assert "physical_activity" not in {n.care for n in outcome.needs}
    assert outcome.calls[0].tier.key == "emergency"


# --- Context rules ---------------------------------------------------------------------------------


def _matching(when: dict) -> dict:
    return {q: next(v for v in sorted(values, key=str) if v is not UNANSWERED) for q, values in when.items()}


@pytest.mark.parametrize("rule", CONTEXT_RULES, ids=lambda r: r.key)
def test_each_context_rule_fires_on_its_answers_only(rule):
    for when in rule.when:
        answers = _matching(when)
        assert context_applies(rule, answers)
        outcome = evaluate({"context": answers, "urgent": answers, "who": answers})
        assert rule in outcome.context
        assert set(rule.cares) <= {n.care for n in outcome.needs}
        for question, values in when.items():  # any one answer outside its set, and the rule is silent
            for other in set(SITUATION_QUESTIONS[question][1]) - values:
                assert not context_applies(rule, {**answers, question: other})


def test_fertility_before_treatment_when_newly_diagnosed_or_phase_unknown():
    keys = lambda context: [r.key for r in evaluate({"context": context}).context]  # noqa: E731
    assert keys({"pregnancy_plan": "yes", "phase": "diagnosis"}) == ["fertility_before_treatment"]
    assert keys({"pregnancy_plan": "unsure"}) == ["fertility_before_treatment"]  # unsure: escalate
    assert keys({"pregnancy_plan": "yes", "phase": "during"}) == ["fertility_later"]
    assert keys({"pregnancy_plan": "no", "phase": "diagnosis"}) == []


def test_palliative_care_information_for_any_metastatic_or_relapsed_cancer():
    keys = lambda context: [r.key for r in evaluate({"context": context}).context]  # noqa: E731
    assert keys({"metastatic": "yes", "cancer_group": "breast"}) == ["palliative_care"]
    assert keys({"phase": "relapse"}) == ["palliative_care"]
    assert keys({"metastatic": "yes", "cancer_group": "sarcoma", "unplanned_stay": "yes"}) == [
        "palliative_care",
        "sppc_study",
    ]
    assert keys({"metastatic": "unsure", "cancer_group": "sarcoma", "unplanned_stay": "yes"}) == []


def test_age_points_to_the_teams_for_that_age():
    keys = lambda age: [r.key for r in evaluate({"context": {"age": age}}).context]  # noqa: E731
    assert keys("under_18") == ["paediatric", "young_adults"]
    assert keys("18_25") == ["young_adults"]
    assert keys("75_plus") == ["older_adults"]
    assert keys("65_74") == keys("40_64") == []


def test_treatment_answers_bring_their_advice():
    keys = lambda urgent: [r.key for r in evaluate({"urgent": urgent}).context]  # noqa: E731
    assert keys({"on_treatment": "yes", "tablets": "yes", "immunotherapy": "unsure"}) == [
        "during_treatment",
        "tablets",
        "immunotherapy",
    ]
    assert keys({"on_treatment": "no", "tablets": "no", "immunotherapy": "no"}) == []


# --- Templates hold no rule -------------------------------------------------------------------------


def test_templates_hold_no_threshold_and_no_emergency_number():
    for path in (ROOT / "templates").rglob("*.html"):
        source = path.read_text()
        code = " ".join(re.findall(r"{[{%](.*?)[%}]}", source, re.S))
        compared = [m for m in re.findall(r"(\w+)\s*[<>]=?\s*\d", code) if m != "length"]  # counts aren't scores
        assert compared == [], f"{path.name}: a threshold belongs in clinical_rules"
        markup = re.sub(r"{[{%#].*?[%}#]}", " ", source, flags=re.S)
        assert not re.search(r"\b(15|112|114|3114)\b", markup), f"{path.name}: numbers come from clinical_rules"


# --- The published document is the code's --------------------------------------------------------


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_committed_rules_document_is_up_to_date(runner, lang):
    name = "clinical-rules.md" if lang == "en" else f"clinical-rules.{lang}.md"
    result = runner.invoke(args=["clinical-rules", "--lang", lang])
    assert result.exit_code == 0, result.output
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert result.output == committed, f"docs/{name} is stale: flask --app companion clinical-rules --lang {lang}"


def test_rules_document_lists_every_rule(runner):
    document = runner.invoke(args=["clinical-rules"]).output
    for sign in URGENT_SIGNS:
        assert sign.text in document
    for rule in [*TIERS.values(), *SCORE_RULES, *CONTEXT_RULES]:
        for text in (getattr(rule, "action", None), getattr(rule, "says", None), getattr(rule, "title", None)):
            for part in (text,) if isinstance(text, str) else text or ():
                assert part in document
    for source in SOURCES.values():
        assert f"[{source.key}]" in document and source.citation in document
    for number in NUMBERS.values():
        assert f"{number.display} ({number.scheme}:" in document
