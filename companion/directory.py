"""Nearest-resource search: a cheap bounding-box and haversine prefilter, geodesic distances for the rows shown."""

import math
from dataclasses import dataclass

from geopy.distance import geodesic
from sqlmodel import Session, col, select

from .models import Centre

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = 111.2
# Radii tried in turn until enough resources are found; the last one covers the globe.
SEARCH_RADII_KM = (15, 60, 240, 960, 4000, 20100)
# Geodesic and spherical distances differ by under 0.5 %: rows that close to the cut-off are re-ranked.
SPHERE_ERROR = 1.005
# One geopy geodesic kept for its measure(): a new one per pair would rebuild the WGS-84 model each time.
WGS84 = geodesic()


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
    session: Session, lat: float, lon: float, kinds: set[str] | None = None, limit: int = 10
) -> list[NearbyCentre]:
    """The `limit` resources nearest to (lat, lon), nearest first, with geodesic distances in km."""
    # Only ids and positions while searching; whole rows for the few that are shown.
    base = select(Centre.id, Centre.lat, Centre.lon)
    if kinds:
        base = base.where(col(Centre.kind).in_(sorted(kinds)))
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
