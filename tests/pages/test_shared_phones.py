"""Phones passed from person to person: answers expire, guide mode starts empty, a change of mode forgets,
the team number is saved with a word, the language switch keeps the page shown."""

import time

import pytest

from companion.assessment.answers import IDLE_MINUTES, SESSION_KEY, TOUCHED_KEY
from companion.checklist.on_device import PERSON_LIST, PERSON_LIST_AT
from tests.helpers import PARTIAL, csrf_token, soup, text_of

EN = {"Accept-Language": "en"}
SOMEONE = {"urgent": {"signs": [], "on_treatment": "no"}, "symptoms": {"pain": 2, "anxiety": 8}}


def token(client, url="/assessment"):
    return csrf_token(client, url)


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


def test_pages_that_only_word_things_about_the_person_keep_no_answer_alive(client):
    someone_else = {**SOMEONE, "who": {"respondent": "caregiver"}}
    leave_answers(client, someone_else, minutes_ago=IDLE_MINUTES - 5)
    with client.session_transaction() as session:
        touched = session[TOUCHED_KEY]
    for url in ("/", "/checklist"):
        response = client.get(url, headers=EN)
        assert url != "/" or "The person’s needs" in text_of(soup(response).select_one(".parts"))
        with client.session_transaction() as session:
            assert session[TOUCHED_KEY] == touched, url  # the idle clock runs on
    leave_answers(client, someone_else, minutes_ago=IDLE_MINUTES + 1)
    assert "My needs" in text_of(soup(client.get("/", headers=EN)).select_one(".parts"))


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
    switch = soup(response).select_one("#language-switch[hx-swap-oob] button[name=stay]")  # sends the new step's form
    assert switch["formaction"] == "/assessment/symptoms?lang=fr" and switch["form"] == "step-form"
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


@pytest.mark.parametrize("minutes_ago, kept", [(IDLE_MINUTES - 5, True), (IDLE_MINUTES + 1, False)])
def test_the_last_place_is_forgotten_after_the_same_idle_time_as_the_answers(client, minutes_ago, kept):
    """A searched Cayenne and left: B, past the idle time, finds no field filled and no link carrying it."""
    searched = client.get("/centres?q=Cayenne", headers=EN)
    cookie = next(c for c in searched.headers.getlist("Set-Cookie") if c.startswith("last_place="))
    assert f"Max-Age={IDLE_MINUTES * 60}" in cookie  # the browser drops it too, not only when it closes
    client.set_cookie("last_place", f"{int(time.time() - minutes_ago * 60)}:Cayenne")
    home = client.get("/", headers=EN)
    assert ("Cayenne" in home.get_data(as_text=True)) is kept
    assert (soup(home).select_one("#home-place").get("value", "") == "Cayenne") is kept
    cookies = [c for c in home.headers.getlist("Set-Cookie") if c.startswith("last_place=")]
    assert len(cookies) == 1 and cookies[0].startswith("last_place=;") is not kept  # renewed while used, else gone
    leave_answers(client, {"urgent": {"signs": []}, "symptoms": {"pain": 6}})
    results = soup(client.get("/assessment/results", headers=EN))
    assert ("q=Cayenne" in results.select_one("#need-pain a.action")["href"]) is kept


def test_a_search_for_a_new_place_reseals_no_session_cookie(client):
    """The place is remembered in a cookie of its own: the sealed session (answers in progress) is not
    encrypted again for each place searched, and still holds what it held."""
    leave_answers(client, {"urgent": {"signs": []}, "symptoms": {"pain": 6}})
    client.get("/", headers=EN)  # the session's CSRF secret is made once, by the first page with a form
    for place in ("Bondy", "Villejuif", "75014"):
        response = client.get(f"/centres?q={place}", headers={**EN, **PARTIAL})
        cookies = [c.split("=", 1)[0] for c in response.headers.getlist("Set-Cookie")]
        assert "__Host-session" not in cookies and "last_place" in cookies
    assert soup(client.get("/", headers=EN)).select_one("#home-place")["value"] == "75014"
    assert client.get("/assessment/results", headers=EN).status_code == 200  # the answers are still there
    again = client.get("/centres?q=75014", headers={**EN, **PARTIAL})
    assert not again.headers.getlist("Set-Cookie")  # nothing changed, nothing set


