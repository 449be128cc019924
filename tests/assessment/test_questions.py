import pytest

from companion.assessment.clinical_rules import SYMPTOMS
from companion.assessment.questions import (
    PROBLEMS,
    STEPS,
    band,
    evaluate,
)
from companion.cares.catalogue import CARES
from companion.directory.kinds import KINDS


@pytest.mark.parametrize(
    "score, expected",
    [(0, "none"), (1, "mild"), (3, "mild"), (4, "moderate"), (6, "moderate"), (7, "severe"), (10, "severe")],
)
def test_bands(score, expected):
    assert band(score) == expected


def test_catalogue_is_consistent():
    assert STEPS == ("urgent", "symptoms", "distress", "context")
    assert len(SYMPTOMS) == 10 and SYMPTOMS[-1].key == "other"
    assert PROBLEMS
    # The care ↔ kind link is written on the kinds only: every care they name is in the catalogue.
    assert {care for kind in KINDS.values() for care in kind.offers} <= set(CARES)
    assert len(CARES) == 11
    assert [c.group for c in CARES.values()].count("base") == 4
    assert [c.group for c in CARES.values()].count("complementary") == 5
    assert [c.group for c in CARES.values()].count("analgesia") == 2


def test_nothing_answered_gives_nothing_to_do():
    outcome = evaluate({})
    assert outcome.urgent == [] and outcome.needs == [] and outcome.tell_team == []
    assert outcome.context == [] and outcome.severe == [] and not outcome.fever_on_treatment


def test_urgent_signs_come_with_their_action():
    outcome = evaluate({"urgent": {"signs": ["suicidal", "chest_pain"], "on_treatment": "no"}})
    assert [s.key for s in outcome.urgent] == ["chest_pain", "suicidal"]  # catalogue order
    assert outcome.urgent_actions == {"emergency", "crisis"}


@pytest.mark.parametrize("on_treatment, expected", [("yes", True), ("unsure", True), ("no", False), (None, True)])
def test_fever_rule_needs_recent_treatment_or_doubt(on_treatment, expected):
    outcome = evaluate({"urgent": {"signs": ["fever"], "on_treatment": on_treatment}})
    assert outcome.fever_on_treatment is expected
    assert outcome.urgent_actions == {"team"}  # fever is always escalated, never dismissed


def test_fever_rule_fires_from_the_first_screen_alone():
    outcome = evaluate({"urgent": {"signs": ["fever"], "on_treatment": "yes"}})
    assert outcome.fever_on_treatment and outcome.scores == []


def test_moderate_and_severe_scores_become_needs():
    outcome = evaluate({"symptoms": {"pain": 8, "tiredness": 4, "nausea": 3, "low_mood": 0}})
    assert [(s.key, v) for s, v, _ in outcome.tell_team] == [("pain", 8), ("tiredness", 4)]
    needs = {n.care: n for n in outcome.needs}
    assert set(needs) == {"pain", "hypnoanalgesia", "physical_activity", "nutrition"}  # no pump from a score alone
    assert needs["pain"].severe and not needs["physical_activity"].severe
    assert outcome.needs[0].severe  # severe needs first
    assert "nausea" not in {s.key for s, *_ in outcome.tell_team}  # 3 is mild


def test_threshold_edges():
    assert evaluate({"symptoms": {"anxiety": 3}}).needs == []
    assert [n.care for n in evaluate({"symptoms": {"anxiety": 4}}).needs] == ["psychology"]
    assert "intrathecal" not in [n.care for n in evaluate({"symptoms": {"pain": 6}}).needs]
    unrelieved = {"urgent": {"signs": ["pain_uncontrolled"]}}
    assert "intrathecal" in [n.care for n in evaluate({**unrelieved, "symptoms": {"pain": 7}}).needs]


def test_distress_and_problem_list():
    outcome = evaluate({"distress": {"score": 5, "problems": ["money", "fertility", "caregiver", "tobacco_alcohol"]}})
    needs = {n.care: n.reasons for n in outcome.needs}
    assert needs["psychology"] == ["What weighs on you"]
    assert needs["social"] == ["Money"]
    assert needs["fertility"] == ["Having children later"]
    assert needs["carers"] == ["My loved ones are worn out or worried"]
    assert needs["lifestyle"] == ["Tobacco or alcohol"]
    assert outcome.distress_band == "moderate"
    assert "psychology" in {n.care for n in evaluate({"distress": {"score": 3}}).needs}  # French cut-off
    assert "psychology" not in {n.care for n in evaluate({"distress": {"score": 2}}).needs}


def test_reasons_are_gathered_once_per_care():
    outcome = evaluate({"symptoms": {"low_mood": 6, "anxiety": 7}, "distress": {"score": 8, "problems": ["worry"]}})
    psychology = next(n for n in outcome.needs if n.care == "psychology")
    assert psychology.reasons == [
        "Anxiety (feeling worried or nervous)",
        "Low mood (feeling sad or down)",
        "What weighs on you",
        "Worry, fear or sadness",
    ]
    assert psychology.severe
