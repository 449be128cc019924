"""My checklist, kept in an anonymous notebook opened by a code (a __Host- cookie on this device)."""

import io
from datetime import UTC, datetime

import segno
from flask import Blueprint, abort, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlmodel import select

from companion.assessment.answers import answers_in_progress
from companion.assessment.clinical_rules import DISTRESS
from companion.assessment.questions import SYMPTOM_KEYS, evaluate, item_label
from companion.cares.catalogue import CARES, GROUPS
from companion.checklist.notebook import (
    OPEN_STATUSES,
    STATUSES,
    InvalidChange,
    StaleItem,
    UnknownItem,
    add_item,
    create_notebook,
    delete_item,
    delete_notebook,
    find_notebook,
    grouped,
    items_of,
    normalise_code,
    progress,
    save_scores,
    saved_scores,
    update_item,
)
from companion.checklist.trends import chart_points, trends
from companion.db import forget_deleted, get_session
from companion.directory.kinds import KINDS
from companion.directory.models import Centre
from companion.translatable import N_
from companion.web.device import forget_cookie, forget_team_phone, keep_cookie
from companion.web.limits import code_attempt_allowed
from companion.web.render import is_partial, render
from companion.web.security import same_site_path

bp = Blueprint("checklist", __name__, url_prefix="/checklist")
COOKIE = "__Host-notebook"
NO_SUCH_CODE = N_("No notebook has this code. Check it and try again: it has 28 letters and digits.")
CHANGED_ELSEWHERE = N_(
    "This item was changed on another device. Here is what it says now. Apply your change again if you still want it."
)
DELETED = N_(
    "Your notebook was deleted from Companion, with its checklist (%(items)d) and its saved results (%(scores)d)."
)
TEAM_NUMBER_KEPT = N_("Your cancer team’s number is still kept on this phone.")
TEAM_NUMBER_FORGOTTEN = N_("Your cancer team’s number was removed from this phone too.")
ADDED = N_("Added to your checklist: %(care)s.")
ALREADY_LISTED = N_("Already in your checklist: %(care)s.")
OTHER_CENTRE_LISTED = N_(
    "This care is already in your checklist with another centre. To choose %(centre)s instead, change the centre below."
)
NO_ANSWERS = N_("There are no answers to save. Fill in the self-assessment first.")
TREND_LABELS = {key: item_label(key) for key in (*SYMPTOM_KEYS, DISTRESS)}


def utcnow() -> datetime:
    return datetime.now(UTC)


def current_notebook():
    if "notebook" not in g:
        code = request.cookies.get(COOKIE)
        g.notebook = find_notebook(get_session(), code)
        if code and g.notebook is None:  # a cookie that opens nothing: a try at a code, like a typed one
            g.stale_cookie = True
            if not code_attempt_allowed():
                abort(429)
    return g.notebook


@bp.after_request
def forget_stale_cookie(response):
    """A deleted or purged notebook's cookie is dropped, so it is tried only once."""
    replaced = any(c.startswith(f"{COOKIE}=") for c in response.headers.getlist("Set-Cookie"))
    if g.get("stale_cookie") and not replaced:
        forget_cookie(response, COOKIE)
    return response


def _remember(response, code: str):
    return keep_cookie(response, COOKIE, code, days=400)


def _notebook_or_new():
    """The open notebook, or a new one (a notebook is created only when something is saved)."""
    notebook = current_notebook()
    if notebook is not None:
        return notebook, None
    notebook, code = create_notebook(get_session(), utcnow())
    g.notebook = notebook
    return notebook, code


def _centres():
    return {c.id: c for c in get_session().exec(select(Centre).order_by(Centre.kind, Centre.name)).all()}