# --- Guide mode: a list is made for the person, handed over, and forgotten on the volunteer's phone ------

NOTEBOOK = "__Host-notebook"
A_NEEDS = {"urgent": {"signs": [], "on_treatment": "no"}, "symptoms": {"pain": 7, "fatigue": 6}}


def no_notebook_cookie_set(response):
    return not any(
        c.startswith(f"{NOTEBOOK}=") and "Max-Age=0" not in c for c in response.headers.getlist("Set-Cookie")
    )


def nothing_of_a(client, *traces: str):
    """No page that could show a list, a code or a place shows any of `traces`, and no place field is filled."""
    urls = ["/", "/checklist", "/checklist/print", "/centres", "/cares/pain", "/departements/93", "/assessment"]
    for url in urls:
        page = soup(client.get(url, headers=EN, follow_redirects=True))
        seen = text_of(page)
        assert [t for t in traces if t in seen] == [], url
        assert [i["value"] for i in page.select("input[name=q][value]") if i["value"]] == [], url


def test_guide_mode_hands_the_list_over_and_the_next_person_finds_nothing(client, app):
    client.set_cookie("guide", "on")
    # The directory offers no "add" in guide mode: the list is made for the person, on the checklist.
    for url in ("/centres?q=Bondy", "/departements/93"):
        page = soup(client.get(url, headers=EN))
        assert page.select("li.centre") and page.select("form.add-form") == []
    # A care page adds to the person's list: no notebook cookie on this phone.
    care = soup(client.get("/cares/pain", headers=EN))
    assert text_of(care.select_one("main form.add-form button")) == "Add to the person’s list"
    response = client.post("/checklist/items", data={"csrf_token": token(client), "care": "pain"}, headers=EN)
    assert response.status_code == 303 and no_notebook_cookie_set(response)
    assert "In the person’s list" in text_of(soup(client.get("/cares/pain", headers=EN)).main)
    # The assessment's results and the checklist's catalogue add to the same list.
    leave_answers(client, A_NEEDS)
    results = soup(client.get("/assessment/results", headers=EN))
    assert "In the person’s list" in text_of(results.select_one("#need-pain .in-list"))  # listed already
    assert text_of(results.select_one("li.need form.add-form button")) == "Add to the person’s list"
    catalogue = soup(client.get("/checklist", headers=EN))
    assert catalogue.select_one("#care-pain") is None  # listed already
    form = catalogue.select_one("#care-nutrition form.add-form")
    response = client.post("/checklist/items", data={i["name"]: i["value"] for i in form.select("input")}, headers=EN)
    assert no_notebook_cookie_set(response)
    response = client.post("/checklist/scores", data={"csrf_token": token(client)}, headers={**EN, **PARTIAL})
    assert no_notebook_cookie_set(response) and "saved in the person’s list" in text_of(soup(response))
    # The checklist: the person's own item, then the hand-over, named on every page meanwhile.
    response = client.post(
        "/checklist/items", data={"csrf_token": token(client), "title": "Ask about a wig"}, headers=EN
    )
    assert no_notebook_cookie_set(response)
    listing = soup(client.get("/checklist", headers=EN))
    assert listing.h1.get_text(strip=True) == "The person’s list"
    assert len(listing.select("li.checklist-item")) == 3 and listing.select_one("#code-text") is None
    assert "A list is open for this person" in text_of(soup(client.get("/", headers=EN)).select_one(".guide-banner"))
    ask = soup(client.get("/checklist/hand-over", headers=EN))
    assert ask.select_one("form[action='/checklist/hand-over'] input[name=confirm]")["value"] == "yes"
    handed = client.post("/checklist/hand-over", data={"csrf_token": token(client), "confirm": "yes"}, headers=EN)
    assert handed.status_code == 200 and handed.headers["Cache-Control"] == "no-store"
    assert handed.headers["Clear-Site-Data"] == '"storage", "cache"'  # pages the service worker kept meanwhile
    assert no_notebook_cookie_set(handed)
    page = soup(handed)
    code = text_of(page.select_one("#code-text"))
    assert len(code.replace("-", "")) == 28 and page.select_one(".qr svg path") is not None
    shown = text_of(page.select_one(".hand-over"))
    assert "Pain" in shown and "Ask about a wig" in shown and "forgotten the list" in shown
    # Person B, on the same phone: nothing of A's list, code, place or answers.
    client.post("/assessment/restart", data={"csrf_token": token(client), "then": "first"})
    nothing_of_a(client, code, "wig", "A list is open", "In the person’s list")
    assert client.get("/checklist/hand-over").status_code == 303
    assert client.get("/checklist/qr.svg").status_code == 404
    # A opens the list on their own phone with the code.
    own_phone = app.test_client()
    opened = own_phone.post("/checklist/open", data={"csrf_token": token(own_phone, "/checklist"), "code": code})
    assert opened.status_code == 303
    assert len(soup(own_phone.get("/checklist", headers=EN)).select("li.checklist-item")) == 3


