"""Logs without anything personal: no query strings (places, positions) and no client addresses."""

import logging
import re
import traceback

from gunicorn.glogging import Logger

_QUERY = re.compile(r"\?[^\s\"]*")
_CLIENT = re.compile(r"^\S+ - - ")


class RedactRequests(logging.Filter):
    """Rewrites the development server's request lines before they are written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = _CLIENT.sub("- - ", _QUERY.sub("", message))
        record.args = ()
        return True


class RedactedGunicornLogger(Logger):
    """gunicorn's logger, with any query string cut from its error lines ("Error handling request
    GET /centres?q=…"), so no place typed reaches the log even when a request fails outside Flask."""

    def error(self, msg, *args, **kwargs):
        super().error(_QUERY.sub("", str(msg) % args if args else str(msg)), **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception(_QUERY.sub("", str(msg) % args if args else str(msg)), **kwargs)


def trace_without_values(exc: BaseException) -> str:
    """Where an error came from (file, line, function, code) and its type, without its message: a database
    error's message quotes the values that failed ("Key (…)=(…, pain) already exists"), a person's words."""
    lines, seen = [], set()
    while exc is not None and id(exc) not in seen:  # the causes first, as Python prints them
        seen.add(id(exc))
        lines[:0] = [*traceback.format_tb(exc.__traceback__), f"{type(exc).__module__}.{type(exc).__qualname__}\n"]
        exc = exc.__cause__ or exc.__context__
    return "Traceback (most recent call last, messages left out):\n" + "".join(lines)


def init_app(_app):
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactRequests) for f in logger.filters):
        logger.addFilter(RedactRequests())
