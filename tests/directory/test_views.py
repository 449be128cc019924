import random

import pytest
from flask_babel import format_decimal, gettext

from companion.config import LANGUAGES
from companion.directory.entries import distance_words
from companion.directory.kinds import KINDS
from tests.helpers import PARTIAL, soup, text_of

EN = {"Accept-Language": "en"}


def result_ids(page):
    return [li["id"].removeprefix("centre-") for li in page.select("#results li.centre")]


def test_full_page_has_form_map_and_results(client):
    response = client.get("/centres?q=93140&kind=fertility")
    assert response.status_code == 200
    page = soup(response)
    assert page.find("html") and page.select_one("form#centre-search[action='/centres'][method=get]")
    assert page.select_one("#map-panel[hidden]") is not None  # opened on request, by the map script
    toggle = page.select_one("button#map-toggle.js-only[aria-controls=map-panel]")
    assert not toggle.has_attr("hidden")  # shown from the first paint when there are results
    assert "leaflet" not in " ".join(s["src"] for s in page.select("script[src]"))  # fetched with the map only
    assert result_ids(page)[0] == "fertility-aphp-jean-verdier"
    assert {"HX-Request", "HX-Request-Type"} <= set(response.headers["Vary"].replace(" ", "").split(","))


def test_htmx_swap_gets_only_the_results_fragment(client):
    response = client.get("/centres?q=93140&kind=fertility", headers=PARTIAL)
    assert response.status_code == 200
    page = soup(response)
    assert page.find("html") is None and page.find("body") is None
    assert page.select_one("section#results") is not None
    assert result_ids(page)[0] == "fertility-aphp-jean-verdier"
    # The language links follow the new URL (swapped out of band).
    switch = page.select_one("#language-switch[hx-swap-oob]")
    assert "q=93140" in switch.select_one("a")["href"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HX-Request": "true", "HX-Request-Type": "full", "HX-Boosted": "true"},
        {"HX-History-Restore-Request": "true", "HX-Request-Type": "full"},
        {"HX-Request": "true", "HX-Boosted": "true"},  # htmx 2 boosted link
        {"HX-Request": "true", "HX-History-Restore-Request": "true"},  # htmx 2 history cache miss
    ],
)
def test_boosted_and_history_requests_get_the_full_page(client, headers):
    assert soup(client.get("/centres?q=Bondy", headers=headers)).find("html") is not None


def test_a_bare_htmx_request_gets_the_fragment(client):
    """HX-Request alone (no HX-Request-Type: not htmx 4) still means a swap, as DESIGN.md's contract says."""
    page = soup(client.get("/centres?q=Bondy", headers={"HX-Request": "true"}))
    assert page.find("html") is None and page.select_one("section#results li.centre") is not None


def test_each_result_says_what_it_is_and_how_to_reach_it(client):
    page = soup(client.get("/centres?q=Villejuif&kind=eri", headers=EN))
    first = page.select_one("#results li.centre")
    text = text_of(first)
    assert first["id"] == "centre-eri-villejuif-gustave-roussy"
    assert "Meeting and information space (ERI)" in text
    assert "0.9 km away" in text
    assert "114 rue Édouard-Vaillant, 94800 Villejuif" in text
    assert "the hospital site" in text  # how precise the position is
    links = {a.get_text(strip=True): a["href"] for a in first.select(".actions a")}
    assert links["Call 01 42 11 61 83"] == "tel:+33142116183"
    assert links["Website"] == "http://www.gustaveroussy.fr/fr/eri"
    assert links["Directions"].startswith("geo:48.79517,2.3479?q=")
    assert links["Directions on the web"].startswith("https://www.openstreetmap.org/directions?to=48.79517")


def test_the_page_explains_each_kind_once_and_the_fragment_not_at_all(client):
    page = soup(client.get("/centres?q=Villejuif", headers=EN))
    explained = page.select_one("details.kinds-explained")
    assert [text_of(dt) for dt in explained.select("dt")] == [f"{k.symbol} {k.name}" for k in KINDS.values()]
    assert "patients and their loved ones" in text_of(explained)
    assert "patients and their loved ones" not in text_of(page.select_one("#results"))
    fragment = client.get("/centres?q=Villejuif", headers={**EN, **PARTIAL})
    assert "patients and their loved ones" not in fragment.get_data(as_text=True)


