"""Rate limits (Flask-Limiter). One worker: in memory; several: set COMPANION_RATELIMIT_STORAGE_URI (e.g. Redis).

Every state-changing request shares one budget per client address (COMPANION_WRITE_LIMIT);
reading is never limited. Code entry has its own, stricter limit.
"""

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many

limiter = Limiter(
    key_func=get_remote_address,
    # Read per request, so each app (and each test) can set its own.
    application_limits=[lambda: current_app.config["WRITE_LIMIT"]],
    application_limits_exempt_when=lambda: request.method in ("GET", "HEAD", "OPTIONS"),
)

# Guessing a 140-bit code is hopeless anyway; this keeps scripted attempts slow and cheap.
CODE_ENTRY = "10 per minute;100 per day"
CODE_ATTEMPTS = parse_many(CODE_ENTRY)


def code_attempt_allowed() -> bool:
    """Count one try at a notebook code from this address, however it came (typed, or a cookie that
    opens nothing): one budget for all. False once the budget is spent."""
    if not limiter.enabled:
        return True
    key = get_remote_address()
    return all(limiter.limiter.hit(item, "notebook-code", key) for item in CODE_ATTEMPTS)
