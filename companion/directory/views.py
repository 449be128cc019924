"""The directory of nearby resources: search page, results fragment, place suggestions."""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote_plus

from flask import Blueprint, abort, current_app, g, render_template, request, session, url_for
from flask_babel import get_locale, gettext
from flask_wtf.csrf import generate_csrf

from companion.db import get_session, session_if_open
from companion.directory.corrections import REASONS, report_change
from companion.directory.departements import DEPARTEMENTS, departement_exists, overseas_name
from companion.directory.departements import NAMES as ILE_DE_FRANCE_NAMES
from companion.directory.entries import entry_context, personal_entries
from companion.directory.forms import ReportForm
from companion.directory.index import SNAPSHOTS
from companion.directory.kinds import (
    AUDIENCES,
    KINDS,
)
from companion.directory.lookups import (
    UNKNOWN_PLACE,
    address_lookup,
    audience_by_default,
    last_place,
    regional_network,
    remember_place,
    search_network,
)
from companion.directory.models import Centre
from companion.directory.nearest import (
    NEAR_KM,
    centres_in_departement,
    coverage,
    help_anywhere,
    nearest_of_each_kind,
    nearest_paperwork,
    unplaced_near,
)
from companion.directory.places import resolve_place, suggest_places
from companion.directory.search import (
    CentreQuery,
    InvalidQuery,
    UnknownPlace,
    parse_centre_query,
    search_centres,
    typed_place,
)
from companion.directory.version import answer_from, known_state
from companion.web.caching import cache
from companion.web.device import in_guide_mode
from companion.web.i18n import elide, language_switch, refusal_text
from companion.web.limits import limiter
from companion.web.render import is_partial, qr_svg, render_for_everyone, render_shared

bp = Blueprint("directory", __name__)


# Reports are few and considered: a tighter budget than other writes, against a flood for the coordinator.
REPORT_LIMIT = "5 per minute;30 per day"


@dataclass(frozen=True)
class Results:
    """The results part of the directory page, rendered once for everyone asking the same thing in the same
    language (render_for_everyone: nothing per person in it), and what the page around it needs."""

    encoded: bytes  # the results' HTML in UTF-8, encoded once (an htmx swap sends it as it is)
    status: int
    query: CentreQuery  # as parsed (or, for a bad one, the place as typed): the page's search form
    place: str | None  # for the page's title
    has_results: bool


@bp.get("/centres")
def index():
    audience = audience_by_default()
    try:
        query, refused = parse_centre_query(request.args, default_audience=audience), None
    except InvalidQuery as exc:
        query, refused = CentreQuery(q=typed_place(request.args)), exc
    # A question that can't be parsed is never cached.
    results = _results(query, refused) if refused else _cached_results(query)
    q = typed_place(request.args)
    if results.status == 200 and q:
        remember_place(q)
    if is_partial():
        return render_shared(personal_entries(results.encoded), "pages/directory.html", status=results.status)
    query, place = results.query, results.place
    # The page around the results is rendered once per shape (render_shell); this search's words fill it in.
    # Guide mode and a message to show are this person's: then the page is rendered whole.
    personal = in_guide_mode() or "_flashes" in session
    return render_shared(
        personal_entries(results.encoded),
        "pages/directory.html",
        status=results.status,
        shape=None if personal else (query.has_origin, query.kind, query.audience, bool(place), results.has_results),
        filled={
            "near_place": elide(gettext("Near %(place)s", place=place)) if place else "",
            "shown_place": query.q or (last_place() if not query.has_origin else ""),
            "suggest_url": url_for("suggest.form", town=place or None, kind=query.kind or None),
            "csrf_token": generate_csrf(),
            "language_switch": language_switch(),
        },
        results=results,
        query=query,
        kinds=KINDS,
        audience_choices=AUDIENCES,
        tile_url=current_app.config["TILE_URL"],
        tile_attribution=current_app.config["TILE_ATTRIBUTION"],
    )


def _cached_results(query: CentreQuery) -> Results:
    """The results of a question that parses: as kept for anyone who asked it of this directory version, or
    found now and kept."""
    state = known_state(session_if_open(), current_app.extensions["engine"])
    key = _cache_key(query, state.version)
    results = cache.get(key)
    if results is None:
        answer_from(get_session(), state)  # the version of the key
        results = _results(query)
        # While this worker builds the new version's index, searches answer from the older one: their
        # results are never kept under the new version's key.
        answered_from = SNAPSHOTS.answered_from(get_session())
        if results.status == 200 and (answered_from is None or answered_from >= state.version):
            cache.set(key, results)
    return results


def _cache_key(query: CentreQuery, version: int) -> str:
    """What the results depend on: the directory's version (read before searching: a change makes new keys,
    nothing needs clearing), the language, where the app is mounted (its links start with it), and the question as
    parsed, not as written: however it is spelt in the address (parameters in another order, unknown ones added,
    spaces), one entry. The parsed question holds whom it lists for, which may come from this person's answers
    (audience_by_default)."""
    return f"centres:{version}:{get_locale()}:{request.script_root}:{query!r}"