def _context(**extra):
    notebook = current_notebook()
    items = items_of(get_session(), notebook) if notebook else []
    saved = saved_scores(get_session(), notebook) if notebook else []
    counts = progress(items)
    context = dict(
        notebook=notebook,
        items=items,
        progress=counts,
        open_count=sum(counts[s] for s in OPEN_STATUSES),
        open_statuses=OPEN_STATUSES,
        statuses=STATUSES,
        cares=CARES,
        groups=GROUPS,
        kinds=KINDS,
        centres=_centres(),
        trends=trends(saved, list(TREND_LABELS)),
        saved_count=len(saved),
        trend_labels=TREND_LABELS,
        chart_points=chart_points,
        listed={i.care_key for i in items},
        notebook_code=grouped(normalise_code(request.cookies.get(COOKIE, "")) or "") if notebook else "",
        conflict=None,
        errors={},
        error=None,
        typed="",
    )
    return context | extra


@bp.get("")
def index():
    return render_template("pages/checklist.html", **_context())


@bp.post("/items")
def add():
    notebook, new_code = _notebook_or_new()
    try:
        item, created = add_item(
            get_session(),
            notebook,
            utcnow(),
            care_key=request.form.get("care") or None,
            title=request.form.get("title", ""),
            reason=request.form.get("reason", ""),
            centre_id=request.form.get("centre") or None,
            replace_centre=request.form.get("replace_centre") == "yes",
        )
    except InvalidChange as exc:
        get_session().rollback()
        if new_code:  # the notebook made for this first addition was rolled back with it: show none
            g.notebook = None
        message = gettext(exc.message, **(exc.values or {}))
        if is_partial():
            return render_template("partials/checklist/added.html", item=None, error=message), 422
        return render_template("pages/checklist.html", **_context(errors={exc.field: message})), 422
    posted_centre = request.form.get("centre") or None
    # Listed already with another centre: offer to choose this one instead.
    other = get_session().get(Centre, posted_centre) if posted_centre and item.centre_id != posted_centre else None
    if is_partial():
        response = make_response(
            render_template("partials/checklist/added.html", item=item, created=created, other=other, error=None)
        )
    elif other is not None:  # without JavaScript, the centre can be changed on the item itself
        flash(gettext(OTHER_CENTRE_LISTED, centre=other.name), "done")
        response = redirect(url_for(".index") + f"#item-{item.id}", 303)
    else:
        back = same_site_path(request.form.get("next", ""))
        if back:  # without JavaScript: back to the result it was added from, with a word
            care = gettext(CARES[item.care_key].name) if item.care_key in CARES else item.title
            flash(gettext(ADDED if created else ALREADY_LISTED, care=care), "done")
        response = redirect(back or url_for(".index") + f"#item-{item.id}", 303)
    return _remember(response, new_code) if new_code else response


def _item_response(item, status=200, **extra):
    context = _context(**extra)
    if is_partial():
        return render("pages/checklist.html", "partials/checklist/item_swap.html", status=status, item=item, **context)
    return render_template("pages/checklist.html", **context), status


@bp.post("/items/<int(max=2147483647):item_id>")
def update(item_id: int):
    notebook = current_notebook()
    if notebook is None:
        abort(404)
    version = request.form.get("version", "")
    if not version.isdigit() or not 0 < int(version) < 2**31:  # ids and versions are 32-bit in the database
        abort(400)
    version = int(version)
    try:
        item = update_item(
            get_session(),
            notebook,
            item_id,
            version,
            utcnow(),
            status=request.form.get("status"),
            note=request.form.get("note"),
            centre_id=request.form.get("centre"),
            set_centre="centre" in request.form,
        )
    except UnknownItem:
        abort(404)
    except StaleItem as exc:
        attempted = {k: request.form.get(k) for k in ("status", "note", "centre")}  # None: not part of that change
        return _item_response(
            exc.current,
            409,
            conflict={"item": exc.current.id, "message": gettext(CHANGED_ELSEWHERE), "attempted": attempted},
        )
    except InvalidChange as exc:
        get_session().rollback()
        current = items_of(get_session(), notebook)
        item = next(i for i in current if i.id == item_id)
        return _item_response(item, 422, errors={item_id: gettext(exc.message, **(exc.values or {}))})
    if is_partial():
        return _item_response(item)
    return redirect(url_for(".index") + f"#item-{item.id}", 303)


