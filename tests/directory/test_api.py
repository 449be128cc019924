import pytest

FIELDS = {
    *("id", "kind", "name", "establishment", "address", "postcode", "city", "departement", "url", "source"),
    *("phone", "phone_type", "phone_premium_rate", "audience", "position_precision", "checked_on"),
    *("opening_hours", "roaming"),
    *("lat", "lon", "distance_km"),
}


def test_nearest_first_with_every_field(client):
    response = client.get("/api/v1/centres?lat=48.85&lon=2.35&limit=8")
    assert response.status_code == 200 and response.mimetype == "application/json"
    centres = response.json["centres"]
    assert len(centres) == 8
    assert all(set(c) == FIELDS for c in centres)
    distances = [c["distance_km"] for c in centres]
    assert distances == sorted(distances)


def test_place_query_and_kind_filter(client):
    body = client.get("/api/v1/centres?q=Poissy&kind=fertility&limit=1").json
    assert [c["id"] for c in body["centres"]] == ["fertility-chi-poissy"]
    assert body["centres"][0]["distance_km"] == pytest.approx(0.66, abs=0.01)
    assert body["place"]["name"] == "Poissy"


def test_default_limit_is_ten(client):
    assert len(client.get("/api/v1/centres?q=75014").json["centres"]) == 10


@pytest.mark.parametrize(
    "query, param",
    [
        ("", "q"),
        ("q=", "q"),
        ("q=%20%20", "q"),
        ("q=Atlantis", "q"),
        ("q=" + "x" * 101, "q"),
        ("lat=abc&lon=2", "lat"),
        ("lat=48&lon=abc", "lon"),
        ("lat=nan&lon=2", "lat"),
        ("lat=inf&lon=2", "lat"),
        ("lat=1e999&lon=2", "lat"),
        ("lat=91&lon=2", "lat"),
        ("lat=48&lon=-181", "lon"),
        ("lat=48", "lon"),
        ("lon=2", "lat"),
        ("q=Bondy&kind=spa", "kind"),
        ("q=Bondy&kind=SDC", "kind"),
        ("q=Bondy&limit=0", "limit"),
        ("q=Bondy&limit=-3", "limit"),
        ("q=Bondy&limit=51", "limit"),
        ("q=Bondy&limit=99999999999999999999", "limit"),
        ("q=Bondy&limit=two", "limit"),
        ("q=Bondy&limit=%C2%B2", "limit"),  # "²": a digit to str.isdigit(), not a number to int()
        ("q=Bondy&limit=%D9%A3", "limit"),  # an Arabic-Indic three: whole numbers are written 0-9 here
    ],
)
def test_bad_parameters_are_400_with_a_message(client, query, param):
    response = client.get(f"/api/v1/centres?{query}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.json["param"] == param
    assert len(response.json["error"]) > 10


def test_errors_follow_the_language(client):
    body = client.get("/api/v1/centres?lat=abc&lon=2", headers={"Accept-Language": "fr"}).json
    assert body["error"] == "lat doit être un nombre."


def test_api_404_is_json(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404 and "error" in response.json
