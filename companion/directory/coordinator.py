"""The coordinator's page: reports from people who use the directory, accepted or rejected one by one.

Exists only when a coordinator key exists: COMPANION_COORDINATOR_TOKEN (a national key), or keys made with
`flask coordinators add` (coordinator_keys.py), each deciding only its area's items. A signed-in
coordinator is remembered in the (encrypted) session for 30 minutes at most, apart from anything a
person keeps there; signing out forgets it, and revokes that sign-in in the store every worker shares, so a
copy of the cookie taken before opens nothing either.
"""

import secrets
import time
from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext

from companion.db import get_session
from companion.directory.coordinator_keys import Coordinator, any_key, sign_in, still_valid
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
from companion.directory.forms import (
    DECISIONS,
    SUGGESTION_DECISIONS,
    CoordinatorLoginForm,
    CorrectionForm,
    SuggestionDecisionForm,
)
from companion.directory.kinds import AUDIENCES, KINDS
from companion.directory.suggestions import (
    EVIDENCE,
    InvalidSuggestion,
    StaleSuggestion,
    UnknownSuggestion,
    accept_suggestion,
    pending_suggestions,
    reject_suggestion,
)
from companion.translatable import N_
from companion.web.limits import limiter, revoke, revoked

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
SIGNED_IN = "coordinator_until"
SIGN_IN = "coordinator_sign_in"  # this sign-in's random id: what signing out revokes
KEY = "coordinator_key"  # the id of the key signed in with (0: the configured one)
SESSION_SECONDS = 30 * 60
WRONG_KEY = N_("This is not the coordinator key.")
CHANGED_MEANWHILE = N_(
    "This report was decided, or the entry changed, since this page was shown. Here is how things stand now."
)
DONE = N_("Done: %(what)s.")
SUGGESTION_FIELDS = ("kind", "name", "address", "town", "phone", "phone_type", "url", "audience")


def _token() -> str:
    return current_app.config.get("COORDINATOR_TOKEN") or ""


@bp.before_request
def only_when_configured():
    if not _token() and not any_key(get_session()):
        abort(404)


def _signed_in() -> Coordinator | None:
    sign_in_id = session.get(SIGN_IN)
    if session.get(SIGNED_IN, 0) <= time.time() or not sign_in_id or revoked(f"coordinator/{sign_in_id}"):
        return None
    key_id = session.get(KEY)
    return still_valid(get_session(), key_id, _token()) if isinstance(key_id, int) else None


@bp.route("/", methods=["GET", "POST"])
@limiter.limit("10 per minute;100 per day", methods=["POST"])
def index():
    coordinator = _signed_in()
    if coordinator is None:
        form = CoordinatorLoginForm()
        if form.validate_on_submit():
            found = sign_in(get_session(), form.token.data, _token())
            if found is not None:
                session[SIGNED_IN] = time.time() + SESSION_SECONDS
                session[SIGN_IN] = secrets.token_hex(16)
                session[KEY] = found.key_id
                return redirect(url_for(".index"), 303)
            form.token.errors.append(WRONG_KEY)
        status = 422 if form.is_submitted() else 200
        return render_template("pages/coordinator_login.html", form=form), status
    return _reports_page(coordinator)


def _reports_page(
    coordinator: Coordinator, status: int = 200, forms: dict | None = None, suggestion_forms: dict | None = None
):
    reports = pending_reports(get_session(), coordinator.departements)
    suggestions = pending_suggestions(get_session(), coordinator.departements)
    suggestion_forms = suggestion_forms or {}
    for suggestion in suggestions:
        if suggestion.id not in suggestion_forms:
            suggestion_forms[suggestion.id] = SuggestionDecisionForm(
                formdata=None, obj=suggestion, prefix=f"s{suggestion.id}"
            )
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
        changes=history(get_session(), departements=coordinator.departements),
        coordinator=coordinator,
        suggestions=suggestions,
        suggestion_forms=suggestion_forms,
        suggestion_decisions=SUGGESTION_DECISIONS,
        suggestion_fields=(*SUGGESTION_FIELDS, "reason"),
        evidence=EVIDENCE,
    ), status


def _coordinator_or_403() -> Coordinator:
    coordinator = _signed_in()
    if coordinator is None:
        abort(403)
    return coordinator


def _done(what: str):
    flash(gettext(DONE, what=gettext(what)), "done")
    return redirect(url_for(".index"), 303)


def _decide(form, shown_as: str, item_id: int, act, refusals: tuple, labels: dict):
    """One decision on one report or suggestion: `act(now, area)` makes it; `refusals` are its domain's
    (unknown, stale, invalid) errors. A refused form is shown again, in place (`shown_as`), with its errors."""
    coordinator = _coordinator_or_403()
    unknown, stale, invalid = refusals

    def again(status: int):
        return _reports_page(coordinator, status, **{shown_as: {item_id: form}})

    if not form.validate_on_submit():
        return again(422)
    try:
        act(datetime.now(UTC), coordinator.departements, coordinator.label)
    except unknown:
        abort(404)
    except stale:
        flash(gettext(CHANGED_MEANWHILE), "error")
        return _reports_page(coordinator, 409)
    except invalid as exc:
        getattr(form, exc.column, form.decision).errors.append(exc.problem)
        return again(422)
    return _done(labels[form.decision.data])


@bp.post("/reports/<int:report_id>")
def decide(report_id: int):
    form = CorrectionForm(prefix=f"r{report_id}")

    def act(now, area, by):
        if form.decision.data == "reject":
            return reject(get_session(), report_id, now, area)
        changes = {field: getattr(form, field).data or "" for field in EDITABLE}
        remove = form.decision.data == "remove"
        return accept(get_session(), report_id, form.version.data, changes, now, by, area, remove)

    return _decide(form, "forms", report_id, act, (UnknownReport, StaleReport, InvalidCorrection), DECISIONS)


@bp.post("/suggestions/<int:suggestion_id>")
def decide_suggestion(suggestion_id: int):
    """Publish a suggested place as corrected here, or reject it with a reason (kept)."""
    form = SuggestionDecisionForm(prefix=f"s{suggestion_id}")

    def act(now, area, by):
        if form.decision.data == "reject":
            return reject_suggestion(get_session(), suggestion_id, form.reason.data, now, by, area)
        changes = {f: getattr(form, f).data or "" for f in SUGGESTION_FIELDS}
        return accept_suggestion(get_session(), suggestion_id, changes, now, by, area)

    refusals = (UnknownSuggestion, StaleSuggestion, InvalidSuggestion)
    return _decide(form, "suggestion_forms", suggestion_id, act, refusals, SUGGESTION_DECISIONS)


@bp.post("/sign-out")
def sign_out():
    sign_in_id = session.pop(SIGN_IN, None)
    session.pop(KEY, None)
    if sign_in_id and session.pop(SIGNED_IN, 0) > time.time():
        revoke(f"coordinator/{sign_in_id}", SESSION_SECONDS)
    return redirect(url_for("pages.home"), 303)
