import re
import time

import pytest
from hypothesis import given
from sqlmodel import func, select

from companion.assessment.answers import SESSION_KEY, TOUCHED_KEY
from companion.checklist.models import ChecklistItem, Notebook, SavedAssessment
from companion.checklist.notebook import MAX_NOTE, MAX_TITLE, MAX_TYPED_CODE
from companion.config import LANGUAGES
from companion.pages.forms import MAX_TYPED_PHONE
from tests.helpers import FUZZ, PARTIAL, VALUES, assert_safe, csrf_token, soup, text_of

EN = {"Accept-Language": "en"}
COOKIE = "__Host-notebook"


def token(client, url="/checklist"):
    return csrf_token(client, url)


def add(client, headers=None, **data):
    return client.post(
        "/checklist/items", data={"csrf_token": token(client), **data}, headers={**EN, **(headers or {})}
    )


def items(client):
    return {li["id"]: li for li in soup(client.get("/checklist", headers=EN)).select("li.checklist-item")}


def count(session, table):
    return session.exec(select(func.count()).select_from(table)).one()


def notebook_code(client):
    return text_of(soup(client.get("/checklist")).select_one("#code-text"))


def item_form(client, item_id):
    form = soup(client.get("/checklist")).select_one(f"#item-{item_id} form.status-form")
    return {
        "csrf_token": form.select_one("[name=csrf_token]")["value"],
        "version": form.select_one("[name=version]")["value"],
    }


def test_browsing_creates_no_notebook(client, session):
    for url in ("/", "/checklist", "/centres?q=Bondy", "/assessment", "/checklist/open"):
        client.get(url)
    assert count(session, Notebook) == 0
    page = soup(client.get("/checklist", headers=EN))
    assert len(page.select("li.care")) == 11 and page.select_one("#code-text") is None


def test_first_addition_creates_the_notebook_and_its_cookie(client, session):
    response = add(client, care="pain", reason="Because of: Pain")
    assert response.status_code == 303 and response.headers["Location"].startswith("/checklist#item-")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=") and all(
        f in cookie for f in ("Secure", "HttpOnly", "Path=/", "SameSite=Lax")
    )
    code = cookie.split("=", 1)[1].split(";")[0]
    notebook = session.exec(select(Notebook)).one()
    assert code not in notebook.code_hash  # only the hash is kept
    assert re.fullmatch(r"([0-9A-Z]{4}-){6}[0-9A-Z]{4}", notebook_code(client))
    (item,) = items(client).values()
    assert "Pain relief" in text_of(item) and "Because of: Pain" in text_of(item)


def test_adding_from_a_swap_answers_with_a_confirmation(client):
    response = add(client, PARTIAL, care="fertility", centre="fertility-aphp-tenon", reason="Found near Paris")
    assert response.status_code == 200
    assert "Added to your checklist" in text_of(soup(response))
    again = add(client, PARTIAL, care="fertility")
    assert "Already in your checklist" in text_of(soup(again))
    (item,) = items(client).values()
    assert "Tenon" in text_of(item.select_one(".chosen-centre"))


def test_a_second_centre_for_a_listed_care_can_be_chosen_instead(client):
    add(client, PARTIAL, care="fertility", centre="fertility-aphp-tenon")
    again = soup(add(client, PARTIAL, care="fertility", centre="fertility-chi-poissy"))
    assert "with another centre" in text_of(again)
    offer = again.select_one("form.add-form")
    assert offer["hx-target"] == "closest .added"
    data = {i["name"]: i["value"] for i in offer.select("input")}
    assert data == {"care": "fertility", "centre": "fertility-chi-poissy", "replace_centre": "yes"}
    add(client, PARTIAL, **data)
    (item,) = items(client).values()
    assert "Poissy" in text_of(item.select_one(".chosen-centre"))


