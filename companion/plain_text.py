"""What counts as text a person typed: no control characters (Flask-free, for domain modules too)."""

import re

# C0 controls (tab and line breaks aside), DEL and C1 controls mean nothing in anything typed; PostgreSQL
# refuses NUL, and some terminals act on escape sequences when a log or an export is read.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    return CONTROL.sub("", text)
