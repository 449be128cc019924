"""A search for nearby resources: checking its parameters, then finding the place and the centres."""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from sqlmodel import Session

from companion.directory.departements import overseas_name
from companion.directory.kinds import AUDIENCES, KINDS
from companion.directory.models import Centre
from companion.directory.nearest import (
    HELP_MAX_KM,
    NEAR_KM,
    Coverage,
    NearbyCentre,
    coverage,
    help_anywhere,
    nearest_centres,
    nearest_paperwork,
    unplaced_near,
)
from companion.directory.places import Area, Place, Resolution, resolve_place
from companion.translatable import N_, Refusal

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
    audience: str | None = None  # adults or children: leave out what is only for the other

    @property
    def has_origin(self) -> bool:
        return bool(self.q) or self.lat is not None


class InvalidQuery(Refusal):
    """A search parameter that can't be used (its name is the refusal's field)."""


@dataclass(frozen=True)
class CentreSearch:
    """One search's answer. What is worked out from it is worked out once (the results template asks again and
    again): it never changes once made."""

    origin: Place | None  # None when searching from the person's position
    alternatives: list[Place]
    results: list[NearbyCentre]
    choices: list[Place] = field(default_factory=list)  # several places that matter: ask which first
    area: Area | None = None  # a département (the origin is its prefecture) or region (choices) was named
    coverage: Coverage | None = None
    help: list[NearbyCentre] = field(default_factory=list)  # nearest cancer centres, when coverage is short
    unplaced: list[Centre] = field(default_factory=list)  # in the area, exact place unknown: never ranked
    paperwork: list[NearbyCentre] = field(default_factory=list)  # nearest help with paperwork, in a general search

    @cached_property
    def _listed(self) -> list[NearbyCentre]:
        """The results, but for the regional cancer centres already shown first (help): each once."""
        shown = {r.centre.id for r in self.help}
        return [r for r in self.results if r.centre.id not in shown]

    @cached_property
    def near(self) -> list[NearbyCentre]:
        return [r for r in self._listed if r.distance_km <= NEAR_KM]

    @cached_property
    def near_count(self) -> int:
        """How many places are near, the regional cancer centres shown first included."""
        return sum(1 for r in self.results if r.distance_km <= NEAR_KM)

    @cached_property
    def far(self) -> list[NearbyCentre]:
        """Further than "near", but still within reach of the regional cancer centres (HELP_MAX_KM)."""
        return [r for r in self._listed if NEAR_KM < r.distance_km <= HELP_MAX_KM]

    @cached_property
    def listable(self) -> list[NearbyCentre]:
        """What may be offered at all: an entry an ocean or a country away is no answer, and is never listed."""
        return [r for r in self.results if r.distance_km <= HELP_MAX_KM]

    @property
    def out_of_reach(self) -> bool:
        """Entries were found, but none within HELP_MAX_KM."""
        return bool(self.results) and not self.listable

    @property
    def overseas(self) -> str | None:
        """The overseas département searched from (its name), if any."""
        return overseas_name(self.origin.departement) if self.origin else None


class UnknownPlace(Exception):
    """No such place; `suggestions` are the places it may have meant, best first."""

    def __init__(self, q: str, suggestions: list[Place] | None = None):
        super().__init__(q)
        self.suggestions = suggestions or []


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


def typed_place(args: Mapping[str, str]) -> str:
    """The place as typed (`q`), spaces tidied, cut to MAX_QUERY_LENGTH: for showing it back, or a lookup
    that needs no error for a long one."""
    return " ".join((args.get("q") or "").split())[:MAX_QUERY_LENGTH]


def parse_centre_query(args: Mapping[str, str], default_limit: int = 10, default_audience: str = "any") -> CentreQuery:
    """Check search parameters (q, lat, lon, kind, limit, audience); raise InvalidQuery on the first bad one.

    `default_audience`: whom to list for when the query doesn't say (the pages: adults, unless the person said
    they are under 18); "any" leaves no one out."""
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
        # ASCII digits only ("²" is a digit to isdigit() but no number to int()), and no more than the largest
        # limit has, leading zeros aside (int() refuses thousands of digits).
        number = raw_limit.lstrip("0")
        digits = raw_limit.isascii() and raw_limit.isdigit() and len(number) <= len(str(MAX_LIMIT))
        if not digits or not 1 <= int(number or 0) <= MAX_LIMIT:
            raise InvalidQuery("limit", N_("limit must be a whole number from 1 to %(max)s."), {"max": MAX_LIMIT})
        limit = int(number)
    audience = (args.get("audience") or "").strip()
    if audience not in ("", *AUDIENCES):
        raise InvalidQuery("audience", N_("audience must be adults, children or any."))
    audience = audience or default_audience
    audience = None if audience == "any" else audience
    return CentreQuery(q=q, lat=lat, lon=lon, kind=kind, limit=limit, audience=audience)


def _search(
    session: Session, query: CentreQuery, origin: Place | None, lat: float, lon: float, alternatives=(), area=None
):
    kinds = {query.kind} if query.kind else None
    results = nearest_centres(session, lat, lon, kinds, query.limit, query.audience)
    covered = coverage(session, lat, lon, kinds)
    return CentreSearch(
        origin,
        list(alternatives),
        results,
        coverage=covered,
        help=[] if covered.complete else help_anywhere(session, lat, lon),
        unplaced=unplaced_near(session, lat, lon, kinds),
        area=area,
        paperwork=nearest_paperwork(session, lat, lon) if query.kind is None else [],
    )


def search_centres(
    session: Session,
    query: CentreQuery,
    locate: Callable[[str], Place | None] | None = None,
    ask_which: bool = False,
) -> CentreSearch:
    """Nearest centres to the query's position, or to the place it names (UnknownPlace if none).

    `locate` is an optional online geocoder, asked only when the gazetteer knows no such place.
    `ask_which`: a query that could mean several places (a postcode of several towns, "Saint-Maur", a region)
    gives them to choose from, and no results yet; otherwise the best guess is searched.
    """
    if query.lat is not None:
        return _search(session, query, None, query.lat, query.lon)
    resolution = resolve_place(session, query.q)
    if resolution.place is None and locate is not None:
        located = locate(query.q)
        resolution = Resolution(located) if located else resolution
    if resolution.place is None:
        raise UnknownPlace(query.q, resolution.alternatives)
    place = resolution.place
    if ask_which and resolution.ask:
        return CentreSearch(None, [], [], choices=[place, *resolution.alternatives], area=resolution.area)
    return _search(session, query, place, place.lat, place.lon, resolution.alternatives, resolution.area)
