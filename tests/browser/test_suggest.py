"""Suggest a place at phone size, with and without JavaScript: listed only once a coordinator publishes it."""

import pytest
from playwright.sync_api import expect

from tests.helpers import serve

KEY = "a-coordinator-key-for-the-browser-tests-only"


@pytest.fixture(scope="module")
def server(seeded_database, tmp_path_factory):
    """The app with a national coordinator key, on its own copy of the database."""
    yield from serve(seeded_database, tmp_path_factory.mktemp("suggest"), COORDINATOR_TOKEN=KEY)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_place_suggested_on_a_phone_is_listed_once_a_coordinator_publishes_it(make_phone, server, javascript):
    name = f"Consultation douleur d'Ajaccio ({'avec' if javascript else 'sans'} JavaScript)"
    person = make_phone(java_script_enabled=javascript).page
    person.goto(f"{server}/centres?q=Ajaccio&kind=sdc")
    person.get_by_role("link", name="Vous connaissez un lieu qui n’est pas dans la liste ? Proposez-le").click()
    person.get_by_label("Structure douleur chronique (SDC)").check()
    person.get_by_label("Son nom").fill(name)
    expect(person.get_by_label("Commune ou code postal")).to_have_value("Ajaccio (20000)")
    person.get_by_label("J’y suis allé·e").check()
    assert person.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    person.get_by_role("button", name="Envoyer la proposition").click()
    expect(person.get_by_role("status")).to_contain_text("coordinateur")
    person.goto(f"{server}/centres?q=Ajaccio&kind=sdc")
    expect(person.get_by_text(name)).to_have_count(0)

    coordinator = make_phone(java_script_enabled=javascript).page
    coordinator.goto(f"{server}/coordinator/")
    coordinator.get_by_label("Clé de coordination").fill(KEY)
    coordinator.get_by_role("button", name="Se connecter").click()
    section = coordinator.locator("section", has_text=name)
    section.get_by_label("Le publier").check()
    section.get_by_role("button", name="Appliquer").click()
    expect(coordinator.locator(".notice, [role=status]").first).to_be_visible()

    person.goto(f"{server}/centres?q=Ajaccio&kind=sdc")
    entry = person.locator("li", has_text=name).last
    expect(entry).to_contain_text("centre de la ville")
