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


def in_guide_mode() -> bool:
    """A volunteer is guiding someone on this device: questions speak of "the person"."""
    return request.cookies.get(GUIDE_COOKIE) == "on"


def team_phone() -> str | None:
    return clean_phone(request.cookies.get(TEAM_PHONE_COOKIE, ""))


def forget_team_phone(response):
    return forget_cookie(response, TEAM_PHONE_COOKIE)
