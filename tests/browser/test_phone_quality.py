"""What only a browser shows: large text without sideways scrolling, and tap targets a thumb can hit."""

import re

import pytest
from playwright.sync_api import expect

PAGES = [
    "/",
    "/centres?q=Bondy",
    "/assessment/urgent",
    "/checklist",
    "/cares/pain",
    "/urgent",
    "/sheet?q=Bondy",
    "/sources/clinical-rules",
]


@pytest.mark.parametrize("path", PAGES)
def test_text_at_200_percent_needs_no_sideways_scrolling(make_phone, live_server, path):
    page = make_phone(viewport={"width": 360, "height": 740}).page
    page.goto(live_server + path)
    page.evaluate("document.documentElement.style.fontSize = '200%'")  # like the browser's text-size setting
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1


@pytest.mark.parametrize("path", PAGES)
def test_reflow_at_320_css_pixels(make_phone, live_server, path):
    page = make_phone(viewport={"width": 320, "height": 640}).page
    page.goto(live_server + path)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1


@pytest.mark.parametrize("path", PAGES)
def test_tap_targets_are_at_least_44_px(make_phone, live_server, path):
    page = make_phone().page
    page.goto(live_server + path)
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              'button:not([hidden]), .action, .main-nav a, .urgent-link, .language-switch a, summary,'
            + ' .scale-option span, label.choice, .kind-filter label, .filter-links a, input[type=search], input[type=text],'
            + ' input[type=tel]')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
            .filter(([, box]) => box.height < 44 || box.width < 44)
            .map(([html, box]) => `${html} ${Math.round(box.width)}x${Math.round(box.height)}`)"""
    )
    assert small == []


def test_the_0_to_10_scale_ends_with_10_at_the_right_on_a_phone(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    options = page.locator("#field-pain .scale-option span")
    boxes = [options.nth(n).bounding_box() for n in range(11)]
    assert boxes[5]["y"] < boxes[6]["y"]  # two rows: 0–5, then 6–10
    assert abs(boxes[10]["x"] - boxes[5]["x"]) < 1  # 10 under 5, at the right edge
    assert abs(boxes[6]["x"] - boxes[1]["x"]) < 1


def test_the_scores_table_never_cuts_a_word(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    page.locator("#field-wellbeing .scale-option").nth(5).click()
    page.locator("#field-appetite .scale-option").nth(4).click()
    for heading in ("Ce qui vous pèse", "Un peu sur vous", "Vos résultats"):  # one step at a time, as a person taps
        page.get_by_role("button", name="Continuer").click()
        expect(page.locator("#step-heading")).to_have_text(heading)
    page.locator("table.scores").wait_for()
    cut = page.evaluate(
        """() => [...document.querySelectorAll('table.scores th, table.scores td')].filter(cell => {
              const range = document.createRange();
              range.selectNodeContents(cell);
              const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
              const words = cell.textContent.trim().split(/\\s+/).length;
              return lines.size > words;  // more lines than words: a word was broken
           }).map(cell => cell.textContent.trim())"""
    )
    assert cut == []
    phone.screenshot()


def test_the_team_number_field_is_full_size_and_saving_says_so(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/urgent")
    field = page.get_by_label("Numéro de téléphone")
    assert field.bounding_box()["height"] >= 44
    field.fill("01 23 45 67 89")
    page.locator("#team-number").get_by_role("button", name="Enregistrer").click()
    page.locator("#team-number [role=status]").wait_for()
    assert "01 23 45 67 89" in page.locator("#team-number [role=status]").inner_text()
    phone.screenshot()


def test_the_results_scores_stay_on_a_360_px_screen_at_200_percent(make_phone, live_server):
    """The scores table stacks its rows when the text is large: each item, then its score and level, on screen."""
    page = make_phone(viewport={"width": 360, "height": 740}).page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    page.locator("#field-wellbeing .scale-option").nth(5).click()
    for _ in range(3):
        page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_have_text("Vos résultats")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    row = page.get_by_role("row", name=re.compile("Bien-être"))
    expect(row).to_contain_text("5/10")  # still a table to a screen reader: a row with its cells
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
    for cell in (row.get_by_role("rowheader"), row.get_by_role("cell").last):
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
