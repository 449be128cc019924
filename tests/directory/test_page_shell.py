"""The directory page's shell (render_shell): rendered once per shape around slots, filled per request. It must
give the very page a whole rendering gives, and keep nothing of one person for the next on a shared phone."""

import re

import pytest

from companion import create_app
from companion.web.render import BACK_SLOT, CSRF_SLOT
from companion.web.slots import Slots
from tests.helpers import PARTIAL, soup, text_of

EN = {"Accept-Language": "en"}
QUESTIONS = [
    "/centres",
    "/centres?q=Lyon",
    "/centres?q=Ajaccio&lang=fr",
    "/centres?q=Le+Havre&kind=sdc&lang=fr",
    "/centres?q=75014&kind=eri&audience=children",
    "/centres?q=Nowhere-at-all",
    "/centres?kind=bogus",
    "/centres?lat=48.85&lon=2.35&audience=adults",
    "/centres?q=%3Cb%3E%26%22",
]


def without_tokens(html: str) -> str:
    return re.sub(r'(X-CSRFToken": "|name="csrf_token" value=")[^"]+', r"\1TOKEN", html)


@pytest.fixture
def whole_app(app, database_url, tmp_path, monkeypatch):
    """The same app with template reloading on: every page is rendered whole, as a development server does."""
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path / "whole"))
    whole = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-only"})
    whole.config["TEMPLATES_AUTO_RELOAD"] = True
    yield whole
    whole.extensions["engine"].dispose()


def test_the_filled_shell_is_the_page_rendered_whole(app, whole_app):
    for url in QUESTIONS:
        for language in ("en", "fr"):
            headers = {"Accept-Language": language}
            # Twice on the shell's app: the first fills the shell, the second is served from it.
            shelled = [app.test_client().get(url, headers=headers) for _ in range(2)]
            whole = whole_app.test_client().get(url, headers=headers)
            assert {r.status_code for r in shelled} == {whole.status_code}, url
            expected = without_tokens(whole.get_data(as_text=True))
            assert [without_tokens(r.get_data(as_text=True)) for r in shelled] == [expected, expected], url
    assert app.extensions["page_shells"] and "page_shells" not in whole_app.extensions


def test_person_b_sees_nothing_of_person_a(app):
    """Shared phones: A's place, title, way back and CSRF secret are never in B's page, even from the same shell."""
    a, b = app.test_client(), app.test_client()
    a_page = soup(a.get("/centres?q=Bondy", headers=EN))
    assert a_page.select_one("#place")["value"] == "Bondy" and "Bondy" in text_of(a_page.title)
    b_page = soup(b.get("/centres?q=Villejuif", headers=EN))  # the same shape: the same shell, filled for B
    assert b_page.select_one("#place")["value"] == "Villejuif"
    assert "Villejuif" in text_of(b_page.title) and "Villejuif" in text_of(b_page.select_one("#search-fold-place"))
    assert "Bondy" not in str(b_page)
    assert "town=Villejuif" in b_page.select_one("p.suggest-place a")["href"]

    def token(page):
        return re.search(r'"X-CSRFToken": "([^"]+)"', page.body["hx-headers:inherited"]).group(1)

    assert token(a_page) != token(b_page)
    assert {i["value"] for i in b_page.select("input[name=csrf_token]")} == {token(b_page)}
    # A's place is offered again to A (their own cookie), never to B's empty search.
    assert soup(a.get("/centres", headers=EN)).select_one("#place")["value"] == "Bondy"
    assert soup(app.test_client().get("/centres", headers=EN)).select_one("#place").get("value", "") == ""


def test_a_place_typed_as_a_slot_is_shown_as_typed(app):
    """Slots are filled in one pass: text that happens to spell one is shown as it is, never filled in turn."""
    client = app.test_client()
    client.get("/centres?q=Bondy", headers=EN)  # the shell of this shape exists
    shell, slots = next(iter(app.extensions["page_shells"].values())), Slots()
    for number in range(len(set(shell.keys))):
        typed = str(slots(number))  # the word of each of the page's slots
        page = soup(client.get("/centres", query_string={"q": typed}, headers=EN))
        assert page.select_one("#place")["value"] == typed
        assert len(page.select("#results")) == 1


