"""JSON API: /api/v1/centres."""

from flask import Blueprint, jsonify, request
from flask_babel import gettext

from ..centre_search import InvalidQuery, UnknownPlace, parse_centre_query, search_centres
from ..db import get_session
from ..directory import NearbyCentre
from ..translatable import N_
from . import address_lookup

bp = Blueprint("api", __name__, url_prefix="/api/v1")
NEED_ORIGIN = N_("Give a place with q (postcode or town), or a position with lat and lon.")
UNKNOWN_PLACE = N_("No town or postcode matches this search. Try a postcode such as 75014.")


def _error(message: str, param: str | None = None):
    body = {"error": message}
    if param:
        body["param"] = param
    return jsonify(body), 400


def _centre_json(nearby: NearbyCentre) -> dict:
    c = nearby.centre
    return {
        "id": c.id,
        "kind": c.kind,
        "name": c.name,
        "address": c.address,
        "postcode": c.postcode,
        "city": c.city,
        "phone": c.phone,
        "url": c.url,
        "lat": c.lat,
        "lon": c.lon,
        "distance_km": round(nearby.distance_km, 2),
    }


@bp.get("/centres")
def centres():
    try:
        query = parse_centre_query(request.args)
    except InvalidQuery as exc:
        return _error(gettext(exc.message, **exc.values), exc.param)
    if not query.has_origin:
        return _error(gettext(NEED_ORIGIN), "q")
    try:
        search = search_centres(get_session(), query, address_lookup())
    except UnknownPlace:
        return _error(gettext(UNKNOWN_PLACE), "q")  # not echoed: the API never reflects input
    body = {"centres": [_centre_json(nearby) for nearby in search.results]}
    if search.origin:
        o = search.origin
        body["place"] = {
            "name": o.name,
            "postcode": o.postcode,
            "departement": o.departement,
            "lat": o.lat,
            "lon": o.lon,
        }
    return jsonify(body)
