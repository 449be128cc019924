"""The directory of nearby resources: search page, results fragment, place suggestions."""

import io
import re
from datetime import UTC, datetime
from urllib.parse import unquote_plus

import segno
from flask import Blueprint, abort, current_app, make_response, render_template, request, session, url_for
from flask_babel import get_locale, gettext

from ..caching import cache
from ..centre_search import CentreQuery, InvalidQuery, UnknownPlace, parse_centre_query, search_centres
from ..db import get_session
from ..departements import NAMES as DEPARTEMENT_NAMES
from ..departements import departement_exists
from ..directory import centres_in_departement, nearest_of_each_kind
from ..kinds import KINDS, PRECISIONS
from ..notebook import CARE_FOR_KIND
from ..places import resolve_place, suggest_places
from ..reference_data import DIRECTORY_DATE
from ..translatable import N_
from ..web import is_partial, render
from . import address_lookup

bp = Blueprint("centres", __name__)
LAST_PLACE = "last_place"  # in the session cookie only: offered again until the browser closes or a new person starts
UNKNOWN_PLACE = N_("We could not find “%(q)s”. Check the spelling, or type a postcode such as 75014.")


@bp.get("/centres")
def index():
    # The results fragment is the same for everyone asking the same thing in the same language: cache it.
    key = f"centres:{get_locale()}:{request.query_string.decode()}" if is_partial() else None
    cached = cache.get(key) if key else None
    if cached is not None:
        response = make_response(cached)
        response.vary.update(("HX-Request", "HX-Request-Type"))
    else:
        response = _search_page()
        if key and response.status_code == 200:
            cache.set(key, response.get_data())
    q = " ".join((request.args.get("q") or "").split())
    if response.status_code == 200 and q and session.get(LAST_PLACE) != q:
        session[LAST_PLACE] = q
    return response


@bp.app_context_processor
def last_place():
    """The place last searched in this browser session, offered again wherever a place is asked for."""
    return {"last_place": session.get(LAST_PLACE, "")}


def forget_last_place():
    session.pop(LAST_PLACE, None)


def _search_page():
    status, error, search = 200, None, None
    try:
        query = parse_centre_query(request.args)
    except InvalidQuery as exc:
        query = CentreQuery(q=(request.args.get("q") or "")[:100])
        status, error = 400, gettext(exc.message, **exc.values)
    else:
        if query.has_origin:
            try:
                search = search_centres(get_session(), query, address_lookup(), ask_which=True)
            except UnknownPlace:
                status, error = 422, gettext(UNKNOWN_PLACE, q=query.q)
    return render(
        "pages/centres.html",
        "partials/centres/results.html",
        status=status,
        query=query,
        search=search,
        error=error,
        kinds=KINDS,
        precisions=PRECISIONS,
        care_for_kind=CARE_FOR_KIND,
        directions_url=current_app.config["DIRECTIONS_URL"],
        tile_url=current_app.config["TILE_URL"],
        tile_attribution=current_app.config["TILE_ATTRIBUTION"],
    )


@bp.get("/sheet")
def sheet():
    """A one-page printable sheet of the nearest resources of each kind, for a commune or postcode."""
    q = " ".join((request.args.get("q") or "").split())[:100]
    if not q:
        return render_template("pages/sheet.html", place=None, q="", groups={}, error=None, **_sheet_context()), 200
    resolution = resolve_place(get_session(), q)
    if resolution.place is None:
        error = gettext(UNKNOWN_PLACE, q=q)
        return render_template("pages/sheet.html", place=None, q=q, groups={}, error=error, **_sheet_context()), 404
    place = resolution.place
    return render_template(
        "pages/sheet.html",
        place=place,
        q=q,
        error=None,
        # Printed to be typed: accents and spaces as people write them, not percent-encoded.
        live_url=unquote_plus(url_for(".index", q=place.label, _external=True)),
        groups=nearest_of_each_kind(get_session(), place.lat, place.lon, KINDS, per_kind=2),
        **_sheet_context(),
    )


@bp.get("/sheet/qr.svg")
def sheet_qr():
    """QR code of the live list for a place, made here (no outside service)."""
    place = resolve_place(get_session(), (request.args.get("q") or "")[:100]).place
    if place is None:
        abort(404)
    svg = io.BytesIO()
    segno.make(url_for(".index", q=place.label, _external=True), error="m").save(
        svg, kind="svg", scale=4, xmldecl=False
    )
    response = make_response(svg.getvalue())
    response.mimetype = "image/svg+xml"
    return response


def _sheet_context():
    return dict(kinds=KINDS, today=datetime.now(UTC), data_date=DIRECTORY_DATE)


@bp.get("/departements/<code>")
def departement(code: str):
    code = code.upper()
    if not re.fullmatch(r"\d[0-9AB]\d?", code) or not departement_exists(get_session(), code):
        abort(404)
    return render_template(
        "pages/departement.html",
        code=code,
        name=DEPARTEMENT_NAMES.get(code, ""),
        kinds=KINDS,
        centres=centres_in_departement(get_session(), code),
        departements=DEPARTEMENT_NAMES,
    )


@bp.get("/centres/places")
def places():
    """Suggestions for the place field (a <datalist>'s options)."""
    q = (request.args.get("q") or "")[:100]
    return render_template("partials/centres/place_options.html", places=suggest_places(get_session(), q))
