"""Fingerprinted static files: every url_for('static', …) carries ?v=<content hash>, served cacheable for a year;
the offline worker's address names the version of the files it keeps."""

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, current_app, request, url_for

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


def files_fixed(app: Flask) -> bool:
    """Served files change only with a new deployment, which starts new workers: outside debug and template
    reloading, what is worked out from them (hashes, the service worker's address) is worked out once."""
    return not (app.debug or app.config.get("TEMPLATES_AUTO_RELOAD"))


def static_version(filename: str) -> str | None:
    """version_of() for this app's static folder: once per file while files_fixed(), else on every call (a
    file being edited)."""
    app = current_app._get_current_object()
    if not files_fixed(app):
        return version_of(app.static_folder, filename)
    known = app.extensions.setdefault("static_versions", {})
    if filename not in known:
        known[filename] = version_of(app.static_folder, filename)
    return known[filename]


def init_app(app: Flask):
    @app.url_defaults
    def fingerprint(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = static_version(values["filename"])
            if version:
                values["v"] = version

    @app.after_request
    def cache_fingerprinted(response):
        # A fingerprinted URL never changes content: the browser may keep it for a year.
        fingerprinted = request.endpoint == "static" and request.args.get("v")
        if (
            fingerprinted
            and response.status_code == 200
            and (request.args["v"] == static_version(request.view_args["filename"]))
        ):
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return response


def service_worker_url():
    """The worker's URL names its version and the shell files to keep, so any change installs a new one."""

    def url():
        app = current_app._get_current_object()
        known = app.extensions.setdefault("service_worker_urls", {})
        # Worked out once per address of the app (its script root) while served files are fixed.
        if request.script_root in known and files_fixed(app):
            return known[request.script_root]
        files = ["css/app.css", "js/app.js", "vendor/htmx/htmx.min.js", "img/icon.svg"]
        version = "".join(static_version(f) or "" for f in ["js/sw.js", *files])[:64]
        address = url_for("pages.service_worker", v=version, asset=[url_for("static", filename=f) for f in files])
        known[request.script_root] = address
        return address

    return {"service_worker_url": url}
