"""My checklist, kept in an anonymous notebook opened by a code (a __Host- cookie on this device)."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import Row
from werkzeug.datastructures import MultiDict

from companion.assessment.answers import answers_in_progress
from companion.assessment.clinical_rules import DISTRESS, ITEM_LABELS, SYMPTOM_KEYS, URGENT_SIGNS
from companion.assessment.questions import evaluate
from companion.cares.catalogue import CARES, GROUPS
from companion.checklist.forms import AddItemForm, ConfirmForm, DeleteNotebookForm, OpenNotebookForm, UpdateItemForm
from companion.checklist.models import ChecklistItem
from companion.checklist.notebook import (
    CODE_LENGTH,
    OPEN_STATUSES,
    STATUSES,
    Conflict,
    InvalidChange,
    StaleItem,
    UnknownItem,
    add_item,
    check_new_item,
    create_notebook,
    delete_item,
    delete_notebook,
    find_notebook,
    get_item,
    items_of,
    normalise_code,
    progress,
    progress_of,
    save_scores,
    saved_scores,
    update_item,
)
from companion.checklist.on_device import (
    close_here,
    code_qr,
    current_notebook,
    forget_person_list,
    keep_open,
    open_code,
    shown_code,
)
from companion.checklist.reasons import reason_to_keep
from companion.checklist.trends import URGENT_KEY, chart_points, trends, urgent_episodes
from companion.db import after_commit, forget_deleted, get_session
from companion.directory.kinds import AUDIENCES, KINDS
from companion.directory.lookups import UNKNOWN_PLACE, audience_by_default, last_place
from companion.directory.models import Centre
from companion.directory.search import (
    InvalidQuery,
    UnknownPlace,
    parse_centre_query,
    search_centres,
    typed_place,
)
from companion.translatable import N_
from companion.web.device import forget_team_phone, in_guide_mode
from companion.web.errors import MESSAGES, error_response
from companion.web.i18n import holds_secret, refusal_text
from companion.web.limits import code_attempt_allowed
from companion.web.render import fragment_or_redirect, is_partial, qr_svg, render
from companion.web.security import same_site_path

bp = Blueprint("checklist", __name__, url_prefix="/checklist")
NO_SUCH_CODE = N_("No notebook has this code. Check it and try again: it has %(length)s letters and digits.")
DELETED = N_(
    "Your notebook was deleted from Companion, with its checklist (%(items)d) and its saved results (%(scores)d)."
)
TEAM_NUMBER_KEPT = N_("Your cancer team’s number is still kept on this phone.")
TEAM_NUMBER_FORGOTTEN = N_("Your cancer team’s number was removed from this phone too.")
ADDED = N_("Added to your checklist: %(care)s.")
ALREADY_LISTED = N_("Already in your checklist: %(care)s.")
ADDED_FOR_THE_PERSON = N_("Added to the person’s list: %(care)s.")
ALREADY_FOR_THE_PERSON = N_("Already in the person’s list: %(care)s.")
OTHER_CENTRE_LISTED = N_(
    "This care is already in your checklist with another centre. To choose %(centre)s instead, change the centre below."
)
CLOSED = N_(
    "Your checklist is closed on this phone. It is still in Companion: open it again with its code, here or on"
    " another phone."
)
NO_ANSWERS = N_("There are no answers to save. Fill in the self-assessment first.")
TREND_LABELS = {key: ITEM_LABELS[key] for key in (*SYMPTOM_KEYS, DISTRESS)}
SIGN_TEXTS = {sign.key: sign.text for sign in URGENT_SIGNS}
# Centres offered when choosing one for an item: the nearest few, as in the directory.
CENTRE_CHOICES = 8


def utcnow() -> datetime:
    return datetime.now(UTC)


def notebook_or_404() -> Row:
    notebook = current_notebook()
    if notebook is None:
        abort(404)
    return notebook


def item_or_404(item_id: int) -> tuple[Row, Row]:
    notebook = notebook_or_404()
    try:
        return notebook, get_item(get_session(), notebook, item_id)
    except UnknownItem:
        abort(404)


bp.before_request(holds_secret)  # every checklist page may show the notebook's code


@bp.errorhandler(UnknownItem)
def gone(_exc):
    """An item (or notebook) deleted from another device while this change waited: nothing is written."""
    return error_response(404, gettext(MESSAGES[404]))


def _centres(ids) -> dict[str, Centre]:
    """These centres by id (one since removed from the directory is left out)."""
    found = (get_session().get(Centre, centre_id) for centre_id in set(ids) if centre_id)
    return {c.id: c for c in found if c is not None}


def _item_context(
    notebook: Row, item: Row, conflict: Conflict | None = None, errors: dict[str, str] | None = None
) -> dict:
    """What one item and the progress summary beside it need, for an htmx swap of that item. `errors`: this
    item's, by field."""
    attempted = conflict.attempted.centre if conflict else None
    return dict(
        item=item,
        centres=_centres([item.centre_id, attempted]),
        conflict=conflict,
        errors=errors or {},
        errors_item=item.id,
        **_items_context(progress_of(get_session(), notebook)),
    )


