"""Logs without anything personal: no query strings (places, positions) and no client addresses."""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")
_CLIENT = re.compile(r"^\S+ - - ")


class RedactRequests(logging.Filter):
    """Rewrites the development server's request lines before they are written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = _CLIENT.sub("- - ", _QUERY.sub("", message))
        record.args = ()
        return True


def init_app(_app):
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactRequests) for f in logger.filters):
        logger.addFilter(RedactRequests())
