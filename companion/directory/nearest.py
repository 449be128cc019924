"""Nearest-resource search (the in-memory index, then WGS-84 geodesic distances for the rows shown), coverage and help."""

import math
from dataclasses import dataclass

from geopy.distance import geodesic
from sqlmodel import Session, col, select

from companion.directory.departements import NAMES as ILE_DE_FRANCE_NAMES
from companion.directory.index import APART, EARTH_RADIUS_KM, SNAPSHOTS
from companion.directory.kinds import HELP_KINDS, LOCAL_KINDS, PAPERWORK
from companion.directory.models import Centre

# Geodesic and spherical distances differ by under 0.5 %: rows that close to the cut-off are re-ranked.
SPHERE_ERROR = 1.005
# One geopy geodesic kept for its measure(): for the rare pair Vincenty's formula can't settle (antipodes).
WGS84 = geodesic()
WGS84_A, WGS84_F = 6378.137, 1 / 298.257223563  # km, flattening
WGS84_B = WGS84_A * (1 - WGS84_F)
# "Near" for a resource visited again and again during treatment (consultations, workshops): about
# an hour by road. Beyond it the directory says it has nothing near, rather than offer a far place
# as a nearby one; ask the person's own cancer team first.
NEAR_KM = 50
# The national cancer institute's site: its map of the ~900 hospitals authorised to treat cancer and its
# list of information spaces cover all of France (shared/reference/clinical-facts.md, "e-cancer.fr (INCa)").
NATIONAL_LISTING_URL = "https://www.e-cancer.fr"
# Île-de-France, where the directory was first built; said by name rather than as eight codes.
ILE_DE_FRANCE = frozenset(ILE_DE_FRANCE_NAMES)


@dataclass(frozen=True)
class NearbyCentre:
    centre: Centre
    distance_km: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere, in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def geodesic_km(lat: float, lon: float, lats, lons) -> list[float]:
    """WGS-84 geodesic distances (km) from one point to each of a few others: Vincenty's inverse formula (under
    a millimetre from geopy's Karney geodesic) on plain floats, with geopy for any pair it can't settle (nearly
    antipodal points, never two places in France). The rows shown are a handful: numpy's cost per array
    operation came to more than the arithmetic (0.26 ms a call of any size, vs 7 µs a pair here)."""
    u1 = math.atan((1 - WGS84_F) * math.tan(math.radians(lat)))
    sin_u1, cos_u1 = math.sin(u1), math.cos(u1)
    return [_vincenty_km(sin_u1, cos_u1, lat, lon, lat2, lon2) for lat2, lon2 in zip(lats, lons, strict=True)]


# What Vincenty's formula asks of the ellipsoid, worked out once.
_SECOND_ECCENTRICITY_SQ = (WGS84_A**2 - WGS84_B**2) / WGS84_B**2


def _vincenty_km(sin_u1: float, cos_u1: float, lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    f, sin, cos = WGS84_F, math.sin, math.cos
    big_l = math.radians(lon2 - lon1)
    u2 = math.atan((1 - f) * math.tan(math.radians(lat2)))
    sin_u2, cos_u2 = sin(u2), cos(u2)
    cc, ss, cs, sc = cos_u1 * cos_u2, sin_u1 * sin_u2, cos_u1 * sin_u2, sin_u1 * cos_u2
    lam = big_l
    for _ in range(200):
        sin_lam, cos_lam = sin(lam), cos(lam)
        sin_sigma = math.hypot(cos_u2 * sin_lam, cs - sc * cos_lam)
        if sin_sigma == 0:
            return 0.0  # the same point
        cos_sigma = ss + cc * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = cc * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha * sin_alpha
        cos_2sm = cos_sigma - 2 * ss / cos2_alpha if cos2_alpha else 0.0  # 0: along the equator
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * f * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm * cos_2sm))
        )
        if abs(lam - previous) < 1e-12:
            break
    else:
        return WGS84.measure((lat1, lon1), (lat2, lon2))
    u_sq = cos2_alpha * _SECOND_ECCENTRICITY_SQ
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    cos_2sm_sq = cos_2sm * cos_2sm
    delta_sigma = (
        big_b
        * sin_sigma
        * (
            cos_2sm
            + big_b
            / 4
            * (
                cos_sigma * (-1 + 2 * cos_2sm_sq)
                - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma * sin_sigma) * (-3 + 4 * cos_2sm_sq)
            )
        )
    )
    km = WGS84_B * big_a * (sigma - delta_sigma)
    return km if math.isfinite(km) else WGS84.measure((lat1, lon1), (lat2, lon2))