def _items_context(counts: dict[str, int]) -> dict:
    """What any rendering of items needs: the progress summary (counts by status) and the words of statuses and
    cares."""
    return dict(
        progress=counts,
        open_count=sum(counts[s] for s in OPEN_STATUSES),
        statuses=STATUSES,
        cares=CARES,
        kinds=KINDS,
    )


def _page_context(**extra) -> dict:
    """The whole checklist page: the open notebook's items, progress, trends and code; or the catalogue."""
    notebook = current_notebook()
    items = items_of(get_session(), notebook) if notebook else []
    saved = saved_scores(get_session(), notebook) if notebook else []
    context = dict(
        notebook=notebook,
        items=items,
        open_statuses=OPEN_STATUSES,
        groups=GROUPS,
        centres=_centres(i.centre_id for i in items),
        trends=trends(saved, list(TREND_LABELS)),
        urgent_episodes=urgent_episodes(saved),
        sign_texts=SIGN_TEXTS,
        saved_count=len(saved),
        trend_labels=TREND_LABELS,
        chart_points=chart_points,
        listed={i.care_key for i in items},
        notebook_code=shown_code(open_code() or "") if notebook else "",
        conflict=None,
        errors={},  # by field: the add form's, or the item's that errors_item names
        errors_item=None,
        error=None,  # the code entry's (open_form.html)
        typed="",
        **_items_context(progress(items)),
    )
    return context | extra


@bp.get("")
def index():
    return render_template("pages/checklist.html", **_page_context())


@bp.post("/items")
def add():
    form = AddItemForm()
    notebook, new_code = current_notebook(), None
    try:
        # Checked first: a notebook is made only for an addition that will be kept.
        new = check_new_item(
            get_session(),
            care_key=form.care.data or None,
            title=form.title.data or "",
            reason=reason_to_keep(form.reason.data or "", form.care.data),
            centre_id=form.centre.data or None,
        )
        if notebook is None:
            notebook, new_code = create_notebook(get_session(), utcnow())
        item, created = add_item(get_session(), notebook, utcnow(), new, replace_centre=form.replace_centre.data)
    except InvalidChange as exc:
        message = refusal_text(exc)
        if is_partial():
            return render_template("partials/checklist/added.html", item=None, error=message), 422
        return render_template("pages/checklist.html", **_page_context(errors={exc.field: message})), 422
    posted_centre = form.centre.data or None
    # Listed already with another centre: offer to choose this one instead.
    other = get_session().get(Centre, posted_centre) if posted_centre and item.centre_id != posted_centre else None
    response = fragment_or_redirect(
        "partials/checklist/added.html",
        lambda: _after_adding(form, item, created, other),
        item=item,
        created=created,
        other=other,
        error=None,
    )
    return keep_open(response, new_code)


def _after_adding(form: AddItemForm, item: ChecklistItem, created: bool, other: Centre | None) -> str:
    """Without JavaScript: where an addition leads, with the word said there."""
    if other is not None:  # the centre can be changed on the item itself
        flash(gettext(OTHER_CENTRE_LISTED, centre=other.name), "done")
        return url_for(".index") + f"#item-{item.id}"
    back = same_site_path(form.next.data or "")
    if back:  # back to the result it was added from
        care = gettext(CARES[item.care_key].name) if item.care_key in CARES else item.title
        words = (ADDED_FOR_THE_PERSON, ALREADY_FOR_THE_PERSON) if in_guide_mode() else (ADDED, ALREADY_LISTED)
        # Said beside the entry it came back to (listed.html), not at the top of a long page.
        anchor = urlsplit(back).fragment
        flash(gettext(words[0] if created else words[1], care=care), f"added:{anchor}" if anchor else "done")
    return back or url_for(".index") + f"#item-{item.id}"


