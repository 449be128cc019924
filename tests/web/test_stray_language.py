"""Rendered pages in one language carry no sentence left in the other (untranslated or unmarked strings)."""

import re

import pytest

from tests.helpers import soup

PAGES = [
    "/",
    "/assessment",
    "/assessment/urgent",
    "/urgent",
    "/cares",
    "/cares/pain",
    "/checklist",
    "/caregivers",
    "/sheet",
    "/offline",
    "/nowhere",
]
FRENCH_ONLY = {
    "le",
    "la",
    "les",
    "des",
    "vous",
    "votre",
    "vos",
    "pour",
    "avec",
    "est",
    "une",
    "du",
    "aux",
    "sur",
    "dans",
}
ENGLISH_ONLY = {"the", "your", "you", "and", "with", "of", "for", "is", "to", "this", "what", "who"}


def visible_words(response, locale):
    page = soup(response)
    for tag in page(["script", "style", "title"]):
        tag.decompose()
    for tag in page.select("[lang]"):
        if tag.name != "html" and tag["lang"] != locale:
            tag.decompose()  # the other language's switch link says its own name
    text = page.body.get_text(" ")
    text = re.sub(r"“[^”]*”|«[^»]*»", " ", text)  # quoted titles of French documents
    return set(re.findall(r"[a-zà-ÿ]+", text.lower()))


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_have_no_french_words(client, path):
    words = visible_words(client.get(path, headers={"Accept-Language": "en"}), "en")
    assert words & ENGLISH_ONLY  # the page's own words are read
    assert words & FRENCH_ONLY == set()


@pytest.mark.parametrize("path", PAGES)
def test_french_pages_have_no_english_words(client, path):
    words = visible_words(client.get(path, headers={"Accept-Language": "fr"}), "fr")
    assert words & FRENCH_ONLY
    assert words & ENGLISH_ONLY == set()