def test_without_results_there_is_no_map_to_show(client):
    assert soup(client.get("/centres")).select_one("#map-toggle[hidden]") is not None


def test_distances_are_written_the_french_way_in_french(client):
    page = soup(client.get("/centres?q=Villejuif&kind=eri", headers={"Accept-Language": "fr"}))
    assert "0,9 km" in text_of(page.select_one("#results li.centre"))


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_distances_are_worded_as_babel_words_them(app, language):
    """Each distance is written with the language's symbols looked up once: the same words as Babel's
    format_decimal and the catalogue, rounding and thousands included."""
    rng = random.Random(25)
    distances = [0.0, 0.05, 0.15, 0.25, 1.05, 2.45, 999.95, 1234.56, 16_543.21]
    distances += [rng.uniform(0, 500) for _ in range(500)] + [round(rng.uniform(0, 60), 2) for _ in range(500)]
    # Every tie to a hundredth up to 300 km, numbers near ties, and tiny and huge ones (an exponent in their repr).
    distances += [k / 100 for k in range(30_000)] + [k / 100 + d for k in range(5, 3000, 10) for d in (1e-9, -1e-9)]
    distances += [1e-7, 4.9e-5, 0.04999999999, 123_456_789.25, 1.5e16]
    with app.test_request_context(f"/centres?lang={language}"):
        words = distance_words(language)
        for km in distances:
            assert words(km) == gettext("%(km)s km away", km=format_decimal(km, "#,##0.0"))


def test_unconfirmed_address_is_said_plainly(client):
    page = soup(client.get("/centres?q=Paris&kind=eri", headers=EN))
    paris = page.select_one("#centre-eri-paris")
    assert "not confirmed yet" in text_of(paris)
    assert "approximate" in text_of(paris)


def test_ambiguous_town_asks_then_offers_the_other_places(client):
    page = soup(client.get("/centres?q=Saint-Denis", headers=EN))
    choices = [a.get_text(strip=True) for a in page.select(".place-choices a")]
    assert choices[:2] == ["Saint-Denis (93200)", "Saint-Denis (97400)"] and "Saint-Denis (11310)" in choices
    page = soup(client.get("/centres?q=Saint-Denis (93200)", headers=EN))  # the first choice
    assert "near Saint-Denis (93200)" in text_of(page.select_one("#results-heading"))


def test_search_by_position(client):
    page = soup(client.get("/centres?lat=48.9142&lon=2.4917&kind=fertility", headers=EN))
    assert "near your position" in text_of(page.select_one("#results-heading"))
    assert result_ids(page)[0] == "fertility-aphp-jean-verdier"
    assert page.select_one(".results-places")["data-origin-lat"] == "48.91"  # rounded to about 1 km


def test_unknown_place_is_a_clear_422_that_keeps_what_was_typed(client):
    response = client.get("/centres?q=Atlantis&kind=sdc", headers=EN)
    assert response.status_code == 422
    page = soup(response)
    assert "We could not find “Atlantis”" in text_of(page.select_one("#search-error"))
    assert page.select_one("#place")["value"] == "Atlantis"
    assert page.select_one("input[name=kind][value=sdc]").has_attr("checked")


@pytest.mark.parametrize(
    "query, words",
    [
        ("kind=spa&q=Bondy", "Unknown kind of resource"),
        ("lat=abc&lon=2", "must be a number"),
        ("lat=95&lon=2", "between -90 and 90"),
        ("lat=48.8", "Give both lat and lon"),
        ("q=" + "x" * 101, "too long"),
    ],
)
def test_bad_parameters_are_a_clear_400(client, query, words):
    response = client.get(f"/centres?{query}", headers=EN)
    assert response.status_code == 400
    assert words in text_of(soup(response).select_one("#search-error"))


