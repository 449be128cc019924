"""Nearest-resource search: a cheap bounding-box and haversine prefilter, geodesic distances for the rows shown."""

import math
from dataclasses import dataclass

from geopy.distance import geodesic
from sqlmodel import Session, col, select

from .kinds import KINDS, LOCAL_KINDS, RANKED_PRECISIONS
from .models import Centre

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = 111.2
# Radii tried in turn until enough resources are found; the last one covers the globe.
SEARCH_RADII_KM = (15, 60, 240, 960, 4000, 20100)
# Geodesic and spherical distances differ by under 0.5 %: rows that close to the cut-off are re-ranked.
SPHERE_ERROR = 1.005
# One geopy geodesic kept for its measure(): a new one per pair would rebuild the WGS-84 model each time.
WGS84 = geodesic()
# "Near" for a resource visited again and again during treatment (consultations, workshops): about
# an hour by road. Beyond it the directory says it has nothing near, rather than offer a far place
# as a nearby one (issue 16); ask the person's own cancer team first.
NEAR_KM = 50
# The national cancer institute's site: its map of the ~900 hospitals authorised to treat cancer and its
# list of information spaces cover all of France (shared/reference/clinical-facts.md, "e-cancer.fr (INCa)").
NATIONAL_LISTING_URL = "https://www.e-cancer.fr"
# Île-de-France, where the directory was first built; said by name rather than as eight codes.
ILE_DE_FRANCE = frozenset(("75", "77", "78", "91", "92", "93", "94", "95"))


@dataclass(frozen=True)
class NearbyCentre:
    centre: Centre
    distance_km: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere, in km (prefilter only)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _within_box(query, lat: float, lon: float, radius_km: float):
    dlat = radius_km / KM_PER_DEGREE_LAT
    if lat - dlat <= -90 or lat + dlat >= 90:
        return query
    query = query.where(col(Centre.lat).between(lat - dlat, lat + dlat))
    dlon = dlat / max(math.cos(math.radians(abs(lat) + dlat)), 1e-6)
    if dlon >= 180 or lon - dlon < -180 or lon + dlon > 180:
        return query  # box wraps round the antimeridian: latitude band only
    return query.where(col(Centre.lon).between(lon - dlon, lon + dlon))


def nearest_centres(
    session: Session,
    lat: float,
    lon: float,
    kinds: set[str] | None = None,
    limit: int = 10,
    audience: str | None = None,
) -> list[NearbyCentre]:
    """The `limit` resources nearest to (lat, lon), nearest first, with geodesic distances in km.

    audience ("adults" or "children"): leave out the entries that are only for the other."""
    # Only ids and positions while searching; whole rows for the few that are shown.
    # An entry placed only at its town's centre is never ranked by distance: see unplaced_near().
    base = select(Centre.id, Centre.lat, Centre.lon).where(col(Centre.coord_precision).in_(RANKED_PRECISIONS))
    if kinds:
        base = base.where(col(Centre.kind).in_(sorted(kinds)))
    if audience:
        base = base.where(col(Centre.audience).in_(("any", audience)))
    for radius in SEARCH_RADII_KM:
        rows = session.connection().execute(_within_box(base, lat, lon, radius)).all()
        ranked = sorted((haversine_km(lat, lon, r_lat, r_lon), r_id, r_lat, r_lon) for r_id, r_lat, r_lon in rows)
        if sum(1 for d, *_ in ranked if d <= radius) >= limit or radius == SEARCH_RADII_KM[-1]:
            break
    if not ranked:
        return []
    cut = ranked[min(limit, len(ranked)) - 1][0] * SPHERE_ERROR + 0.01
    distances = sorted(
        (WGS84.measure((lat, lon), (r_lat, r_lon)), r_id) for d, r_id, r_lat, r_lon in ranked if d <= cut
    )[:limit]
    centres = {c.id: c for c in session.exec(select(Centre).where(col(Centre.id).in_([i for _, i in distances])))}
    return [NearbyCentre(centres[centre_id], km) for km, centre_id in distances]


def _near(session: Session, lat: float, lon: float, km: float, columns, extra=()):
    """Rows within km (haversine, which is what 'near' means here), for the given columns."""
    query = _within_box(select(Centre.lat, Centre.lon, *columns), lat, lon, km * SPHERE_ERROR)
    for condition in extra:
        query = query.where(condition)
    return [row[2:] for row in session.connection().execute(query) if haversine_km(lat, lon, row[0], row[1]) <= km]


def unplaced_near(session: Session, lat: float, lon: float, kinds: set[str] | None = None) -> list[Centre]:
    """Entries whose exact place is unknown (placed at their town's centre) in the area, by name."""
    extra = [col(Centre.coord_precision).not_in(RANKED_PRECISIONS)]
    if kinds:
        extra.append(col(Centre.kind).in_(sorted(kinds)))
    ids = [centre_id for (centre_id,) in _near(session, lat, lon, NEAR_KM, [Centre.id], extra)]
    return list(session.exec(select(Centre).where(col(Centre.id).in_(ids)).order_by(Centre.name))) if ids else []


@dataclass(frozen=True)
class Coverage:
    """What the directory has near a place, kind by kind, and where it lists resources at all."""

    missing: list[str]  # kinds asked for with nothing ranked within NEAR_KM
    departements: list[str]  # where the directory lists the missing kinds
    nearest_km: float | None  # nearest resource of the kinds asked for, if any

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def only_in_ile_de_france(self) -> bool:
        return set(self.departements) <= ILE_DE_FRANCE


def coverage(session: Session, lat: float, lon: float, kinds: set[str] | None, nearest_km: float | None) -> Coverage:
    """Which of the kinds asked for (all local kinds if none) have a resource within NEAR_KM."""
    asked = [k for k in (sorted(kinds) if kinds else [k.key for k in LOCAL_KINDS])]
    extra = [col(Centre.coord_precision).in_(RANKED_PRECISIONS), col(Centre.kind).in_(asked)]
    near = {kind for (kind,) in _near(session, lat, lon, NEAR_KM, [Centre.kind], extra)}
    missing = [k for k in asked if k not in near]
    departements = session.exec(
        select(Centre.departement).where(col(Centre.kind).in_(missing)).distinct().order_by(Centre.departement)
    ).all()
    return Coverage(missing, list(departements), nearest_km)


# The regional cancer centres serve a region each: one further than this (overseas France is 7,000 km
# from the nearest) is no practical answer, and is not offered as "the nearest".
HELP_MAX_KM = 400


def help_anywhere(session: Session, lat: float, lon: float, count: int = 2) -> list[NearbyCentre]:
    """The nearest regional cancer centres: every cancer hospital must organise supportive care (Décret 2022-689)."""
    national = {k for k, kind in KINDS.items() if kind.national}
    return [c for c in nearest_centres(session, lat, lon, national, count) if c.distance_km <= HELP_MAX_KM]


def nearest_of_each_kind(
    session: Session, lat: float, lon: float, kinds, per_kind: int = 2
) -> dict[str, list[NearbyCentre]]:
    """For a printed sheet: the few nearest resources of every kind, kind by kind."""
    return {kind: nearest_centres(session, lat, lon, {kind}, per_kind) for kind in kinds}


def centres_in_departement(session: Session, departement: str) -> list[Centre]:
    return list(
        session.exec(
            select(Centre).where(Centre.departement == departement).order_by(Centre.kind, Centre.city, Centre.name)
        )
    )
