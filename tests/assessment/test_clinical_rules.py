"""The clinical rules as a decision table: one test per rule, from the table itself, and the table's integrity."""

import re

import pytest

from companion.assessment.clinical_rules import (
    CONTEXT_RULES,
    DISTRESS,
    DISTRESS_CUT_OFF,
    ESCALATIONS,
    EXCLUSIONS,
    MODERATE,
    NUMBERS,
    SEVERE,
    SOURCES,
    SUGGESTIONS,
    THRESHOLDS,
    TIERS,
    UNANSWERED,
    URGENT_SIGNS,
    context_applies,
)
from companion.assessment.questions import CONTEXT_QUESTIONS, PROBLEMS, SYMPTOM_KEYS, evaluate
from companion.cares.catalogue import CARES
from tests.helpers import ROOT


def scored(item: str, value: int) -> dict:
    """Answers with one 0–10 item scored."""
    if item == DISTRESS:
        return {"distress": {"score": value}}
    return {"symptoms": {item: value}}


# --- The table holds together ---------------------------------------------------------------------


def every_rule():
    yield from TIERS.values()
    yield from URGENT_SIGNS
    yield from THRESHOLDS
    yield from ESCALATIONS
    yield from SUGGESTIONS
    yield from EXCLUSIONS
    yield from CONTEXT_RULES
    yield from NUMBERS.values()


@pytest.mark.parametrize("rule", list(every_rule()), ids=repr)
def test_every_rule_cites_known_sources(rule):
    assert rule.sources and set(rule.sources) <= set(SOURCES)


def test_every_source_is_cited_and_every_tier_is_used():
    cited = {key for rule in every_rule() for key in rule.sources}
    assert cited | {"esas"} >= set(SOURCES)  # esas: the questions themselves (shown on /sources)
    assert {s.tier for s in URGENT_SIGNS} == set(TIERS)
    assert len({s.key for s in URGENT_SIGNS}) == len(URGENT_SIGNS)


def test_every_number_offered_is_in_the_table():
    offered = {n for t in TIERS.values() for n in t.numbers} | {n for e in ESCALATIONS for n in e.numbers}
    assert offered <= set(NUMBERS)
    assert {n.scheme for n in NUMBERS.values()} == {"tel", "sms"}
    assert NUMBERS["114"].scheme == "sms"  # for people who cannot hear or speak
    assert all("114" in t.numbers for t in TIERS.values())  # a deaf person is never offered voice numbers only


def test_rules_name_only_known_items_cares_and_answers():
    items = set(SYMPTOM_KEYS) | {DISTRESS}
    for rule in (*ESCALATIONS, *EXCLUSIONS):
        assert set(rule.items) <= items
    for suggestion in SUGGESTIONS:
        assert set(suggestion.items) <= (items if suggestion.at_least is not None else set(PROBLEMS))
        assert set(suggestion.cares) <= set(CARES)
    assert {x.care for x in EXCLUSIONS} <= set(CARES)
    for rule in CONTEXT_RULES:
        assert set(rule.cares) <= set(CARES)
        for when in rule.when:
            for question, values in when.items():
                assert values <= set(CONTEXT_QUESTIONS[question][1]) | {UNANSWERED}


def test_thresholds_are_the_sources_figures():
    assert (MODERATE, SEVERE, DISTRESS_CUT_OFF) == (4, 7, 3)  # Selby 2010; Dolbeault 2008
    assert {t.at_least for t in THRESHOLDS} == {MODERATE, SEVERE, DISTRESS_CUT_OFF}
    assert ESCALATIONS[0].key == "severe_score" and ESCALATIONS[0].at_least == SEVERE


# --- Urgent signs: one test each --------------------------------------------------------------------


@pytest.mark.parametrize("sign", URGENT_SIGNS, ids=lambda s: s.key)
def test_each_urgent_sign_calls_for_its_tier(sign):
    outcome = evaluate({"urgent": {"signs": [sign.key], "on_treatment": "no"}})
    assert [(tier.key, [s.key for s in signs]) for tier, signs in outcome.urgent_by_tier] == [(sign.tier, [sign.key])]
    assert outcome.act_first


def test_urgent_tiers_come_in_the_tables_order():
    outcome = evaluate({"urgent": {"signs": ["suicidal", "fever", "chest_pain"]}})
    assert [tier.key for tier, _ in outcome.urgent_by_tier] == ["emergency", "team", "crisis"]


@pytest.mark.parametrize("on_treatment, expected", [("yes", True), ("unsure", True), ("no", False), (None, False)])
def test_fever_note_needs_recent_treatment_or_doubt_but_fever_always_escalates(on_treatment, expected):
    outcome = evaluate({"urgent": {"signs": ["fever"], "on_treatment": on_treatment}})
    assert outcome.fever_on_treatment is expected
    assert outcome.urgent_actions == {"team"}


# --- Thresholds and escalations --------------------------------------------------------------------