# Entries kept in memory per directory version: a directory up to this size is read whole, in one query, by
# the version's first search (France's few thousand entries: no search reads a row after that); a directory
# of millions keeps only this many of those shown (the rest is read as needed).
KEPT_ROWS = 5000


def _read(session: Session, query) -> list[Centre]:
    """Entries read whole and detached from the session: the memo shares them with every request of the worker."""
    read = session.exec(query).all()
    for centre in read:
        session.expunge(centre)  # all its columns are loaded: nothing is read later
    return read


def _rows(session: Session, ids) -> dict[str, Centre]:
    """These entries by id, from the current version's memo or the database. The memo's rows are shared by
    every request of the worker: read them, never change them."""
    snapshot = SNAPSHOTS.get(session)
    kept = snapshot.memo.rows
    if kept is None:
        whole = len(snapshot.ids) + len(snapshot.unplaced) <= KEPT_ROWS
        kept = snapshot.memo.rows = {c.id: c for c in _read(session, select(Centre))} if whole else {}
    wanted = set(ids)
    missing = [i for i in wanted if i not in kept]
    found = {}
    if missing:
        for centre in _read(session, select(Centre).where(col(Centre.id).in_(missing))):
            found[centre.id] = centre
            if len(kept) < KEPT_ROWS:
                kept[centre.id] = centre
    return {i: kept.get(i) or found[i] for i in wanted if i in kept or i in found}


def _ranked(snapshot, lat, lon, kind, limit, audience) -> list[tuple[float, str]]:
    """(geodesic km, id) of the `limit` nearest: the index's spherical order, re-ranked by geodesic distance
    over every candidate that could still come within the first `limit` (spherical error under 0.5 %)."""
    # Twice as many as wanted from the start: the `limit`-th is always inside its own margin, so asking for
    # `limit` alone always had to ask again.
    asked = 2 * limit
    while True:
        candidates = snapshot.nearest(lat, lon, kind, asked, audience)
        if not candidates:
            return []
        cut = candidates[min(limit, len(candidates)) - 1][3] * SPHERE_ERROR + 0.01
        if candidates[-1][3] > cut or len(candidates) < asked:
            break
        asked *= 2  # every candidate is inside the margin: look further before re-ranking
    kept = [c for c in candidates if c[3] <= cut]
    km = geodesic_km(lat, lon, [c[1] for c in kept], [c[2] for c in kept])
    return sorted(zip(km, (c[0] for c in kept), strict=True))[:limit]


def nearest_centres(
    session: Session,
    lat: float,
    lon: float,
    kinds: set[str] | None = None,
    limit: int = 10,
    audience: str | None = None,
) -> list[NearbyCentre]:
    """The `limit` resources nearest to (lat, lon), nearest first, with geodesic distances in km.

    audience ("adults" or "children"): leave out the entries that are only for the other.
    An entry placed only at its town's centre is never ranked by distance: see unplaced_near()."""
    snapshot = SNAPSHOTS.get(session)
    ranked = []
    for kind in sorted(kinds) if kinds else [None]:
        ranked += _ranked(snapshot, lat, lon, kind, limit, audience)
    ranked = sorted(ranked)[:limit]
    centres = _rows(session, [i for _, i in ranked])
    return [NearbyCentre(centres[i], km) for km, i in ranked if i in centres]


