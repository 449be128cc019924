"""What the directory's pages, its API and other parts ask of it during a request: the configured address
lookup, whom a search lists for by default (from the answers kept in this browser), the place last searched in
this browser (a cookie of its own, kept while in use), and the cancer network of a place's region.

Like answers.py and on_device.py, this module reads the request (its cookies, the app's settings); the
directory's domain modules do not."""

import time
from pathlib import Path

from flask import current_app, g, request

from companion.assessment.answers import IDLE_MINUTES, answers_in_progress
from companion.db import get_session
from companion.directory.networks import Network, bundled_networks, departement_at, network_of
from companion.directory.places import resolve_place
from companion.directory.search import MAX_QUERY_LENGTH
from companion.translatable import N_
from companion.web.device import FLAGS, forget_cookie

# The place last searched, offered again on this phone's pages: a cookie of its own, not the sealed session, so
# a search for a new place re-seals nothing (the place is shown on this phone's pages anyway, and a town holds
# nothing of a person's health). It holds "<time last used>:<place>". Phones are shared: like the answers in
# progress, it is forgotten after IDLE_MINUTES unused (the same constant: one idle limit for all a person leaves
# on a phone), and at once when a new person starts.
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


def _kept_place() -> tuple[str, int] | None:
    """The place in this browser's cookie and when it was last used (epoch seconds), unless idle too long."""
    used, _, place = request.cookies.get(LAST_PLACE, "").partition(":")
    if not (used.isdigit() and place) or time.time() - int(used) > IDLE_MINUTES * 60:
        return None
    return place[:MAX_QUERY_LENGTH], int(used)


def last_place() -> str:
    """The place last searched in this browser, or "" (once idle too long, or once a new person started)."""
    kept = None if g.get("place_forgotten") else _kept_place()
    if kept is None:
        return ""
    g.place_offered = True  # still in use: kept a while longer (see keep_last_place)
    return kept[0]


def remember_place(q: str):
    g.place_searched = q


def forget_last_place():
    g.place_forgotten = True


def keep_last_place(response):
    """After each request: the cookie follows the place just searched, is renewed while the place is offered (at
    most once a minute, as the answers), and goes once idle too long or when a new person starts; left as it is
    when nothing changed."""
    now, kept = int(time.time()), _kept_place()
    place = None if g.get("place_forgotten") else g.get("place_searched", kept[0] if kept else None)
    if place is None:
        if LAST_PLACE in request.cookies:
            forget_cookie(response, LAST_PLACE)
    elif kept is None or place != kept[0] or (g.get("place_offered") and now - kept[1] > 60):
        response.set_cookie(LAST_PLACE, f"{now}:{place}", max_age=IDLE_MINUTES * 60, **FLAGS)
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
