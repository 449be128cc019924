"""What a person sees after a search, wherever they are: results first, nothing listed an ocean away, place
names understood, the lines to talk to someone."""

import re
import time

import pytest

from companion.directory.models import Centre
from tests.helpers import PARTIAL, soup, text_of

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def test_after_a_search_the_form_folds_to_one_line_above_the_results(client):
    page = soup(client.get("/centres?q=Lyon 3e", headers=FR))
    fold = page.select_one("details#search-fold")
    assert fold is not None and not fold.has_attr("open")  # closed without JavaScript too
    assert text_of(fold.select_one("summary")) == "Près de Lyon 3e Arrondissement (69003) — modifier"
    assert fold.select_one("form#centre-search")  # the whole form, one tap away
    # In the page's order, the results come right after the fold (the explanations of the kinds after them).
    order = [el.get("id") or el.get("class")[0] for el in page.select("#search-fold, #results, .kinds-explained")]
    assert order == ["search-fold", "results", "kinds-explained"]
    # Before any search, the form is open on the page.
    empty = soup(client.get("/centres", headers=FR))
    assert empty.select_one("#search-fold") is None and empty.select_one("form#centre-search")


def test_an_htmx_search_says_the_place_for_the_fold(client):
    fragment = soup(client.get("/centres?q=Bondy", headers={**EN, **PARTIAL}))
    assert fragment.select_one("#results")["data-fold-label"] == "Near Bondy (93140)"


@pytest.mark.parametrize("town, area", [("Cayenne", "Guyane"), ("Saint-Denis 974", "La Réunion")])
def test_overseas_nothing_is_listed_an_ocean_away_and_what_helps_is_said(client, town, area):
    page = soup(client.get(f"/centres?q={town}", headers=EN))
    results = page.select_one("#results")
    # No entry, no call or directions button; only the help with paperwork, which is everywhere.
    assert not results.select(".results-places li.centre, .results-places li.centre-unplaced")
    assert {li["data-kind"] for li in results.select("li.centre")} == {"paperwork"}
    assert not results.select("details.far-places")
    text = text_of(results)
    assert f"In {area}, the directory lists nothing yet" in text
    assert "more than 400 km" in text and not re.search(r"\d,\d{3}(\.\d)? km", text)
    assert "Your own cancer team" in text and "e-cancer.fr" in text
    assert "0 800 940 939" in text  # someone to talk to


def test_the_sheet_for_cayenne_lists_nothing_far(client):
    page = soup(client.get("/sheet?q=Cayenne", headers=EN))
    assert not page.select(".sheet-kind .sheet-list li")  # the help with paperwork is listed apart
    assert "In Guyane, the directory lists nothing yet" in text_of(page)


def test_far_places_are_listed_only_within_reach(client):
    """Guéret: nothing near, but the regional cancer centres within 400 km, and nothing beyond."""
    page = soup(client.get("/centres?q=Guéret", headers=EN))
    distances = [float(d.get_text().split()[0].replace(",", "")) for d in page.select("#results .distance")]
    assert distances and max(distances) <= 400


def test_the_nearest_cancer_centre_is_shown_once(client):
    page = soup(client.get("/centres?q=Lyon 3e", headers=EN))
    ids = [li["id"] for li in page.select("#results li.centre")]
    assert len(ids) == len(set(ids))
    assert text_of(page.select_one("#results-heading")).startswith("2 resources near")


def test_coverage_names_departements_not_codes(client):
    page = soup(client.get("/centres?q=Guéret&kind=eri", headers=FR))
    note = text_of(page.select_one(".notice-coverage"))
    assert "Alpes-Maritimes" in note and "Calvados" in note and "Rhône" in note
    assert not re.search(r"\b(06|14|69)\b", note)


def test_a_departement_name_takes_the_person_to_its_prefecture_and_says_so(client):
    page = soup(client.get("/centres?q=Creuse", headers=EN))
    assert "near Guéret (23000)" in text_of(page.select_one("#results-heading"))
    notice = page.select_one("#results p.notice")
    assert "Creuse is a département" in text_of(notice)
    assert notice.select_one("a")["href"] == "/departements/23"
    assert "Creuse (80480)" in [text_of(a) for a in page.select(".alternatives a")]
    departement = soup(client.get(notice.select_one("a")["href"], headers=EN))
    assert text_of(departement.select_one("h1")) == "Supportive care in Creuse (23)"


def test_a_region_asks_which_departement(client):
    page = soup(client.get("/centres?q=Bretagne", headers=EN))
    assert text_of(page.select_one("#results-heading")) == "Which département?"
    assert {text_of(a) for a in page.select(".place-choices a")} == {
        "Côtes-d'Armor",
        "Finistère",
        "Ille-et-Vilaine",
        "Morbihan",
    }


def test_a_town_and_its_region_and_an_exact_name(client):
    page = soup(client.get("/centres?q=Saint-Denis La Réunion", headers=EN))
    assert "Saint-Denis (97400)" in text_of(page.select_one("#results-heading"))
    page = soup(client.get("/centres?q=Nantes", headers=EN))
    assert re.search(r"near Nantes \(44\d{3}\)", text_of(page.select_one("#results-heading")))
    assert "Nantes-en-Ratier" not in text_of(page)


def test_the_sheet_asks_which_place_for_an_ambiguous_name(client):
    page = soup(client.get("/sheet?q=St Maur", headers=EN))
    assert "Several places are called “St Maur”" in text_of(page)
    assert text_of(page.select_one(".place-choices a")) == "Saint-Maur-des-Fossés (94100)"


