"""Help with paperwork everywhere — France services desks, a kind of their own, listed apart from
supportive care with their distance, opening hours and phone; buses said to be buses."""

import pytest
from sqlmodel import select

from companion.directory.models import Centre
from tests.directory.test_networks import CITIES
from tests.helpers import PARTIAL, soup, text_of

EN = {"Accept-Language": "en"}


def km_of(text: str) -> float:
    return float(text.split(" km")[0].split()[-1].replace(",", ""))


@pytest.mark.parametrize("q", CITIES)
def test_the_list_offers_the_nearest_desk_with_distance_and_hours(client, q):
    page = soup(client.get("/centres", query_string={"q": q}, headers={**EN, **PARTIAL}))
    section = page.select_one("section.paperwork")
    assert section is not None
    assert "not specialised in cancer" in text_of(section)
    desks = section.select("li.centre")
    assert 1 <= len(desks) <= 2 and all(d["data-kind"] == "paperwork" for d in desks)
    first = desks[0]
    assert km_of(text_of(first.select_one(".distance"))) < 60
    hours = first.select_one("dl.hours")
    assert hours is not None and hours.select("dt") and ":" in text_of(hours.select_one("dd"))
    # Never mixed into the supportive-care list.
    assert not [li for li in page.select(".results-places li.centre") if li["data-kind"] == "paperwork"]


@pytest.mark.parametrize("q", CITIES)
def test_the_sheet_offers_the_nearest_desk_with_distance_and_hours(client, q):
    page = soup(client.get("/sheet", query_string={"q": q}, headers=EN))
    entry = page.select_one("p.sheet-paperwork")  # one paragraph, the nearest: the sheet fits one page
    assert entry["data-centre"].startswith("france-services-")
    said = text_of(entry)
    assert "not specialised in cancer" in said and " km away" in said and "Opening hours:" in said
    assert said.count("France services") >= 2 and "Source of August 2024" in said  # the sheet says dates short


@pytest.mark.parametrize("q", CITIES)
def test_the_api_offers_the_nearest_desk_with_distance_and_hours(client, q):
    body = client.get("/api/v1/centres", query_string={"q": q}).json
    desk = body["paperwork"][0]
    assert desk["kind"] == "paperwork" and desk["distance_km"] < 60
    assert desk["opening_hours"] and set(desk["opening_hours"]) <= {"mon", "tue", "wed", "thu", "fri", "sat"}
    assert "Licence Ouverte" in desk["source"] and desk["checked_on"] == "2024-08-01"
    assert all(c["kind"] != "paperwork" for c in body["centres"])


def test_asking_for_paperwork_lists_desks_without_a_coverage_notice(client):
    body = client.get("/api/v1/centres?q=Guéret&kind=paperwork&limit=5").json
    assert len(body["centres"]) == 5 and {c["kind"] for c in body["centres"]} == {"paperwork"}
    assert body["coverage"]["complete"] and body["paperwork"] == []
    page = soup(client.get("/centres?q=Guéret&kind=paperwork", headers={**EN, **PARTIAL}))
    assert page.select(".notice-coverage") == [] and len(page.select("li.centre")) == 10


def test_a_bus_is_shown_as_a_bus(client, session):
    bus = session.exec(select(Centre).where(Centre.kind == "paperwork", Centre.roaming)).first()
    assert bus is not None
    page = soup(client.get(f"/centres?lat={bus.lat}&lon={bus.lon}&kind=paperwork&limit=50", headers=EN))
    entry = page.select_one(f"#centre-{bus.id}")
    assert "A France services bus: it travels" in text_of(entry.select_one(".roaming"))
    api = client.get(f"/api/v1/centres?lat={bus.lat}&lon={bus.lon}&kind=paperwork&limit=50").json
    assert next(c for c in api["centres"] if c["id"] == bus.id)["roaming"] is True


def test_a_special_rate_number_from_the_anct_is_said_to_cost_more(client, session):
    desk = session.get(Centre, "france-services-1682")
    assert desk.phone.startswith("08 9")
    page = soup(client.get(f"/centres?lat={desk.lat}&lon={desk.lon}&kind=paperwork", headers=EN))
    assert "costs more than a normal call" in text_of(page.select_one("#centre-france-services-1682"))


def test_french_names_the_days_and_the_desk(client):
    page = soup(client.get("/centres?q=Nantes", headers={"Accept-Language": "fr", **PARTIAL}))
    section = page.select_one("section.paperwork")
    assert "Aide aux démarches près de Nantes" in text_of(section)
    assert {text_of(dt) for dt in section.select("dl.hours dt")} <= {
        "Lundi",
        "Mardi",
        "Mercredi",
        "Jeudi",
        "Vendredi",
        "Samedi",
    }


def test_the_sources_page_names_the_anct_list_and_its_licence(client):
    said = text_of(soup(client.get("/sources", headers=EN)).main)
    assert (
        "France services desks, Agence nationale de la cohésion des territoires (ANCT), version of 1 August 2024"
        in said
    )
    assert "No phone number is given for them" in said
