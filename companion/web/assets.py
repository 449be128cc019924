"""Fingerprinted static files: every url_for('static', …) carries ?v=<content hash>, served cacheable for a year."""

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, request

YEAR = 365 * 24 * 3600


@cache
def _version(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def version_of(static_folder: str, filename: str) -> str | None:
    """Short content hash of a static file (recomputed only when the file changes), or None if missing."""
    path = Path(static_folder) / filename
    try:
        return _version(path, path.stat().st_mtime_ns)
    except OSError:
        return None


def init_app(app: Flask):
    @app.url_defaults
    def fingerprint(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = version_of(app.static_folder, values["filename"])
            if version:
                values["v"] = version

    @app.after_request
    def cache_fingerprinted(response):
        # A fingerprinted URL never changes content: the browser may keep it for a year.
        fingerprinted = request.endpoint == "static" and request.args.get("v")
        if (
            fingerprinted
            and response.status_code == 200
            and (request.args["v"] == version_of(app.static_folder, request.view_args["filename"]))
        ):
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return response