def test_without_javascript_adding_returns_to_the_same_result(client):
    page = soup(client.get("/centres?q=Poissy&kind=fertility", headers=EN))
    form = page.select_one("#centre-fertility-chi-poissy form.add-form")
    data = {i["name"]: i["value"] for i in form.select("input")}
    assert data["next"] == "/centres?q=Poissy&kind=fertility#centre-fertility-chi-poissy"
    response = client.post("/checklist/items", data=data, headers=EN)
    assert response.status_code == 303 and response.headers["Location"] == data["next"]
    back = soup(client.get("/centres?q=Poissy&kind=fertility", headers=EN))
    # Said where the person comes back to, the entry itself, in place of its "add" button.
    entry = back.select_one("#centre-fertility-chi-poissy")
    assert "Added to your checklist: Help with fertility preservation." in text_of(entry.select_one("[role=status]"))
    assert entry.select_one("form.add-form") is None and "Added" not in text_of(back.select_one("#messages"))
    assert "Added" not in text_of(soup(client.get("/centres?q=Poissy&kind=fertility", headers=EN)).main)  # said once
    data["next"] = "//evil.example/"
    assert client.post("/checklist/items", data=data, headers=EN).headers["Location"].startswith("/checklist#item-")


def test_what_is_already_listed_says_so_in_place_of_add(client):
    add(client, care="fertility", centre="fertility-chi-poissy")
    page = soup(client.get("/centres?q=Poissy&kind=fertility", headers=EN))
    entries = page.select("li.centre")
    assert len(entries) > 1 and page.select("li.centre form.add-form") == []
    marker = entries[0].select_one(".in-list")
    assert "Already in your checklist" in text_of(marker) and marker.a["href"].startswith("/checklist#item-")
    care = soup(client.get("/cares/fertility", headers=EN)).main
    assert "Already in your checklist" in text_of(care) and care.select("form.add-form") == []
    assert soup(client.get("/cares/pain", headers=EN)).main.select_one("form.add-form") is not None
    add(client, care="pain")
    with client.session_transaction() as session:
        session[SESSION_KEY], session[TOUCHED_KEY] = (
            {"urgent": {"signs": []}, "symptoms": {"pain": 7}},
            int(time.time()),
        )
    results = soup(client.get("/assessment/results", headers=EN))
    assert "Already in your checklist" in text_of(results.select_one("#need-pain"))
    assert results.select_one("#need-pain form.add-form") is None
    # Another person's search, the same results from the shared cache: "add" as before.
    other = client.application.test_client()
    assert soup(other.get("/centres?q=Poissy&kind=fertility", headers=EN)).select("li.centre form.add-form")


def test_directory_results_and_assessment_results_offer_to_add(client):
    page = soup(client.get("/centres?q=Poissy&kind=fertility", headers=EN))
    form = page.select_one("#centre-fertility-chi-poissy form.add-form")
    assert form.select_one("[name=care]")["value"] == "fertility"
    assert form.select_one("[name=centre]")["value"] == "fertility-chi-poissy"
    assert form.select_one("[name=reason]")["value"] == "Found near Poissy (78300)"


@pytest.mark.parametrize("headers", [{}, PARTIAL])
def test_status_change_in_one_tap(client, headers):
    add(client, care="pain")
    (item_id,) = [int(k.split("-")[1]) for k in items(client)]
    response = client.post(
        f"/checklist/items/{item_id}", data={**item_form(client, item_id), "status": "asked"}, headers={**EN, **headers}
    )
    if headers:
        assert response.status_code == 200
        page = soup(response)
        assert page.find("html") is None
        assert page.select_one(f"li#item-{item_id}.status-asked") is not None
        assert page.select_one(f"#item-{item_id} button[value=asked]")["aria-pressed"] == "true"
        assert "Asked: 1" in text_of(page.select_one("#progress[hx-swap-oob]"))
    else:
        assert response.status_code == 303
    assert "status-asked" in items(client)[f"item-{item_id}"]["class"]


def test_note_and_centre(client):
    add(client, care="pain")
    (item_id,) = [int(k.split("-")[1]) for k in items(client)]
    response = client.post(
        f"/checklist/items/{item_id}",
        data={**item_form(client, item_id), "note": "Ask Dr Martin on Tuesday", "centre": "sdc-foch"},
    )
    assert response.status_code == 303
    item = items(client)[f"item-{item_id}"]
    assert "Ask Dr Martin on Tuesday" in text_of(item.select_one(".item-note"))
    assert "Foch" in text_of(item.select_one(".chosen-centre"))


