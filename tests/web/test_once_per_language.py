"""once_per_language renders a partial with its values, the page's language and the app's globals only (no context
processor): the very bytes render_template gives, in each language, for every partial shown through it."""

import re

import pytest
from flask import render_template

from companion.web.render import once_per_language
from tests.helpers import ROOT

# Pages that show each of them: results and sheets inside and outside the directory's coverage, the caregivers'
# page, a care explained after a search (the network of the place last searched).
PAGES = (
    "/caregivers",
    "/centres?q=Lyon",
    "/centres?q=Ajaccio",
    "/centres?q=Bondy",
    "/sheet?q=Lyon",
    "/sheet?q=Ajaccio",
    "/sheet?q=Bondy",
    "/cares/psychology",
)


def partials_shown_once_per_language() -> set[str]:
    """Every partial a template shows through once_per_language, as the templates name them."""
    found = set()
    for template in (ROOT / "templates").rglob("*.html"):
        found |= set(re.findall(r'once_per_language\("([^"]+)"', template.read_text(encoding="utf-8")))
    return found


@pytest.fixture
def asked(app) -> list[tuple[str, dict]]:
    """Each partial and values the pages above ask once_per_language for, in both languages (the calls are
    recorded on their way to it)."""
    calls = []

    def recorded(fragment, **values):
        calls.append((fragment, values))
        return once_per_language(fragment, **values)

    app.jinja_env.globals["once_per_language"] = recorded  # before any template is loaded
    for language in ("fr", "en"):
        client = app.test_client()
        app.extensions.pop("once_per_language", None)  # partials inside partials are asked for too
        for page in PAGES:
            assert client.get(page, headers={"Accept-Language": language}).status_code == 200, page
    return calls[:]  # templates keep the globals they were loaded with: later renders may still record


def test_a_partial_shown_once_per_language_is_what_render_template_gives(app, asked):
    """In each language, with guide mode on and a cancer team's number kept (what context processors would bring
    in): nothing of them may change a partial that anyone in the language is shown."""
    assert {fragment for fragment, _values in asked} == partials_shown_once_per_language()
    person = {"Cookie": "guide=on; team_phone=0123456789"}
    for fragment, values in asked:
        shown = {}
        for language in ("fr", "en"):
            with app.test_request_context(f"/?lang={language}", headers=person):
                app.extensions.pop("once_per_language", None)
                shown[language] = str(once_per_language(fragment, **values))
                assert shown[language] == str(render_template(fragment, **values)), (fragment, language)
        assert shown["fr"] != shown["en"], fragment  # each in its own language
