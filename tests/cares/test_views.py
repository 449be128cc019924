"""The care explainers, who else can help and the caregivers' path (companion/cares): every care in both
languages with its sources, and where to find it near the place last searched."""

import pytest

from companion.cares.catalogue import ALL_CARES, CARES
from tests.helpers import PARTIAL, soup, text_of

EN, FR = {"Accept-Language": "en"}, {"Accept-Language": "fr"}


@pytest.mark.parametrize("key", list(ALL_CARES))
@pytest.mark.parametrize("headers, sources", [(EN, "Sources:"), (FR, "Sources :")])
def test_every_care_has_its_page_in_both_languages_with_sources(client, key, headers, sources):
    response = client.get(f"/cares/{key}", headers=headers)
    assert response.status_code == 200
    page = soup(response)
    main = text_of(page.main)
    assert page.h1.get_text(strip=True) and sources in main
    assert len(page.select("main h2")) >= 2  # who provides it, how it is paid for...
    if key not in CARES:  # complementary practices are marked as such
        assert ("Other complementary practices" in main) or ("Autres pratiques complémentaires" in main)


def test_pain_page_links_to_nearby_pain_centres(client):
    page = soup(client.get("/cares/pain", headers=EN))
    form = page.select_one("form.quick-search[action='/centres']")
    assert form.select_one("input[name=kind]")["value"] == "sdc"
    assert "When it helps" in text_of(page.main) and "How to ask for it" in text_of(page.main)


def test_care_index_filters_by_group_as_page_or_fragment(client):
    page = soup(client.get("/cares", headers=EN))
    assert len(page.select("#care-list li.care")) == 15
    practices = soup(client.get("/cares?group=practice", headers=EN))
    assert [li["id"] for li in practices.select("li.care")] == [
        "care-sophrology",
        "care-art_therapy",
        "care-reflexology",
        "care-socio_aesthetics",
    ]
    assert "never replace it" in text_of(practices.select_one("#care-list"))
    fragment = client.get("/cares?group=analgesia", headers=PARTIAL)
    assert soup(fragment).find("html") is None and len(soup(fragment).select("li.care")) == 2


@pytest.mark.parametrize("url", ["/cares/massage", "/cares?group=spa"])
def test_unknown_care_or_group_is_a_404_page(client, url):
    response = client.get(url, headers=EN)
    assert response.status_code == 404 and "does not exist" in text_of(soup(response).main)


def test_who_else_can_help_with_phone_links(client):
    page = soup(client.get("/help", headers=EN))
    assert page.select_one("a[href='tel:+33144060090']") is not None  # ONCORIF
    assert page.select_one("a[href='https://www.e-cancer.fr']") is not None
    assert len(page.select("li.care")) == 9


def test_caregivers_path(client):
    page = soup(client.get("/caregivers", headers=EN))
    hrefs = {a["href"] for a in page.select("main a")}
    assert {"/cares/carers", "/centres?kind=eri", "/checklist"} <= hrefs


def test_the_basket_has_eleven_cares():
    assert len(CARES) == 11


@pytest.mark.parametrize("key", CARES)
def test_every_care_says_where_to_find_it_near_you(client, key):
    care = CARES[key]
    client.get("/centres?q=Guéret")  # the place last searched in this browser session
    section = soup(client.get(f"/cares/{key}", headers=EN)).select_one("section[aria-labelledby=nearby-heading]")
    assert section is not None
    kinds = {i["value"] for i in section.select("form input[name=kind]")}
    if care.resource_kind:
        assert care.resource_kind in kinds
        assert all(f["action"] == "/centres" for f in section.select("form"))
        assert section.select_one("input[name=q]")["value"] == "Guéret"
    else:
        said = text_of(section)
        assert "supportive care service (soins de support) of the hospital that treats you" in said
        # Guéret is in Nouvelle-Aquitaine: its network is named, with where it was seen.
        network = section.select_one(".notice-network")
        assert network["data-region"] == "75" and "Onco Nouvelle-Aquitaine" in text_of(network)
    assert (care.kind_beside in kinds) == (care.kind_beside is not None)


def test_without_a_place_the_care_page_asks_for_one_to_find_the_network(client):
    section = soup(client.get("/cares/psychology", headers=EN)).select_one("section[aria-labelledby=nearby-heading]")
    form = section.select_one("form")
    assert form["action"] == "/centres" and form.select_one("input[name=q]") is not None
    assert section.select(".notice-network") == []
