"""The printed resource sheet: one A4 page, and a QR code that a phone can read."""

import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


# Île-de-France, where every kind is listed; and places the directory doesn't cover yet, where each kind's part
# says so and who to ask (Rennes: the longest front measured, 92 % of the page in French).
@pytest.mark.parametrize("guide", [False, True])
@pytest.mark.parametrize(
    "locale, town, kinds",
    [("fr-FR", "Bondy", 4), ("en-GB", "94800", 4), ("fr-FR", "Lyon 3e", 5), ("fr-FR", "Rennes", 5)],
)
def test_sheet_prints_on_one_a4_sheet_resources_front_calls_back(make_phone, live_server, locale, town, kinds, guide):
    page = make_phone(locale=locale).page
    if guide:  # a volunteer's phone: the guide banner and its button are not printed
        page.context.add_cookies([{"name": "guide", "value": "on", "url": live_server}])
    page.goto(f"{live_server}/sheet?q={town}")
    expect(page.locator(".guide-banner")).to_have_count(1 if guide else 0)
    expect(page.locator("section.sheet-kind")).to_have_count(kinds)  # outside Île-de-France, the cancer centres too
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.evaluate("document.querySelector('.sheet-back').remove()")
    front = pdf_pages(page.pdf(format="A4", print_background=True))
    assert front == 1  # the resources, their sources and dates, and the urgent numbers on the front
    assert pdf_pages(pdf) == front + 1  # someone to talk to and the signs that call now, alone, on the back


def test_sheet_qr_code_decodes_to_the_live_list(make_phone, live_server):
    page = make_phone(viewport={"width": 800, "height": 1200}, device_scale_factor=2).page
    page.goto(f"{live_server}/sheet?q=Bondy")
    qr = page.locator("img.qr")
    expect(qr).to_be_visible()
    page.wait_for_function("() => document.querySelector('img.qr').complete")
    image = Image.open(io.BytesIO(qr.screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [f"{live_server}/centres?q=Bondy+(93140)"]
    assert page.locator(".sheet-url").inner_text() == f"{live_server}/centres?q=Bondy (93140)"  # as typed
