"""The results cache in the worker's memory keeps values as they are (no pickling): only immutable ones."""

from dataclasses import dataclass

import pytest

from companion.web.caching import cache
from tests.helpers import PARTIAL, soup


@dataclass(frozen=True)
class Kept:
    html: str
    status: int
    words: tuple


@dataclass
class Changeable:
    html: str


def test_a_frozen_value_is_kept_as_it_is(app):
    with app.app_context():
        value = Kept("<p>é</p>", 200, ("a", 1, None))
        cache.set("kept", value)
        assert cache.get("kept") is value


@pytest.mark.parametrize("value", [["a"], {"a": 1}, Changeable("x"), Kept("x", 200, (["inside"],))])
def test_a_value_that_could_change_is_refused(app, value):
    with app.app_context():
        with pytest.raises(TypeError):
            cache.set("changeable", value)
        assert cache.get("changeable") is None


def _without_tokens(response) -> str:
    page = soup(response)
    for token in page.select("input[name=csrf_token]"):  # signed with the time: set aside
        token.decompose()
    return str(page)


def test_a_search_answered_from_the_cache_is_the_same_page(client):
    first = client.get("/centres?q=Lyon&kind=", headers=PARTIAL)
    again = client.get("/centres?q=Lyon&kind=", headers=PARTIAL)
    assert first.status_code == again.status_code == 200
    assert _without_tokens(first) == _without_tokens(again)
    assert len(soup(again).select("input[name=csrf_token]")) > 0


def test_a_full_store_drops_its_oldest_entries_first(app):
    with app.app_context():
        store = cache.cache
        store.clear()
        limit = store._threshold
        for n in range(limit + 10):
            cache.set(f"key-{n}", n)
        assert len(store._cache) == limit
        assert all(cache.get(f"key-{n}") is None for n in range(10))  # the ten first are gone
        assert [cache.get(f"key-{n}") for n in range(10, limit + 10)] == list(range(10, limit + 10))
