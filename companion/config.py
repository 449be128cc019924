"""Settings: safe defaults, overridden by COMPANION_* environment variables."""

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The languages the app is written in, each named in its own language: the one list the language switch, the
# clinical-rules command and the tests read. A new one also needs its catalogue (translations/<code>/) and its
# clinical-rules document (docs/clinical-rules.<code>.md).
LANGUAGES = {"fr": "Français", "en": "English"}


def defaults(instance_path: str) -> dict:
    """Default settings; every key may be set as COMPANION_<KEY> in the environment."""
    return {
        # "production" refuses to start without an explicit SECRET_KEY (see create_app).
        "ENV": "development",
        # The host names the site answers to (a JSON list, e.g. ["companion.example"]); None: any. Links in
        # the OpenAPI document and the printed sheet's QR code are built from the host asked for.
        "TRUSTED_HOSTS": None,
        # Number of proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
        "PROXY_COUNT": 0,
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'companion.sqlite'}",
        "DATA_DIR": str(PROJECT_ROOT / "data"),
        # OpenStreetMap's standard tiles; set another provider (or your own) in production.
        "TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "TILE_ATTRIBUTION": "© OpenStreetMap contributors",
        "DIRECTIONS_URL": "https://www.openstreetmap.org/directions?to={lat}%2C{lon}",
        # Optional online geocoder (geopy's BAN adapter) for places the gazetteer lacks; off by default.
        "GEOCODER": "",
        "GEOCODER_DOMAIN": "api-adresse.data.gouv.fr",
        "GEOCODER_SCHEME": "https",
        "GEOCODER_TIMEOUT": 3,
        "SESSION_COOKIE_NAME": "__Host-session",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,  # token lives as long as the session: a phone tab stays open for hours
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
        "RATELIMIT_STORAGE_URI": "worker-memory://",  # this worker's memory (companion/web/limits.py)
        "RATELIMIT_HEADERS_ENABLED": True,
        # Shared by every state-changing request of one address (companion/web/limits.py).
        "WRITE_LIMIT": "60 per minute",
        "NOTEBOOK_RETENTION_DAYS": 365,
        # /healthz says the disk is full below this much free space where the instance lives (bytes).
        "HEALTH_MIN_FREE_BYTES": 100 * 1024 * 1024,
        # The directory coordinator's key (a long random string); empty: no coordinator page at all.
        "COORDINATOR_TOKEN": "",
        # Directory results are kept this long (s); their keys hold the directory's version, so a change makes
        # new keys and the old ones simply age out.
        "CACHE_TYPE": "companion.web.caching.WorkerCache",
        "CACHE_DEFAULT_TIMEOUT": 300,
        # How often (s) a worker reads the directory's version again, for changes made by other workers or
        # commands; its own changes are known at once (directory/version.py). 0: on every request.
        "DIRECTORY_RECHECK_SECONDS": 1.0,
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LANGUAGES": list(LANGUAGES),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
    }


def secret_key(instance_path: str) -> str:
    """Read the instance secret key, creating a random one on first run."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker created it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip()
