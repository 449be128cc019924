"""Rate limits (Flask-Limiter). One worker: in memory; several: set COMPANION_RATELIMIT_STORAGE_URI (e.g. Redis)."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)

# Guessing a 140-bit code is hopeless anyway; this keeps scripted attempts slow and cheap.
CODE_ENTRY = "10 per minute;100 per day"
