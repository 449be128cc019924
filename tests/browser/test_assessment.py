"""The self-assessment on a phone: tapping through it, urgent signs first, and the same without JavaScript."""

import re

import pytest
from playwright.sync_api import expect


def tap_score(page, item: str, score: int):
    page.locator(f"#field-{item} .scale-option").nth(score).click()


def answer_everything(page):
    """Steps 2 to 4 with a few answers: severe pain, moderate tiredness, money worries."""
    tap_score(page, "pain", 8)
    tap_score(page, "tiredness", 5)
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_have_text("Ce qui vous pèse")
    tap_score(page, "score", 6)
    page.get_by_label("Argent").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_have_text("Un peu sur vous")
    page.get_by_role("button", name="Continuer").click()


def test_complete_by_tapping_and_see_the_needs(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/assessment")
    page.get_by_role("button", name="J’ai un cancer : je réponds pour moi").click()
    page.wait_for_url(re.compile(r"/assessment/urgent$"))  # loaded, so htmx is ready before the first tap
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Continuer").click()
    heading = page.locator("#step-heading")
    expect(heading).to_have_text("Comment vous sentez-vous en ce moment ?")
    expect(heading).to_be_focused()
    expect(page).to_have_url(re.compile(r"/assessment/symptoms$"))
    answer_everything(page)
    expect(heading).to_have_text("Vos résultats")
    expect(page).to_have_url(re.compile(r"/assessment/results$"))
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator("#need-pain")).to_contain_text("Prise en charge de la douleur")
    expect(page.locator("#need-social")).to_contain_text("En raison de : Argent")
    expect(page.get_by_role("button", name="Imprimer ou enregistrer en PDF")).to_be_visible()
    phone.screenshot()
    page.reload()  # the pushed URL is a real page with the same answers
    expect(page.locator("#need-pain")).to_be_visible()