def test_stale_update_is_refused_with_409_and_the_current_state(client, app):
    add(client, care="pain")
    (item_id,) = [int(k.split("-")[1]) for k in items(client)]
    form = item_form(client, item_id)
    code = notebook_code(client)
    other = app.test_client()  # the same notebook on a second phone
    other.post("/checklist/open", data={"csrf_token": token(other), "code": code})
    assert (
        other.post(f"/checklist/items/{item_id}", data={**item_form(other, item_id), "status": "done"}).status_code
        == 303
    )
    stale = client.post(f"/checklist/items/{item_id}", data={**form, "status": "asked"}, headers={**PARTIAL, **EN})
    assert stale.status_code == 409
    page = soup(stale)
    assert "changed on another device" in text_of(page.select_one(f"#item-{item_id}"))
    assert page.select_one(f"#item-{item_id} button[value=done]")["aria-pressed"] == "true"
    reapply = page.select_one(f"#item-{item_id} form.status-form")
    assert reapply.select_one("button.button-primary[value=asked]") is not None  # one tap to re-apply
    assert reapply.select_one("[name=version]")["value"] == "2"
    assert "status-done" in items(client)[f"item-{item_id}"]["class"]


def test_stale_note_keeps_what_was_typed(client, app):
    add(client, care="pain")
    (item_id,) = [int(k.split("-")[1]) for k in items(client)]
    form = item_form(client, item_id)
    client.post(f"/checklist/items/{item_id}", data={**item_form(client, item_id), "status": "asked"})
    stale = client.post(f"/checklist/items/{item_id}", data={**form, "note": "My long note", "centre": ""})
    assert stale.status_code == 409
    assert soup(stale).select_one(f"#item-{item_id} textarea[name=note]").get_text() == "My long note"


@pytest.mark.parametrize(
    "data, status",
    [
        ({"status": "forgotten"}, 422),
        ({"note": "x" * 501}, 422),
        ({"centre": "nowhere"}, 422),
        ({"version": "abc"}, 400),
        ({"version": "9" * 400}, 400),  # WTForms' NumberRange would raise on it (float overflow)
        ({"version": str(2**31)}, 400),
    ],
)
def test_bad_updates_are_refused_and_change_nothing(client, data, status):
    add(client, care="pain")
    (item_id,) = [int(k.split("-")[1]) for k in items(client)]
    response = client.post(f"/checklist/items/{item_id}", data={**item_form(client, item_id), **data}, headers=EN)
    assert response.status_code == status
    if status == 422:  # said at the item it is about, once, and not among the add form's refusals at the top
        said = soup(response).select(".notice-error, .field-error")
        assert len(said) == 1 and said[0].find_parent(id=f"item-{item_id}") is not None
    item = items(client)[f"item-{item_id}"]
    assert "status-to_discuss" in item["class"] and item.select_one(".item-note") is None


def test_unknown_item_and_unknown_care(client):
    add(client, care="pain")
    assert (
        client.post(
            "/checklist/items/999999",
            data={**item_form(client, list(items(client))[0].split("-")[1]), "status": "done"},
        ).status_code
        == 404
    )
    response = add(client, care="massage")
    assert response.status_code == 422 and "not in the list" in text_of(soup(response))


def test_updating_without_a_notebook_is_404(client):
    assert (
        client.post(
            "/checklist/items/1", data={"csrf_token": token(client), "version": "1", "status": "done"}
        ).status_code
        == 404
    )


def test_missing_csrf_token_is_refused(client, session):
    assert client.post("/checklist/items", data={"care": "pain"}).status_code == 400
    assert count(session, Notebook) == 0


def test_code_entry_from_a_second_client(client, app):
    add(client, care="pain", reason="Because of: Pain")
    code = notebook_code(client)
    other = app.test_client()
    typed = code.lower().replace("-", " ")
    response = other.post("/checklist/open", data={"csrf_token": token(other), "code": typed})
    assert response.status_code == 303
    assert "Pain relief" in text_of(next(iter(items(other).values())))


def test_link_from_the_qr_code_asks_before_opening(client, app):
    add(client, care="pain")
    code = notebook_code(client)
    qr = client.get("/checklist/qr.svg")
    assert qr.mimetype == "image/svg+xml" and qr.headers["Cache-Control"] == "no-store"
    assert qr.get_data(as_text=True).startswith("<svg")
    other = app.test_client()
    page = soup(other.get(f"/checklist/open?code={code}"))
    assert page.select_one("#notebook-code-input")["value"] == code
    assert COOKIE not in other.get(f"/checklist/open?code={code}").headers.get("Set-Cookie", "")


