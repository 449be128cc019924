"""Place names people type that could mean several places, or a département or region: never picked silently."""

import pytest

from companion.directory.places import resolve_place


def test_saint_maur_asks_with_saint_maur_des_fosses_first(session):
    resolution = resolve_place(session, "St Maur")
    assert resolution.ask
    assert (resolution.place.name, resolution.place.departement) == ("Saint-Maur-des-Fossés", "94")
    assert "36" in {p.departement for p in resolution.alternatives}  # Saint-Maur (Indre) is still offered


def test_an_exact_name_is_not_second_guessed_by_a_village_that_starts_the_same(session):
    resolution = resolve_place(session, "Nantes")
    assert (resolution.place.name, resolution.ask) == ("Nantes", False)
    assert "Nantes-en-Ratier" not in {p.name for p in resolution.alternatives}


def test_saint_denis_asks_between_the_two_big_ones(session):
    resolution = resolve_place(session, "Saint-Denis")
    assert resolution.ask
    assert [resolution.place.departement, resolution.alternatives[0].departement] == ["93", "974"]


@pytest.mark.parametrize("query", ["Saint-Denis La Réunion", "saint denis de la reunion", "Saint-Denis 974"])
def test_a_town_with_its_departement_or_region_name(session, query):
    resolution = resolve_place(session, query)
    assert (resolution.place.name, resolution.place.departement, resolution.ask) == ("Saint-Denis", "974", False)


def test_a_departement_name_is_the_departement_not_a_village(session):
    resolution = resolve_place(session, "Creuse")
    assert resolution.area.kind == "departement" and resolution.area.code == "23"
    assert (resolution.place.name, resolution.place.departement) == ("Guéret", "23")  # its prefecture
    assert ("Creuse", "80") in {(p.name, p.departement) for p in resolution.alternatives}  # the village, offered


def test_a_region_asks_which_departement(session):
    resolution = resolve_place(session, "Bretagne")
    assert resolution.ask and resolution.area.kind == "region"
    names = {p.label for p in [resolution.place, *resolution.alternatives]}
    assert names == {"Côtes-d'Armor", "Finistère", "Ille-et-Vilaine", "Morbihan"}
    # Each choice, typed back, is its département.
    assert resolve_place(session, "Finistère").place.name == "Quimper"


def test_an_overseas_region_of_one_departement(session):
    resolution = resolve_place(session, "Guyane")
    assert (resolution.area.code, resolution.place.name) == ("973", "Cayenne")