def test_next_person_asks_first_when_it_would_close_a_notebook_and_shows_its_code(client):
    """The phone's own notebook (hidden in guide mode) and a list not handed over are closed as anywhere else:
    asked first, the owner's code and QR code shown once more; nothing is closed until it is confirmed."""
    client.set_cookie("guide", "on")
    client.post("/checklist/items", data={"csrf_token": token(client), "care": "pain"}, headers=EN)
    client.get("/centres?q=Bondy", headers=EN)
    owner = client.application.test_client()
    owner.post("/checklist/items", data={"csrf_token": token(owner, "/checklist"), "care": "nutrition"})
    owner_code = owner.get_cookie(NOTEBOOK).value
    client.set_cookie(NOTEBOOK, owner_code)
    asked = client.post("/next-person", data={"csrf_token": token(client)}, headers=EN)
    assert asked.status_code == 200 and not asked.headers.getlist("Set-Cookie")  # nothing closed yet
    assert "Clear-Site-Data" not in asked.headers
    page = soup(asked)
    assert text_of(page.select_one("#code-text")).replace("-", "") == owner_code
    assert page.select_one(".closing-qr svg path") is not None
    assert page.select_one("main a[href='/checklist/hand-over']") is not None  # the person's list: hand it over
    confirm = page.select_one("form.stack-form[action='/next-person']")
    assert text_of(confirm.button) == "Yes, clear this phone" and confirm.select_one("a")["href"] == "/"
    assert len(soup(client.get("/checklist", headers=EN)).select("li.checklist-item")) == 1  # still open
    response = client.post("/next-person", data={i["name"]: i["value"] for i in confirm.select("input")}, headers=EN)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert any(c.startswith(f"{NOTEBOOK}=;") for c in response.headers.getlist("Set-Cookie"))
    assert response.headers["Clear-Site-Data"] == '"storage", "cache"'
    assert "Ready for the next person" in text_of(soup(client.get("/", headers=EN)).select_one("#messages"))
    nothing_of_a(client, "A list is open", "In the person’s list")
    client.post("/guide", data={"csrf_token": token(client), "mode": "off", "next": "/"})
    assert soup(client.get("/checklist", headers=EN)).select("li.checklist-item") == []  # the cookie went too


def test_next_person_with_no_notebook_open_clears_at_once(client):
    client.set_cookie("guide", "on")
    client.get("/centres?q=Bondy", headers=EN)
    response = client.post("/next-person", data={"csrf_token": token(client)}, headers=EN)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    nothing_of_a(client)


