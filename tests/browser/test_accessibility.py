"""axe-core (vendored, tests only) finds no WCAG 2.x A/AA violation, at phone and desktop sizes."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "/",
    "/centres",
    "/centres?q=Bondy",
    "/centres?q=Atlantis",
    "/centres?q=Bondi",
    "/centres?q=Lyon",
    "/centres?q=Cayenne",
    "/centres?q=Paris&kind=eri",
    "/centres/sdc-foch/report",
    "/sheet?q=Lyon",
    "/urgent",
    "/sources",
    "/sources/clinical-rules",
    "/checklist/delete",
    "/centres?q=77120",
    "/assessment",
    "/assessment/urgent",
    "/checklist",
    "/checklist/open",
    "/cares",
    "/cares/pain",
    "/cares/sophrology",
    "/help",
    "/caregivers",
    "/sheet",
    "/sheet?q=Bondy",
    "/departements/93",
    "/offline",
    "/nowhere",
]


def violations(page):
    page.evaluate(AXE)  # through DevTools, so the page's CSP doesn't apply to the checker
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


@pytest.mark.parametrize("size", [(360, 740), (1280, 800)])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_violations(make_phone, live_server, path, size):
    phone = make_phone(viewport={"width": size[0], "height": size[1]})
    phone.page.goto(live_server + path)
    assert violations(phone.page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_swapped_in_have_no_violations(make_phone, live_server, scheme):
    phone = make_phone(color_scheme=scheme)
    page = phone.page
    page.goto(f"{live_server}/centres")
    page.get_by_label("Commune ou code postal").fill("Villejuif")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#results li.centre").first).to_be_visible()
    page.locator(".kinds-explained summary").click()
    assert violations(page) == []


@pytest.mark.parametrize("size", [(360, 740), (1280, 800)])
def test_the_open_map_has_no_violations(make_phone, live_server, size):
    page = make_phone(viewport={"width": size[0], "height": size[1]}).page
    page.goto(f"{live_server}/centres?q=Bondy")
    page.get_by_role("button", name="Voir sur une carte").click()
    expect(page.locator("#map .map-marker").first).to_be_visible()
    assert violations(page) == []


def test_assessment_steps_errors_and_results_have_no_violations(make_phone, live_server):
    page = make_phone().page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_label("Température de 38 °C ou plus").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#urgent-card")).to_be_visible()
    assert violations(page) == []  # symptoms step, with the urgent card
    page.locator("#field-pain input[value='4']").evaluate("input => { input.value = '42'; input.checked = true; }")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#field-pain-error")).to_be_visible()
    assert violations(page) == []  # errors shown
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_have_text("Ce qui vous pèse")
    assert violations(page) == []  # distress step
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_have_text("Un peu sur vous")
    assert violations(page) == []  # context step
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_have_text("Vos résultats")
    assert violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checklist_with_items_and_after_a_swap_has_no_violations(make_phone, live_server, scheme):
    page = make_phone(color_scheme=scheme).page
    page.goto(f"{live_server}/checklist")
    page.locator("#care-pain").get_by_role("button", name="Ajouter à ma liste de soins").click()
    expect(page.locator("#care-pain .added")).to_be_visible()
    page.goto(f"{live_server}/checklist")
    page.locator("li.checklist-item").first.get_by_role("button", name="En cours").click()
    expect(page.locator("li.checklist-item").first.get_by_role("button", name="En cours")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.locator("li.checklist-item details").first.click()
    assert violations(page) == []
    # The centre picker, open with its choices.
    page.locator("li.checklist-item").first.get_by_label("Choisir un centre près de (ville ou code postal)").fill(
        "Bondy"
    )
    page.locator("li.checklist-item").first.get_by_role("button", name="Chercher des centres").click()
    expect(page.locator("li.checklist-item .centre-choice fieldset").first).to_be_visible()
    assert violations(page) == []
    page.goto(f"{live_server}/checklist/print")
    assert violations(page) == []
