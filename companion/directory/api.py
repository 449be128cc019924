"""JSON API: /api/v1/centres, described by /api/v1/openapi.json (OpenAPI 3.1)."""

import json
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext

from companion.db import get_session
from companion.directory.index import SNAPSHOTS
from companion.directory.kinds import AUDIENCES, DAYS, FERTILITY_DUTY, KINDS, PHONE_TYPES, PRECISIONS
from companion.directory.lookups import address_lookup, search_network
from companion.directory.models import Centre
from companion.directory.nearest import NATIONAL_LISTING_URL, NEAR_KM
from companion.directory.networks import Network
from companion.directory.search import CentreSearch, InvalidQuery, UnknownPlace, parse_centre_query, search_centres
from companion.phones import is_premium_rate
from companion.translatable import N_
from companion.web.i18n import refusal_text, translate

bp = Blueprint("api", __name__, url_prefix="/api/v1")
OPENAPI = Path(__file__).resolve().parent / "openapi.json"
NEED_ORIGIN = N_("Give a place with q (postcode or town), or a position with lat and lon.")
# Not the pages' UNKNOWN_PLACE (directory.lookups), which quotes what was typed: an API answer never echoes its
# input, since a client may show the message without escaping it.
NO_PLACE_MATCHES = N_("No town or postcode matches this search. Try a postcode such as 75014.")
NOT_COVERED = N_(
    "The directory lists nothing of these kinds within %(km)d km yet: %(kinds)s. Ask your own cancer team for its "
    "supportive care team; the nearest regional cancer centres are in help."
)


def _error(message: str, param: str | None = None, **extra):
    body = {"error": message, **extra}
    if param:
        body["param"] = param
    return jsonify(body), 400


def _entry(kept: dict[str, dict], c: Centre, distance_km: float | None = None) -> dict:
    """An entry as the API gives it: its fields worked out once per directory version (`kept` with the version's
    snapshot, shared by every request: copied, never changed), then the distance of this search."""
    if c.id not in kept:
        kept[c.id] = _fields(c)
    if distance_km is None:
        return kept[c.id]
    return {**kept[c.id], "distance_km": round(distance_km, 2)}


def _fields(c: Centre) -> dict:
    body = {
        "id": c.id,
        "kind": c.kind,
        "name": c.name,
        "establishment": c.establishment,
        "address": c.address,
        "postcode": c.postcode,
        "city": c.city,
        "departement": c.departement,
        "phone": c.phone,
        "phone_type": c.phone_type or None,
        "phone_premium_rate": is_premium_rate(c.phone) if c.phone else False,
        "url": c.url,
        "audience": c.audience,
        "position_precision": c.coord_precision,
        "checked_on": c.checked_on.isoformat() if c.checked_on else None,
        "source": c.source,
        "opening_hours": dict(c.hours_by_day) or None,
        "roaming": c.roaming,
    }
    if c.placed:
        body.update(lat=c.lat, lon=c.lon)
    return body


def _network(network: Network | None) -> dict | None:
    if network is None:
        return None
    return {
        "region_code": network.region_code,
        "region": network.region,
        "name": network.name,
        "website": network.website,
        "regional_directory": network.directory_url,
        "source_url": network.source_url,
        "source_year": network.source_year,
        "confirmed_recently": not network.weak,
    }


def _coverage(search: CentreSearch) -> dict:
    cov = search.coverage
    body = {
        "complete": cov.complete,
        "near_km": NEAR_KM,
        "missing_kinds": cov.missing,
        "listed_in_departements": cov.departements,
        "listed_by_kind": dict(cov.listed),
        "national_listing_url": NATIONAL_LISTING_URL,
    }
    if not cov.complete:
        kinds = ", ".join(translate(KINDS[k].name) for k in cov.missing)
        body["message"] = translate(NOT_COVERED, km=NEAR_KM, kinds=kinds)
    if "fertility" in cov.missing:
        body["fertility_note"] = translate(FERTILITY_DUTY)
    return body


@bp.get("/centres")
def centres():
    try:
        query = parse_centre_query(request.args)
    except InvalidQuery as exc:
        return _error(refusal_text(exc), exc.field)
    if not query.has_origin:
        return _error(gettext(NEED_ORIGIN), "q")
    try:
        search = search_centres(get_session(), query, address_lookup())
    except UnknownPlace as exc:
        # Never echoes what was typed; the suggestions are the gazetteer's own names.
        return _error(gettext(NO_PLACE_MATCHES), "q", suggestions=[p.label for p in exc.suggestions])
    kept = SNAPSHOTS.get(get_session()).memo.api_entries
    body = {
        "coverage": _coverage(search),
        "centres": [_entry(kept, n.centre, n.distance_km) for n in search.results],
        "unplaced": [_entry(kept, c) for c in search.unplaced],
        "help": [_entry(kept, n.centre, n.distance_km) for n in search.help],
        "paperwork": [_entry(kept, n.centre, n.distance_km) for n in search.paperwork],
        "network": _network(search_network(search, query)),
    }
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


# The document names these lists; their values come from kinds.py, so a new kind is in the API as it is listed.
ENUMS = {
    "Kind": list(KINDS),
    "Audience": list(AUDIENCES),
    "PhoneType": [*PHONE_TYPES, None],  # null: no number
    "PositionPrecision": list(PRECISIONS),
    "Day": list(DAYS),
}


@cache
def _openapi() -> dict:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    for name, values in ENUMS.items():
        document["components"]["schemas"][name]["enum"] = values
    return document


@bp.get("/openapi.json")
def openapi():
    document = dict(_openapi())
    document["servers"] = [{"url": request.host_url.rstrip("/") + "/api/v1"}]
    response = jsonify(document)
    response.cache_control.public, response.cache_control.max_age = (
        True,
        current_app.get_send_file_max_age(None) or 3600,
    )
    return response