def test_wrong_code_is_a_clear_422(client):
    response = client.post("/checklist/open", data={"csrf_token": token(client), "code": "0" * 28}, headers=EN)
    assert response.status_code == 422
    assert "No notebook has this code" in text_of(soup(response).select_one("#notebook-code-error"))


def test_code_entry_is_rate_limited(client):
    csrf = token(client)
    statuses = [
        client.post("/checklist/open", data={"csrf_token": csrf, "code": "nope"}, headers=EN).status_code
        for _ in range(12)
    ]
    assert statuses[:10] == [422] * 10 and statuses[10:] == [429, 429]
    page = soup(client.post("/checklist/open", data={"csrf_token": csrf, "code": "nope"}, headers=EN))
    assert "Too many attempts" in text_of(page)


def test_delete_asks_first_then_removes_everything_and_says_so(client, session):
    add(client, care="pain")
    assessment_token = token(client, "/assessment/urgent")
    client.post("/assessment/urgent", data={"csrf_token": assessment_token})
    client.post("/assessment/symptoms", data={"csrf_token": assessment_token, "pain": "6"})
    client.post("/checklist/scores", data={"csrf_token": assessment_token})
    assert count(session, SavedAssessment) == 1
    link = soup(client.get("/checklist", headers=EN)).select_one("#notebook-code a[href='/checklist/delete']")
    assert link is not None  # a link to a confirmation page: it works without JavaScript
    confirm = soup(client.get("/checklist/delete", headers=EN))
    assert "1 item of your checklist" in text_of(confirm.main) and "1 saved result" in text_of(confirm.main)
    unconfirmed = client.post("/checklist/delete", data={"csrf_token": token(client)}, headers=EN)
    assert unconfirmed.status_code == 200 and count(session, Notebook) == 1  # asked again, nothing deleted
    response = client.post("/checklist/delete", data={"csrf_token": token(client), "confirm": "yes"}, headers=EN)
    assert response.status_code == 303
    assert response.headers["Clear-Site-Data"] == '"storage", "cache"'  # not "cookies": the team number stays
    assert f"{COOKIE}=;" in response.headers["Set-Cookie"]
    for table in (Notebook, ChecklistItem, SavedAssessment):
        assert count(session, table) == 0
    after = text_of(soup(client.get("/checklist", headers=EN)).select_one("#messages"))
    assert "with its checklist (1) and its saved results (1)" in after and "still kept on this phone" in after


@pytest.mark.parametrize("forget, kept", [({}, True), ({"forget_team": "yes"}, False)])
def test_deleting_the_notebook_keeps_the_team_number_unless_asked(client, forget, kept):
    client.set_cookie("team_phone", "01 23 45 67 89")
    add(client, care="pain")
    assert "01 23 45 67 89" in text_of(soup(client.get("/checklist/delete", headers=EN)).main)
    response = client.post("/checklist/delete", data={"csrf_token": token(client), "confirm": "yes", **forget})
    assert ("team_phone=;" in " ".join(response.headers.getlist("Set-Cookie"))) is not kept
    assert (client.get_cookie("team_phone") is not None) is kept


def test_close_forgets_the_notebook_on_this_device_only_once_confirmed(client, session):
    add(client, care="pain")
    code = notebook_code(client)
    link = soup(client.get("/checklist", headers=EN)).select_one("#notebook-code a[href='/checklist/close']")
    assert "Close it on this phone" in text_of(link)
    # First the code again, and a question: nothing is closed yet (a tap, or a post without "confirm").
    for response in (
        client.get("/checklist/close", headers=EN),
        client.post("/checklist/close", data={"csrf_token": token(client)}, headers=EN),
    ):
        assert response.status_code == 200 and "Set-Cookie" not in response.headers
        page = soup(response)
        assert "Have you written down your code?" in text_of(page.main)
        assert text_of(page.select_one("#code-text")) == code and page.select_one(".closing-qr svg path") is not None
        assert page.select_one("form[action='/checklist/close'] input[name=confirm]")["value"] == "yes"
    response = client.post("/checklist/close", data={"csrf_token": token(client), "confirm": "yes"}, headers=EN)
    assert f"{COOKIE}=;" in response.headers["Set-Cookie"]
    assert response.headers["Clear-Site-Data"] == '"storage", "cache"'  # the offline copy too, not the cookies
    assert count(session, Notebook) == 1
    page = soup(client.get("/checklist", headers=EN))
    assert page.select_one("#code-text") is None
    assert "Your checklist is closed on this phone" in text_of(page.select_one("#messages"))
    assert client.get("/checklist/close").headers["Location"] == "/checklist"  # nothing open: nothing to close


