"""The coordinator's page: reports from people who use the directory, accepted or rejected one by one.

Exists only when COMPANION_COORDINATOR_TOKEN is set. The key is compared in constant time; a signed-in
coordinator is remembered in the (encrypted) session for 30 minutes at most, apart from anything a
person keeps there; signing out forgets it, and revokes that sign-in in the store every worker shares, so a
copy of the cookie taken before opens nothing either.
"""

import hashlib
import hmac
import secrets
import time
from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext

from companion.db import after_commit, get_session
from companion.directory.corrections import (
    EDITABLE,
    REASONS,
    InvalidCorrection,
    StaleReport,
    UnknownReport,
    accept,
    entry_version,
    history,
    pending_reports,
    reject,
)
from companion.directory.forms import DECISIONS, CoordinatorLoginForm, CorrectionForm
from companion.directory.kinds import AUDIENCES, KINDS
from companion.translatable import N_
from companion.web.caching import cache
from companion.web.limits import limiter, revoke, revoked

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
SIGNED_IN = "coordinator_until"
SIGN_IN = "coordinator_sign_in"  # this sign-in's random id: what signing out revokes
SESSION_SECONDS = 30 * 60
WRONG_KEY = N_("This is not the coordinator key.")
CHANGED_MEANWHILE = N_(
    "This report was decided, or the entry changed, since this page was shown. Here is how things stand now."
)
DONE = N_("Done: %(what)s.")


def _token() -> str:
    return current_app.config.get("COORDINATOR_TOKEN") or ""


@bp.before_request
def only_when_configured():
    if not _token():
        abort(404)


def _signed_in() -> bool:
    sign_in = session.get(SIGN_IN)
    return session.get(SIGNED_IN, 0) > time.time() and bool(sign_in) and not revoked(f"coordinator/{sign_in}")


def _same(given: str, expected: str) -> bool:
    # Digests first, so the comparison takes the same time whatever the lengths.
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest())


@bp.route("/", methods=["GET", "POST"])
@limiter.limit("10 per minute;100 per day", methods=["POST"])
def index():
    if not _signed_in():
        form = CoordinatorLoginForm()
        if form.validate_on_submit():
            if _same(form.token.data, _token()):
                session[SIGNED_IN] = time.time() + SESSION_SECONDS
                session[SIGN_IN] = secrets.token_hex(16)
                return redirect(url_for(".index"), 303)
            form.token.errors.append(WRONG_KEY)
        status = 422 if form.is_submitted() else 200
        return render_template("pages/coordinator_login.html", form=form), status
    return _reports_page()


def _reports_page(status: int = 200, forms: dict | None = None):
    reports = pending_reports(get_session())
    forms = forms or {}
    for report, centre in reports:
        if report.id not in forms and centre is not None:
            form = CorrectionForm(formdata=None, obj=centre, prefix=f"r{report.id}")
            form.version.data = entry_version(centre)
            forms[report.id] = form
    return render_template(
        "pages/coordinator.html",
        reports=reports,
        forms=forms,
        reasons=REASONS,
        decisions=DECISIONS,
        kinds=KINDS,
        audiences=AUDIENCES,
        editable=EDITABLE,
        changes=history(get_session()),
    ), status


@bp.post("/reports/<int:report_id>")
def decide(report_id: int):
    if not _signed_in():
        abort(403)
    form = CorrectionForm(prefix=f"r{report_id}")
    if not form.validate_on_submit():
        return _reports_page(422, {report_id: form})
    now = datetime.now(UTC)
    try:
        if form.decision.data == "reject":
            reject(get_session(), report_id, now)
        else:
            changes = {field: getattr(form, field).data or "" for field in EDITABLE}
            accept(get_session(), report_id, form.version.data, changes, now, remove=form.decision.data == "remove")
    except UnknownReport:
        abort(404)
    except StaleReport:
        flash(gettext(CHANGED_MEANWHILE), "error")
        return _reports_page(409)
    except InvalidCorrection as exc:
        getattr(form, exc.column, form.decision).errors.append(exc.problem)
        return _reports_page(422, {report_id: form})
    after_commit(cache.clear)  # cached results must show the correction; cleared once it is committed
    flash(gettext(DONE, what=gettext(DECISIONS[form.decision.data])), "done")
    return redirect(url_for(".index"), 303)


@bp.post("/sign-out")
def sign_out():
    sign_in = session.pop(SIGN_IN, None)
    if sign_in and session.pop(SIGNED_IN, 0) > time.time():
        revoke(f"coordinator/{sign_in}", SESSION_SECONDS)
    return redirect(url_for("pages.home"), 303)
