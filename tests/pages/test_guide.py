"""Care explainers, who else can help, caregivers, local resource sheets, départements, guide mode."""

import pytest

from companion.cares.catalogue import ALL_CARES, CARES
from tests.helpers import PARTIAL, soup, text_of

EN, FR = {"Accept-Language": "en"}, {"Accept-Language": "fr"}


@pytest.mark.parametrize("key", list(ALL_CARES))
@pytest.mark.parametrize("headers, sources", [(EN, "Sources:"), (FR, "Sources :")])
def test_every_care_has_its_page_in_both_languages_with_sources(client, key, headers, sources):
    response = client.get(f"/cares/{key}", headers=headers)
    assert response.status_code == 200
    page = soup(response)
    main = text_of(page.main)
    assert page.h1.get_text(strip=True) and sources in main
    assert len(page.select("main h2")) >= 2  # who provides it, how it is paid for...
    if key not in CARES:  # complementary practices are marked as such
        assert ("Other complementary practices" in main) or ("Autres pratiques complémentaires" in main)


def test_pain_page_links_to_nearby_pain_centres(client):
    page = soup(client.get("/cares/pain", headers=EN))
    form = page.select_one("form.quick-search[action='/centres']")
    assert form.select_one("input[name=kind]")["value"] == "sdc"
    assert "When it helps" in text_of(page.main) and "How to ask for it" in text_of(page.main)


def test_care_index_filters_by_group_as_page_or_fragment(client):
    page = soup(client.get("/cares", headers=EN))
    assert len(page.select("#care-list li.care")) == 15
    practices = soup(client.get("/cares?group=practice", headers=EN))
    assert [li["id"] for li in practices.select("li.care")] == [
        "care-sophrology",
        "care-art_therapy",
        "care-reflexology",
        "care-socio_aesthetics",
    ]
    assert "never replace it" in text_of(practices.select_one("#care-list"))
    fragment = client.get("/cares?group=analgesia", headers=PARTIAL)
    assert soup(fragment).find("html") is None and len(soup(fragment).select("li.care")) == 2


@pytest.mark.parametrize("url", ["/cares/massage", "/cares?group=spa"])
def test_unknown_care_or_group_is_a_404_page(client, url):
    response = client.get(url, headers=EN)
    assert response.status_code == 404 and "does not exist" in text_of(soup(response).main)


def test_who_else_can_help_with_phone_links(client):
    page = soup(client.get("/help", headers=EN))
    assert page.select_one("a[href='tel:+33144060090']") is not None  # ONCORIF
    assert page.select_one("a[href='https://www.e-cancer.fr']") is not None
    assert len(page.select("li.care")) == 9


def test_caregivers_path(client):
    page = soup(client.get("/caregivers", headers=EN))
    hrefs = {a["href"] for a in page.select("main a")}
    assert {"/cares/carers", "/centres?kind=eri", "/checklist"} <= hrefs


@pytest.mark.parametrize(
    "town, expected",
    [
        # Worked out by hand (haversine) from data/centres.csv and the commune centroids.
        (
            "Bondy",
            {
                "sdc": ["sdc-fondation-rothschild", "sdc-institut-curie-paris"],
                # Two nearest placed within 50 km, then the Paris ERI apart: its place is unknown.
                "eri": ["eri-montfermeil-ghi", "eri-villejuif-gustave-roussy", "eri-paris"],
                "fertility": ["fertility-aphp-jean-verdier", "fertility-aphp-tenon"],
                "mis": ["mis-aphp-pitie-salpetriere"],
            },
        ),
        (
            "94800",
            {
                "sdc": ["sdc-gustave-roussy", "sdc-ghu-sainte-anne"],
                "eri": ["eri-villejuif-gustave-roussy", "eri-montfermeil-ghi", "eri-paris"],
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
    csrf = soup(client.get("/")).select_one("input[name=csrf_token]")["value"]
    response = client.post("/guide", data={"csrf_token": csrf, "mode": "on", "next": "/assessment/urgent"})
    assert response.status_code == 303 and response.headers["Location"] == "/assessment/urgent"
    page = soup(client.get("/assessment/urgent", headers=EN))
    assert "Does the person have any of these" in text_of(page.select_one("#field-signs legend"))
    assert page.select_one(".guide-banner") is not None
    start = soup(client.get("/assessment", headers=EN))
    assert start.select_one("form.restart-first, form[action='/assessment/restart']") is not None
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
    csrf = soup(client.get("/")).select_one("input[name=csrf_token]")["value"]
    response = client.post("/guide", data={"csrf_token": csrf, "mode": "on", "next": target})
    assert response.headers["Location"] == "/"