def test_saved_scores_show_as_a_chart_with_a_text_alternative(client):
    csrf = token(client, "/assessment/urgent")
    client.post("/assessment/urgent", data={"csrf_token": csrf})
    for pain in ("8", "5"):
        client.post("/assessment/symptoms", data={"csrf_token": csrf, "pain": pain})
        assert client.post("/checklist/scores", data={"csrf_token": csrf}).status_code == 303
    page = soup(client.get("/checklist", headers=EN))
    chart = page.select_one("#scores svg[role=img]")
    assert chart is not None and len(chart.select("circle")) == 2
    assert re.search(r"Pain: 8/10 on .*, 5/10 on ", chart.title.get_text())
    assert "5/10 last time" in text_of(page.select_one("#scores"))


def test_saving_scores_without_answers_is_refused(client, session):
    assert client.post("/checklist/scores", data={"csrf_token": token(client)}).status_code == 422
    assert count(session, Notebook) == 0


def test_print_view_lists_open_items_notes_centres_and_latest_scores(client):
    add(client, care="fertility", centre="fertility-chi-poissy")
    (item_id,) = [int(k.split("-")[1]) for k in items(client)]
    client.post(
        f"/checklist/items/{item_id}",
        data={**item_form(client, item_id), "note": "Before chemo", "centre": "fertility-chi-poissy"},
    )
    page = soup(client.get("/checklist/print", headers=EN))
    row = text_of(page.select_one(".print-table tbody tr"))
    assert "Help with fertility preservation" in row and "Before chemo" in row and "01 39 27 40 50" in row


def test_purge_command(runner, client, session):
    add(client, care="pain")
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "Deleted 0 notebook(s)" in result.output
    assert count(session, Notebook) == 1


def test_checklist_in_french(client):
    add(client, care="pain")
    page = soup(client.get("/checklist", headers={"Accept-Language": "fr"}))
    assert "Prise en charge de la douleur" in text_of(page.select_one("li.checklist-item"))
    assert page.select_one("button[value=asked]").get_text(strip=True) == "Demandé"


def test_a_returning_person_finds_the_code_first(client):
    page = soup(client.get("/checklist", headers=EN))
    html = str(page.main)
    assert html.index('id="open-code"') < html.index('id="care-pain"')  # before the long list of cares
    add(client, care="pain")
    page = soup(client.get("/checklist", headers=EN))
    html = str(page.main)
    reminder = page.select_one(".code-reminder")
    assert reminder.select_one("a")["href"] == "#notebook-code"
    assert text_of(reminder.select_one(".code")) == notebook_code(client)
    assert html.index('class="code-reminder"') < html.index('class="checklist"')


@pytest.mark.parametrize("path", ["/checklist", "/checklist/qr.svg", "/checklist/print"])
def test_guessing_codes_through_the_cookie_shares_the_code_entry_budget(client, path):
    csrf = token(client)
    statuses = []
    for n in range(6):  # half the budget through the cookie...
        client.set_cookie("__Host-notebook", f"GUESS{n:023d}")
        statuses.append(client.get(path).status_code)
    client.delete_cookie("__Host-notebook")
    for _ in range(4):  # ...the other half typed
        statuses.append(client.post("/checklist/open", data={"csrf_token": csrf, "code": "nope"}).status_code)
    client.set_cookie("__Host-notebook", "GUESS-ONE-MORE")
    assert client.get(path).status_code == 429
    assert client.post("/checklist/open", data={"csrf_token": csrf, "code": "nope"}).status_code == 429
    assert 429 not in statuses


def test_a_stale_notebook_cookie_is_dropped_and_counted_once(client):
    client.set_cookie("__Host-notebook", "ABCD" * 7)
    response = client.get("/checklist")
    assert response.status_code == 200 and f"{COOKIE}=;" in response.headers["Set-Cookie"]
    client.set_cookie("__Host-notebook", "ABCD" * 7)
    add(client, care="pain")  # adding with a stale cookie starts a new notebook, and keeps its new cookie
    assert client.get_cookie("__Host-notebook") is not None and notebook_code(client)


