"""The clinical rules as people see them: every sign and number on every urgent page, and the invariants
of the results over random answers (urgent first, severe means today, never reassure, only sourced numbers)."""

import functools
import re
import time

import pytest
from babel.support import Translations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.assessment.answers import SESSION_KEY, TOUCHED_KEY
from companion.assessment.clinical_rules import (
    CALL_15_FIRST,
    CALL_NOW,
    CAREGIVER_STRAIN,
    NUMBERS,
    SEVERE,
    SIGN_TIERS,
    SIGNS,
    SYMPTOM_KEYS,
    TIERS,
    TOP,
    URGENT_SIGNS,
)
from companion.assessment.questions import CONTEXT_QUESTIONS, PROBLEMS, RESPONDENTS
from companion.config import LANGUAGES
from tests.helpers import PARTIAL, ROOT, soup, text_of

LANGS = list(LANGUAGES)


@functools.cache
def catalogue(lang: str) -> Translations:
    """Loaded on first use, after conftest has compiled the .mo files (a fresh clone has none at import)."""
    return Translations.load(ROOT / "translations", [lang])


def translate_to(lang: str, msgid: str) -> str:
    """A catalogue string as the page shows it (spaces as text_of reads them)."""
    return " ".join(catalogue(lang).gettext(msgid).split())


def links(node) -> set[str]:
    return {a["href"] for a in node.select("a[href^='tel:'], a[href^='sms:']")}


def href(key: str) -> str:
    return f"{NUMBERS[key].scheme}:{NUMBERS[key].number}"


def start(client, lang="en", signs=(), on_treatment="no", headers=None, immunotherapy="no"):
    page = soup(client.get("/assessment/urgent", headers={"Accept-Language": lang}))
    token = page.select_one("input[name=csrf_token]")["value"]
    return client.post(
        "/assessment/urgent",
        data={
            "csrf_token": token,
            "signs": list(signs),
            "on_treatment": on_treatment,
            "immunotherapy": immunotherapy,
            "tablets": "no",
        },
        headers={"Accept-Language": lang, **(headers or {})},
    )


@pytest.mark.parametrize("sign", URGENT_SIGNS, ids=lambda s: s.key)
def test_each_sign_on_step_one_brings_its_tier_before_the_next_question(client, sign):
    page = soup(start(client, signs=[sign.key], headers=PARTIAL))
    step = page.select_one("#assessment-step")
    card = step.find(["section", "form"])
    assert card["id"] == ("urgent-card" if sign.tier in CALL_NOW else "today-card")
    tier = TIERS[sign.tier]
    shown = card.get_text()  # as served: a number and its unit stay together (no-break space)
    assert sign.text in shown and tier.action in shown
    assert {href(k) for k in tier.numbers} <= links(card)


