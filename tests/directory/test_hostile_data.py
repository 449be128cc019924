"""Directory data and typed text that look like markup, format strings or the slot words kept renders are filled
at (entries.py, web/render.py, web/slots.py): shown as written everywhere, never filled, never a 500."""

import csv
import re

import pytest

from tests.helpers import PARTIAL, ROOT, csrf_token, soup, text_of

SLOT_WORDS = (
    "slot-found-near-8d2e slot-distance-8d2e <slot-found-near-8d2e> <slot-distance-8d2e> slot-6d0b-0- "
    "slot-6d0b-99- <slot-back-3f9c1e> <slot-csrf-3f9c1e>"
)
NAME = "Evil <script>alert(1)</script> \"q\" 'a' {} %s %(km)s " + SLOT_WORDS
ADDRESS = '12 rue "<b>x</b>" {0} %s slot-distance-8d2e <slot-distance-8d2e>'
CITY = "Bondy<script> {} %s <slot-found-near-8d2e>"
ID = "fertility-hostile"


@pytest.fixture
def hostile_entry(app, runner, tmp_path):
    """An entry near Bondy whose name, address and city hold all of the above, imported as a coordinator would."""
    with open(ROOT / "data/centres.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    row = {**rows[0], "id": ID, "kind": "fertility", "name": NAME, "address": ADDRESS, "city": CITY}
    row.update(postcode="93140", departement="93", lat="48.9023", lon="2.4840")
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow(row)
    result = runner.invoke(args=["import-centres", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("headers", [{}, PARTIAL])
def test_an_entry_is_shown_as_written_in_search_results(hostile_entry, client, lang, headers):
    for _ in range(2):  # its first render, then its kept HTML
        response = client.get(f"/centres?q=Bondy&kind=fertility&lang={lang}", headers=headers)
        assert response.status_code == 200
        entry = soup(response).select_one(f"#centre-{ID}")
        assert entry.h3.get_text() == NAME
        assert entry.select_one("p.address").get_text().startswith('12 rue "<b>x</b>" {0} %s slot-distance-8d2e')
        assert "<script>" not in response.get_data(as_text=True)
        assert entry.select_one("input[name=reason]")["value"] in (
            "Trouvé près de Bondy (93140)",
            "Found near Bondy (93140)",
        )
        assert re.fullmatch(r"(à )?\d+[.,]\d km( away)?", entry.select_one(".distance").get_text())


def test_an_entry_is_shown_as_written_on_the_sheet_and_in_the_api(hostile_entry, client):
    for url in ("/sheet?q=Bondy", "/sheet?q=Bondy&lang=en"):
        response = client.get(url)
        assert response.status_code == 200 and "<script>" not in response.get_data(as_text=True)
        assert soup(response).select_one(f"[data-centre={ID}]").strong.get_text() == NAME
    body = client.get("/api/v1/centres?q=Bondy&kind=fertility").json
    assert any(c["name"] == NAME and c["address"] == ADDRESS for c in body["centres"])


@pytest.mark.parametrize(
    "typed", ["slot-6d0b-0-", "slot-6d0b-1-slot-6d0b-2-", "<slot-csrf-3f9c1e>", '"><script>x</script>', "{} %s"]
)
def test_a_step_shows_typed_text_as_typed(client, typed):
    token = csrf_token(client, "/assessment")
    client.post("/assessment/urgent", data={"csrf_token": token, "on_treatment": "no"})
    answered = {"csrf_token": token, "pain": "2", "other": "5", "other_label": typed}
    assert client.post("/assessment/symptoms", data=answered).status_code == 303
    for headers in ({}, PARTIAL):
        page = soup(client.get("/assessment/symptoms", headers=headers))
        assert page.select_one("#other-label")["value"] == typed
        assert len({i["value"] for i in page.select("input[name=csrf_token]")}) == 1
        assert [i["name"] for i in page.select("input[checked]") if i["value"]] == ["pain", "other"]
    results = client.get("/assessment/results")
    assert typed in text_of(soup(results)) and "<script>x" not in results.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/centres", "/api/v1/centres"])
@pytest.mark.parametrize("headers", [{}, PARTIAL])
def test_a_limit_of_thousands_of_digits_is_a_400(client, path, headers):
    # int() refuses more than 4,300 digits: a number that long is refused before it gets there; zeros before a
    # number change nothing.
    assert client.get(f"{path}?q=Bondy&limit={'9' * 4301}", headers=headers).status_code == 400
    for limit in ("007", "0" * 4300 + "5"):
        assert client.get(f"{path}?q=Bondy&limit={limit}", headers=headers).status_code == 200


def test_results_link_under_the_root_the_app_is_mounted_at(client):
    url = "/centres?q=Bondy&kind=sdc"
    client.get(url, headers=PARTIAL, base_url="http://localhost/a/")
    body = client.get(url, headers=PARTIAL, base_url="http://localhost/b/").get_data(as_text=True)
    assert '"/b/' in body and '"/a/' not in body