@pytest.mark.parametrize("item", [*SYMPTOM_KEYS, DISTRESS])
def test_moderate_threshold_of_each_item(item):
    moderate = DISTRESS_CUT_OFF if item == DISTRESS else MODERATE
    below, at = evaluate(scored(item, moderate - 1)), evaluate(scored(item, moderate))
    if item == DISTRESS:
        assert (below.distress_flagged, at.distress_flagged) == (False, True)
        assert at.distress_band == "moderate"
    else:
        assert below.tell_team == [] and [s.key for s, *_ in at.tell_team] == [item]


@pytest.mark.parametrize("escalation", ESCALATIONS, ids=lambda e: e.key)
@pytest.mark.parametrize("item", [*SYMPTOM_KEYS, DISTRESS])
def test_each_escalation_fires_from_its_threshold_for_its_items(escalation, item):
    below = evaluate(scored(item, escalation.at_least - 1))
    at = evaluate(scored(item, escalation.at_least))
    if escalation.at_least < SEVERE:  # said with the score
        assert escalation not in below.advice.get(item, [])
        assert (escalation in at.advice.get(item, [])) is (item in escalation.items)
        return
    assert escalation not in below.escalations and below.severe == []
    assert (escalation in at.escalations) is (item in escalation.items)
    assert at.severe and at.act_first  # any severe score: call today
    assert at.escalations[0].key == "severe_score"  # the call comes first; the rest add to it


# --- Suggestions and exclusions ----------------------------------------------------------------------


@pytest.mark.parametrize("suggestion", SUGGESTIONS, ids=lambda s: f"{'+'.join(s.items)}>={s.at_least}")
def test_each_suggestion_points_to_its_cares(suggestion):
    for item in suggestion.items:
        if suggestion.at_least is None:
            answers = {"distress": {"problems": [item]}}
        else:
            answers = scored(item, suggestion.at_least)
        needs = {n.care: n for n in evaluate(answers).needs}
        assert set(suggestion.cares) <= set(needs)
        if suggestion.note:
            assert all(suggestion.note in needs[c].notes for c in suggestion.cares)
        if suggestion.at_least is not None:  # one point lower: only what lower thresholds of this item give
            lower = {n.care for n in evaluate(scored(item, suggestion.at_least - 1)).needs}
            assert lower == {
                care
                for s in SUGGESTIONS
                if s.at_least is not None and item in s.items and s.at_least < suggestion.at_least
                for care in s.cares
            }


def test_intrathecal_is_only_suggested_for_severe_pain_and_says_when():
    assert "intrathecal" not in {n.care for n in evaluate({"symptoms": {"pain": SEVERE - 1}}).needs}
    need = next(n for n in evaluate({"symptoms": {"pain": SEVERE}}).needs if n.care == "intrathecal")
    assert need.notes and "strong pain medicines" in need.notes[0]


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
    assert [e.key for e in outcome.escalations] == ["severe_score", "severe_breathlessness"]


# --- Context rules ---------------------------------------------------------------------------------


def _matching(when: dict) -> dict:
    return {q: next(v for v in sorted(values, key=str) if v is not UNANSWERED) for q, values in when.items()}


@pytest.mark.parametrize("rule", CONTEXT_RULES, ids=lambda r: r.key)
def test_each_context_rule_fires_on_its_answers_only(rule):
    for when in rule.when:
        answers = _matching(when)
        assert context_applies(rule, answers)
        outcome = evaluate({"context": answers})
        assert rule in outcome.context
        assert set(rule.cares) <= {n.care for n in outcome.needs}
        for question, values in when.items():  # any one answer outside its set, and the rule is silent
            for other in set(CONTEXT_QUESTIONS[question][1]) - values:
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


def test_under_18_are_pointed_to_paediatric_teams():
    assert [r.key for r in evaluate({"context": {"age": "under_18"}}).context] == ["paediatric"]


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


@pytest.mark.parametrize("lang, name", [("en", "clinical-rules.md"), ("fr", "clinical-rules.fr.md")])
def test_committed_rules_document_is_up_to_date(runner, lang, name):
    result = runner.invoke(args=["clinical-rules", "--lang", lang])
    assert result.exit_code == 0, result.output
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert result.output == committed, f"docs/{name} is stale: flask --app companion clinical-rules --lang {lang}"


def test_rules_document_lists_every_rule(runner):
    document = runner.invoke(args=["clinical-rules"]).output
    for sign in URGENT_SIGNS:
        assert sign.text in document
    for rule in [*TIERS.values(), *ESCALATIONS, *CONTEXT_RULES]:
        for text in (getattr(rule, "action", None), getattr(rule, "says", None), getattr(rule, "title", None)):
            for part in (text,) if isinstance(text, str) else text or ():
                assert part in document
    for source in SOURCES.values():
        assert f"[{source.key}]" in document and source.citation in document
    for number in NUMBERS.values():
        assert f"{number.number} ({number.scheme}:" in document
