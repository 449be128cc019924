"""The session cookie, encrypted as well as signed; the CSRF token in a cookie of its own, signed only.

Answers in progress (pain, distress, worries) are health data. Flask's cookie is only signed: its
content is base64 that anyone holding the cookie can read. Sealing it with Fernet keeps it on the
phone, unreadable without the server's key, and still needs no server-side storage.

The CSRF token (Flask-WTF's random value, which each page's forms carry signed) says nothing about the
person: it is kept beside the sealed cookie, signed with the server's key, so that someone who only searches
has nothing to decrypt on each request (opening the sealed cookie was a tenth of a search answered from the
cache). It is as protected as before against what CSRF is about: another site can neither read it (HttpOnly,
and the same-origin rule) nor set it (the __Host- prefix, SameSite), and a cookie not signed by the server
opens nothing. Views still find it in the session, under Flask-WTF's key.
"""

import base64
import hashlib
import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import g, session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, TimestampSigner

CSRF_KEY = "csrf_token"  # where Flask-WTF keeps its token in the session (and in g, signed, for the request)


def new_csrf_token():
    """A new person on a shared phone gets a token of their own: the last person's (in any page left open,
    on a photo of the screen) is refused from now on. Its cookie goes with this response; the next page
    makes a new one."""
    session.pop(CSRF_KEY, None)
    g.pop(CSRF_KEY, None)


@lru_cache(maxsize=8)
def _sealer(secret_keys: tuple[str | bytes, ...]) -> MultiFernet:
    """One Fernet key per secret key (current first, then fallbacks), derived so neither key is reused."""

    def fernet(secret: str | bytes) -> Fernet:
        raw = secret.encode() if isinstance(secret, str) else secret
        key = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"companion session cookie").derive(raw)
        return Fernet(base64.urlsafe_b64encode(key))

    return MultiFernet([fernet(secret) for secret in secret_keys])


# What a session holds, almost always: written as plain JSON. Anything else (a flashed message's tuple) goes
# through Flask's tagged JSON, which keeps its type; reading plain JSON needs no untagging.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})
_TAGGED = TaggedJSONSerializer()


def _plain(value) -> bool:
    kind = type(value)  # exact types: a Markup or a tuple must keep its type, through the tagged JSON
    if kind is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    if kind is list:
        return all(_plain(item) for item in value)
    return kind in _PLAIN_TYPES


class _Sealed:
    """The session as one Fernet token of its JSON: encrypted, and authenticated and dated by Fernet itself
    (its HMAC and timestamp), so nothing is signed a second time around it. A cookie from before, sealed
    inside itsdangerous' signed wrapping (it has dots, a Fernet token has none), is still opened by `older`."""

    def __init__(self, sealer: MultiFernet, older):
        self._sealer = sealer
        self._older = older

    def dumps(self, value) -> str:
        text = json.dumps(value, separators=(",", ":")) if _plain(value) else _TAGGED.dumps(value)
        return self._sealer.encrypt(text.encode()).decode("ascii")

    def loads(self, sealed: str, max_age: int | None = None):
        if "." in sealed:
            return self._older.loads(sealed, max_age=max_age)
        try:
            text = self._sealer.decrypt(sealed, ttl=max_age).decode()
        except (InvalidToken, ValueError) as error:  # ValueError: not even base64 (a letter outside ASCII)
            raise BadSignature("not sealed here, or too old") from error
        # A tagged value is a one-key object whose key starts with a space: '{" ' (text typed may hold it too,
        # which only costs the slower reading).
        return _TAGGED.loads(text) if '{" ' in text else json.loads(text)


class _OlderSealed:
    """Reads the tagged JSON sealed inside an older cookie's signed wrapping."""

    def __init__(self, sealer: MultiFernet):
        self._sealer = sealer

    def loads(self, text: str | bytes):
        try:
            return _TAGGED.loads(self._sealer.decrypt(text).decode())
        except InvalidToken:
            return {}  # signed but not sealed by us: start afresh rather than fail


class _Session(SecureCookieSession):
    """The session, with what its cookies brought: the CSRF token, and whether a sealed cookie came (or one
    that still held the token, from before it had a cookie of its own)."""

    token_came: str | None = None
    sealed_came: bool = False
    token_was_sealed: bool = False


class SealedCookieSessionInterface(SecureCookieSessionInterface):
    # A salt of its own: cookies signed before sealing was turned on are simply not recognised.
    salt = "companion-sealed-session"
    session_class = _Session

    def token_cookie_name(self, app) -> str:
        return f"{self.get_cookie_name(app)}-csrf"

    def token_signer(self, app) -> TimestampSigner:
        """Made once per app and keys, like the serializer below; the current key signs, the fallbacks still open."""
        fallbacks = tuple(app.config["SECRET_KEY_FALLBACKS"] or ())
        made = app.extensions.setdefault("csrf_cookie_signers", {})
        key = (app.secret_key, fallbacks)
        if key not in made:
            made[key] = TimestampSigner(
                [*fallbacks, app.secret_key], salt="companion-csrf-cookie", digest_method=hashlib.sha256
            )
        return made[key]

    def open_session(self, app, request) -> _Session:
        max_age = int(app.permanent_session_lifetime.total_seconds())
        data, sealed = {}, request.cookies.get(self.get_cookie_name(app))
        if sealed:
            try:
                data = self.get_signing_serializer(app).loads(sealed, max_age=max_age)
            except BadSignature:
                data = {}
        token = None
        signed = request.cookies.get(self.token_cookie_name(app))
        if signed:
            try:
                token = self.token_signer(app).unsign(signed, max_age=max_age).decode()
            except (BadSignature, UnicodeDecodeError):
                token = None
        session = self.session_class({**data, CSRF_KEY: token} if token else data)
        session.token_came, session.sealed_came, session.token_was_sealed = token, bool(sealed), CSRF_KEY in data
        return session

    def save_session(self, app, session: _Session, response) -> None:
        token = dict.get(session, CSRF_KEY)  # read without marking the session as read (Vary: Cookie)
        if token != session.token_came:
            flags = {
                "path": self.get_cookie_path(app),
                "secure": self.get_cookie_secure(app),
                "httponly": True,
                "samesite": self.get_cookie_samesite(app),
            }
            if token:
                response.set_cookie(self.token_cookie_name(app), self.token_signer(app).sign(token).decode(), **flags)
            else:
                response.delete_cookie(self.token_cookie_name(app), **flags)
            response.vary.add("Cookie")
        # The sealed cookie holds the rest; it is written when the rest changed (not when only the token did),
        # or to take out a token an older cookie held.
        rest = self.session_class({name: value for name, value in session.items() if name != CSRF_KEY})
        rest.accessed = session.accessed
        rest.modified = session.token_was_sealed or (session.modified and (bool(rest) or session.sealed_came))
        super().save_session(app, rest, response)

    def get_signing_serializer(self, app):
        # Made once per app and keys (Flask makes one per request): it holds nothing of a request.
        fallbacks = tuple(app.config["SECRET_KEY_FALLBACKS"] or ())
        made = app.extensions.setdefault("sealed_session_serializers", {})
        key = (app.secret_key, fallbacks)
        if key not in made:
            older = super().get_signing_serializer(app)  # None without a secret key: no session then
            if older is not None:
                sealer = _sealer((app.secret_key, *fallbacks))
                older.serializer = _OlderSealed(sealer)
                older = _Sealed(sealer, older)
            made[key] = older
        return made[key]
