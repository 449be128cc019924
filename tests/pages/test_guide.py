"""Local resource sheets, départements and guide mode (the care pages are tested in tests/cares)."""

import pytest

from tests.helpers import csrf_token, soup, text_of

EN, FR = {"Accept-Language": "en"}, {"Accept-Language": "fr"}


@pytest.mark.parametrize(
    "town, expected",
    [
        # Worked out by hand (haversine) from data/centres.csv and the commune centroids.
        (
            "Bondy",
            {
                "sdc": ["sdc-fondation-rothschild", "sdc-institut-curie-paris"],
                # The two nearest placed within 50 km; not the Paris ERI: no address, no phone, no known place.
                "eri": ["eri-montfermeil-ghi", "eri-villejuif-gustave-roussy"],
                "fertility": ["fertility-aphp-jean-verdier", "fertility-aphp-tenon"],
                "mis": ["mis-aphp-pitie-salpetriere"],
            },
        ),
        (
            "94800",
            {
                "sdc": ["sdc-gustave-roussy", "sdc-ghu-sainte-anne"],
                "eri": ["eri-villejuif-gustave-roussy", "eri-montfermeil-ghi"],
                "fertility": ["fertility-aphp-cochin", "fertility-aphp-antoine-beclere"],
                "mis": ["mis-aphp-pitie-salpetriere"],
            },
        ),
    ],
)
def test_resource_sheet_lists_the_nearest_of_each_kind(client, town, expected):
    response = client.get(f"/sheet?q={town}", headers=EN)
    assert response.status_code == 200
    page = soup(response)
    found = {
        s["aria-labelledby"].removeprefix("sheet-"): [li["data-centre"] for li in s.select("li[data-centre]")]
        for s in page.select("section.sheet-kind")
    }
    assert found == expected
    main = text_of(page.main)
    assert "Printed on" in main and "the register of health establishments (FINESS), not a check" in main
    assert "National register, March 2020" in text_of(page.select_one("li[data-centre] .checked-on"))
    assert page.select_one("img.qr")["src"].startswith("/sheet/qr.svg?q=")


def test_resource_sheet_in_french(client):
    page = soup(client.get("/sheet?q=Bondy", headers=FR))
    assert "Soins de support près de Bondy (93140)" in page.h1.get_text()
    assert "Répertoire national, mars 2020" in text_of(page.main)


def test_sheet_qr_encodes_the_live_list(client):
    response = client.get("/sheet/qr.svg?q=Bondy")
    assert response.mimetype == "image/svg+xml" and response.get_data(as_text=True).startswith("<svg")
    assert client.get("/sheet/qr.svg?q=Atlantis").status_code == 404


def test_sheet_for_an_unknown_place_is_a_clear_404(client):
    response = client.get("/sheet?q=Atlantis", headers=EN)
    assert response.status_code == 404
    assert "We could not find “Atlantis”" in text_of(soup(response).main)
    assert client.get("/sheet").status_code == 200


def test_departement_listing(client):
    page = soup(client.get("/departements/93", headers=EN))
    ids = {li["id"] for li in page.select("li.centre")}
    assert ids == {"centre-eri-montfermeil-ghi", "centre-fertility-aphp-jean-verdier"}
    assert "Seine-Saint-Denis (93)" in page.h1.get_text()
    paris = soup(client.get("/departements/75"))
    assert len(paris.select("li.centre")) == 11  # rows of data/centres.csv with departement 75


@pytest.mark.parametrize("code, status", [("2a", 200), ("973", 200), ("99", 404), ("abc", 404), ("750", 404)])
def test_departements_outside_the_directory(client, code, status):
    response = client.get(f"/departements/{code}", headers=EN)
    assert response.status_code == status
    if status == 200:
        assert "No resource of this département" in text_of(soup(response).main)


def test_a_departement_with_only_its_regional_cancer_centre_lists_it(client):
    page = soup(client.get("/departements/13", headers=EN))
    assert [li["id"] for li in page.select("li.centre")] == ["centre-cancer-centre-130001647"]
    assert "Regional cancer centre (CLCC)" in text_of(page.main)


def test_guide_mode_changes_the_wording_and_ends_with_a_handout(client):
    csrf = csrf_token(client, "/")
    response = client.post("/guide", data={"csrf_token": csrf, "mode": "on", "next": "/assessment/urgent"})
    assert response.status_code == 303 and response.headers["Location"] == "/assessment/urgent"
    page = soup(client.get("/assessment/urgent", headers=EN))
    assert "Does the person have any of these" in text_of(page.select_one("#field-signs legend"))
    assert page.select_one(".guide-banner") is not None
    start = soup(client.get("/assessment", headers=EN))
    assert start.select_one("form.restart-first, form[action='/assessment/restart']") is not None
    assert client.post("/assessment/urgent", data={"csrf_token": csrf}).status_code == 400  # a new person's token
    csrf = page.select_one("input[name=csrf_token]")["value"]
    client.post("/assessment/urgent", data={"csrf_token": csrf})
    context = soup(client.get("/assessment/context", headers=EN))
    assert "A little about the person" in text_of(context.select_one("#step-heading"))
    results = soup(client.get("/assessment/results", headers=EN))
    assert results.select_one("#handout-heading") is not None
    client.post("/guide", data={"csrf_token": csrf, "mode": "off", "next": "/assessment/urgent"})
    page = soup(client.get("/assessment/urgent", headers=EN))
    assert "Do you have any of these" in text_of(page.select_one("#field-signs legend"))


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\t/evil.example/",
        "/\r\nX: y",
        "/\\evil.example",
    ],
)
def test_guide_switch_only_returns_to_this_site(client, target):
    csrf = csrf_token(client, "/")
    response = client.post("/guide", data={"csrf_token": csrf, "mode": "on", "next": target})
    assert response.headers["Location"] == "/"