def test_a_first_addition_that_fails_leaves_no_notebook_behind(client, session):
    """A first-time visitor adds a result whose centre has left the directory: a clear 422, and no
    half-made notebook on the page (no empty code, no QR that 404s, no delete button)."""
    response = add(client, care="fertility", centre="fertility-gone-since")
    assert response.status_code == 422
    page = soup(response)
    assert "not in the directory" in text_of(page.select_one(".notice-error"))
    assert page.select_one("#notebook-code") is None and page.select_one(".code-reminder") is None
    assert page.select_one("#open-code") is not None  # the page for someone without a notebook
    assert count(session, Notebook) == 0
    assert COOKIE not in " ".join(response.headers.getlist("Set-Cookie"))


def test_a_first_addition_that_fails_in_a_swap_leaves_no_notebook_behind(client, session):
    response = add(client, PARTIAL, care="fertility", centre="fertility-gone-since")
    assert response.status_code == 422 and "not in the directory" in text_of(soup(response))
    assert count(session, Notebook) == 0
    assert COOKIE not in " ".join(response.headers.getlist("Set-Cookie"))


def only_item(client) -> int:
    (item_id,) = [int(k.split("-")[1]) for k in items(client)]
    return item_id


def test_a_centre_is_chosen_from_the_directory_s_own_search(client):
    add(client, care="fertility")
    item_id = only_item(client)
    response = client.get(f"/checklist/items/{item_id}/centre", query_string={"q": "Poissy"}, headers={**PARTIAL, **EN})
    assert response.status_code == 200
    choice = soup(response)
    assert choice.find("html") is None  # a fragment, swapped into the item
    radios = [r["value"] for r in choice.select("input[type=radio][name=centre]")]
    assert radios[0] == "fertility-chi-poissy" and radios[-1] == ""  # nearest first, then "no centre"
    assert all(v.startswith("fertility-") for v in radios[:-1])  # only what offers this care
    assert "Centres near Poissy (78300)" in text_of(choice)
    # Nothing is chosen for the person (not even "no centre"); each choice is a big labelled tap target.
    boxes = choice.select("fieldset.choices label.choice input[type=radio]")
    assert len(boxes) == len(radios) and all(b.has_attr("required") for b in boxes)
    assert [b for b in boxes if b.has_attr("checked")] == []
    form = choice.select_one("form")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    saved = client.post(form["action"], data={**data, "centre": "fertility-chi-poissy"}, headers={**PARTIAL, **EN})
    assert saved.status_code == 200
    assert "Poissy" in text_of(soup(saved).select_one(".chosen-centre"))
    # Asked again, the chosen one comes first and is ticked.
    again = soup(client.get(f"/checklist/items/{item_id}/centre?q=Paris", headers={**PARTIAL, **EN}))
    first = again.select_one("input[type=radio]")
    assert first["value"] == "fertility-chi-poissy" and first.has_attr("checked")


def test_choosing_a_centre_works_without_javascript(client):
    add(client, care="pain")
    item_id = only_item(client)
    item = items(client)[f"item-{item_id}"]
    search = item.select_one("form.centre-search")
    assert search["method"] == "get" and search["action"] == f"/checklist/items/{item_id}/centre"
    page = soup(client.get(search["action"], query_string={"q": "Bondy"}, headers=EN))
    assert page.select_one("h1").get_text() == "Choose a centre"
    assert page.select_one("form.centre-search input[name=q]")["value"] == "Bondy"
    radios = page.select(".centre-choice input[type=radio][name=centre]")
    assert len(radios) > 2 and all(r["value"].startswith("sdc-") for r in radios[:-1])
    form = page.select_one(".centre-choice form")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    response = client.post(form["action"], data={**data, "centre": radios[0]["value"]})
    assert response.status_code == 303
    assert items(client)[f"item-{item_id}"].select_one(".chosen-centre") is not None


def test_the_last_place_searched_is_offered_when_choosing_a_centre(client):
    add(client, care="pain")
    client.get("/centres?q=Bondy")
    item_id = only_item(client)
    assert items(client)[f"item-{item_id}"].select_one("form.centre-search input[name=q]")["value"] == "Bondy"
    choice = soup(client.get(f"/checklist/items/{item_id}/centre", headers={**PARTIAL, **EN}))
    assert "Centres near Bondy (93140)" in text_of(choice)