@pytest.mark.parametrize("guide", [False, True])
def test_the_24_hour_box_says_its_heading_once(client, guide):
    if guide:
        client.set_cookie("guide", "on")
    card = soup(start(client, "fr", signs=["constipation"], headers=PARTIAL)).select_one("#today-card")
    heading = card.select_one("#" + card["aria-labelledby"])
    assert card.select("h2, h3") == [heading] and not heading.get("class")  # one heading, seen by everyone
    assert "aujourd’hui" in text_of(heading) and text_of(card).count("aujourd’hui") == 1
    assert "Dans les 24 heures" in text_of(card.select_one(".urgent-action"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["/assessment/urgent", "/urgent", "/offline"])
def test_every_urgent_page_shows_every_sign_of_the_table(client, path, lang):
    page = soup(client.get(path, headers={"Accept-Language": lang}))
    text = text_of(page.main)
    for sign in URGENT_SIGNS:
        assert translate_to(lang, sign.text) in text
    if path != "/assessment/urgent":
        assert {href(k) for t in SIGN_TIERS for k in t.numbers} <= links(page.main)
        for tier in SIGN_TIERS:
            assert translate_to(lang, tier.action) in text


def test_the_urgent_page_gives_114_with_every_tier_and_keeps_the_team_number_first(client):
    client.set_cookie("team_phone", "01 23 45 67 89")
    page = soup(client.get("/urgent", headers={"Accept-Language": "en"}))
    for tier in SIGN_TIERS:
        section = page.select_one(f"#tier-{tier.key}")
        assert "sms:114" in links(section)
        first = section.select_one("a.call")["href"]
        assert first == ("tel:+33123456789" if tier.team_line else href(tier.numbers[0]))


def test_printed_sheet_carries_the_urgent_numbers(client):
    page = soup(client.get("/sheet?q=93140", headers={"Accept-Language": "en"}))
    footer = page.select_one(".sheet-urgent")
    assert {href(k) for k in ("15", "112", "114", "3114")} <= links(footer)


def test_sources_page_lists_every_source_and_links_the_rules(client):
    page = soup(client.get("/sources", headers={"Accept-Language": "en"}))
    assert page.select_one("a[href='/sources/clinical-rules']") is not None
    rules = soup(client.get("/sources/clinical-rules", headers={"Accept-Language": "fr"}))
    assert "Idées de suicide" in text_of(rules.main)
    assert len(rules.select("table.rules-table")) == 9


# --- Properties over random answers -------------------------------------------------------------

# As the forms store them: every symptom, answered or None, and the "other problem" words.
ANSWER = st.sampled_from([None, "yes", "no", "unsure"])
scores = st.fixed_dictionaries(
    {
        **{key: st.one_of(st.none(), st.integers(0, 10)) for key in SYMPTOM_KEYS},
        "other_label": st.sampled_from([None, "Hiccups"]),
        "breath_sudden": ANSWER,
        "worse": ANSWER,
    }
)
answers = st.fixed_dictionaries(
    {
        "who": st.fixed_dictionaries({"respondent": st.sampled_from([None, *RESPONDENTS])}),
        "urgent": st.fixed_dictionaries(
            {
                "signs": st.lists(st.sampled_from([s.key for s in URGENT_SIGNS]), unique=True, max_size=4),
                "on_treatment": ANSWER,
                "immunotherapy": ANSWER,
                "tablets": ANSWER,
            }
        ),
        "symptoms": scores,
        "distress": st.fixed_dictionaries(
            {
                "score": st.one_of(st.none(), st.integers(0, 10)),
                "problems": st.lists(st.sampled_from(list(PROBLEMS)), unique=True, max_size=3),
                CAREGIVER_STRAIN: st.one_of(st.none(), st.integers(0, 10)),
            }
        ),
        "context": st.fixed_dictionaries(
            {},
            optional={k: st.sampled_from(list(options)) for k, (_, options) in CONTEXT_QUESTIONS.items()},
        ),
    }
)
REASSURING = [
    "nothing to worry",
    "you are fine",
    "you’re fine",
    "all is well",
    "none of your scores",
    "rien d’inquiétant",
    "rien d'inquiétant",
    "vous allez bien",
    "tout va bien",
    "aucun de vos scores",
]
NEXT_APPOINTMENT = ["next appointment", "prochain rendez-vous", "prochaine consultation"]
PHONE_LIKE = re.compile(r"(?<![\d/])(?:0\d(?:[ .]?\d\d){4}|3114|112|114|15)(?![\d/])")


def render_results(client, given_answers, lang, partial, guide):
    with client.session_transaction() as session:
        session[SESSION_KEY], session[TOUCHED_KEY] = given_answers, int(time.time())
    if guide:
        client.set_cookie("guide", "on")
    else:
        client.delete_cookie("guide")
    headers = {"Accept-Language": lang, **(PARTIAL if partial else {})}
    response = client.get("/assessment/results", headers=headers)
    assert response.status_code == 200
    return soup(response)


def position(page, selector) -> int | None:
    node = page.select_one(selector)
    return None if node is None else str(page).index(str(node))


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(given_answers=answers, lang=st.sampled_from(LANGS), partial=st.booleans(), guide=st.booleans())
def test_results_invariants(client, given_answers, lang, partial, guide):
    page = render_results(client, given_answers, lang, partial, guide)
    step = page.select_one("#assessment-step")
    text = text_of(step).lower()
    symptoms = given_answers["symptoms"]
    values = [*(symptoms[k] for k in SYMPTOM_KEYS), given_answers["distress"]["score"]]
    ticked = [SIGNS[k] for k in given_answers["urgent"]["signs"]]
    later = [position(step, s) for s in ("#soon-card", ".findings", "table.scores", ".needs", "#step-heading")]

    # Urgent first: a ticked sign brings a card before every score and every suggestion.
    cards = [p for p in (position(step, "#urgent-card"), position(step, "#today-card")) if p is not None]
    if ticked:
        assert cards and all(min(cards) < p for p in later if p is not None)
    if any(s.tier in CALL_NOW for s in ticked):
        assert step.select_one("#urgent-card") is not None

    # An emergency sign (or breathlessness at the top of the scale): "call 15 first" before any other card.
    breathless = symptoms["breathlessness"]
    if any(s.tier == "emergency" for s in ticked) or (breathless is not None and breathless >= TOP):
        first = step.select_one("#call-first")
        assert first is not None and position(step, "#call-first") == min(
            p for p in (position(step, s) for s in ("#call-first", ".call-card", ".findings")) if p is not None
        )
        assert (
            translate_to(lang, CALL_15_FIRST) in " ".join(text_of(first).split())
            or guide
            or given_answers["who"]["respondent"] in ("caregiver", "volunteer")
        )
        # The top of a right-now scale is never below its sign's tier.
        if breathless is not None and breathless >= TOP:
            assert step.select_one("#call-emergency") is not None
    elif not breathless:
        assert step.select_one("#call-first") is None

    # Severe is said with a time (today, or within a few days), before the scores; never "next appointment".
    if any(v is not None and v >= SEVERE for v in values):
        timed = [p for p in (position(step, s) for s in ("#urgent-card", "#today-card", "#soon-card")) if p]
        assert timed and all(min(timed) < p for p in later[1:4] if p is not None)  # before the scores and cares
        assert not any(phrase in text for phrase in NEXT_APPOINTMENT)
        assert "soon" not in text_of(step.select_one(".findings")).lower() if step.select_one(".findings") else True

    # Never reassure.
    assert not any(phrase in text for phrase in REASSURING)

    # What is printed carries the signs that call now, ticked or not.
    printed = step.select_one(".print-only .printed-signs")
    assert printed is not None
    printed_text = text_of(printed)
    assert all(translate_to(lang, s.text) in printed_text for s in URGENT_SIGNS if s.tier in CALL_NOW)

    # Every number shown is the table's (or the person's own team number), and a tel:/sms: link.
    shown = links(step)
    table = {href(k) for k in NUMBERS}
    assert shown <= table
    for number in set(PHONE_LIKE.findall(text_of(step))):
        assert href(number) in shown, f"{number} shown without a link"


def test_severe_scores_without_any_urgent_sign_escalate(client):
    """The case the review found: 10/10 breathless, pain 9, drowsy 9, distress 8, on treatment, nothing ticked."""
    page = render_results(
        client,
        {
            "urgent": {"signs": [], "on_treatment": "yes"},
            "symptoms": {"breathlessness": 10, "pain": 9, "drowsiness": 9},
            "distress": {"score": 8, "problems": []},
            "context": {},
        },
        "en",
        partial=False,
        guide=False,
    )
    step = page.select_one("#assessment-step")
    urgent = page.select_one("#urgent-card")
    assert urgent["id"] == step.find("section")["id"]  # first of all
    first = text_of(urgent.select_one("#call-first"))
    assert first.startswith("Call 15 first")
    emergency = urgent.select_one("#call-emergency")
    assert "Breathing difficulty that came on suddenly or is severe" in text_of(emergency)  # the sign's own words
    assert "Shortness of breath: 10/10" in text_of(emergency) and {"tel:15", "sms:114"} <= links(emergency)
    team = urgent.select_one("#call-team")
    assert "Afterwards" in text_of(team.h3) and "Pain: 9/10" in text_of(team) and "Drowsiness" in text_of(team)
    today = page.select_one("#today-card")
    assert "What weighs on you: 8/10" in text_of(today) and "tel:3114" in links(today)
    assert "Do you have thoughts of ending your life?" in text_of(today)
    assert "next appointment" not in text_of(page.main)
    assert "soon" not in text_of(page.select_one(".findings")).lower()
    needs = [li["id"] for li in page.select("li.need")]
    assert "need-physical_activity" not in needs