def _item_refused(notebook: Row, item: Row, status: int, conflict=None, errors=None):
    """A refused change: the item swapped in place (htmx), or the whole checklist (without JavaScript), saying why."""
    return render(
        "pages/checklist.html",
        "partials/checklist/item_swap.html",
        status,
        page_context=lambda: _page_context(conflict=conflict, errors=errors or {}, errors_item=item.id),
        **_item_context(notebook, item, conflict, errors),
    )


@bp.post("/items/<int(max=2147483647):item_id>")
def update(item_id: int):
    notebook, item = item_or_404(item_id)
    form = UpdateItemForm()
    if not form.validate():
        abort(400)
    asked = form.changes  # None: not part of this change
    try:
        item = update_item(
            get_session(),
            notebook,
            item,
            form.version.data,
            utcnow(),
            status=asked["status"],
            note=asked["note"],
            centre_id=asked["centre"],
        )
    except StaleItem as exc:
        return _item_refused(notebook, exc.conflict.current, 409, conflict=exc.conflict)
    except InvalidChange as exc:
        return _item_refused(notebook, item, 422, errors={exc.field: refusal_text(exc)})
    return fragment_or_redirect(
        "partials/checklist/item_swap.html", url_for(".index") + f"#item-{item.id}", **_item_context(notebook, item)
    )


@bp.get("/items/<int(max=2147483647):item_id>/centre")
def choose_centre(item_id: int):
    """Centres near a place, to choose one for an item: the directory's own search, swapped into the item
    (htmx), or a page of its own without JavaScript."""
    notebook, item = item_or_404(item_id)
    care = CARES.get(item.care_key)
    asked = request.args.get("q") or last_place()
    typed = typed_place({"q": asked})
    audience = audience_by_default()
    status, error, search, suggestions = 200, None, None, []
    if typed:
        args = MultiDict({"q": asked, "limit": str(CENTRE_CHOICES), "audience": request.args.get("audience", "")})
        if care and care.resource_kind:
            args["kind"] = care.resource_kind
        try:
            query = parse_centre_query(args, default_audience=audience)
            audience = query.audience or "any"
            search = search_centres(get_session(), query, None)
        except InvalidQuery as exc:
            status, error = 400, refusal_text(exc)
        except UnknownPlace as exc:
            status, error, suggestions = 422, gettext(UNKNOWN_PLACE, q=typed), exc.suggestions
    return render(
        "pages/checklist_centre.html",
        "partials/checklist/centre_choice.html",
        status,
        page_context=lambda: {"notebook": notebook},
        item=item,
        care=care,
        typed=typed,
        search=search,
        error=error,
        suggestions=suggestions,
        chosen=_centres([item.centre_id]).get(item.centre_id),
        kinds=KINDS,
        audience=audience,
        audience_labels=AUDIENCES,
    )


@bp.post("/items/<int(max=2147483647):item_id>/delete")
def remove(item_id: int):
    notebook, item = item_or_404(item_id)
    delete_item(get_session(), notebook, item, utcnow())
    after_commit(lambda: forget_deleted(get_session()))
    return redirect(url_for(".index"), 303)


@bp.post("/scores")
def save_assessment():
    outcome = evaluate(answers_in_progress())
    scores = {symptom.key: value for symptom, value, _ in outcome.scores}
    if outcome.distress is not None:
        scores["distress"] = outcome.distress
    if outcome.urgent:  # a fever under treatment is worth keeping with the scores, and on the printout
        scores[URGENT_KEY] = {
            "signs": [sign.key for sign in outcome.urgent],
            "fever_on_treatment": outcome.fever_on_treatment,
        }
    if not scores:
        return render_template("partials/checklist/scores_saved.html", error=gettext(NO_ANSWERS)), 422
    notebook, new_code = current_notebook(), None
    if notebook is None:
        notebook, new_code = create_notebook(get_session(), utcnow())
    save_scores(get_session(), notebook, scores, utcnow())
    response = fragment_or_redirect("partials/checklist/scores_saved.html", url_for(".index") + "#scores", error=None)
    return keep_open(response, new_code)


