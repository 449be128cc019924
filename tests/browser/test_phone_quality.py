"""What only a browser shows: large text without sideways scrolling, and tap targets a thumb can hit."""

import pytest

PAGES = ["/", "/centres?q=Bondy", "/assessment/urgent", "/checklist", "/cares/pain", "/urgent", "/sheet?q=Bondy"]


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
            + ' .scale-option span, label.choice, .kind-filter label, .filter-links a, input[type=search], input[type=text]')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
            .filter(([, box]) => box.height < 44 || box.width < 44)
            .map(([html, box]) => `${html} ${Math.round(box.width)}x${Math.round(box.height)}`)"""
    )
    assert small == []
