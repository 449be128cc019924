"""The sealed session cookie: unreadable without the key, still readable across a key rotation."""

from flask import Flask

from companion.web.sealed_session import SealedCookieSessionInterface

ANSWERS = {"assessment": {"symptoms": {"pain": "8"}}}


def app_with(secret: str, fallbacks: list[str] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secret, SECRET_KEY_FALLBACKS=fallbacks or [])
    app.session_interface = SealedCookieSessionInterface()
    return app


def cookie(app: Flask, data: dict) -> str:
    with app.test_request_context():
        return app.session_interface.get_signing_serializer(app).dumps(data)


def read(app: Flask, value: str) -> dict:
    with app.test_request_context(headers={"Cookie": f"session={value}"}) as context:
        return dict(app.session_interface.open_session(app, context.request))


def test_a_rotated_key_still_opens_sessions_sealed_with_the_old_one():
    sealed = cookie(app_with("old secret"), ANSWERS)
    assert read(app_with("new secret", fallbacks=["old secret"]), sealed) == ANSWERS
    assert read(app_with("new secret"), sealed) == {}  # once the old key is dropped: a fresh session


def test_the_same_answers_never_give_the_same_cookie():
    app = app_with("secret")
    assert cookie(app, ANSWERS) != cookie(app, ANSWERS)  # random IV: equal answers can't be spotted


def test_what_plain_json_cannot_hold_keeps_its_type():
    """Answers are written as plain JSON; a flashed message's tuple, or Markup, goes through Flask's tagged JSON."""
    from markupsafe import Markup

    app = app_with("secret")
    flashed = {"_flashes": [("done", "Saved")], "note": Markup("<b>kept</b>"), **ANSWERS}
    opened = read(app, cookie(app, flashed))
    assert opened == flashed and type(opened["_flashes"][0]) is tuple and type(opened["note"]) is Markup
    assert read(app, cookie(app, ANSWERS)) == ANSWERS


def test_a_sealed_cookie_past_the_session_lifetime_opens_nothing(monkeypatch):
    import time

    app = app_with("secret")
    sealed = cookie(app, ANSWERS)
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert read(app, sealed) == {}


def test_a_cookie_that_is_not_even_base64_opens_an_empty_session():
    """A letter outside ASCII (hand-edited, or a broken browser) is a cookie not sealed here: no error."""
    app = app_with("k")
    assert read(app, "\u00e9") == {} and read(app, "gAAAAAB\u00e9") == {}


def test_the_app_answers_a_mangled_session_cookie_and_replaces_it(app):
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "\u00e9", domain="localhost")
    home = client.get("/")
    name = app.config["SESSION_COOKIE_NAME"]
    assert home.status_code == 200
    assert any(c.startswith(f"{name}=;") and "Max-Age=0" in c for c in home.headers.getlist("Set-Cookie"))
    client.set_cookie(name, "\u00e9", domain="localhost")
    assert client.get("/centres?q=Bondy").status_code == 200
    assert client.post("/assessment/urgent", data={}).status_code == 400  # no CSRF token: refused, not a 500
