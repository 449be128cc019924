"""Phones passed from person to person: answers expire, guide mode starts empty, a change of mode forgets,
the team number is saved with a word, the language switch keeps the page shown."""

import time

import pytest

from companion.assessment.answers import IDLE_MINUTES, SESSION_KEY, TOUCHED_KEY
from tests.helpers import PARTIAL, soup, text_of

EN = {"Accept-Language": "en"}
SOMEONE = {"urgent": {"signs": [], "on_treatment": "no"}, "symptoms": {"pain": 2, "anxiety": 8}}


def token(client, url="/assessment"):
    return soup(client.get(url)).select_one("input[name=csrf_token]")["value"]


def leave_answers(client, answers=SOMEONE, minutes_ago=0):
    with client.session_transaction() as session:
        session[SESSION_KEY] = answers
        session[TOUCHED_KEY] = int(time.time() - minutes_ago * 60)


@pytest.mark.parametrize("minutes_ago, kept", [(IDLE_MINUTES - 5, True), (IDLE_MINUTES + 1, False)])
def test_answers_left_idle_are_forgotten(client, minutes_ago, kept):
    leave_answers(client, minutes_ago=minutes_ago)
    response = client.get("/assessment/results", headers=EN)
    assert (response.status_code == 200) is kept
    if not kept:
        assert response.headers["Location"] == "/assessment/urgent"
        with client.session_transaction() as session:
            assert SESSION_KEY not in session


def test_the_start_page_says_when_answers_are_cleared(client):
    assert f"cleared after {IDLE_MINUTES} minutes" in text_of(soup(client.get("/assessment", headers=EN)).main)


def test_a_new_person_in_guide_mode_starts_with_nothing_ticked(client):
    leave_answers(client)
    client.set_cookie("guide", "on")
    start = soup(client.get("/assessment", headers=EN))
    assert start.select_one("a[href='/assessment/results']") is None  # the last person's results aren't offered
    form = start.select_one("form[action='/assessment/restart']")
    assert form.select_one("input[name=then]")["value"] == "first"
    assert "Start with a new person" in text_of(form)
    response = client.post("/assessment/restart", data={"csrf_token": token(client), "then": "first"})
    assert response.headers["Location"] == "/assessment/urgent"
    symptoms_page = client.get("/assessment/symptoms")
    assert symptoms_page.status_code == 303  # nothing answered yet: back to the first step


def test_guide_results_offer_to_clear_for_the_next_person(client):
    leave_answers(client)
    client.set_cookie("guide", "on")
    page = soup(client.get("/assessment/results", headers=EN))
    button = page.select_one("form[action='/assessment/restart'] button")
    assert button.get_text(strip=True) == "Clear and start for the next person"
    assert "no-print" in button.find_parent("div")["class"]


@pytest.mark.parametrize("mode", ["on", "off"])
def test_switching_guide_mode_forgets_the_answers(client, mode):
    leave_answers(client)
    client.post("/guide", data={"csrf_token": token(client), "mode": mode, "next": "/assessment"})
    with client.session_transaction() as session:
        assert SESSION_KEY not in session


def test_saving_the_team_number_says_so_where_the_form_is(client):
    response = client.post(
        "/urgent/team-number", data={"csrf_token": token(client, "/urgent"), "phone": "01 23 45 67 89"}, headers=EN
    )
    assert response.headers["Location"] == "/urgent#team-number"
    page = soup(client.get("/urgent", headers=EN))
    status = page.select_one("#team-number [role=status]")
    assert "Saved: 01 23 45 67 89 is kept on this phone" in text_of(status)
    assert "Saved" not in text_of(page.select_one("#messages"))  # said once, beside the field
    client.post("/urgent/team-number", data={"csrf_token": token(client, "/urgent"), "action": "forget"}, headers=EN)
    assert "removed" in text_of(soup(client.get("/urgent", headers=EN)).select_one("#team-number [role=status]"))


def test_language_switch_after_a_step_keeps_the_page_shown(client):
    csrf = token(client, "/assessment/urgent")
    response = client.post("/assessment/urgent", data={"csrf_token": csrf}, headers={**EN, **PARTIAL})
    assert response.headers["HX-Push-Url"] == "/assessment/symptoms"
    switch = soup(response).select_one("#language-switch[hx-swap-oob] a")
    assert switch["href"] == "/assessment/symptoms?lang=fr"
    for step in ("symptoms", "distress", "context"):
        response = client.post(f"/assessment/{step}", data={"csrf_token": csrf}, headers={**EN, **PARTIAL})
    assert soup(response).select_one("#language-switch a")["href"] == "/assessment/results?lang=fr"


def test_the_last_place_searched_is_offered_again_until_a_new_person_starts(client):
    assert soup(client.get("/", headers=EN)).select_one("#home-place").get("value", "") == ""
    client.get("/centres?q=Bondy", headers={**EN, **PARTIAL})
    client.get("/centres?q=Bondy", headers={**EN, **PARTIAL})  # the second answer comes from the shared cache
    assert soup(client.get("/", headers=EN)).select_one("#home-place")["value"] == "Bondy"
    assert soup(client.get("/centres", headers=EN)).select_one("#place")["value"] == "Bondy"
    assert soup(client.get("/cares/pain", headers=EN)).select_one("#care-place")["value"] == "Bondy"
    leave_answers(client, {"urgent": {"signs": []}, "symptoms": {"pain": 6}})
    results = soup(client.get("/assessment/results", headers=EN))
    assert results.select_one("#need-pain a.action")["href"] == "/centres?kind=sdc&q=Bondy"
    client.get("/centres?q=Nowhere-at-all", headers=EN)  # not found: not remembered
    assert soup(client.get("/", headers=EN)).select_one("#home-place")["value"] == "Bondy"
    client.set_cookie("guide", "on")
    client.post("/assessment/restart", data={"csrf_token": token(client), "then": "first"})
    assert soup(client.get("/", headers=EN)).select_one("#home-place").get("value", "") == ""