@bp.post("/items/<int(max=2147483647):item_id>/delete")
def remove(item_id: int):
    notebook = current_notebook()
    if notebook is None:
        abort(404)
    try:
        delete_item(get_session(), notebook, item_id, utcnow())
    except UnknownItem:
        abort(404)
    forget_deleted(get_session())
    return redirect(url_for(".index"), 303)


@bp.post("/scores")
def save_assessment():
    outcome = evaluate(answers_in_progress())
    scores = {symptom.key: value for symptom, value, _ in outcome.scores}
    if outcome.distress is not None:
        scores["distress"] = outcome.distress
    if not scores:
        return render_template("partials/checklist/scores_saved.html", error=gettext(NO_ANSWERS)), 422
    notebook, new_code = _notebook_or_new()
    save_scores(get_session(), notebook, scores, utcnow())
    if is_partial():
        response = make_response(render_template("partials/checklist/scores_saved.html", error=None))
    else:
        response = redirect(url_for(".index") + "#scores", 303)
    return _remember(response, new_code) if new_code else response


@bp.get("/print")
def print_view():
    if current_notebook() is None:
        return redirect(url_for(".index"), 303)
    return render_template("pages/checklist_print.html", today=utcnow(), **_context())


@bp.get("/qr.svg")
def qr_code():
    """The link that opens this notebook, as a QR code (made here: no outside service)."""
    code = request.cookies.get(COOKIE, "")
    if current_notebook() is None:
        abort(404)
    link = url_for(".open_notebook", code=grouped(normalise_code(code)), _external=True)
    svg = io.BytesIO()
    segno.make(link, error="m").save(svg, kind="svg", scale=4, dark="#000", light="#fff", xmldecl=False)
    response = make_response(svg.getvalue())
    response.mimetype = "image/svg+xml"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/open", methods=["GET", "POST"])
def open_notebook():
    """Open a notebook on this device with its code (typed, or from the QR code's link)."""
    typed = (request.values.get("code") or "")[:80]
    if request.method == "GET":
        return render_template("pages/checklist_open.html", typed=typed, error=None)
    if not code_attempt_allowed():
        abort(429)
    code = normalise_code(typed)
    notebook = find_notebook(get_session(), code)
    if notebook is None:
        return render_template("pages/checklist_open.html", typed=typed, error=gettext(NO_SUCH_CODE)), 422
    return _remember(redirect(url_for(".index"), 303), code)


@bp.post("/close")
def close():
    """Forget the notebook on this device only; it stays available with its code."""
    response = redirect(url_for(".index"), 303)
    forget_cookie(response, COOKIE)
    # The offline copy kept on this phone goes too (the service worker's caches); cookies stay.
    response.headers["Clear-Site-Data"] = '"storage", "cache"'
    return response


@bp.route("/delete", methods=["GET", "POST"])
def delete():
    """Delete the notebook for good, after a confirmation step (a page of its own: it works without JavaScript)."""
    notebook = current_notebook()
    if notebook is None:
        return redirect(url_for(".index"), 303)
    if request.method == "GET" or request.form.get("confirm") != "yes":
        return render_template("pages/checklist_delete.html", **_context())
    items, scores = delete_notebook(get_session(), notebook)
    forget_deleted(get_session())
    forget_team = request.form.get("forget_team") == "yes"
    flash(gettext(DELETED, items=items, scores=scores), "done")
    flash(gettext(TEAM_NUMBER_FORGOTTEN if forget_team else TEAM_NUMBER_KEPT), "done")
    response = redirect(url_for(".index"), 303)
    forget_cookie(response, COOKIE)
    if forget_team:
        forget_team_phone(response)
    # The offline copy and cached pages go too; cookies are cleared one by one above, so the
    # cancer team's number survives unless asked.
    response.headers["Clear-Site-Data"] = '"storage", "cache"'
    return response
