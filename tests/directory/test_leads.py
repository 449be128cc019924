"""The leads outside Île-de-France whose evidence holds are in the directory, each with its source,
its date and the establishment's switchboard."""

import csv

import pytest

from tests.helpers import PARTIAL, ROOT, soup, text_of

EN = {"Accept-Language": "en"}
with (ROOT / "data" / "outside_idf.csv").open(encoding="utf-8") as f:
    ROWS = list(csv.DictReader(f))


def test_each_row_cites_its_evidence_its_date_and_finess():
    assert len(ROWS) == 6
    for row in ROWS:
        assert row["departement"] not in {"75", "77", "78", "91", "92", "93", "94", "95"}
        assert "undated" in row["source"] or "20" in row["source"]
        assert "FINESS" in row["source"] and row["phone_type"] == "switchboard" and row["checked_on"] == "2020-03-06"


@pytest.mark.parametrize(
    "q, kind, centre_id",
    [
        ("Angers", "sdc", "sdc-chu-angers"),
        ("Dijon", "fertility", "fertility-dijon-chu"),
        ("Poitiers", "sdc", "sdc-chu-poitiers"),
        ("Besançon", "fertility", "fertility-besancon-polyclinique"),
    ],
)
def test_a_lead_is_found_near_its_town_with_its_switchboard(client, q, kind, centre_id):
    page = soup(client.get("/centres", query_string={"q": q, "kind": kind}, headers={**EN, **PARTIAL}))
    entry = page.select_one(f"#centre-{centre_id}")
    assert entry is not None and float(text_of(entry.select_one(".distance")).split()[0]) < 10
    assert "Hospital switchboard: ask for the service by name." in text_of(entry)
    assert "national register of health establishments (FINESS), March 2020" in text_of(entry)
    api = client.get("/api/v1/centres", query_string={"q": q, "kind": kind}).json
    assert api["centres"][0]["id"] == centre_id and api["centres"][0]["phone_type"] == "switchboard"
