"""What the directory's pages, its API and other parts ask of it during a request: the configured address
lookup, whom a search lists for by default (from the answers kept in this browser), the place last searched in
this browser session (a cookie of its own), and the cancer network of a place's region.

Like answers.py and on_device.py, this module reads the request (its cookies, the app's settings); the
directory's domain modules do not."""

from pathlib import Path

from flask import current_app, g, request

from companion.assessment.answers import answers_in_progress
from companion.db import get_session
from companion.directory.networks import Network, bundled_networks, departement_at, network_of
from companion.directory.places import resolve_place
from companion.directory.search import MAX_QUERY_LENGTH
from companion.translatable import N_
from companion.web.device import FLAGS, forget_cookie

# The place last searched, offered again until the browser closes or a new person starts: a cookie of its own,
# not the sealed session, so a search for a new place re-seals nothing (the place is shown on this phone's
# pages anyway, and a town holds nothing of a person's health).
LAST_PLACE = "last_place"
UNKNOWN_PLACE = N_("We could not find “%(q)s”. Check the spelling, or type a postcode such as 75014.")
NETWORKS_FILE = "regional_cancer_networks.csv"


def address_lookup():
    """The configured online geocoder's lookup, or None (the default: gazetteer only)."""
    service = current_app.extensions.get("address_service")
    return service.locate if service else None


def audience_by_default() -> str:
    """Whom a search lists for when the person doesn't say: adults, unless they said in the self-assessment (its
    answers kept in this browser) that they are under 18. A children's pain centre is no answer for a
    65-year-old, and the reverse."""
    context = answers_in_progress().get("context")
    return "children" if isinstance(context, dict) and context.get("age") == "under_18" else "adults"


def last_place() -> str:
    """The place last searched in this browser session, or "" (or once a new person started)."""
    if g.get("place_forgotten"):
        return ""
    return request.cookies.get(LAST_PLACE, "")[:MAX_QUERY_LENGTH]


def remember_place(q: str):
    g.place_searched = q


def forget_last_place():
    g.place_forgotten = True


def keep_last_place(response):
    """After each request: the cookie follows the place just searched, or goes when a new person starts; it
    lasts until the browser closes, and is left as it is when nothing changed."""
    kept = request.cookies.get(LAST_PLACE)
    if g.get("place_forgotten"):
        if kept is not None:
            forget_cookie(response, LAST_PLACE)
    elif g.get("place_searched", kept) != kept:
        response.set_cookie(LAST_PLACE, g.place_searched, **FLAGS)
    return response


def regional_network(departement: str | None = None, lat: float | None = None, lon: float | None = None):
    """The cancer network of a département's region, or of the region around a position."""
    if departement is None and lat is not None:
        departement = departement_at(get_session(), lat, lon)
    if not departement:
        return None
    return network_of(bundled_networks(Path(current_app.config["DATA_DIR"]) / NETWORKS_FILE), departement)


def network_of_place(q: str) -> Network | None:
    """The cancer network of the region of a place as typed (None if there is no such place)."""
    place = resolve_place(get_session(), q).place if q else None
    return regional_network(place.departement) if place else None


def search_network(search, query) -> Network | None:
    """The network of the region searched in (of the place, or around the position)."""
    if search is None or search.choices:
        return None
    if search.origin:
        return regional_network(search.origin.departement)
    return regional_network(lat=query.lat, lon=query.lon)
