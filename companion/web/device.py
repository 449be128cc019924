"""What is kept on this device only, in cookies: the language, guide mode, the cancer team's number."""

from flask import request

from companion.phones import clean_phone

GUIDE_COOKIE = "guide"
TEAM_PHONE_COOKIE = "team_phone"
# HTTPS only, out of reach of scripts, not sent from other sites: set and removed with the same flags.
FLAGS = {"secure": True, "httponly": True, "samesite": "Lax"}


def keep_cookie(response, name: str, value: str, days: float):
    """A cookie for this device only, kept `days`."""
    response.set_cookie(name, value, max_age=int(days * 24 * 3600), **FLAGS)
    return response


def forget_cookie(response, name: str):
    response.delete_cookie(name, **FLAGS)
    return response


def _cookie(name: str) -> str | None:
    # Asked a few times per page, and mostly absent: werkzeug's get() makes and catches an error for each miss.
    cookies = request.cookies
    return cookies[name] if name in cookies else None  # noqa: SIM401  # not get(): see above


def in_guide_mode() -> bool:
    """A volunteer is guiding someone on this device: questions speak of "the person"."""
    return _cookie(GUIDE_COOKIE) == "on"


def team_phone() -> str | None:
    kept = _cookie(TEAM_PHONE_COOKIE)
    return clean_phone(kept) if kept else None


def forget_team_phone(response):
    return forget_cookie(response, TEAM_PHONE_COOKIE)
