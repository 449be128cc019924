"""Companion: supportive care near you, for people living with cancer and those who help them."""

import os
import secrets
import sys
import weakref
from pathlib import Path

import click
from flask import Flask, request
from flask.templating import Environment
from jinja2 import StrictUndefined
from werkzeug.middleware.proxy_fix import ProxyFix

from companion.config import PROJECT_ROOT, defaults, secret_key
from companion.db import end_transaction
from companion.web.parameters import CompanionRequest
from companion.web.sealed_session import SealedCookieSessionInterface

# flask commands that read or write data but never sign a cookie: they run without the secret key.
MAINTENANCE_COMMANDS = frozenset({"purge", "init-db", "import-centres", "export-centres", "clinical-rules"})


def _command_without_sessions() -> bool:
    """True while the flask command line loads the app for one of MAINTENANCE_COMMANDS."""
    context = click.get_current_context(silent=True)
    if context is None:  # gunicorn, or any WSGI server: serving needs the key
        return False
    # Flask loads the app before click has resolved the subcommand: read it from the command line.
    return bool(MAINTENANCE_COMMANDS & set(sys.argv[1:]))


class TemplateEnvironment(Environment):
    """Jinja's environment, but each template's globals are a plain dict made when it is loaded, not a ChainMap
    over the environment's: every render copies them into its context, and copying a ChainMap cost 30 µs a
    render (seven times a bare one). A ChainMap would also see a global added later; none is: all are
    registered by create_app, before any template is loaded (a test checks every loaded template has them)."""

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


class Companion(Flask):
    """Flask with one database transaction per request, ended in one place (as indico's RH.process() does):
    domain functions only flush; what a view wrote is committed once it has answered with a success
    (below 400), and rolled back otherwise — an error page never follows a half-written change. A view
    marked with db.keeps_nothing is always rolled back."""

    jinja_environment = TemplateEnvironment

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain_functions = weakref.WeakSet()

    def ensure_sync(self, func):
        """Flask asks, for each hook and view of every request (a dozen), whether it is a coroutine function,
        through inspect (2 µs each): the answer of a function never changes, so it is asked once."""
        try:
            if func in self._plain_functions:
                return func
        except TypeError:  # not weakly referenceable: asked each time, as Flask does
            return super().ensure_sync(func)
        made = super().ensure_sync(func)
        if made is func:
            self._plain_functions.add(func)
        return made

    def dispatch_request(self):
        response = self.make_response(super().dispatch_request())
        view = self.view_functions.get(request.url_rule.endpoint)
        end_transaction(commit=response.status_code < 400 and not getattr(view, "keeps_nothing", False))
        return response


# Shorter keys, or the words a placeholder starts with, are refused in production.
MIN_KEY_LENGTH = 32
PLACEHOLDERS = ("replace-with", "change-me", "changeme", "secret", "xxxx")
MAKE_ONE = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


def refuse_weak_keys(config) -> None:
    """Serving in production needs a real secret key (it seals every session cookie) and, if set, a real
    coordinator key: never a placeholder copied from the example file, never a short one."""
    for name, required in (("SECRET_KEY", True), ("COORDINATOR_TOKEN", False)):
        key = str(config.get(name) or "")
        if not key and not required:
            continue
        if not key:
            problem = "is not set"
        elif len(key) < MIN_KEY_LENGTH:
            problem = f"is too short ({len(key)} characters, at least {MIN_KEY_LENGTH})"
        elif key.lower().startswith(PLACEHOLDERS):
            problem = "is still a placeholder"
        else:
            continue
        raise RuntimeError(f"COMPANION_{name} {problem}: set it to the output of {MAKE_ONE}")


def create_app(config: dict | None = None) -> Companion:
    """Application factory: defaults, then COMPANION_* environment variables, then `config`."""
    app = Companion(
        __name__,
        instance_path=os.environ.get("COMPANION_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(defaults(app.instance_path))
    app.config.from_prefixed_env("COMPANION")
    if config:
        app.config.update(config)
    if app.config["ENV"] == "production" and not _command_without_sessions():
        refuse_weak_keys(app.config)
    if not app.config.get("SECRET_KEY"):
        # A maintenance command serves no request: a throwaway key is enough, and none is written.
        app.config["SECRET_KEY"] = (
            secrets.token_hex(32) if app.config["ENV"] == "production" else secret_key(app.instance_path)
        )
    if int(app.config["PROXY_COUNT"]):
        hops = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    if app.config.get("TESTING"):
        app.jinja_env.undefined = StrictUndefined
    app.session_interface = SealedCookieSessionInterface()
    app.request_class = CompanionRequest

    from companion import cli, db, template_names
    from companion.assessment import views as assessment
    from companion.cares import views as cares
    from companion.checklist import views as checklist
    from companion.checklist.on_device import forget_stale_notebook
    from companion.directory import api, coordinator, suggest
    from companion.directory import views as directory
    from companion.directory.geocoding import address_service
    from companion.directory.lookups import keep_last_place
    from companion.directory.version import WORKER
    from companion.pages import views as pages
    from companion.web import assets, errors, i18n, limits, logs, security
    from companion.web.caching import cache
    from companion.web.render import htmx

    db.init_app(app)
    WORKER.recheck_every(app.extensions["engine"], float(app.config["DIRECTORY_RECHECK_SECONDS"]))
    app.extensions["address_service"] = address_service(app.config)
    logs.init_app(app)
    assets.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    limits.init_app(app)
    cache.init_app(app)
    htmx.init_app(app)
    cli.init_app(app)
    errors.init_app(app)
    template_names.register(app)
    # What every response does for a part, whatever page it is: the place last searched follows the search (or
    # goes, when a new person starts); a notebook deleted or closed elsewhere is forgotten on this phone.
    app.after_request(keep_last_place)
    app.after_request(forget_stale_notebook)
    app.register_blueprint(pages.bp)
    app.register_blueprint(directory.bp)
    app.register_blueprint(assessment.bp)
    app.register_blueprint(checklist.bp)
    app.register_blueprint(cares.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(coordinator.bp)
    app.register_blueprint(suggest.bp)
    return app
