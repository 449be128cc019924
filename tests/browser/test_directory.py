"""The directory as a person uses it on a phone, with and without JavaScript."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS


def wait_for_marked_centres(page, expected: int):
    """Wait until the map shows `expected` centres: one per marker, plus the count on each group."""
    page.wait_for_function(
        """n => [...document.querySelectorAll('#map .map-marker')]
            .map(m => m.classList.contains('map-cluster') ? parseInt(m.textContent.match(/\\d+$/)[0]) : 1)
            .reduce((a, b) => a + b, 0) === n""",
        arg=expected,
    )


def open_search(page):
    """After a search the form is folded to one line above the results: unfold it."""
    fold = page.locator("#search-fold")
    if fold.count() and fold.get_attribute("open") is None:
        fold.locator("summary").click()


def search(page, text):
    open_search(page)
    page.get_by_label("Commune ou code postal").fill(text)
    page.get_by_role("button", name="Rechercher").click()


def show_map(page):
    page.get_by_role("button", name="Voir sur une carte").click()
    expect(page.locator("#map-panel")).to_be_visible()


def test_search_swaps_results_in_pushes_the_url_and_draws_the_map_on_request(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres")
    expect(page.locator(".search-submit #search-busy")).to_have_css("opacity", "0")  # "Searching…" only while it runs
    page.evaluate("window.notReloaded = true")
    search(page, "Poissy")
    heading = page.locator("#results-heading")
    expect(heading).to_contain_text("Poissy (78300)")
    expect(page).to_have_url(re.compile(r"/centres\?q=Poissy"))
    assert page.evaluate("window.notReloaded") is True  # swapped, not reloaded
    expect(heading).to_be_focused()
    items = page.locator("#results .results-places li.centre")
    expect(items).to_have_count(10)
    expect(page.locator("#map-panel")).to_be_hidden()
    assert page.evaluate("typeof L") == "undefined"  # Leaflet is fetched only for the map
    show_map(page)
    wait_for_marked_centres(page, 10)
    phone.screenshot()
    toggle = page.get_by_role("button", name="Masquer la carte")
    expect(toggle).to_be_focused()
    toggle.press("Enter")
    expect(page.locator("#map-panel")).to_be_hidden()
    expect(page.get_by_role("button", name="Voir sur une carte")).to_be_focused()


def test_an_open_map_follows_new_results_and_goes_with_them(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres?q=Poissy")
    show_map(page)
    wait_for_marked_centres(page, 10)
    open_search(page)
    page.get_by_label("Fertilité").check()
    expect(page.locator("#results .results-places li.centre")).to_have_count(8)  # 5 in Île-de-France, 3 further away
    wait_for_marked_centres(page, 8)
    search(page, "Atlantis")
    expect(page.locator("#results-heading")).to_have_text("Aucun résultat")
    expect(page.locator("#map-panel")).to_be_hidden()
    expect(page.locator("#map-toggle")).to_be_hidden()
    phone.errors.clear()  # Chromium logs the 422 answer for an unknown place


def test_each_kind_has_one_colour_in_the_legend_the_list_and_on_the_map(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres?q=Poissy")
    colour = "el => getComputedStyle(el).backgroundColor"
    legend = {
        li.get_attribute("data-kind"): li.locator(".kind-symbol").evaluate(colour)
        for li in page.locator(".legend li").all()
    }
    unset = page.evaluate(
        "() => { const s = document.createElement('span'); s.className = 'kind-symbol'; document.body.append(s);"
        " const c = getComputedStyle(s).backgroundColor; s.remove(); return c; }"
    )
    assert len(set(legend.values()) - {unset}) == len(legend) > 1  # every kind has a colour rule, each its own
    explained = page.locator(".kinds-explained dt .kind-symbol").evaluate_all(f"els => els.map({colour})")
    assert explained == list(legend.values())
    items = page.locator("#results .results-places li.centre").all()
    for item in items:
        assert item.locator(".kind-symbol").evaluate(colour) == legend[item.get_attribute("data-kind")]
    show_map(page)
    wait_for_marked_centres(page, len(items))
    markers = page.locator("#map .map-marker:not(.map-cluster)").all()
    assert markers
    for marker in markers:
        kind = next(c.removeprefix("kind-") for c in marker.get_attribute("class").split() if c.startswith("kind-"))
        assert marker.evaluate(colour) == legend[kind]


def test_a_map_that_cannot_load_is_said_and_the_list_stays(make_phone, live_server):
    phone = make_phone(service_workers="block")  # so the refused request reaches the page's own route
    page = phone.page
    page.goto(f"{live_server}/centres?q=Bondy")
    page.route("**/leaflet.js*", lambda route: route.abort())
    page.get_by_role("button", name="Voir sur une carte").click()
    expect(page.locator("#map-status")).to_contain_text("La carte n’a pas pu")
    expect(page.locator("#map-panel")).to_be_hidden()
    expect(page.locator("#results .results-places li.centre").first).to_be_visible()
    phone.errors.clear()  # the refused request itself is logged by Chromium


def test_choosing_a_kind_updates_the_results(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres?q=Bondy")
    open_search(page)
    page.get_by_label("Fertilité").check()
    expect(page.locator("#results .results-places li.centre").first).to_have_id("centre-fertility-aphp-jean-verdier")
    expect(page.locator("#results .results-places li.centre")).to_have_count(8)  # 5 in Île-de-France, 3 further away
    expect(page).to_have_url(re.compile(r"kind=fertility"))


def test_place_suggestions_while_typing(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres")
    page.get_by_label("Commune ou code postal").press_sequentially("villej", delay=30)
    expect(page.locator("#place-options option").first).to_have_attribute("value", "Villejuif (94800)")


def test_back_after_two_searches_shows_the_first(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres")
    search(page, "Poissy")
    expect(page.locator("#results-heading")).to_contain_text("Poissy")
    search(page, "Bondy")
    expect(page.locator("#results-heading")).to_contain_text("Bondy")
    page.go_back()
    expect(page.locator("#results-heading")).to_contain_text("Poissy")
    assert page.locator("html").count() == 1 and page.locator("header.site-header").count() == 1


def test_language_switch_after_a_search_keeps_it(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres")
    search(page, "Bondy")
    expect(page.locator("#results-heading")).to_contain_text("Bondy")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#results-heading")).to_contain_text("resources near Bondy")


def test_without_javascript_the_form_still_finds_the_nearest_fertility_centre(make_phone, live_server):
    phone = make_phone(java_script_enabled=False)
    page = phone.page
    page.goto(f"{live_server}/centres")
    page.get_by_label("Commune ou code postal").fill("93140")
    page.get_by_label("Fertilité").check()
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"q=93140.*kind=fertility"))
    expect(page.locator("#results .results-places li.centre").first).to_contain_text("Jean-Verdier")
    expect(page.locator("#map-panel")).to_be_hidden()
    expect(page.get_by_role("button", name="Voir sur une carte")).to_be_hidden()
    expect(page.get_by_role("button", name="Utiliser ma position")).to_be_hidden()
    expect(page.locator("#search-busy")).to_be_hidden()  # no "Searching…" left on the page
    expect(page.get_by_text("Une carte de ces lieux s’affiche avec JavaScript.")).to_be_visible()
    phone.screenshot()


def test_use_my_location_sends_a_rounded_position(make_phone, live_server):
    phone = make_phone(permissions=["geolocation"], geolocation={"latitude": 48.914321, "longitude": 2.491765})
    page = phone.page
    page.goto(f"{live_server}/centres")
    page.get_by_role("button", name="Utiliser ma position").click()
    expect(page).to_have_url(re.compile(r"lat=48\.91&lon=2\.49$"))
    expect(page.locator("#results-heading")).to_contain_text("près de votre position")
    assert phone.errors == []


def test_refused_location_falls_back_to_the_town_field(make_phone, live_server):
    phone = make_phone(permissions=[])
    page = phone.page
    page.goto(f"{live_server}/centres")
    page.get_by_role("button", name="Utiliser ma position").click()
    expect(page.locator("#locate-status")).to_contain_text("Tapez plutôt votre commune")
    expect(page.get_by_label("Commune ou code postal")).to_be_focused()


def test_lost_connection_during_a_search_is_said_and_loses_nothing(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres?q=Bondy")
    page.context.set_offline(True)
    search(page, "Poissy")
    expect(page.locator("#messages")).to_contain_text("Vérifiez votre connexion")
    expect(page.get_by_label("Commune ou code postal")).to_have_value("Poissy")
    expect(page.locator("#results-heading")).to_contain_text("Bondy")
    page.context.set_offline(False)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#results-heading")).to_contain_text("Poissy")
    expect(page.locator("#messages")).to_be_empty()
    phone.errors.clear()  # the failed fetch itself is logged by Chromium


def test_the_map_and_its_markers_work_with_the_keyboard(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres?q=Poissy")
    page.get_by_role("button", name="Voir sur une carte").focus()
    page.keyboard.press("Enter")
    wait_for_marked_centres(page, 10)
    for _ in range(12):  # the map itself, then its markers and groups
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.map-marker:not(.map-cluster)')"):
            break
    focused = page.evaluate("() => document.activeElement.textContent")
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    expect(link).to_be_visible()
    popup_width = page.locator(".leaflet-popup").evaluate("e => e.getBoundingClientRect().width")
    assert popup_width <= page.locator("#map").evaluate("e => e.getBoundingClientRect().width")
    expect(page.get_by_role("button", name="Fermer")).to_be_visible()  # Leaflet's own labels, in French too
    expect(page.get_by_role("button", name="Zoom avant")).to_be_visible()
    assert focused.startswith(link.inner_text())  # the marker reads out the place's name
    link.click()
    expect(page).to_have_url(re.compile(r"#centre-"))
    expect(page.locator("li.centre:focus")).to_have_count(1)  # focus follows the link to the list
    assert focused.startswith(page.evaluate("() => document.activeElement.querySelector('h3').textContent"))


def test_the_map_legend_zoom_and_tiles_on_a_filtered_search(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres?q=Bondy&kind=fertility")
    page.get_by_role("button", name="Voir sur une carte").click()
    wait_for_marked_centres(page, page.locator("#results .results-places li.centre").count())
    legend = page.locator(".legend li:visible")
    expect(legend).to_have_count(1)
    expect(legend).to_contain_text("fertilité")
    # The zoom buttons sit bottom right, away from popups, which open above their marker.
    expect(page.locator(".leaflet-bottom.leaflet-right .leaflet-control-zoom")).to_have_count(1)
    # No tile can load here (no network): that is said, and the list stays.
    expect(page.locator("#map-status")).to_contain_text("Le fond de carte n’a pas pu être chargé")
    phone.errors.clear()
    phone.screenshot()


def first_result_top(page) -> float:
    return page.locator("#results .results-places li.centre").first.evaluate("e => e.getBoundingClientRect().top")


def test_after_a_search_from_home_the_first_result_is_on_the_first_screen(make_phone, live_server):
    for javascript in (True, False):
        phone = make_phone(java_script_enabled=javascript)
        page = phone.page
        page.goto(f"{live_server}/")
        page.get_by_label("Trouver des soins de support près d’une commune ou d’un code postal").fill("Lyon 3e")
        page.get_by_role("button", name="Rechercher").click()
        expect(page.locator("#results-heading")).to_contain_text("Lyon 3e")
        assert first_result_top(page) < 740, "the first result is below the first screen"
        fold = page.locator("#search-fold summary")
        expect(fold).to_have_text("Près de Lyon 3e Arrondissement (69003) — modifier")
        expect(page.get_by_label("Commune ou code postal")).to_be_hidden()
        if javascript:
            page.screenshot(path=ARTIFACTS / "results-first-fr.png")
        fold.click()  # the form opens on request, and a new search folds it again
        search(page, "Bondy")
        expect(page.locator("#results-heading")).to_contain_text("Bondy")
        expect(fold).to_contain_text("Bondy (93140)")
        expect(page.locator("#search-fold")).not_to_have_attribute("open", "")


def test_cayenne_lists_nothing_an_ocean_away_and_says_what_helps(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/centres?q=Cayenne")
    expect(page.locator("#results-heading")).to_contain_text("Rien de recensé près de Cayenne")
    expect(page.locator(".notice-coverage")).to_contain_text("Guyane")
    expect(page.locator("#results .results-places li.centre")).to_have_count(0)  # the help with paperwork is apart
    expect(page.locator("#results .helplines a[href^='tel:']").first).to_be_visible()
    expect(page.locator("#results .results-places .distance")).to_have_count(0)  # not 11 screens 6,680 km away
    expect(page.get_by_role("button", name="Voir sur une carte")).to_be_hidden()  # nothing to put on a map
    link = page.locator("#results a", has_text="cancer.fr").first
    assert link.evaluate("a => a.getClientRects().length") == 1  # "e-cancer.fr" on one line, not "e-/cancer.fr"
    page.screenshot(path=ARTIFACTS / "cayenne-fr.png", full_page=True)


def test_at_200_percent_text_words_stay_whole(make_phone, live_server):
    """A 360 px phone at 200 % is 180 CSS px wide: "Urgence" and the kinds' names are not cut inside a word."""
    phone = make_phone(viewport={"width": 180, "height": 740})
    page = phone.page
    page.goto(f"{live_server}/centres?q=Bondy")
    urgent = page.locator(".urgent-link")
    lines = urgent.evaluate(
        """a => { const r = document.createRange(); const t = a.firstChild;
                  r.setStart(t, 0); r.setEnd(t, t.textContent.indexOf('?')); return r.getClientRects().length; }"""
    )
    assert lines == 1, "“Urgence” is cut in two"
    assert page.evaluate("document.documentElement.scrollWidth") <= 180  # nothing scrolls sideways
