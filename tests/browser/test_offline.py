"""Offline: the shell, the explainers and the urgent numbers keep working; personal pages only on request."""

from playwright.sync_api import expect


def ready(page):
    # The worker installs its offline copy first (a few dozen files): on a busy two-core machine that took
    # over 10 s once. Waiting longer costs nothing when it is quick.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)


def test_visited_explainers_and_the_urgent_numbers_work_offline(make_phone, live_server):
    phone = make_phone()
    page = phone.page
    page.goto(f"{live_server}/cares/pain")
    page.reload()  # the worker now controls the page
    ready(page)
    page.goto(f"{live_server}/cares/pain")
    page.context.set_offline(True)
    page.goto(f"{live_server}/cares/pain")
    expect(page.locator("h1")).to_have_text("Prise en charge de la douleur")
    page.goto(f"{live_server}/centres?q=Bondy")  # needs the network: the offline page instead
    expect(page.locator("h1")).to_have_text("Vous êtes hors ligne")
    expect(page.locator("#tier-emergency").get_by_role("link", name="15 SAMU, urgence médicale")).to_have_attribute(
        "href", "tel:15"
    )
    page.context.set_offline(False)


def checklist_kept_offline(page, live_server):
    """A new checklist with one care, then "keep it offline" on this phone."""
    page.goto(f"{live_server}/checklist")
    page.locator("#care-pain").get_by_role("button", name="Ajouter à ma liste de soins").click()
    expect(page.locator("#care-pain .added")).to_be_visible()
    page.goto(f"{live_server}/checklist")
    ready(page)
    assert page.evaluate("caches.has('companion-personal')") is False  # nothing personal kept by default
    page.get_by_role("button", name="Garder ma liste disponible hors ligne sur ce téléphone").click()
    expect(page.locator("#offline-status")).to_contain_text("sans connexion")
    assert page.evaluate("caches.has('companion-personal')") is True


def test_checklist_offline_only_when_asked_and_gone_with_the_notebook(make_phone, live_server):
    page = make_phone().page
    checklist_kept_offline(page, live_server)
    page.context.set_offline(True)
    page.goto(f"{live_server}/checklist/print")
    expect(page.locator(".print-table")).to_contain_text("Prise en charge de la douleur")
    page.context.set_offline(False)
    page.goto(f"{live_server}/checklist")
    page.get_by_role("link", name="Supprimer mon carnet").click()
    expect(page.locator("h1")).to_have_text("Supprimer mon carnet ?")
    page.get_by_role("button", name="Oui, supprimer mon carnet").click()
    expect(page.locator("li.care")).to_have_count(11)
    assert page.evaluate("caches.has('companion-personal')") is False  # Clear-Site-Data emptied it


def test_closing_the_notebook_on_this_phone_removes_its_offline_copy(make_phone, live_server):
    page = make_phone().page
    checklist_kept_offline(page, live_server)
    page.get_by_role("link", name="La fermer sur ce téléphone (la garder avec le code)").click()
    page.get_by_role("button", name="Oui, la fermer sur ce téléphone").click()  # asked first, code shown again
    expect(page.locator("li.care")).to_have_count(11)
    assert page.evaluate("caches.has('companion-personal')") is False  # nothing left to read offline


def test_a_server_error_shows_the_page_kept_or_the_offline_page(make_phone, live_server):
    """nginx's 502 (gunicorn restarting) or any 5xx: the page as last kept, else the offline page, never the error."""
    page = make_phone().page
    page.goto(f"{live_server}/cares/pain")
    page.reload()
    ready(page)
    page.goto(f"{live_server}/cares/pain")  # kept by the worker
    page.context.route("**/*", lambda route: route.fulfill(status=502, body="Bad Gateway", content_type="text/html"))
    page.goto(f"{live_server}/cares/pain")
    expect(page.locator("h1")).to_have_text("Prise en charge de la douleur")
    page.goto(f"{live_server}/centres?q=Bondy")
    expect(page.locator("h1")).to_have_text("Vous êtes hors ligne")
    page.context.unroute("**/*")