def test_an_urgent_yes_shows_the_emergency_block_first(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_label("Une douleur dans la poitrine").check()
    page.get_by_role("button", name="Continuer").click()
    card = page.locator("#urgent-card")
    expect(card).to_be_visible()
    expect(page.locator("#urgent-card-heading")).to_be_focused()
    expect(card.get_by_role("link", name=re.compile("^15"))).to_have_attribute("href", "tel:15")
    box = card.bounding_box()
    assert box["y"] < page.locator("#step-form").bounding_box()["y"]  # before the next question
    phone.screenshot()


def test_keyboard_only_can_answer_a_scale(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_be_focused()
    page.keyboard.press("Tab")  # into the first scale: one stop per group
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#field-pain input[value='2']")).to_be_checked()


def test_a_bad_answer_is_pointed_out(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_be_focused()
    page.locator("#field-pain input[value='4']").evaluate("input => { input.value = '42'; input.checked = true; }")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#field-pain-error")).to_contain_text("Choisissez un nombre de 0 à 10")
    expect(page).to_have_url(re.compile(r"/assessment/symptoms$"))
    phone.errors.remove("Failed to load resource: the server responded with a status of 422 (UNPROCESSABLE ENTITY)")


def test_without_javascript_the_same_journey_works(make_phone, live_server):
    phone = make_phone(java_script_enabled=False)
    page = phone.page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_label("Température de 38 °C ou plus").check()
    page.locator("#field-on_treatment").get_by_label("Oui").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/assessment/symptoms$"))
    expect(page.locator("#urgent-card")).to_contain_text("Une fièvre pendant un traitement du cancer")
    answer_everything(page)
    expect(page).to_have_url(re.compile(r"/assessment/results$"))
    expect(page.locator("#urgent-card")).to_be_visible()
    expect(page.locator("#need-pain")).to_be_visible()
    expect(page.get_by_role("button", name="Imprimer ou enregistrer en PDF")).to_be_hidden()
    phone.screenshot()


def test_the_top_of_the_breathlessness_scale_says_call_15_first(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_be_focused()
    tap_score(page, "breathlessness", 10)
    page.get_by_role("button", name="Continuer").click()
    card = page.locator("#urgent-card")
    expect(page.locator("#urgent-card-heading")).to_be_focused()
    expect(page.locator("#call-first")).to_contain_text("Appelez d’abord le 15")
    expect(card).to_contain_text("Difficulté à respirer qui arrive d’un coup ou qui est forte")  # the sign's words
    expect(card.get_by_role("link", name=re.compile("^15"))).to_have_attribute("href", "tel:15")
    assert card.bounding_box()["y"] < page.locator("#step-form").bounding_box()["y"]
    # The call buttons are on the first screen, not below it.
    assert card.get_by_role("link", name=re.compile("^15")).bounding_box()["y"] < 740
    phone.screenshot()


def test_a_severe_pain_asks_to_call_today_before_anything_else(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    tap_score(page, "pain", 7)
    page.get_by_role("button", name="Continuer").click()
    today = page.locator("#today-card")
    expect(today).to_contain_text("Appelez votre équipe soignante aujourd’hui")
    expect(today).to_contain_text("116 117")  # out of hours: never "wait till Monday"
    expect(page.locator("#today-heading")).to_be_focused()
    expect(today.get_by_role("link", name=re.compile("^15"))).to_have_attribute("href", "tel:15")
    expect(today.get_by_role("link", name=re.compile("^114"))).to_have_attribute("href", "sms:114")
    assert today.bounding_box()["y"] < page.locator("#step-form").bounding_box()["y"]
    phone.screenshot()


def test_the_urgent_page_lists_every_sign_by_tier(phone, live_server):
    page = phone.page
    page.goto(f"{live_server}/urgent")
    expect(page.locator("#tier-emergency")).to_contain_text("Une crise convulsive")
    expect(page.locator("#tier-team")).to_contain_text("Pas d’urine depuis 12 heures")
    expect(page.locator("#tier-crisis").get_by_role("link", name=re.compile("^3114"))).to_have_attribute(
        "href", "tel:3114"
    )
    phone.screenshot()


def test_a_volunteer_guides_two_people_on_one_phone(phone, live_server):
    page = phone.page
    page.goto(live_server)
    page.get_by_role("button", name="J’accompagne quelqu’un (mode accompagnement)").click()
    page.goto(f"{live_server}/assessment")
    page.get_by_role("button", name="Commencer avec une nouvelle personne").click()
    expect(page.locator("#field-signs legend").first).to_contain_text("La personne a-t-elle")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#step-heading")).to_be_focused()
    tap_score(page, "anxiety", 8)
    for heading in ("Ce qui pèse sur la personne", "Un peu sur la personne", "Résultats de la personne"):
        page.get_by_role("button", name="Continuer").click()
        expect(page.locator("#step-heading")).to_have_text(heading)
    expect(page.locator("#today-card")).to_contain_text("3114")
    phone.screenshot("-results")
    page.get_by_role("button", name="Effacer et commencer pour la personne suivante").click()
    expect(page).to_have_url(re.compile(r"/assessment/urgent$"))
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#field-anxiety input[value='8']")).not_to_be_checked()  # nothing of the last person
    phone.screenshot("-next-person")


@pytest.mark.parametrize("java_script", [True, False])
def test_switching_language_mid_step_keeps_the_answers(make_phone, live_server, java_script):
    page = make_phone(java_script_enabled=java_script).page
    page.goto(f"{live_server}/assessment/urgent")
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/assessment/symptoms$"))
    tap_score(page, "pain", 6)
    page.locator("#language-switch").get_by_role("button", name="English").click()
    expect(page.locator("#step-heading")).to_have_text("How do you feel right now?")
    expect(page).to_have_url(re.compile(r"/assessment/symptoms$"))
    expect(page.locator("#field-pain input[value='6']")).to_be_checked()
