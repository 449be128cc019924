"""The CSRF check on every unsafe method, with form tokens that cost an HMAC rather than a signed serialization.

Flask-WTF's form token is its random value serialized, dated and signed by itsdangerous (a key derived anew,
base64 and JSON both ways, a timestamp no one reads: tokens here live as long as the session): about 0.15 ms
of each questionnaire step to sign the next form's token and check the one posted. The same random value,
followed by an HMAC-SHA256 of it under a key of its own, proves the same thing: that this server issued it, for
the session that holds that value. So a token is accepted exactly when Flask-WTF's was: signed here (with the
current key or a fallback), and naming the value of this session's own cookie; missing, forged, another
person's, or from a session that has ended: refused (400). Flask-WTF still makes the random value, keeps it
(sealed_session.py), builds the forms and renders the error; a token in its own format (a page rendered before
this one, or the page that made the value) is still checked by Flask-WTF itself.
"""

import hashlib
import hmac
import logging

from flask import current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, same_origin, validate_csrf
from wtforms import ValidationError

from companion.web.sealed_session import CSRF_KEY

logger = logging.getLogger(__name__)
PURPOSE = b"companion csrf form token"  # a key of its own, derived from each secret key


def _keys(app) -> tuple[bytes, ...]:
    """One HMAC key per secret key, the current one first, made once per app and keys."""
    secrets = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
    made = app.extensions.setdefault("csrf_form_keys", {})
    if secrets not in made:
        made[secrets] = tuple(
            hmac.new(s.encode() if isinstance(s, str) else s, PURPOSE, hashlib.sha256).digest() for s in secrets
        )
    return made[secrets]


def _mac(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def form_token(value: str) -> str:
    """The token forms carry for the session's random `value`: the value, a dot, its HMAC."""
    return f"{value}.{_mac(_keys(current_app)[0], value)}"


def _check(token: str | None) -> None:
    """Raise ValidationError unless `token` is one of ours for this session's value (Flask-WTF's reasons)."""
    if not token:
        raise ValidationError("The CSRF token is missing.")
    kept = session.get(CSRF_KEY)
    if not kept:
        raise ValidationError("The CSRF session token is missing.")
    value, _, mac = token.partition(".")
    if not any(hmac.compare_digest(_mac(key, value), mac) for key in _keys(current_app)):
        raise ValidationError("The CSRF token is invalid.")
    if not hmac.compare_digest(kept, value):
        raise ValidationError("The CSRF tokens do not match.")


def _ours(token: str | None) -> bool:
    """Ours has one dot (value.mac); Flask-WTF's has two (payload.timestamp.signature)."""
    return bool(token) and token.count(".") == 1


class FormTokenCheck(CSRFProtect):
    def protect(self, apply_exemptions=False):
        # The token this request's pages and forms carry: ours, once this session has its value (Flask-WTF's
        # generate_csrf() then gives it wherever it is asked for, as it gives whatever it finds in g).
        if CSRF_KEY not in g and request.endpoint != "static":
            value = session.get(CSRF_KEY)
            if value:
                setattr(g, CSRF_KEY, form_token(value))
        if apply_exemptions and (not request.endpoint or self._is_exempt()):
            return
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return
        token = self._get_csrf_token()
        try:
            if _ours(token):
                _check(token)
            else:
                validate_csrf(token)
        except ValidationError as refused:
            logger.info(refused.args[0])
            self._error_response(refused.args[0])
        if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]:
            # Over HTTPS, the post must also come from a page of this site (as Flask-WTF checks it).
            if not request.referrer:
                self._error_response("The referrer header is missing.")
            if not same_origin(request.referrer, f"https://{request.host}/"):
                self._error_response("The referrer does not match the host.")
        g.csrf_valid = True  # the forms need not check it again