def test_french_elides_de_before_a_vowel(client):
    page = soup(client.get("/centres?q=Ajaccio", headers=FR))
    heading = text_of(page.select_one("#results-heading"))
    assert "près d’Ajaccio" in heading and "de Ajaccio" not in text_of(page)
    page = soup(client.get("/centres?q=Le Havre", headers=FR))
    assert "près du Havre" in text_of(page.select_one("#results-heading"))


def test_caregivers_get_lines_to_call_with_their_sources_and_whole_sentences(client):
    page = soup(client.get("/caregivers", headers=EN))
    calls = {a["href"] for a in page.select(".helplines a[href^='tel:']")}
    assert calls == {"tel:+33800940939", "tel:+33184729472"}
    text = text_of(page.select_one("main"))
    assert "Source: paris.fr, 22/09/2023" in text
    assert "103 departmental committees" in text
    respite = page.find("h2", string="Respite and help at home").find_next("p")
    assert "Respite is time for yourself" in text_of(respite)
    assert "Psychologists, information spaces and patient associations." not in text  # a fragment, no more


def test_no_number_is_shown_that_the_helplines_reference_does_not_source(client):
    """Cancer Info's old number could not be confirmed: it is never shown."""
    for url in ("/caregivers", "/centres?q=Cayenne", "/sheet?q=Cayenne", "/sheet?q=Bondy"):
        assert "0810" not in client.get(url, headers=EN).get_data(as_text=True)


def test_a_childrens_pain_centre_is_not_offered_to_adults_by_default(client):
    page = soup(client.get("/centres?q=Saint-Maur-des-Fossés&kind=sdc", headers=EN))
    assert "centre-sdc-aphp-trousseau" not in [li["id"] for li in page.select("#results li.centre")]
    assert page.select_one("#audience option[selected]")["value"] == "adults"


def test_a_person_who_said_they_are_under_18_gets_childrens_entries(client):
    with client.session_transaction() as s:  # what the self-assessment keeps in progress (assessment.answers)
        s["assessment"], s["assessment_at"] = {"context": {"age": "under_18"}}, int(time.time())
    page = soup(client.get("/centres?q=Saint-Maur-des-Fossés&kind=sdc", headers=EN))
    assert page.select_one("#audience option[selected]")["value"] == "children"
    assert "centre-sdc-aphp-trousseau" in [li["id"] for li in page.select("#results li.centre")]


def test_the_sheet_asks_for_whom_and_labels_every_entry(client):
    page = soup(client.get("/sheet?q=Montfermeil", headers=EN))
    ids = [li["data-centre"] for li in page.select("li[data-centre]")]
    assert ids and "sdc-aphp-trousseau" not in ids
    assert text_of(page.select_one(".sheet-for")) == "For adults."
    assert page.select_one("#sheet-audience option[selected]")["value"] == "adults"
    for li in page.select("li[data-centre]"):
        assert re.search(r"For (everyone|adults|children and teenagers)", text_of(li))
    children = soup(client.get("/sheet?q=Montfermeil&audience=children", headers=EN))
    assert "sdc-aphp-trousseau" in [li["data-centre"] for li in children.select("li[data-centre]")]
    assert client.get("/sheet?q=Montfermeil&audience=pets", headers=EN).status_code == 400


def test_an_entry_dated_by_its_source_says_so_and_only_a_check_says_checked(client):
    page = soup(client.get("/centres?q=Paris&kind=mis", headers=EN))
    dated = text_of(page.select_one("#centre-mis-aphp-pitie-salpetriere .checked"))
    assert dated.startswith("Information from its source, November 2011")
    page = soup(client.get("/centres?q=Bondy&kind=fertility", headers=FR))
    dated = text_of(page.select_one("#centre-fertility-aphp-jean-verdier .checked"))
    assert dated.startswith("Informations du répertoire national des établissements de santé (FINESS), mars 2020")


def test_directions_open_the_phones_maps_app_and_the_web_is_second(client):
    entry = soup(client.get("/centres?q=Bondy&kind=fertility", headers=EN)).select_one("#results li.centre")
    links = [(a["href"], text_of(a)) for a in entry.select(".actions a") if "Directions" in text_of(a)]
    assert links[0][0].startswith("geo:48.") and "?q=48." in links[0][0] and links[0][1] == "Directions"
    assert links[1][0].startswith("https://") and links[1][1] == "Directions on the web"


def test_register_text_is_shown_tidied_and_the_data_kept(client, session):
    page = soup(client.get("/centres?q=Lyon 3e", headers=EN))
    leon_berard = page.select_one("#centre-cancer-centre-690000880")
    assert text_of(leon_berard.select_one(".address")) == "28 Rue Laennec, Lyon"  # not the CEDEX code 69373
    assert leon_berard.select_one(".establishment") is None  # "Centre Leon Berard" adds nothing to its name
    angers = soup(client.get("/centres?q=Angers&kind=cancer_centre", headers=EN)).select_one(
        "#centre-cancer-centre-490000155 .address"
    )
    assert text_of(angers) == "15 Rue Andre Bocquel, Angers"  # no "Cs 10059"
    assert session.get(Centre, "cancer-centre-490000155").address.endswith("Cs 10059")  # the data stays as sourced
    bondy = soup(client.get("/centres?q=Bondy&kind=fertility", headers=EN)).select_one("li.centre")
    assert text_of(bondy.select_one(".address")).endswith(", 93140 Bondy")  # a real postcode stays


def test_without_javascript_the_page_says_a_map_exists(client):
    page = soup(client.get("/centres?q=Bondy", headers=FR))
    assert text_of(page.select_one(".no-js-only")) == "Une carte de ces lieux s’affiche avec JavaScript."
    assert soup(client.get("/centres?q=Cayenne", headers=FR)).select_one(".no-js-only") is None