@bp.get("/print")
def print_view():
    if current_notebook() is None:
        return redirect(url_for(".index"), 303)
    return render_template("pages/checklist_print.html", today=utcnow(), **_page_context())


@bp.get("/qr.svg")
def qr_code():
    """The link that opens this notebook, as a QR code (made here: no outside service)."""
    notebook_or_404()
    code = shown_code(open_code() or "")
    # The code it holds is a key to the notebook: never kept by a cache.
    return qr_svg(url_for(".open_notebook", code=code, _external=True), private=True)


@bp.route("/open", methods=["GET", "POST"])
def open_notebook():
    """Open a notebook on this device with its code (typed, or from the QR code's link)."""
    form = OpenNotebookForm(formdata=request.form if request.method == "POST" else request.args)
    typed = form.code.data or ""
    if request.method == "GET":
        return render_template("pages/checklist_open.html", typed=typed, error=None)
    if not code_attempt_allowed():
        abort(429)
    code = normalise_code(typed)
    if not form.validate() or find_notebook(get_session(), code) is None:
        return render_template(
            "pages/checklist_open.html", typed=typed, error=gettext(NO_SUCH_CODE, length=CODE_LENGTH)
        ), 422
    return keep_open(redirect(url_for(".index"), 303), code)


@bp.route("/close", methods=["GET", "POST"])
def close():
    """Forget the notebook on this device only, after a step that shows its code once more (it stays
    available with its code). In guide mode the person's list is handed over instead."""
    notebook = current_notebook()
    if notebook is None or in_guide_mode():
        return redirect(url_for(".hand_over" if notebook else ".index"), 303)
    form = ConfirmForm()
    if not form.validate_on_submit() or not form.confirm.data:
        return render_template("pages/checklist_close.html", qr=code_qr(open_code() or ""), **_page_context())
    flash(gettext(CLOSED), "done")
    return close_here(redirect(url_for(".index"), 303))


@bp.route("/hand-over", methods=["GET", "POST"])
def hand_over():
    """Guide mode: show the person's list, its code and QR code one last time (to print or scan), and forget
    it on this phone in the same answer: nothing of it is left for the next person."""
    notebook = current_notebook() if in_guide_mode() else None
    if notebook is None:
        return redirect(url_for(".index"), 303)
    form = ConfirmForm()
    if not form.validate_on_submit() or not form.confirm.data:
        return render_template("pages/checklist_hand_over.html", handed=False, **_page_context())
    code = open_code() or ""
    context = _page_context()  # with the list's code, before this phone forgets it
    forget_person_list()
    response = make_response(
        render_template(
            "pages/checklist_hand_over.html",
            handed=True,
            qr=code_qr(code),
            open_url=url_for(".open_notebook", _external=True),
            **context,
        )
    )
    # The code is a key to the person's notebook: not kept by any cache, nor by the back button; and pages
    # the service worker kept while the list was open (saying "in the person's list") go too.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Clear-Site-Data"] = '"storage", "cache"'
    return response


@bp.route("/delete", methods=["GET", "POST"])
def delete():
    """Delete the notebook for good, after a confirmation step (a page of its own: it works without JavaScript)."""
    notebook = current_notebook()
    if notebook is None:
        return redirect(url_for(".index"), 303)
    form = DeleteNotebookForm()
    if not form.validate_on_submit() or not form.confirm.data:
        return render_template("pages/checklist_delete.html", **_page_context())
    items, scores = delete_notebook(get_session(), notebook)
    after_commit(lambda: forget_deleted(get_session()))
    flash(gettext(DELETED, items=items, scores=scores), "done")
    flash(gettext(TEAM_NUMBER_FORGOTTEN if form.forget_team.data else TEAM_NUMBER_KEPT), "done")
    # The offline copy and cached pages go too (close_here); cookies are cleared one by one, so the
    # cancer team's number survives unless asked.
    response = close_here(redirect(url_for(".index"), 303))
    if form.forget_team.data:
        forget_team_phone(response)
    return response