def unplaced_near(session: Session, lat: float, lon: float, kinds: set[str] | None = None) -> list[Centre]:
    """Entries whose exact place is unknown (placed at their town's centre) in the area, by name."""
    ids = [
        c_id
        for c_id, kind, c_lat, c_lon in SNAPSHOTS.get(session).unplaced
        if (not kinds or kind in kinds) and haversine_km(lat, lon, c_lat, c_lon) <= NEAR_KM
    ]
    return sorted(_rows(session, ids).values(), key=lambda c: c.name)


@dataclass(frozen=True)
class Coverage:
    """What the directory has near a place, kind by kind, and where it lists the kinds it lacks there."""

    # The kinds asked for with nothing ranked within NEAR_KM, each with the départements where it is listed: said
    # kind by kind (the pain structures and the fertility centres are not listed in the same places).
    listed: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(kind for kind, _ in self.listed)

    @property
    def complete(self) -> bool:
        return not self.listed

    @property
    def departements(self) -> tuple[str, ...]:
        """Where any of the missing kinds is listed (the API's one list)."""
        return tuple(sorted(set().union(*(where for _, where in self.listed))))

    def listed_in(self, kind: str) -> tuple[str, ...]:
        """Where the directory lists this kind, if it lacks it here (nothing if it doesn't)."""
        return dict(self.listed).get(kind, ())

    @property
    def said_once(self) -> tuple[str, ...] | None:
        """The départements to name once for all the missing kinds, when they are listed in the same ones;
        None when they differ (then said kind by kind)."""
        places = {where for _, where in self.listed}
        return places.pop() if len(places) == 1 else None


def outside_ile_de_france(departements) -> list[str]:
    """Those of these départements outside Île-de-France: the coverage note names them (Île-de-France as one)."""
    return [d for d in departements if d not in ILE_DE_FRANCE]


def coverage(session: Session, lat: float, lon: float, kinds: set[str] | None = None) -> Coverage:
    """Which of the kinds asked for (all local kinds if none) have no resource within NEAR_KM, and where the
    directory lists those."""
    snapshot = SNAPSHOTS.get(session)
    local = [k.key for k in LOCAL_KINDS]
    # The national kinds are everywhere: only the local ones can be missing.
    asked = sorted(k for k in kinds if k in local) if kinds else local
    return Coverage(  # hashable: what it says is rendered once per language and coverage
        tuple(
            (k, tuple(sorted(snapshot.departements.get(k, set()))))
            for k in asked
            if not snapshot.within(lat, lon, k, NEAR_KM)
        )
    )


# The regional cancer centres serve a region each: one further than this (overseas France is 7,000 km
# from the nearest) is no practical answer, and is not offered as "the nearest".
HELP_MAX_KM = 400


def help_anywhere(session: Session, lat: float, lon: float, count: int = 2) -> list[NearbyCentre]:
    """The nearest regional cancer centres: every cancer hospital must organise supportive care (Décret 2022-689)."""
    return [c for c in nearest_centres(session, lat, lon, set(HELP_KINDS), count) if c.distance_km <= HELP_MAX_KM]


def nearest_paperwork(session: Session, lat: float, lon: float, count: int = 2) -> list[NearbyCentre]:
    """The nearest desks that help with paperwork (France services: every département has some)."""
    return [c for c in nearest_centres(session, lat, lon, {PAPERWORK}, count) if c.distance_km <= HELP_MAX_KM]


def nearest_of_each_kind(
    session: Session, lat: float, lon: float, kinds, per_kind: int = 2, audience: str | None = None
) -> dict[str, list[NearbyCentre]]:
    """For a printed sheet: the few nearest resources of every kind, kind by kind (for `audience`, as in
    nearest_centres)."""
    return {kind: nearest_centres(session, lat, lon, {kind}, per_kind, audience) for kind in kinds}


def centres_in_departement(session: Session, departement: str) -> list[Centre]:
    """The supportive-care resources of a département (the kinds offered apart are not among them)."""
    return list(
        session.exec(
            select(Centre)
            .where(Centre.departement == departement, col(Centre.kind).not_in(APART))
            .order_by(Centre.kind, Centre.city, Centre.name)
        )
    )
