"""The printed resource sheet: one A4 page, and a QR code that a phone can read."""

import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("guide", [False, True])
@pytest.mark.parametrize("locale, town", [("fr-FR", "Bondy"), ("en-GB", "94800"), ("fr-FR", "Créteil")])
def test_sheet_prints_on_one_a4_sheet_resources_front_when_to_call_back(make_phone, live_server, locale, town, guide):
    page = make_phone(locale=locale).page
    if guide:  # a volunteer's phone: the guide banner and its button are not printed
        page.context.add_cookies([{"name": "guide", "value": "on", "url": live_server}])
    page.goto(f"{live_server}/sheet?q={town}")
    expect(page.locator(".guide-banner")).to_have_count(1 if guide else 0)
    expect(page.locator("section.sheet-kind")).to_have_count(4)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.evaluate("document.querySelector('.printed-signs').remove()")
    front = pdf_pages(page.pdf(format="A4", print_background=True))
    assert front == 1  # the resources on the front
    assert pdf_pages(pdf) == front + 1  # the signs that call now, alone, on the back


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