def test_next_person_with_a_list_not_handed_over_points_to_the_hand_over_first(client):
    client.set_cookie("guide", "on")
    client.post("/checklist/items", data={"csrf_token": token(client), "care": "pain"}, headers=EN)
    page = soup(client.post("/next-person", data={"csrf_token": token(client)}, headers=EN))
    assert "has not been handed over yet" in text_of(page.main)
    assert page.select_one("main a[href='/checklist/hand-over']") is not None and page.select_one("#code-text") is None
    form = page.select_one("form.stack-form[action='/next-person']")
    assert client.post("/next-person", data={i["name"]: i["value"] for i in form.select("input")}).status_code == 303
    assert soup(client.get("/checklist", headers=EN)).select("li.checklist-item") == []


def test_a_new_person_from_the_assessment_is_asked_first_too_then_goes_to_the_first_question(client):
    owner = client.application.test_client()
    owner.post("/checklist/items", data={"csrf_token": token(owner, "/checklist"), "care": "nutrition"})
    client.set_cookie(NOTEBOOK, owner.get_cookie(NOTEBOOK).value)
    client.set_cookie("guide", "on")
    leave_answers(client)
    response = client.post("/assessment/restart", data={"csrf_token": token(client), "then": "first"})
    assert response.headers["Location"] == "/next-person?next=/assessment/urgent"
    with client.session_transaction() as session:
        assert SESSION_KEY not in session  # the answers asked to be cleared are
    page = soup(client.get(response.headers["Location"], headers=EN))
    form = page.select_one("form.stack-form[action='/next-person']")
    assert (
        page.select_one("#code-text") is not None
        and form.select_one("input[name=next]")["value"] == "/assessment/urgent"
    )
    done = client.post("/next-person", data={i["name"]: i["value"] for i in form.select("input")})
    assert done.headers["Location"] == "/assessment/urgent"
    assert any(c.startswith(f"{NOTEBOOK}=;") for c in done.headers.getlist("Set-Cookie"))


def test_the_hand_over_says_the_phone_s_own_checklist_stays_hidden(client):
    client.set_cookie("guide", "on")
    client.post("/checklist/items", data={"csrf_token": token(client), "care": "pain"}, headers=EN)
    ask = text_of(soup(client.get("/checklist/hand-over", headers=EN)).main)
    assert "nothing of it is left" not in ask
    assert "checklist of its own (its owner’s), it stays here, hidden while guide mode is on" in ask


def test_a_list_left_open_in_guide_mode_is_forgotten_when_idle(client):
    client.set_cookie("guide", "on")
    client.post("/checklist/items", data={"csrf_token": token(client), "care": "pain"}, headers=EN)
    assert len(soup(client.get("/checklist", headers=EN)).select("li.checklist-item")) == 1
    with client.session_transaction() as session:
        session[PERSON_LIST_AT] -= (IDLE_MINUTES + 1) * 60
    assert soup(client.get("/checklist", headers=EN)).select("li.checklist-item") == []
    with client.session_transaction() as session:
        assert PERSON_LIST not in session


def test_leaving_guide_mode_forgets_the_list_not_handed_over(client):
    client.set_cookie("guide", "on")
    client.post("/checklist/items", data={"csrf_token": token(client), "care": "pain"}, headers=EN)
    client.post("/guide", data={"csrf_token": token(client), "mode": "off", "next": "/"})
    client.post("/guide", data={"csrf_token": token(client, "/checklist"), "mode": "on", "next": "/"})
    assert soup(client.get("/checklist", headers=EN)).select("li.checklist-item") == []