def test_bad_parameters_in_a_swap_stay_in_the_results(client):
    response = client.get("/centres?kind=spa&q=Bondy", headers={**PARTIAL, **EN})
    assert response.status_code == 400
    assert soup(response).select_one("section#results #search-error") is not None


def test_empty_search_shows_the_form_and_a_hint(client):
    page = soup(client.get("/centres", headers=EN))
    assert page.select_one("#results li.centre") is None
    assert "Type a town or a postcode" in text_of(page.select_one("#results"))


def test_place_suggestions_fragment(client):
    response = client.get("/centres/places?q=villej", headers=PARTIAL)
    options = [o["value"] for o in soup(response).find_all("option")]
    assert options[0] == "Villejuif (94800)"
    assert soup(response).find("html") is None


def test_picking_a_suggestion_resolves_exactly(client):
    page = soup(client.get("/centres?q=Saint-Denis+(93200)", headers=EN))
    assert not page.select(".alternatives")
    assert "near Saint-Denis (93200)" in text_of(page.select_one("#results-heading"))


def test_markup_in_the_query_is_escaped(client):
    response = client.get("/centres?q=<script>alert(1)</script>", headers=EN)
    assert response.status_code == 422
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_a_postcode_of_several_towns_asks_which_first(client):
    page = soup(client.get("/centres?q=77120&kind=fertility", headers=EN))
    assert text_of(page.select_one("#results-heading")) == "Which town?"
    choices = {a.get_text(strip=True): a["href"] for a in page.select(".place-choices a")}
    assert len(choices) > 1 and page.select(".centre-list") == []
    label, href = next(iter(choices.items()))
    assert "kind=fertility" in href
    chosen = soup(client.get(href, headers=EN))
    assert f"near {label}" in text_of(chosen.select_one("#results-heading")) and chosen.select(".centre-list li")
    single = soup(client.get("/centres?q=93140", headers=EN))  # one town: straight to the results
    assert single.select(".place-choices") == [] and single.select(".centre-list li")


def test_shared_results_hold_nobody_s_token_and_each_person_gets_their_own(app, client):
    from companion.web.caching import cache
    from companion.web.render import CSRF_SLOT

    other = app.test_client()
    first = soup(client.get("/centres?q=Bondy", headers=PARTIAL))
    second = soup(other.get("/centres?q=Bondy"))  # the full page, from the same shared results
    mine = {i["value"] for i in first.select("#results input[name=csrf_token]")}
    theirs = {i["value"] for i in second.select("#results input[name=csrf_token]")}
    assert len(mine) == 1 and len(theirs) == 1 and mine != theirs
    with app.test_request_context("/centres?q=Bondy", headers={"Accept-Language": "fr"}):
        from companion.db import get_session
        from companion.directory.search import parse_centre_query
        from companion.directory.version import directory_state
        from companion.directory.views import _cache_key

        query = parse_centre_query({"q": "Bondy"}, default_audience="adults")
        shared = cache.get(_cache_key(query, directory_state(get_session()).version))
    assert shared is not None and CSRF_SLOT in shared.encoded.decode()
    assert not any(token in shared.encoded.decode() for token in mine | theirs)
    assert [li["id"] for li in first.select("li.centre")] == [li["id"] for li in second.select("#results li.centre")]


def test_one_question_however_spelt_is_one_cache_entry(app, client):
    """Keyed by the parsed question: parameters in another order, unknown ones, spaces or a bad question add
    nothing to the shared cache (one client could otherwise fill it)."""
    from companion.web.caching import cache

    cache.clear()
    spellings = ["q=Bondy&kind=sdc", "kind=sdc&q=Bondy", "q=%20Bondy%20&kind=sdc&x=1", "kind=sdc&q=Bondy&x=2&y=3"]
    assert all(client.get(f"/centres?{s}").status_code == 200 for s in spellings)
    assert client.get("/centres?q=Bondy&limit=nope").status_code == 400
    assert len(cache.cache._cache) == 1
