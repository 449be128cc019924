"""The optional address service, against a stand-in BAN server on loopback (no outside network)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from companion import create_app
from tests.helpers import soup, text_of

FEATURE = {
    "type": "Feature",
    "geometry": {"type": "Point", "coordinates": [2.48403, 48.90222]},
    "properties": {
        "label": "12 Rue de la Paix 93140 Bondy",
        "city": "Bondy",
        "postcode": "93140",
        "context": "93, Seine-Saint-Denis, Île-de-France",
    },
}


class StandInBAN(BaseHTTPRequestHandler):
    """Answers /search like api-adresse.data.gouv.fr: one feature for "rue de la paix", none otherwise."""

    seen: list[str] = []

    def do_GET(self):
        query = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
        StandInBAN.seen.append(query)
        if query == "boom":
            self.send_error(500)
            return
        features = [FEATURE] if "rue de la paix" in query.lower() else []
        body = json.dumps({"type": "FeatureCollection", "features": features}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def ban_server():
    server = HTTPServer(("127.0.0.1", 0), StandInBAN)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    StandInBAN.seen = []
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def geocoding_client(ban_server, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "t",
            "GEOCODER": "ban",
            "GEOCODER_DOMAIN": ban_server,
            "GEOCODER_SCHEME": "http",
        }
    )
    return app.test_client()


def test_gazetteer_answers_first_without_asking_the_service(geocoding_client):
    assert geocoding_client.get("/api/v1/centres?q=Poissy").status_code == 200
    assert StandInBAN.seen == []


def test_an_address_the_gazetteer_lacks_is_found_online(geocoding_client):
    body = geocoding_client.get("/api/v1/centres?q=12+rue+de+la+Paix+Bondy&kind=fertility&limit=1").json
    assert body["place"]["name"] == "Bondy" and body["place"]["departement"] == "93"
    assert body["centres"][0]["id"] == "fertility-aphp-jean-verdier"
    page = soup(geocoding_client.get("/centres?q=12+rue+de+la+Paix+Bondy", headers={"Accept-Language": "en"}))
    assert "near Bondy (93140)" in text_of(page.select_one("#results-heading"))


@pytest.mark.parametrize("q", ["nowhere at all", "boom"])
def test_not_found_or_failing_service_is_a_clear_answer(geocoding_client, q):
    assert geocoding_client.get(f"/api/v1/centres?q={q}").status_code == 400
    assert geocoding_client.get(f"/centres?q={q}").status_code == 422


def test_unknown_geocoder_name_stops_start_up(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(ValueError, match="COMPANION_GEOCODER"):
        create_app({"GEOCODER": "nominatim"})
