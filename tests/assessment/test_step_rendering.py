"""A step's form is rendered once per shape and filled for each request: the same bytes as rendering it
whole, and nothing of one person kept for the next."""

import re
import time
from itertools import product
from types import SimpleNamespace

import pytest
from jinja2 import Environment

from companion.assessment.answers import SESSION_KEY, TOUCHED_KEY
from companion.assessment.questions import STEPS
from companion.assessment.rendering import _shell
from tests.helpers import PARTIAL, csrf_token, soup

# Something checked on every kind of field, and typed text that must be escaped.
ANSWERS = {
    "who": {"respondent": "caregiver"},
    "urgent": {"signs": ["fever"], "on_treatment": "unsure"},
    "symptoms": {"pain": 0, "fatigue": 10, "other": 4, "other_label": 'Hic<cups> & "co"', "fever_now": "no"},
    "distress": {"score": 3, "problems": ["money", "fertility"], "caregiver_strain": 6},
    "context": {"phase": "diagnosis", "age": "under_18"},
}
TOKEN = re.compile(r'(name="csrf_token"[^>]*value="|"X-CSRFToken": "|X-CSRFToken&#34;: &#34;)[^"&]+')


def pages(client, headers) -> dict[str, str]:
    """Each step's HTML for this client, and the results (cards of who to call), its CSRF tokens set aside
    (signed anew on each request)."""
    return {
        step: TOKEN.sub(r"\1-", client.get(f"/assessment/{step}", headers=headers).get_data(as_text=True))
        for step in (*STEPS, "results")
    }


def test_a_filled_step_is_byte_for_byte_the_step_rendered_whole(app, client):
    """In each language, wording (guide mode or not, a caregiver answering or not), page or swap."""
    shown = {}
    for cached in (False, True):  # rendered whole (templates may change), then from shells kept across all
        app.config["TEMPLATES_AUTO_RELOAD"] = not cached
        for lang, guide, respondent, swap in product(("fr", "en"), (False, True), ("caregiver", "patient"), (0, 1)):
            client.delete_cookie("guide")
            if guide:
                client.set_cookie("guide", "on")
            with client.session_transaction() as session:
                answers = {**ANSWERS, "who": {"respondent": respondent}}
                session[SESSION_KEY], session[TOUCHED_KEY] = answers, int(time.time())
            headers = {"Accept-Language": lang, **(PARTIAL if swap else {})}
            shown.setdefault((lang, guide, respondent, swap), []).append(pages(client, headers))
        assert bool(app.extensions.get("assessment_step_forms")) is cached
        assert bool(app.extensions.get("phone_lists")) is cached
    for whole, filled in shown.values():
        assert filled == whole
    assert 'value="Hic&lt;cups&gt; &amp; &#34;co&#34;"' in filled["symptoms"]


def test_the_next_person_on_the_phone_sees_none_of_the_last_ones_answers(app):
    first, second = app.test_client(), app.test_client()
    with first.session_transaction() as session:
        session[SESSION_KEY], session[TOUCHED_KEY] = ANSWERS, int(time.time())
    for step in STEPS:
        page = soup(first.get(f"/assessment/{step}", headers=PARTIAL))
        assert page.select("input[checked]")
    assert soup(first.get("/assessment/symptoms")).select_one("#other-label")["value"] == 'Hic<cups> & "co"'
    kept = app.extensions["assessment_step_forms"].values()
    assert len(kept) == len(STEPS)
    html = "".join(text for shell, *_names in kept for text in shell.texts)
    token = soup(first.get("/assessment/symptoms")).select_one("input[name=csrf_token]")["value"]
    assert "Hic" not in html and " checked" not in html and token.split(".")[0] not in html
    assert "Hic" not in repr([(shell.keys, names) for shell, *names in kept])

    post = second.post(
        "/assessment/urgent", data={"csrf_token": csrf_token(second, "/assessment")}, headers=PARTIAL
    )  # nothing answered: on to the symptoms step, from the same shell as the first person's
    assert post.status_code == 200
    page = soup(post)
    assert page.select_one("#step-form")["action"] == "/assessment/symptoms"
    assert page.select("input[checked]") == page.select("input[value=''][checked]")  # "no answer" only
    assert page.select_one("#other-label")["value"] == ""
    assert "Hic" not in post.get_data(as_text=True)
    assert (
        page.select_one("input[name=csrf_token]")["value"]
        != soup(first.get("/assessment/symptoms", headers=PARTIAL)).select_one("input[name=csrf_token]")["value"]
    )


