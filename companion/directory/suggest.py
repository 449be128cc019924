""" "Suggest a place": a plain form (no JavaScript needed) whose answer waits for a coordinator.

The suggestion is kept, never shown: the thank-you page says so. Rate-limited like reports.
"""

from datetime import UTC, datetime

from flask import Blueprint, redirect, render_template, request, url_for

from companion.db import get_session
from companion.directory.forms import SuggestForm
from companion.directory.suggestions import EVIDENCE, SUGGESTED_KINDS, InvalidSuggestion, suggest
from companion.directory.views import REPORT_LIMIT
from companion.web.limits import limiter

bp = Blueprint("suggest", __name__)
FIELDS = ("kind", "name", "address", "town", "phone", "url", "audience", "evidence", "evidence_url")


@bp.route("/suggest-a-place", methods=["GET", "POST"])
@limiter.limit(REPORT_LIMIT, methods=["POST"])
def form():
    suggest_form = SuggestForm()
    if not suggest_form.is_submitted():  # offered from a care page (its kind) or a search (its town)
        if request.args.get("kind") in SUGGESTED_KINDS:
            suggest_form.kind.data = request.args["kind"]
        suggest_form.town.data = request.args.get("town", "")[:100]
    elif suggest_form.validate():
        try:
            suggest(get_session(), {f: getattr(suggest_form, f).data or "" for f in FIELDS}, datetime.now(UTC))
        except InvalidSuggestion as exc:
            suggest_form.town.errors.append(exc.problem)
        else:
            return redirect(url_for(".thanks"), 303)
    status = 422 if suggest_form.is_submitted() else 200
    return render_template("pages/suggest.html", form=suggest_form, kinds=SUGGESTED_KINDS, evidence=EVIDENCE), status


@bp.get("/suggest-a-place/thanks")
def thanks():
    return render_template("pages/suggest.html", form=None)
