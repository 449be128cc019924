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