def test_choosing_a_centre_near_an_unknown_place_offers_the_likely_ones(client):
    add(client, care="pain")
    item_id = only_item(client)
    response = client.get(f"/checklist/items/{item_id}/centre?q=Bondi", headers={**PARTIAL, **EN})
    assert response.status_code == 422
    choice = soup(response)
    assert "could not find" in text_of(choice.select_one(".field-error"))
    assert "Bondy (93140)" in [text_of(a) for a in choice.select(".suggestions a")]
    too_long = client.get(f"/checklist/items/{item_id}/centre", query_string={"q": "x" * 101}, headers=EN)
    assert too_long.status_code == 400


def test_choosing_a_centre_for_someone_else_s_item_is_not_found(client, app):
    add(client, care="pain")
    item_id = only_item(client)
    stranger = app.test_client()
    assert stranger.get(f"/checklist/items/{item_id}/centre?q=Bondy").status_code == 404
    add(stranger, care="pain")
    assert stranger.get(f"/checklist/items/{item_id}/centre?q=Bondy").status_code == 404
    assert client.get("/checklist/items/999999/centre?q=Bondy").status_code == 404


def test_the_checklist_does_not_list_the_whole_directory(client):
    """The centre picker is a search: the page's size doesn't grow with the directory."""
    for care in ("pain", "fertility", "social"):
        add(client, care=care)
    page = soup(client.get("/checklist", headers=EN))
    assert page.select("select[name=centre]") == []
    assert {o.find_parent("select")["name"] for o in page.select("option")} <= {"audience"}  # only "for whom?"
    assert len(page.select("form.centre-search")) == 3


@FUZZ
@given(q=VALUES)
def test_choosing_a_centre_survives_anything(client, q):
    if not items(client):
        add(client, care="pain")
    item_id = int(next(iter(items(client))).split("-")[1])
    for headers in (PARTIAL, {}):
        assert_safe(client.get(f"/checklist/items/{item_id}/centre", query_string={"q": q}, headers=headers))


def test_the_centre_picker_asks_for_whom_and_labels_every_centre(client):
    add(client, care="pain")
    item_id = next(iter(items(client))).removeprefix("item-")
    item = items(client)[f"item-{item_id}"]
    assert item.select_one(f"#audience-{item_id} option[selected]")["value"] == "adults"
    url = f"/checklist/items/{item_id}/centre?q=Saint-Maur-des-Fossés"
    adults = soup(client.get(url, headers={**PARTIAL, **EN}))
    labels = [text_of(label) for label in adults.select("label.choice") if label.input["value"]]
    assert labels and all(" · For " in label for label in labels)  # who each one is for
    assert "sdc-aphp-trousseau" not in [i["value"] for i in adults.select("input[type=radio]")]
    children = soup(client.get(url + "&audience=children", headers={**PARTIAL, **EN}))
    assert "sdc-aphp-trousseau" in [i["value"] for i in children.select("input[type=radio]")]
    page = soup(client.get(url + "&audience=children", headers=EN))  # the page of its own, without JavaScript
    assert page.select_one("#centre-audience option[selected]")["value"] == "children"
    assert client.get(url + "&audience=robots", headers=EN).status_code == 400


def test_reasons_the_app_wrote_are_shown_in_the_language_of_the_page(client, session):
    """Added in French, read in English: "Because of" and "Found near" follow the page; typed words stay."""
    fr = {"Accept-Language": "fr"}
    with client.session_transaction() as kept:
        kept[SESSION_KEY], kept[TOUCHED_KEY] = {"urgent": {"signs": []}, "symptoms": {"pain": 7}}, int(time.time())
    results = soup(client.get("/assessment/results", headers=fr))
    form = results.select_one("#need-pain form.add-form")
    data = {i["name"]: i["value"] for i in form.select("input")}
    assert data["reason"] == "En raison de\u00a0: Douleur"
    client.post("/checklist/items", data=data, headers=fr)
    found = soup(client.get("/centres?q=Poissy&kind=fertility", headers=fr)).select_one("li.centre form.add-form")
    client.post("/checklist/items", data={i["name"]: i["value"] for i in found.select("input")}, headers=fr)
    add(client, care="nutrition", reason="Ma fille me l’a conseillé")
    reasons = [text_of(li.select_one(".hint")) for li in items(client).values()]
    assert sorted(reasons) == ["Because of: Pain", "Found near Poissy (78300)", "Ma fille me l’a conseillé"]
    french = soup(client.get("/checklist/print", headers=fr))
    assert "En raison de : Douleur" in text_of(french.select_one(".print-table"))
    assert "Pain" not in text_of(french.select_one(".print-table"))