def test_guide_mode_and_messages_are_rendered_whole(app):
    """What is one person's own (guide mode's banner, a message to show) never goes through a shell."""
    client = app.test_client()
    client.set_cookie("guide", "on")
    response = client.get("/centres?q=Bondy", headers=EN)
    page = soup(response)
    assert response.status_code == 200 and page.select_one("#place")["value"] == "Bondy"
    assert page.select_one(".guide-banner") is not None
    assert "page_shells" not in app.extensions
    # Without JavaScript, an addition comes back to the results with a word kept for them in the session.
    other = app.test_client()
    entry = soup(other.get("/centres?q=Bondy&kind=sdc", headers=EN)).select_one("form.add-form")
    fields = {i["name"]: i["value"] for i in entry.select("input[type=hidden]")}
    response = other.post(entry["action"], data=fields, headers=EN, follow_redirects=True)
    assert response.status_code == 200 and soup(response).select_one("#place")["value"] == "Bondy"


def test_a_cached_search_keeps_nothing_of_how_person_a_wrote_it(app):
    """The results cache answers B from A's search when both parse the same: nothing of A's address (a parameter
    of their own, their position before rounding) may be in what B gets, page or fragment."""
    a, b = app.test_client(), app.test_client()
    page = a.get("/centres?q=Bondy&kind=sdc&note=Jean-Dupont-chemo", headers=EN)
    assert "Jean-Dupont-chemo" in page.get_data(as_text=True)  # A's own way back is A's address
    theirs = "/centres?kind=sdc&q=Bondy"
    for headers in (EN, {**EN, **PARTIAL}):
        response = b.get(theirs, headers=headers)
        assert "Jean-Dupont-chemo" not in response.get_data(as_text=True)
        assert {i["value"].split("#")[0] for i in soup(response).select("input[name=next]")} == {theirs}
    a.get("/centres?lat=48.85341&lon=2.34881&kind=sdc", headers=EN)  # a position as precise as a home
    html = b.get("/centres?lat=48.85&lon=2.35&kind=sdc", headers=EN).get_data(as_text=True)
    assert "48.85341" not in html and "2.34881" not in html and "lat=48.85&amp;lon=2.35" in html


def test_text_spelling_a_fragment_slot_is_shown_as_typed(app):
    """A place typed as a slot of the shared fragment is shown as typed: it never becomes this person's CSRF
    token (shown as text) nor a way back."""
    client = app.test_client()
    for typed in ("csrf-slot-3f9c1e", "slot-back-8d2e", CSRF_SLOT, BACK_SLOT):
        for headers in (EN, {**EN, **PARTIAL}):
            response = client.get("/centres", query_string={"q": typed}, headers=headers)
            tokens = {i["value"] for i in soup(response).select("input[name=csrf_token]")}
            assert response.status_code == 422 and typed in text_of(soup(response).select_one("#search-error"))
            assert not any(token in without_tokens(response.get_data(as_text=True)) for token in tokens), typed


def test_a_page_from_its_shell_has_the_headers_of_the_page_rendered_whole(app, whole_app):
    """CSP, no-store, Vary and the rest: a page filled from a shell or a cache is answered as one rendered whole."""

    def headers(response) -> dict:
        return {k: v for k, v in response.headers.items() if k not in ("Set-Cookie", "Date", "Content-Length")}

    for url in ("/centres?q=Lyon", "/centres?q=Nowhere-at-all", "/centres"):
        for extra in ({}, PARTIAL):
            shelled = [app.test_client().get(url, headers={**EN, **extra}) for _ in range(2)]  # made, then kept
            whole = headers(whole_app.test_client().get(url, headers={**EN, **extra}))
            assert [headers(r) for r in shelled] == [whole, whole], url
            assert whole["Cache-Control"] == "no-store" and "default-src" in whole["Content-Security-Policy"]
