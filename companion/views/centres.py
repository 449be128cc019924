"""The directory of nearby resources: search page, results fragment, place suggestions."""

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext

from ..centre_search import CentreQuery, InvalidQuery, UnknownPlace, parse_centre_query, search_centres
from ..db import get_session
from ..kinds import KINDS, PRECISIONS
from ..notebook import CARE_FOR_KIND
from ..places import suggest_places
from ..translatable import N_
from . import address_lookup
from ..web import render

bp = Blueprint("centres", __name__)
UNKNOWN_PLACE = N_("We could not find “%(q)s”. Check the spelling, or type a postcode such as 75014.")


@bp.get("/centres")
def index():
    status, error, search = 200, None, None
    try:
        query = parse_centre_query(request.args)
    except InvalidQuery as exc:
        query = CentreQuery(q=(request.args.get("q") or "")[:100])
        status, error = 400, gettext(exc.message, **exc.values)
    else:
        if query.has_origin:
            try:
                search = search_centres(get_session(), query, address_lookup())
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


@bp.get("/centres/places")
def places():
    """Suggestions for the place field (a <datalist>'s options)."""
    q = (request.args.get("q") or "")[:100]
    return render_template("partials/centres/place_options.html", places=suggest_places(get_session(), q))
