"""The session cookie, encrypted as well as signed.

Answers in progress (pain, distress, worries) are health data. Flask's cookie is only signed: its
content is base64 that anyone holding the cookie can read. Sealing it with Fernet keeps it on the
phone, unreadable without the server's key, and still needs no server-side storage.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask.sessions import SecureCookieSessionInterface


@lru_cache(maxsize=8)
def _sealer(secret_keys: tuple[str | bytes, ...]) -> MultiFernet:
    """One Fernet key per secret key (current first, then fallbacks), derived so neither key is reused."""

    def fernet(secret: str | bytes) -> Fernet:
        raw = secret.encode() if isinstance(secret, str) else secret
        key = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"companion session cookie").derive(raw)
        return Fernet(base64.urlsafe_b64encode(key))

    return MultiFernet([fernet(secret) for secret in secret_keys])


class _Sealed:
    """Wraps the session's JSON serializer: encrypt after dumping, decrypt before loading."""

    def __init__(self, inner, sealer: MultiFernet):
        self._inner = inner
        self._sealer = sealer

    def dumps(self, value) -> str:
        return self._sealer.encrypt(self._inner.dumps(value).encode()).decode("ascii")

    def loads(self, text: str | bytes):
        try:
            return self._inner.loads(self._sealer.decrypt(text).decode())
        except InvalidToken:
            return {}  # signed but not sealed by us: start afresh rather than fail


class SealedCookieSessionInterface(SecureCookieSessionInterface):
    # A salt of its own: cookies signed before sealing was turned on are simply not recognised.
    salt = "companion-sealed-session"

    def get_signing_serializer(self, app):
        # Made once per app and keys (Flask makes one per request): it holds nothing of a request.
        fallbacks = tuple(app.config["SECRET_KEY_FALLBACKS"] or ())
        made = app.extensions.setdefault("sealed_session_serializers", {})
        key = (app.secret_key, fallbacks)
        if key not in made:
            signing = super().get_signing_serializer(app)
            if signing is not None:
                signing.serializer = _Sealed(self.serializer, _sealer((app.secret_key, *fallbacks)))
            made[key] = signing
        return made[key]
