"""A volunteer's phone in guide mode: the person's list is handed over (code, QR code, print), then
forgotten; a person's own phone closes its checklist only once asked, with the code shown again."""

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS


def first_screen(page, name: str):
    """The first screen as a person sees it (360×740), kept with the test artefacts (and copied to docs/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / name)


def test_guide_mode_hands_the_list_over_and_keeps_nothing(phone, live_server):
    page = phone.page
    page.goto(live_server)
    page.get_by_role("button", name="J’accompagne quelqu’un (mode accompagnement)").click()
    page.goto(f"{live_server}/cares/pain")
    page.get_by_role("button", name="Ajouter à la liste de la personne").click()
    expect(page.locator(".added")).to_contain_text("Ajouté à la liste de la personne")
    page.goto(f"{live_server}/cares/psychology")
    page.get_by_role("button", name="Ajouter à la liste de la personne").click()
    expect(page.locator(".added")).to_contain_text("Ajouté à la liste de la personne")
    assert [c for c in phone.context.cookies() if c["name"] == "__Host-notebook"] == []

    banner = page.locator(".guide-banner")
    expect(banner).to_contain_text("Une liste est ouverte pour cette personne.")
    banner.get_by_role("link", name="Remettre la liste").click()
    page.get_by_role("button", name="Montrer le code et oublier la liste ici").click()
    expect(page.locator(".hand-over [role=status]")).to_contain_text("Ce téléphone a maintenant oublié la liste")
    code = page.locator("#code-text").inner_text()
    qr = page.locator(".hand-over .qr svg").bounding_box()
    assert qr["width"] >= 180 and qr["x"] + qr["width"] <= 360  # big enough to scan, inside the screen
    expect(page.locator(".hand-over-items")).to_contain_text("Prise en charge de la douleur")
    expect(page.get_by_role("button", name="Imprimer ou enregistrer en PDF")).to_be_visible()
    expect(page.locator(".guide-banner")).to_have_count(0)  # the code first; the page has its own "next person"
    first_screen(page, "guide-handover-fr.png")
    # Printed, the page keeps the code and the QR code and drops the buttons.
    page.emulate_media(media="print")
    expect(page.locator("#code-text")).to_be_visible()
    expect(page.get_by_role("button", name="Personne suivante", exact=True)).to_be_hidden()
    page.emulate_media(media="screen")

    # Back, reload, or the checklist: nothing of the person's list is left on this phone.
    page.go_back()
    page.goto(f"{live_server}/checklist")
    expect(page.locator("h1")).to_have_text("La liste de la personne")
    expect(page.locator("li.checklist-item")).to_have_count(0)
    expect(page.locator(".guide-banner")).not_to_contain_text("Une liste est ouverte")
    assert code not in page.content()
    assert [c for c in phone.context.cookies() if c["name"] == "__Host-notebook"] == []


def test_closing_on_this_phone_asks_first_and_shows_the_code_again(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/cares/pain")
    page.get_by_role("button", name="Ajouter à ma liste de soins").click()
    expect(page.locator(".added")).to_contain_text("Ajouté à votre liste de soins")
    page.goto(f"{live_server}/checklist")
    code = page.locator("#code-text").inner_text()
    page.get_by_role("link", name="La fermer sur ce téléphone (la garder avec le code)").click()
    expect(page.locator("h1")).to_have_text("Fermer ma liste de soins sur ce téléphone ?")
    expect(page.locator("#code-text")).to_have_text(code)
    expect(page.locator(".closing-qr svg")).to_be_visible()  # drawn in the page, as on "next person"
    confirm = page.get_by_role("button", name="Oui, la fermer sur ce téléphone")
    expect(confirm).to_be_in_viewport()
    first_screen(page, "close-confirm-fr.png")
    confirm.click()
    expect(page.locator("#messages")).to_contain_text("Votre liste de soins est fermée sur ce téléphone")
    expect(page.locator("#code-text")).to_have_count(0)
