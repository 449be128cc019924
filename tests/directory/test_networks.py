"""Every place resolves to its region, and the list, the printed sheet and the API name that
region's cancer network — its website and directory where they were seen, never a phone number."""

import csv

import pytest

from companion.directory.networks import REGION_OF_DEPARTEMENT, read_networks
from tests.helpers import PARTIAL, ROOT, soup, text_of

EN = {"Accept-Language": "en"}
NETWORKS = read_networks(ROOT / "data" / "regional_cancer_networks.csv")
# The towns of the "done when", and the region each is in (INSEE codes).
CITIES = {
    "Lyon 3e": "84",
    "Lille": "32",
    "Marseille 9e": "93",
    "Nantes": "52",
    "Guéret": "75",
    "Ajaccio": "94",
    "Cayenne": "03",
    "Saint-Denis 974": "04",
}


def test_every_departement_of_the_gazetteer_has_a_network():
    with (ROOT / "data" / "communes.csv").open(encoding="utf-8") as f:
        departements = {row["departement"] for row in csv.DictReader(f)}
    assert len(departements) == 101
    assert {REGION_OF_DEPARTEMENT[d] for d in departements} == set(NETWORKS)
    assert len(NETWORKS) == 18


def test_no_network_carries_a_phone_and_weak_rows_are_the_ones_sources_md_names():
    header = (ROOT / "data" / "regional_cancer_networks.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "phone" not in header
    assert {n.region_code for n in NETWORKS.values() if n.weak} == {"32", "03", "02", "04", "06"}
    # No website for the two regions where none was seen.
    assert NETWORKS["32"].website == "" and NETWORKS["03"].website == ""
    assert NETWORKS["53"].directory_url == "https://annuaire-sos-oncobretagne.fr"


def _network_section(page):
    sections = page.select(".notice-network")
    assert len(sections) == 1
    return sections[0]


@pytest.mark.parametrize("q,region", CITIES.items())
def test_the_list_names_the_regions_network(client, q, region):
    network = NETWORKS[region]
    response = client.get("/centres", query_string={"q": q}, headers={**EN, **PARTIAL})
    assert response.status_code == 200
    section = _network_section(soup(response))
    said = text_of(section)
    assert section["data-region"] == region
    assert (
        f"Your region’s cancer network, {network.name}, knows the supportive care on offer in {network.region}" in said
    )
    links = {a["href"] for a in section.select("a")}
    assert network.source_url in links
    assert (network.website in links) == bool(network.website)
    assert ("We could not confirm recently" in said) == network.weak


@pytest.mark.parametrize("q,region", CITIES.items())
def test_the_sheet_names_the_regions_network(client, q, region):
    response = client.get("/sheet", query_string={"q": q}, headers=EN)
    assert response.status_code == 200
    section = _network_section(soup(response))
    assert NETWORKS[region].name in text_of(section)
    assert text_of(section).startswith("Your region’s cancer network:")  # one paragraph: the sheet fits a page


@pytest.mark.parametrize("q,region", CITIES.items())
def test_the_api_names_the_regions_network(client, q, region):
    body = client.get("/api/v1/centres", query_string={"q": q}).json
    network = body["network"]
    assert network["region_code"] == region and network["name"] == NETWORKS[region].name
    assert network["confirmed_recently"] is not NETWORKS[region].weak
    assert "phone" not in network


def test_the_bretagne_network_gives_its_regional_directory(client):
    page = soup(client.get("/centres", query_string={"q": "Rennes"}, headers={**EN, **PARTIAL}))
    section = _network_section(page)
    assert "Its directory of supportive care: annuaire-sos-oncobretagne.fr" in text_of(section)


def test_a_position_finds_its_region_and_the_open_sea_none(client):
    assert client.get("/api/v1/centres?lat=45.76&lon=4.85").json["network"]["region_code"] == "84"
    assert client.get("/api/v1/centres?lat=45.0&lon=-30.0").json["network"] is None
    page = soup(client.get("/centres?lat=45.0&lon=-30.0", headers={**EN, **PARTIAL}))
    assert page.select(".notice-network") == []


def test_the_french_page_names_the_network_in_french(client):
    page = soup(client.get("/centres", query_string={"q": "Nantes"}, headers={"Accept-Language": "fr", **PARTIAL}))
    assert "Le réseau régional de cancérologie de votre région" in text_of(_network_section(page))