def test_a_code_opened_in_guide_mode_stays_only_until_it_is_handed_back(client, app):
    own_phone = app.test_client()
    own_phone.post("/checklist/items", data={"csrf_token": token(own_phone, "/checklist"), "care": "pain"})
    code = own_phone.get_cookie(NOTEBOOK).value
    client.set_cookie("guide", "on")
    assert "only until you hand it over" in text_of(soup(client.get("/checklist/open", headers=EN)).main)
    opened = client.post("/checklist/open", data={"csrf_token": token(client), "code": code})
    assert opened.status_code == 303 and no_notebook_cookie_set(opened)
    assert len(soup(client.get("/checklist", headers=EN)).select("li.checklist-item")) == 1
    client.post("/checklist/hand-over", data={"csrf_token": token(client), "confirm": "yes"})
    assert soup(client.get("/checklist", headers=EN)).select("li.checklist-item") == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_on_one_phone_b_meets_nothing_of_a_through_the_kept_shells_and_results(app, language):
    """Templates not reloaded (as in production), so every page shell, step shell and cached search is used: A
    searches (page and swap), answers with free text, sends a step with an error, sees the results and lists a
    care; "next person"; then B walks the same pages, and none of them holds anything of A."""
    assert not app.config["TEMPLATES_AUTO_RELOAD"]
    phone, headers = app.test_client(), {"Accept-Language": language}
    secret, place = "Hic-Jean-Dupont-7", "Bondy"
    phone.get(f"/centres?q={place}&kind=sdc&from=Jean-Dupont-7", headers=headers)
    phone.get(f"/centres?q={place}&kind=sdc", headers={**headers, **PARTIAL})
    step = {"csrf_token": token(phone), "pain": "3", "other": "5", "other_label": secret}
    phone.post("/assessment/urgent", data={"csrf_token": step["csrf_token"], "on_treatment": "no"}, headers=headers)
    assert phone.post("/assessment/symptoms", data=step, headers=headers).status_code < 400
    assert secret in phone.get("/assessment/symptoms", headers=headers).get_data(as_text=True)  # from its shell
    refused = phone.post("/assessment/symptoms", data={**step, "pain": "42"}, headers=headers)
    assert refused.status_code == 422 and secret in refused.get_data(as_text=True)  # rendered whole, for A
    assert secret in phone.get("/assessment/results", headers=headers).get_data(as_text=True)
    phone.post("/checklist/items", data={"csrf_token": token(phone), "care": "pain"}, headers=headers)
    cleared = phone.post("/next-person", data={"csrf_token": token(phone), "confirm": "yes"}, headers=headers)
    assert cleared.status_code == 303
    assert app.extensions["page_shells"] and app.extensions["assessment_step_forms"]

    assert soup(phone.get("/centres", headers=headers)).select_one("#place").get("value", "") == ""  # no last place
    for url, swap in [(f"/centres?kind=sdc&q={place}", 0), (f"/centres?kind=sdc&q={place}", 1)]:
        response = phone.get(url, headers={**headers, **(PARTIAL if swap else {})})
        assert "Jean-Dupont-7" not in response.get_data(as_text=True), url
    phone.post("/assessment/urgent", data={"csrf_token": token(phone), "on_treatment": "no"}, headers=headers)
    for swap in (0, 1):
        symptoms = phone.get("/assessment/symptoms", headers={**headers, **(PARTIAL if swap else {})})
        page = soup(symptoms)
        assert page.select("input[checked]") == page.select("input[value=''][checked]"), swap
        assert secret not in symptoms.get_data(as_text=True)
    error = phone.post("/assessment/symptoms", data={"csrf_token": token(phone), "pain": "42"}, headers=headers)
    assert error.status_code == 422 and secret not in error.get_data(as_text=True)
    assert secret not in phone.get("/assessment/results", headers=headers).get_data(as_text=True)
    assert soup(phone.get("/checklist", headers=headers)).select("li.checklist-item") == []


def test_in_guide_mode_the_owner_s_team_number_is_neither_shown_nor_replaced(client):
    """The team number kept on a phone is its owner's: a guided person sees no form holding it (they might take
    it for theirs), and a number saved from an old page is not kept for the next person."""
    client.post("/urgent/team-number", data={"csrf_token": token(client, "/urgent"), "phone": "01 23 45 67 89"})
    client.set_cookie("guide", "on")
    page = client.get("/urgent", headers=EN)
    assert page.status_code == 200 and "01 23 45 67 89" not in page.get_data(as_text=True)
    assert soup(page).select_one("#team-number form") is None
    assert "keeps no cancer team number" in text_of(soup(page).select_one("#team-number"))
    client.post("/urgent/team-number", data={"csrf_token": token(client, "/urgent"), "phone": "09 87 65 43 21"})
    client.set_cookie("guide", "off")
    shown = client.get("/urgent", headers=EN).get_data(as_text=True)
    assert "01 23 45 67 89" in shown and "09 87 65 43 21" not in shown  # the owner's number, untouched


