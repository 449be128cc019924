"""Query parameters url_for would read itself (_method, _scheme, _external, _anchor) are only parameters: the
language links keep just the ones that choose what a page shows, and the error page can't fail in turn."""

import pytest
from jinja2 import DictLoader

from tests.helpers import csrf_token, soup

PAGES = ["/", "/centres?q=Bondy", "/checklist", "/cares", "/urgent", "/nowhere", "/checklist/open"]
RESERVED = ["_method=POST", "_scheme=javascript", "_external=1", "_anchor=x", "_method=DELETE&_scheme=ftp"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("reserved", RESERVED)
def test_url_for_parameters_in_the_address_are_harmless(client, page, reserved):
    response = client.get(page + ("&" if "?" in page else "?") + reserved + "&zorglub=1")
    assert response.status_code in (200, 404)
    links = [a["href"] for a in soup(response).select("a[href*='lang=']")]
    assert links and all(link.startswith("/") for link in links)
    assert not any("_method" in link or "_scheme" in link or "zorglub" in link for link in links)


def test_the_language_link_keeps_the_search(client):
    links = [a["href"] for a in soup(client.get("/centres?q=Bondy&kind=sdc")).select("a[href*='lang=']")]
    assert any("q=Bondy" in link and "kind=sdc" in link for link in links)


def test_the_error_page_answers_even_when_pages_cannot_be_rendered(app, client):
    app.jinja_env.loader = DictLoader({})  # no template at all
    response = client.get("/nowhere", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "This page does not exist" in text and "112" in text and "3114" in text
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert client.get("/").status_code == 500  # a page that can't render is the bare page too, not a traceback


def test_the_notebook_pages_echo_no_query_key_beside_the_code(client):
    """Under compression, a page that echoes what an attacker put in its address next to a secret leaks it
    (BREACH): the notebook's pages echo nothing of the query."""
    csrf = csrf_token(client, "/checklist")
    client.post("/checklist/items", data={"csrf_token": csrf, "care": "pain"})
    for page in ("/checklist", "/checklist/print", "/checklist/open"):
        response = client.get(page + "?zorglubkey=zorglubvalue&q=zorglubq")
        assert response.status_code == 200 and "zorglub" not in response.get_data(as_text=True), page
