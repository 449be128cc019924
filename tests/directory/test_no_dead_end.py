"""Fertility preservation and every care of the basket have a true answer near anyone — the
directory's kind where it lists one, otherwise the person's own team and the region's cancer network."""

import pytest

from tests.helpers import PARTIAL, soup, text_of

EN = {"Accept-Language": "en"}
DUTY = "Since June 2023, every hospital authorised to treat cancer must organise fertility preservation"


@pytest.mark.parametrize("q", ["Guéret", "Cayenne", "Lille"])
def test_where_no_fertility_centre_is_near_the_decree_is_said(client, q):
    page = soup(client.get("/centres", query_string={"q": q}, headers={**EN, **PARTIAL}))
    assert DUTY in text_of(page.select_one(".help-anywhere .fertility-duty"))
    sheet = soup(client.get("/sheet", query_string={"q": q}, headers=EN))
    assert DUTY in text_of(sheet.select_one(".fertility-duty"))
    body = client.get("/api/v1/centres", query_string={"q": q}, headers=EN).json
    assert body["coverage"]["fertility_note"].startswith(DUTY)
    french = soup(client.get("/centres", query_string={"q": q}, headers={"Accept-Language": "fr", **PARTIAL}))
    assert "décret 2022-689" in text_of(french.select_one(".fertility-duty"))


def test_where_a_fertility_centre_is_near_nothing_is_added(client):
    page = soup(client.get("/centres?q=Bondy", headers={**EN, **PARTIAL}))
    assert page.select(".fertility-duty") == []
    assert "fertility_note" not in client.get("/api/v1/centres?q=Bondy").json["coverage"]


def test_social_support_offers_help_with_paperwork_everywhere_it_is_met(client):
    care = soup(client.get("/cares/social", headers=EN))
    assert care.select_one("input[name=kind][value=paperwork]") is not None


def test_the_assessment_offers_help_with_paperwork_where_money_weighs(client):
    from tests.assessment.test_views import complete

    client.get("/centres?q=Guéret")
    complete(client, distress={"score": "6", "problems": ["money"]})
    need = soup(client.get("/assessment/results", headers=EN)).select_one("#need-social")
    link = need.select_one("a[href*='kind=paperwork']")
    assert link is not None and text_of(link) == "Find nearby: Help with paperwork"
    assert "q=Gu%C3%A9ret" in link["href"]


def test_the_checklist_social_support_item_offers_help_with_paperwork(client):
    from tests.checklist.test_views import add

    assert add(client, care="social").status_code in (200, 303)
    page = soup(client.get("/checklist", headers=EN))
    links = [a for a in page.select("a[href*='kind=paperwork']") if "Help with paperwork" in text_of(a)]
    assert links
