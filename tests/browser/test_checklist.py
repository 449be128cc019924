"""The checklist on a phone: added from the results, ticked through, opened on a second phone, printed."""

import re

from playwright.sync_api import expect


def results_with_pain(page, live_server):
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    heading = page.locator("#step-heading")
    expect(heading).to_have_text("Comment vous sentez-vous en ce moment ?")
    page.locator("#field-pain .scale-option").nth(8).click()
    for next_heading in ("Ce qui vous pèse", "Un peu sur vous", "Vos résultats"):
        page.get_by_role("button", name="Continuer").click()
        expect(heading).to_have_text(next_heading)  # one step at a time, as a person taps


def test_add_from_results_tick_through_statuses_and_share(phone, make_phone, live_server):
    page = phone.page
    results_with_pain(page, live_server)
    page.locator("#need-pain").get_by_role("button", name="Ajouter à ma liste de soins").click()
    expect(page.locator("#need-pain .added")).to_contain_text("Ajouté à votre liste de soins")
    page.get_by_role("button", name="Enregistrer mes scores dans mon carnet").click()
    expect(page.locator(".save-scores, .added").last).to_contain_text("Vos scores sont enregistrés")

    page.goto(f"{live_server}/checklist")
    item = page.locator("li.checklist-item").first
    expect(item).to_contain_text("Prise en charge de la douleur")
    expect(item).to_contain_text("En raison de : Douleur")
    page.evaluate("window.notReloaded = true")
    for status in ("Demandé", "En cours", "Fait"):
        page.locator("li.checklist-item").first.get_by_role("button", name=status, exact=True).click()
        expect(
            page.locator("li.checklist-item").first.get_by_role("button", name=status, exact=True)
        ).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#progress")).to_contain_text("Fait : 1")
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator("#scores svg[role=img]")).to_be_visible()
    # The QR code is an image of its own: it may still be loading when the page's text is there.
    page.wait_for_function(
        "() => { const i = document.querySelector('img.qr'); return i.complete && i.naturalWidth > 100 }"
    )
    code = page.locator("#code-text").inner_text()
    phone.screenshot()

    # The same notebook on a caregiver's phone, by typing the code.
    caregiver = make_phone()
    other = caregiver.page
    other.goto(f"{live_server}/checklist")
    other.get_by_label("Code du carnet").fill(code.lower().replace("-", " "))
    other.get_by_role("button", name="Ouvrir ma liste").click()
    expect(other.locator("li.checklist-item").first.get_by_role("button", name="Fait", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    # The caregiver changes it; the first phone's stale tap is refused and shows the current state.
    other.locator("li.checklist-item").first.get_by_role("button", name="Pas pour moi").click()
    expect(other.locator("li.checklist-item").first.get_by_role("button", name="Pas pour moi")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.locator("li.checklist-item").first.get_by_role("button", name="Demandé", exact=True).click()
    expect(page.locator("li.checklist-item").first).to_contain_text("modifié sur un autre appareil")
    expect(page.locator("li.checklist-item").first.get_by_role("button", name="Pas pour moi")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Refaire : Demandé").click()
    expect(page.locator("li.checklist-item").first.get_by_role("button", name="Demandé", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    phone.errors[:] = [e for e in phone.errors if "409" not in e]


def test_print_view_renders_for_the_next_appointment(phone, live_server, tmp_path):
    page = phone.page
    page.goto(f"{live_server}/centres?q=Poissy&kind=fertility")
    page.locator("#centre-fertility-chi-poissy").get_by_role("button", name="Ajouter à ma liste de soins").click()
    expect(page.locator("#centre-fertility-chi-poissy .added")).to_be_visible()
    page.goto(f"{live_server}/checklist")
    item = page.locator("li.checklist-item").first
    item.get_by_role("button", name="Demandé", exact=True).click()
    expect(item.get_by_role("button", name="Demandé", exact=True)).to_have_attribute("aria-pressed", "true")
    item.locator("summary", has_text="Ajouter une note").click()
    item.locator("textarea[name=note]").fill("Demander avant la chimiothérapie si la conservation est possible " * 3)
    item.get_by_role("button", name="Enregistrer la note").click()
    expect(page.locator("li.checklist-item .item-note")).to_contain_text("chimiothérapie")
    page.goto(f"{live_server}/checklist/print")
    expect(page.locator(".print-table")).to_contain_text("01 39 27 40 50")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    # A long note does not squeeze the other cells to a letter a line: "Demandé" stays whole.
    lines = page.locator(".print-table tbody td", has_text="Demandé").evaluate(
        "td => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; }"
    )
    assert lines == 1
    pdf = tmp_path / "checklist.pdf"
    page.pdf(path=pdf, format="A4")
    assert pdf.stat().st_size > 1000


def test_checklist_works_without_javascript(make_phone, live_server):
    phone = make_phone(java_script_enabled=False)
    page = phone.page
    page.goto(f"{live_server}/checklist")
    page.locator("#care-nutrition").get_by_role("button", name="Ajouter à ma liste de soins").click()
    expect(page).to_have_url(re.compile(r"/checklist#item-\d+$"))
    page.locator("li.checklist-item").first.get_by_role("button", name="En cours").click()
    expect(page.locator("li.checklist-item").first.get_by_role("button", name="En cours")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("link", name="Supprimer mon carnet").click()
    expect(page.locator("h1")).to_have_text("Supprimer mon carnet ?")
    phone.screenshot("-delete-confirmation")
    page.get_by_role("button", name="Oui, supprimer mon carnet").click()
    expect(page.locator("#messages")).to_contain_text("Votre carnet a été supprimé")
    expect(page.locator("li.care")).to_have_count(11)


def test_a_centre_is_chosen_by_searching_near_a_place(phone, live_server):
    """The centre picker: the directory's search swapped into the item, a radio list, saved in place."""
    page = phone.page
    page.goto(f"{live_server}/checklist")
    page.locator("#care-fertility").get_by_role("button", name="Ajouter à ma liste de soins").click()
    expect(page.locator("#care-fertility .added")).to_be_visible()
    page.goto(f"{live_server}/checklist")
    page.evaluate("window.notReloaded = true")
    item = page.locator("li.checklist-item").first
    item.get_by_text("Ajouter une note ou choisir un centre").click()
    item.get_by_label("Choisir un centre près de (ville ou code postal)").fill("Poissy")
    item.get_by_role("button", name="Chercher des centres").click()
    expect(item.locator(".centre-choice legend")).to_contain_text("Centres près de Poissy (78300)")
    # Every choice is a tap target of at least 44 px, and none is ticked for the person.
    heights = item.locator(".centre-choice label.choice").evaluate_all("ls => ls.map(l => l.offsetHeight)")
    assert len(heights) > 2 and min(heights) >= 44
    expect(item.locator(".centre-choice input[type=radio]:checked")).to_have_count(0)
    item.locator(".centre-choice label.choice").first.click()
    phone.screenshot("-open")
    item.get_by_role("button", name="Enregistrer le centre").click()
    expect(page.locator("li.checklist-item").first.locator(".chosen-centre")).to_contain_text("Poissy")
    assert page.evaluate("window.notReloaded") is True
