"""Friendly error pages (JSON under /api/), never a bare 500."""

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, jsonify, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from companion.translatable import N_
from companion.web.logs import trace_without_values
from companion.web.render import render

MESSAGES = {
    400: N_("This request could not be understood. Please go back and try again."),
    404: N_("This page does not exist, or has moved."),
    405: N_("This action is not possible on this page."),
    413: N_("What you sent is too large."),
    429: N_("Too many attempts in a short time. Please wait a minute and try again."),
    500: N_("Something went wrong on our side. Please try again in a moment."),
    503: N_("The service is briefly unavailable. Please try again in a moment."),
}
URGENT = N_("In an emergency, call 15 or 112 (114 by text message). Suicide prevention: 3114.")
BARE_PAGE = '<!doctype html>\n<meta charset="utf-8"><title>Companion</title>\n<p>{message}</p>\n<p>{urgent}</p>\n'
SESSION_EXPIRED = N_("Your session has expired. Please reload the page and try again.")
NEEDS_HTTPS = N_(
    "Companion only works over a secure connection. Open it with an address that starts with https:// and try again."
)
# Browsers keep a Secure cookie (the session's, which holds the form token) over plain http on these only.
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def plain_http_elsewhere() -> bool:
    """A plain-http request from another machine: its browser drops the Secure session cookie, so every
    form looks expired. Say what is really wrong."""
    return not request.is_secure and urlsplit(f"//{request.host}").hostname not in LOOPBACK


def error_response(status: int, message: str):
    if request.path.startswith("/api/"):
        return jsonify(error=message), status
    try:
        # An htmx swap shows the message in the page's alert region rather than in place of its target.
        return render("pages/error.html", "partials/error.html", status=status, swap_into="#messages", message=message)
    except Exception as exc:  # the error page must never fail in turn: the message alone, and the urgent numbers
        current_app.logger.error("error page not rendered\n%s", trace_without_values(exc))
        page = BARE_PAGE.format(message=escape(message), urgent=escape(gettext(URGENT)))
        return Response(page, status, mimetype="text/html")


def init_app(app: Flask):
    @app.errorhandler(CSRFError)
    def csrf_error(_exc):
        return error_response(400, gettext(NEEDS_HTTPS if plain_http_elsewhere() else SESSION_EXPIRED))

    @app.errorhandler(HTTPException)
    def http_error(exc):
        code = exc.code or 500
        return error_response(code, gettext(MESSAGES.get(code, MESSAGES[400])))

    @app.errorhandler(OperationalError)
    def database_down(_exc):
        app.logger.error("database unavailable")
        return error_response(503, gettext(MESSAGES[503]))

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.error("unexpected error on %s %s\n%s", request.method, request.path, trace_without_values(exc))
        return error_response(500, gettext(MESSAGES[500]))