def test_a_fever_under_treatment_is_kept_with_the_scores_and_printed(client, session):
    csrf = token(client, "/assessment/urgent")
    client.post("/assessment/urgent", data={"csrf_token": csrf, "signs": "fever", "on_treatment": "yes"})
    offer = soup(client.get("/assessment/results", headers=EN)).select_one("form.save-scores")  # said before
    assert text_of(offer.button) == "Save my scores and signs in my notebook"
    assert "the urgent signs you ticked and today’s date" in text_of(offer)
    assert client.post("/checklist/scores", data={"csrf_token": csrf}).status_code == 303  # no score needed
    saved = session.exec(select(SavedAssessment)).one()
    assert saved.scores == {"urgent": {"signs": ["fever"], "fever_on_treatment": True}}
    for url in ("/checklist", "/checklist/print"):
        page = soup(client.get(url, headers=EN))
        noted = text_of(page.select_one(".urgent-episodes"))
        assert "A temperature of 38 °C or more" in noted and "treatment in the last 6 weeks" in noted
        assert re.search(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", noted)  # a date with its month named, not 12/7/26
    french = text_of(
        soup(client.get("/checklist/print", headers={"Accept-Language": "fr"})).select_one(".urgent-episodes")
    )
    assert "Température de 38 °C ou plus" in french
    assert re.search(r"\d{1,2} [a-zéû]+\.? \d{4}", french)


def test_earlier_scores_are_written_out_not_only_in_the_chart(client):
    csrf = token(client, "/assessment/urgent")
    client.post("/assessment/urgent", data={"csrf_token": csrf})
    for pain in ("8", "5"):
        client.post("/assessment/symptoms", data={"csrf_token": csrf, "pain": pain})
        client.post("/checklist/scores", data={"csrf_token": csrf})
    history = soup(client.get("/checklist", headers=EN)).select_one("#scores .trend-history")
    assert re.fullmatch(r"Pain: 8/10 on \w{3} \d{1,2}, \d{4}, 5/10 on \w{3} \d{1,2}, \d{4}", text_of(history))
    assert soup(client.get("/checklist", headers=EN)).select_one("#scores svg")["aria-labelledby"] == history["id"]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_open_count_agrees_with_the_counts_by_status(client, lang):
    """ "2 still in progress" beside "In progress: 0" read as a contradiction: the total names no status."""
    for care in ("pain", "nutrition", "psychology"):
        add(client, care=care)
    first = int(next(iter(items(client))).split("-")[1])
    client.post(f"/checklist/items/{first}", data={**item_form(client, first), "status": "done"})
    summary = soup(client.get("/checklist", headers={"Accept-Language": lang})).select_one("#progress")
    total = text_of(summary.p.strong)
    counts = [text_of(li) for li in summary.select(".status-counts li")]
    assert total.startswith("2 ") and sum(int(c.rsplit(" ", 1)[1]) for c in counts[:3]) == 2
    labels = [c.rsplit(":", 1)[0].strip().lower() for c in counts]
    assert not [label for label in labels if label in total.lower()], (total, labels)


def test_the_browser_is_told_the_limits_the_server_applies(client):
    """Each maxlength comes from the rule the server checks: typing stops where a refusal would start."""
    add(client, care="pain")
    page = soup(client.get("/checklist", headers=EN))
    assert page.select_one("input#personal-title")["maxlength"] == str(MAX_TITLE)
    assert page.select_one("textarea[name=note]")["maxlength"] == str(MAX_NOTE)
    assert f"({MAX_NOTE} characters at most)" in text_of(page.select_one("textarea[name=note]").parent)
    opening = soup(client.get("/checklist/open", headers=EN))
    assert opening.select_one("input#notebook-code-input")["maxlength"] == str(MAX_TYPED_CODE)
    urgent = soup(client.get("/urgent", headers=EN))
    assert urgent.select_one("input#team-phone")["maxlength"] == str(MAX_TYPED_PHONE)