def _results(query: CentreQuery, refused: InvalidQuery | None = None) -> Results:
    status, error, search, suggestions = 200, None, None, []
    if refused:
        status, error = 400, refusal_text(refused)
    elif query.has_origin:
        try:
            search = search_centres(get_session(), query, address_lookup(), ask_which=True)
        except UnknownPlace as exc:
            status, error, suggestions = 422, gettext(UNKNOWN_PLACE, q=query.q), exc.suggestions
    html = render_for_everyone(
        "partials/directory/results.html",
        query=query,
        search=search,
        question=which_place(query.q, search) if search and search.choices else None,
        error=error,
        suggestions=suggestions,
        network=search_network(search, query),
        **entry_context(shared=True),
    )
    place = search.origin.label if search and search.origin else None
    return Results(html.encode(), status, query, place, bool(search and (search.listable or search.unplaced)))


@bp.get("/sheet")
def sheet():
    """A one-page printable sheet of the nearest resources of each kind, for a commune or postcode."""
    q = typed_place(request.args)
    audience = (request.args.get("audience") or "").strip() or audience_by_default()
    if audience not in AUDIENCES:
        return render_template(
            "pages/sheet.html",
            place=None,
            q=q,
            error=gettext("audience must be adults, children or any."),
            suggestions=[],
            **_sheet_context(),
        ), 400
    g.sheet_audience = audience
    if not q:
        return render_template(
            "pages/sheet.html", place=None, q="", error=None, suggestions=[], **_sheet_context()
        ), 200
    resolution = resolve_place(get_session(), q)
    if resolution.place is None:
        error = gettext(UNKNOWN_PLACE, q=q)
        return render_template(
            "pages/sheet.html", place=None, q=q, error=error, suggestions=resolution.alternatives, **_sheet_context()
        ), 404
    if resolution.ask:  # one sheet is for one place: which one?
        return render_template(
            "pages/sheet.html",
            place=None,
            q=q,
            error=None,
            suggestions=[resolution.place, *resolution.alternatives],
            **{**_sheet_context(), "question": which_place(q, resolution)},
        )
    place, session_ = resolution.place, get_session()
    local = [key for key, kind in KINDS.items() if not kind.national]
    covered = coverage(session_, place.lat, place.lon)
    # Paper gives a person something to act on: an entry with neither address nor phone is left to the live list.
    unplaced = unplaced_near(session_, place.lat, place.lon)
    reachable = [c for c in unplaced if c.reachable]
    return render_template(
        "pages/sheet.html",
        place=place,
        q=q,
        error=None,
        # Printed to be typed: accents and spaces as people write them, not percent-encoded.
        live_url=unquote_plus(url_for(".index", q=place.label, _external=True)),
        # Only what is near: a far place is not "supportive care near" this town.
        groups={
            kind: [r for r in results if r.distance_km <= NEAR_KM]
            for kind, results in nearest_of_each_kind(
                session_, place.lat, place.lon, local, per_kind=2, audience=None if audience == "any" else audience
            ).items()
        },
        coverage=covered,
        overseas=overseas_name(place.departement),
        help=[] if covered.complete else help_anywhere(session_, place.lat, place.lon),
        unplaced=reachable,
        left_off=len(unplaced) - len(reachable),
        network=regional_network(place.departement),
        paperwork=nearest_paperwork(session_, place.lat, place.lon, count=1),  # one page: the nearest only
        where=place.label,
        **_sheet_context(),
    )


@bp.get("/sheet/qr.svg")
def sheet_qr():
    """QR code of the live list for a place, made here (no outside service)."""
    place = resolve_place(get_session(), typed_place(request.args)).place
    if place is None:
        abort(404)
    return qr_svg(url_for(".index", q=place.label, _external=True))


def which_place(q: str, resolution) -> str:
    """The question asked when a query could mean several places."""
    if resolution.area:
        return gettext("%(region)s is a region. Choose a département:", region=resolution.area.name)
    if q.isdigit():
        return gettext("Several towns share the postcode %(postcode)s. Choose yours:", postcode=q)
    return gettext("Several places are called “%(name)s”. Choose yours:", name=q)


def _sheet_context():
    return dict(
        today=datetime.now(UTC),
        question=None,
        audience=g.get("sheet_audience", "adults"),
        audience_choices=AUDIENCES,
        **entry_context(),
    )


def _centre_or_404(centre_id: str) -> Centre:
    centre = get_session().get(Centre, centre_id[:80])
    if centre is None:
        abort(404)
    return centre


@bp.route("/centres/<centre_id>/report", methods=["GET", "POST"])
@limiter.limit(REPORT_LIMIT, methods=["POST"])
def report(centre_id: str):
    """Report a change to one entry: kept for a coordinator to check; nothing changes publicly before."""
    centre = _centre_or_404(centre_id)
    form = ReportForm()
    if form.validate_on_submit():
        report_change(get_session(), centre, form.reason.data, form.details.data, datetime.now(UTC))
        return render_template("pages/report.html", centre=centre, form=None, reasons=REASONS, **entry_context())
    status = 422 if form.is_submitted() else 200
    return render_template("pages/report.html", centre=centre, form=form, reasons=REASONS, **entry_context()), status


@bp.get("/departements/<code>")
def departement(code: str):
    code = code.upper()
    if not departement_exists(get_session(), code):
        abort(404)
    return personal_entries(
        render_template(
            "pages/departement.html",
            code=code,
            name=DEPARTEMENTS[code].name if code in DEPARTEMENTS else "",
            centres=centres_in_departement(get_session(), code),
            departements=ILE_DE_FRANCE_NAMES,
            **entry_context(),
        )
    )


@bp.get("/centres/places")
def places():
    """Suggestions for the place field (a <datalist>'s options)."""
    q = typed_place(request.args)
    return render_template("partials/directory/place_options.html", places=suggest_places(get_session(), q))
