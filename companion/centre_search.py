"""A search for nearby resources: checking its parameters, then finding the place and the centres."""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlmodel import Session

from .directory import NearbyCentre, nearest_centres
from .kinds import KINDS
from .places import Place, Resolution, is_postcode, resolve_place
from .translatable import N_

MAX_QUERY_LENGTH = 100
MAX_LIMIT = 50
# Browser positions are rounded to 2 decimals (about 1 km) before they are sent: same rule here.
POSITION_DECIMALS = 2


@dataclass(frozen=True)
class CentreQuery:
    q: str = ""
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None
    limit: int = 10

    @property
    def has_origin(self) -> bool:
        return bool(self.q) or self.lat is not None


@dataclass
class InvalidQuery(Exception):
    """A parameter that can't be used: which one, and a message for a person (msgid + values)."""

    param: str
    message: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CentreSearch:
    origin: Place | None  # None when searching from the person's position
    alternatives: list[Place]
    results: list[NearbyCentre]
    choices: list[Place] = field(default_factory=list)  # a postcode of several towns: ask which first


class UnknownPlace(Exception):
    pass


def _number(args: Mapping[str, str], name: str, bound: float) -> float | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise InvalidQuery(name, N_("%(param)s must be a number."), {"param": name}) from None
    if not math.isfinite(value) or not -bound <= value <= bound:
        raise InvalidQuery(
            name, N_("%(param)s must be between -%(bound)s and %(bound)s."), {"param": name, "bound": int(bound)}
        )
    return round(value, POSITION_DECIMALS)


def parse_centre_query(args: Mapping[str, str], default_limit: int = 10) -> CentreQuery:
    """Check search parameters (q, lat, lon, kind, limit); raise InvalidQuery on the first bad one."""
    q = " ".join((args.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            "q", N_("The place name is too long (%(max)s characters at most)."), {"max": MAX_QUERY_LENGTH}
        )
    lat, lon = _number(args, "lat", 90), _number(args, "lon", 180)
    if (lat is None) != (lon is None):
        raise InvalidQuery("lat" if lat is None else "lon", N_("Give both lat and lon, or neither."))
    kind = (args.get("kind") or "").strip() or None
    if kind is not None and kind not in KINDS:
        raise InvalidQuery(
            "kind", N_("Unknown kind of resource. Choose one of: %(kinds)s."), {"kinds": ", ".join(KINDS)}
        )
    raw_limit = (args.get("limit") or "").strip()
    limit = default_limit
    if raw_limit:
        if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
            raise InvalidQuery("limit", N_("limit must be a whole number from 1 to %(max)s."), {"max": MAX_LIMIT})
        limit = int(raw_limit)
    return CentreQuery(q=q, lat=lat, lon=lon, kind=kind, limit=limit)


def search_centres(
    session: Session,
    query: CentreQuery,
    locate: Callable[[str], Place | None] | None = None,
    ask_which: bool = False,
) -> CentreSearch:
    """Nearest centres to the query's position, or to the place it names (UnknownPlace if none).

    `locate` is an optional online geocoder, asked only when the gazetteer knows no such place.
    `ask_which`: a postcode shared by several towns gives the towns to choose from, and no results yet.
    """
    kinds = {query.kind} if query.kind else None
    if query.lat is not None:
        return CentreSearch(None, [], nearest_centres(session, query.lat, query.lon, kinds, query.limit))
    resolution = resolve_place(session, query.q)
    if resolution.place is None and locate is not None:
        resolution = Resolution(locate(query.q))
    if resolution.place is None:
        raise UnknownPlace(query.q)
    place = resolution.place
    if ask_which and is_postcode(query.q) and resolution.alternatives:
        return CentreSearch(None, [], [], choices=[place, *resolution.alternatives])
    return CentreSearch(
        place, resolution.alternatives, nearest_centres(session, place.lat, place.lon, kinds, query.limit)
    )
