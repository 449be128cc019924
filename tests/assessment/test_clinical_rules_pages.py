"""The clinical rules as people see them: every sign and number on every urgent page, and the invariants
of the results over random answers (urgent first, severe means today, never reassure, only sourced numbers)."""

import re
import time

import pytest
from babel.support import Translations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.assessment.answers import SESSION_KEY, TOUCHED_KEY
from companion.assessment.clinical_rules import NUMBERS, SEVERE, TIERS, URGENT_SIGNS
from companion.assessment.questions import CONTEXT_QUESTIONS, PROBLEMS, SYMPTOM_KEYS
from tests.helpers import PARTIAL, ROOT, soup, text_of

LANGS = ["en", "fr"]
CATALOGUES = {lang: Translations.load(ROOT / "translations", [lang]) for lang in LANGS}


def translate_to(lang: str, msgid: str) -> str:
    """A catalogue string as the page shows it (spaces as text_of reads them)."""
    return " ".join(CATALOGUES[lang].gettext(msgid).split())


def links(node) -> set[str]:
    return {a["href"] for a in node.select("a[href^='tel:'], a[href^='sms:']")}


def href(key: str) -> str:
    return f"{NUMBERS[key].scheme}:{NUMBERS[key].number}"


def start(client, lang="en", signs=(), on_treatment="no", headers=None):
    page = soup(client.get("/assessment/urgent", headers={"Accept-Language": lang}))
    token = page.select_one("input[name=csrf_token]")["value"]
    return client.post(
        "/assessment/urgent",
        data={"csrf_token": token, "signs": list(signs), "on_treatment": on_treatment},
        headers={"Accept-Language": lang, **(headers or {})},
    )


@pytest.mark.parametrize("sign", URGENT_SIGNS, ids=lambda s: s.key)
def test_each_sign_on_step_one_brings_its_tier_before_the_next_question(client, sign):
    page = soup(start(client, signs=[sign.key], headers=PARTIAL))
    step = page.select_one("#assessment-step")
    card = step.find(["section", "form"])
    assert card["id"] == "urgent-card"
    tier = TIERS[sign.tier]
    assert sign.text in text_of(card) and tier.action in text_of(card)
    assert {href(k) for k in tier.numbers} <= links(card)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["/assessment/urgent", "/urgent", "/offline"])
def test_every_urgent_page_shows_every_sign_of_the_table(client, path, lang):
    page = soup(client.get(path, headers={"Accept-Language": lang}))
    text = text_of(page.main)
    for sign in URGENT_SIGNS:
        assert translate_to(lang, sign.text) in text
    if path != "/assessment/urgent":
        assert {href(k) for t in TIERS.values() for k in t.numbers} <= links(page.main)
        for tier in TIERS.values():
            assert translate_to(lang, tier.action) in text


def test_the_urgent_page_gives_114_with_every_tier_and_keeps_the_team_number_first(client):
    client.set_cookie("team_phone", "01 23 45 67 89")
    page = soup(client.get("/urgent", headers={"Accept-Language": "en"}))
    for tier in TIERS.values():
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
    assert len(rules.select("table.rules-table")) == 8


# --- Properties over random answers -------------------------------------------------------------

# As the forms store them: every symptom, answered or None, and the "other problem" words.
scores = st.fixed_dictionaries(
    {
        **{key: st.one_of(st.none(), st.integers(0, 10)) for key in SYMPTOM_KEYS},
        "other_label": st.sampled_from([None, "Hiccups"]),
    }
)
answers = st.fixed_dictionaries(
    {
        "urgent": st.fixed_dictionaries(
            {
                "signs": st.lists(st.sampled_from([s.key for s in URGENT_SIGNS]), unique=True, max_size=4),
                "on_treatment": st.sampled_from([None, "yes", "no", "unsure"]),
            }
        ),
        "symptoms": scores,
        "distress": st.fixed_dictionaries(
            {
                "score": st.one_of(st.none(), st.integers(0, 10)),
                "problems": st.lists(st.sampled_from(list(PROBLEMS)), unique=True, max_size=3),
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
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(given_answers=answers, lang=st.sampled_from(LANGS), partial=st.booleans(), guide=st.booleans())
def test_results_invariants(client, given_answers, lang, partial, guide):
    page = render_results(client, given_answers, lang, partial, guide)
    step = page.select_one("#assessment-step")
    text = text_of(step).lower()
    values = [*(given_answers["symptoms"][k] for k in SYMPTOM_KEYS), given_answers["distress"]["score"]]

    # Urgent first: the card precedes the call-today block, every score and every suggestion.
    later = [position(step, s) for s in ("#today-card", ".findings", "table.scores", ".needs", "#step-heading")]
    if given_answers["urgent"]["signs"]:
        urgent = position(step, "#urgent-card")
        assert urgent is not None and all(urgent < p for p in later if p is not None)
    else:
        assert step.select_one("#urgent-card") is None

    # Severe means today: the block is there, before the scores, and nothing says "next appointment".
    if any(v is not None and v >= SEVERE for v in values):
        today = position(step, "#today-card")
        assert today is not None and all(today < p for p in later[1:] if p is not None)
        assert not any(phrase in text for phrase in NEXT_APPOINTMENT)
    else:
        assert step.select_one("#today-card") is None

    # Never reassure.
    assert not any(phrase in text for phrase in REASSURING)

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
    today = page.select_one("#today-card")
    assert "Call your care team today" in text_of(today)
    assert {"tel:15", "sms:114", "tel:3114"} <= links(today)
    assert "next appointment" not in text_of(page.main)
    needs = [li["id"] for li in page.select("li.need")]
    assert "need-physical_activity" not in needs
    assert today["id"] == page.select_one("#assessment-step").find("section")["id"]
