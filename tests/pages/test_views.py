import shutil

import pytest

from tests.helpers import PARTIAL, soup, text_of

PAGES = [
    "/",
    "/centres",
    "/centres?q=Bondy",
    "/urgent",
    "/sources",
    "/assessment",
    "/assessment/urgent",
    "/checklist",
    "/cares",
    "/cares/pain",
    "/help",
    "/caregivers",
    "/sheet?q=Bondy",
    "/departements/93",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_a_full_french_page_by_default(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert page.select_one("header a[href='/urgent']") is not None
    assert [a["href"] for a in page.select("nav.main-nav a")] == ["/assessment", "/centres", "/checklist"]
    assert "ne remplace pas votre équipe soignante" in text_of(page.select_one("footer"))
    assert page.body["hx-headers:inherited"].startswith('{"X-CSRFToken": "')


@pytest.mark.parametrize("url", PAGES + ["/api/v1/centres?q=Bondy", "/nowhere"])
def test_security_headers_on_every_kind_of_response(client, url):
    headers = client.get(url).headers
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'none'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["img-src"] == "'self' data: https://tile.openstreetmap.org"
    assert csp["frame-ancestors"] == "'none'" and csp["base-uri"] == "'none'" and csp["form-action"] == "'self'"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "geolocation=(self)" in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Embedder-Policy"] == "credentialless"
    assert headers["Cache-Control"] == "no-store"


def test_csp_allows_exactly_the_configured_tile_host(app, database_url):
    from companion import create_app

    other = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "t",
            "TILE_URL": "https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png",
        }
    )
    csp = other.test_client().get("/").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://*.tiles.example.org:8443;" in csp


def test_session_cookies_are_host_only_secure_httponly_lax(client):
    token = client.get("/").headers["Set-Cookie"]  # the CSRF token's (tests/web/test_csrf_cookie.py)
    assert token.startswith("__Host-session-csrf=")
    data = {"csrf_token": soup(client.get("/assessment/urgent")).select_one("input[name=csrf_token]")["value"]}
    sealed = client.post("/assessment/urgent", data={**data, "on_treatment": "no"}).headers["Set-Cookie"]
    assert sealed.startswith("__Host-session=")
    for cookie in (token, sealed):
        for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
            assert flag in cookie


def test_no_inline_script_or_style_anywhere(client):
    for url in PAGES:
        page = soup(client.get(url))
        assert all(script.get("src") for script in page.find_all("script"))
        assert page.find("style") is None and page.find(attrs={"style": True}) is None


def test_language_switch_is_remembered_and_keeps_the_page(client):
    page = soup(client.get("/centres?q=Bondy&lang=en"))
    assert page.html["lang"] == "en"
    assert "Supportive care near you" in text_of(page.h1)
    french = page.select_one("#language-switch a[lang=fr]")["href"]
    assert french.startswith("/centres?") and "q=Bondy" in french and "lang=fr" in french
    # The choice sticks for the next pages, whatever the browser prefers.
    assert soup(client.get("/", headers={"Accept-Language": "fr"})).html["lang"] == "en"
    assert soup(client.get("/?lang=fr")).html["lang"] == "fr"
    assert soup(client.get("/")).html["lang"] == "fr"


def test_accept_language_is_used_when_nothing_was_chosen(client):
    assert soup(client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})).html["lang"] == "en"
    assert soup(client.get("/", headers={"Accept-Language": "de-DE"})).html["lang"] == "fr"


def test_unknown_language_is_ignored(client):
    assert soup(client.get("/?lang=xx")).html["lang"] == "fr"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "read": "ok", "write": "ok", "disk": "ok", "cache": "ok", "limits": "ok"}


def test_healthz_reports_a_full_disk(app, client):
    app.config["HEALTH_MIN_FREE_BYTES"] = shutil.disk_usage(app.instance_path).total + 1
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["status"] == "unavailable"
    assert response.json["disk"] == "full" and response.json["write"] == "ok"


def test_healthz_reports_a_database_that_refuses_writes(app, database_url):
    """Reads fine, writes refused (a read-only replica, a full disk): not healthy."""
    from sqlalchemy import create_engine, event, text

    from tests.helpers import POSTGRES

    if POSTGRES:
        admin = create_engine(database_url)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            name = connection.execute(text("SELECT current_database()")).scalar()
            connection.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        admin.dispose()
    else:
        event.listen(app.extensions["engine"], "connect", lambda conn, _: conn.execute("PRAGMA query_only=ON"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert (response.json["read"], response.json["write"]) == ("ok", "unavailable")


def test_healthz_reports_a_missing_database(tmp_path, monkeypatch):
    from companion import create_app

    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    broken = create_app(
        {"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": f"sqlite:///{tmp_path / 'missing-dir' / 'db.sqlite'}"}
    )
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/nowhere", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "This page does not exist" in text_of(soup(response).main)


def test_error_during_a_swap_goes_to_the_alert_region(client):
    response = client.get("/nowhere", headers=PARTIAL)
    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "#messages"
    assert soup(response).find("html") is None


def test_wrong_method_is_405_not_500(client):
    assert client.delete("/centres").status_code in (400, 405)
    assert client.put("/").status_code in (400, 405)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unsafe_methods_need_the_csrf_token_from_the_page(app, method):
    app.add_url_rule("/probe", "probe", lambda: "changed", methods=["POST", "PUT", "PATCH", "DELETE"])
    client = app.test_client()
    refused = getattr(client, method)("/probe", headers={"Accept-Language": "en"})
    assert refused.status_code == 400
    assert "session has expired" in text_of(soup(refused))
    token = soup(client.get("/")).body["hx-headers:inherited"].split('"')[3]
    accepted = getattr(client, method)("/probe", headers={"X-CSRFToken": token})
    assert accepted.status_code == 200 and accepted.text == "changed"


@pytest.mark.parametrize(
    "base_url, says",
    [
        ("http://192.168.1.20:5000", "only works over a secure connection"),  # a phone on the LAN, plain http
        ("http://companion.example", "only works over a secure connection"),
        ("https://companion.example", "session has expired"),
        ("http://localhost:5000", "session has expired"),  # browsers keep Secure cookies on loopback
        ("http://[::1]:5000", "session has expired"),
    ],
)
def test_a_form_refused_over_plain_http_says_the_site_needs_https(client, base_url, says):
    # Over plain http a phone's browser drops the Secure session cookie: the form's token can never match.
    refused = client.post("/checklist/open", data={"code": "x"}, base_url=base_url, headers={"Accept-Language": "en"})
    assert refused.status_code == 400 and says in text_of(soup(refused).main)