# --- One phone, one person after another, outside guide mode ------------------------------------------------

A_SIGNS = {"signs": ["fever", "suicidal"], "on_treatment": "yes"}


def test_kept_answers_are_offered_to_the_next_person_but_never_shown(client):
    """A ticks fever and thoughts of suicide, scores pain 9 and leaves; B opens the self-assessment: asked
    whether to continue, shown nothing of A's; B starts again, and then meets a blank questionnaire."""
    client.post("/assessment/urgent", data={"csrf_token": token(client), **A_SIGNS}, headers=EN)
    client.post("/assessment/symptoms", data={"csrf_token": token(client), "pain": "9"}, headers=EN)
    client.get("/centres?q=Bondy", headers=EN)
    start = soup(client.get("/assessment", headers=EN))
    offer = start.select_one("section.resume")
    assert "Are they yours?" in text_of(offer)
    assert offer.select_one("a")["href"] == "/assessment/distress"  # where A left off
    assert start.select_one("form.who-form") is None and start.select_one("#urgent-card") is None
    assert [t for t in ("fever", "suicide", "9/10", "3114") if t in text_of(start.main).lower()] == []
    restart = offer.select_one("form[action='/assessment/restart']")
    fields = {i["name"]: i["value"] for i in restart.select("input")}
    assert client.post("/assessment/restart", data=fields).headers["Location"] == "/assessment"
    start = soup(client.get("/assessment", headers=EN))
    assert start.select_one("section.resume") is None and start.select_one("form.who-form") is not None
    assert soup(client.get("/", headers=EN)).select_one("#home-place").get("value", "") == ""  # A's place went too
    client.post("/assessment/who", data={"csrf_token": token(client), "respondent": "caregiver"})
    urgent = soup(client.get("/assessment/urgent", headers=EN))
    assert urgent.select("input[type=checkbox][checked]") == [] and urgent.select_one("#urgent-card") is None
    assert client.get("/assessment/results").headers["Location"] == "/assessment/urgent"


@pytest.mark.parametrize("kept_who", [None, "patient"])
def test_a_change_of_who_is_answering_starts_a_blank_questionnaire(client, kept_who):
    """From a start page shown before A answered (or by the back button): B's choice of respondent never
    inherits A's signs and scores, now worded as "the person's"."""
    a_answers = {"urgent": A_SIGNS, "symptoms": {"pain": 9}} | ({"who": {"respondent": kept_who}} if kept_who else {})
    leave_answers(client, a_answers)
    response = client.post("/assessment/who", data={"csrf_token": token(client), "respondent": "caregiver"})
    assert response.headers["Location"] == "/assessment/urgent"
    urgent = soup(client.get("/assessment/urgent", headers=EN))
    assert "Does the person have any of these" in text_of(urgent.select_one("#field-signs legend"))
    assert urgent.select("input[type=checkbox][checked]") == [] and urgent.select_one("#urgent-card") is None
    assert client.get("/assessment/results").status_code == 303
    assert client.get("/assessment/symptoms").status_code == 303  # pain 9 is not kept either


def test_the_same_respondent_again_keeps_their_answers(client):
    leave_answers(client, {"who": {"respondent": "patient"}, "urgent": A_SIGNS, "symptoms": {"pain": 9}})
    client.post("/assessment/who", data={"csrf_token": token(client), "respondent": "patient"})
    assert "Pain: 9/10" in text_of(soup(client.get("/assessment/results", headers=EN)).main)