def test_a_step_from_its_shell_has_the_headers_of_the_step_rendered_whole(app, client):
    """CSP, no-store, Vary: a filled step is answered exactly as one rendered whole."""
    with client.session_transaction() as session:
        session[SESSION_KEY], session[TOUCHED_KEY] = ANSWERS, int(time.time())
    client.get("/assessment/urgent")  # its CSRF cookie set: no response below sets one
    shown = []
    for cached in (False, True, True):  # whole, then the shell made, then the shell kept
        app.config["TEMPLATES_AUTO_RELOAD"] = not cached
        shown.append(
            [
                {k: v for k, v in client.get(f"/assessment/{step}", headers=h).headers.items() if k != "Date"}
                for step in STEPS
                for h in ({}, PARTIAL)
            ]
        )
    assert shown[0] == shown[1] == shown[2] and app.extensions["assessment_step_forms"]
    assert all(h["Cache-Control"] == "no-store" and "Content-Security-Policy" in h for h in shown[0])


def test_a_cancer_team_number_kept_on_one_phone_is_shown_there_only(app):
    """Who-to-call lists are rendered once per language and wording; one that shows the number a person kept
    on their phone is theirs alone: never kept, never shown to anyone else."""
    app.config["TEMPLATES_AUTO_RELOAD"] = False
    owner, other = app.test_client(), app.test_client()
    owner.set_cookie("team_phone", "0123456789")
    for client in (owner, other):
        with client.session_transaction() as session:
            session[SESSION_KEY], session[TOUCHED_KEY] = ANSWERS, int(time.time())
    for _ in range(2):
        shown = {
            who: client.get("/assessment/symptoms", headers={"Accept-Language": "en"}).get_data(as_text=True)
            for who, client in (("owner", owner), ("other", other))
        }
        assert "tel:+33123456789" in shown["owner"] and "my cancer team" in shown["owner"]
        assert "0123456789" not in shown["other"] and "my cancer team" not in shown["other"]
    kept = app.extensions["phone_lists"]
    assert kept and not any("+33123456789" in html for html in kept.values())


def test_a_step_form_keeps_nothing_of_the_last_post(app):
    """Each post's data and errors are its own (one post after another in the same worker)."""
    from flask import g

    from companion.assessment.forms import FORMS

    posts = [{"pain": "7", "other_label": "Hiccups"}, {"pain": "11"}, {}]
    forms = []
    for data in posts:
        with app.test_request_context("/assessment/symptoms", method="POST", data=data):
            g.csrf_valid = True  # as the app's CSRF check says before any view
            form = FORMS["symptoms"]()
            form.validate()
            forms.append(form)
    first, refused, empty = forms
    assert first.answers()["pain"] == 7 and first.answers()["other_label"] == "Hiccups" and not first.errors
    assert refused.errors == {"pain": [refused.pain.errors[0]]} and refused.answers()["other_label"] is None
    assert empty.answers()["pain"] is None and not empty.errors and first.answers()["pain"] == 7
    assert first.pain is not refused.pain and first.pain._form is first and refused.pain._form is refused


@pytest.mark.parametrize(
    "source",
    [
        "{{ checked(form.pain, 1) }}{{ checked(form.pain, 1) }}{{ csrf_value() }}",  # one answer's slot twice
        "{% set kept = typed(form.other_label) %}{{ csrf_value() }}",  # a slot made but never shown
    ],
)
def test_a_step_template_showing_a_slot_twice_or_not_at_all_is_refused(source):
    """Each slot is one person's value in one place: shown twice or lost, the filled form would lie."""
    form = SimpleNamespace(pain=SimpleNamespace(name="pain"), other_label=SimpleNamespace(name="other_label"))
    with pytest.raises(RuntimeError, match="must be shown once"):
        _shell(Environment(autoescape=True).from_string(source), {"form": form})
    # Each shown once: cut, with the names of the fields it fills.
    shell, checkable, typed = _shell(
        Environment(autoescape=True).from_string("{{ checked(form.pain, 1) }}|{{ typed(form.other_label) }}"),
        {"form": form},
    )
    assert checkable == ("pain",) and typed == ("other_label",) and shell.fill({}, blank="") == "|"
