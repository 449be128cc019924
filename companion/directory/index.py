"""An in-memory index of where the directory's entries are: k-d trees on unit vectors (scipy's cKDTree).

Why not the database: its b-tree can range on latitude only, so the nearest search grows with the
directory (8 ms at a million entries on SQLite, 10 ms on PostgreSQL); a k-d tree answers in
O(log n) whatever the size, and SQLite's R*Tree or PostGIS would each need their own code path.
Why unit vectors: the straight-line (chord) distance between two points of the unit sphere grows
with their great-circle distance, so the tree's nearest are the sphere's nearest, poles and the
antimeridian included. geopy still measures the distances shown (nearest.py).

Each worker keeps one read-only snapshot per database, rebuilt when the directory's version (version.py)
is newer than the snapshot's; the older snapshot answers while the new one is built. No Flask here.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, select

from companion.directory.kinds import KINDS, RANKED_PRECISIONS
from companion.directory.models import Centre
from companion.directory.version import directory_state
from companion.kept import Kept

EARTH_RADIUS_KM = 6371.0088
# Kinds offered in a part of their own: left out of the tree of every kind listed together.
APART = [k.key for k in KINDS.values() if k.apart]


def unit_vectors(lat, lon) -> np.ndarray:
    lat, lon = np.radians(np.asarray(lat, dtype=float)), np.radians(np.asarray(lon, dtype=float))
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def unit_vector(lat: float, lon: float) -> np.ndarray:
    """One point's unit vector, worked out in plain floats (numpy's per-call cost is for arrays of many)."""
    lat, lon = math.radians(lat), math.radians(lon)
    return np.array((math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)))


def chord_to_km(chord: float) -> float:
    """Great-circle distance (km) of a chord of the unit sphere."""
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, chord / 2))


def km_to_chord(km: float) -> float:
    return 2 * math.sin(min(km / EARTH_RADIUS_KM, math.pi) / 2)


# A kind with fewer entries than this is scanned whole rather than through a k-d tree: scipy's query costs
# ~25 µs a call whatever the tree's size, a scan of a few hundred points a few (a search asks 8-10 times).
SCAN_BELOW = 512


@dataclass
class _Tree:
    """The entries of one kind (or of all kinds listed together), as unit vectors."""

    points: np.ndarray  # unit vectors, shape (n, 3)
    rows: np.ndarray  # positions in the snapshot's arrays, in the points' order
    audiences: np.ndarray
    for_one: dict[str, int] = field(default_factory=dict)  # audience -> how many entries are only for it
    tree: cKDTree | None = None  # over points, when there are SCAN_BELOW or more

    def nearest(self, vector: np.ndarray, k: int) -> tuple[list[float], list[int]]:
        """The chords to the k nearest points and their positions, nearest first."""
        if self.tree is not None:
            chords, found = self.tree.query(vector, k=[k] if k == 1 else k)
            return chords.tolist(), found.tolist()
        chords = np.sqrt(((self.points - vector) ** 2).sum(axis=1))
        found = np.argsort(chords, kind="stable")[:k]
        return chords[found].tolist(), found.tolist()

    def any_within(self, vector: np.ndarray, chord: float) -> bool:
        if self.tree is not None:
            return self.tree.query(vector, k=1, distance_upper_bound=chord)[0] != math.inf
        return bool((((self.points - vector) ** 2).sum(axis=1) <= chord * chord).any())


@dataclass
class Memo:
    """What callers work out from one version of the directory and may keep as long as it lasts: dropped with
    its snapshot when the directory changes. Shared by every request of the worker: read it, never change
    what it holds."""

    rows: dict[str, Centre] | None = None  # entries by id, detached (nearest._rows); None: none read yet
    entries: dict[tuple, str] = field(default_factory=dict)  # each entry's HTML, with slots (entries.py)
    api_entries: dict[str, dict] = field(default_factory=dict)  # each entry's fields in the API (api.py)


@dataclass
class Snapshot:
    version: int
    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    unplaced: list[tuple[str, str, float, float]]  # (id, kind, lat, lon) of entries placed at their town only
    departements: dict[str, set[str]]  # kind -> départements where it is listed
    _by_kind: dict[str | None, _Tree] = field(default_factory=dict)
    memo: Memo = field(default_factory=Memo)

    def tree(self, kind: str | None) -> _Tree:
        return self._by_kind.get(kind) or _Tree(np.empty((0, 3)), np.empty(0, dtype=int), np.empty(0, dtype=object))

    def nearest(self, lat: float, lon: float, kind: str | None, count: int, audience: str | None = None):
        """Up to `count` (id, lat, lon, spherical km) nearest first, leaving out the entries only for the other
        audience; a few more than asked when they tie within `margin`, for the caller's geodesic re-ranking."""
        t = self.tree(kind)
        if not len(t.rows) or count <= 0:
            return []
        excluded = sum(n for only, n in t.for_one.items() if only != audience) if audience else 0
        chords, found = t.nearest(unit_vector(lat, lon), min(len(t.rows), count + excluded))
        if audience:
            kept = [i for i, f in enumerate(found) if t.audiences[f] in ("any", audience)]
            chords, found = [chords[i] for i in kept], [found[i] for i in kept]
        rows = t.rows[found[:count]]
        km = [chord_to_km(c) for c in chords[:count]]
        return list(zip(self.ids[rows].tolist(), self.lat[rows].tolist(), self.lon[rows].tolist(), km, strict=True))

    def within(self, lat: float, lon: float, kind: str, km: float) -> bool:
        """Is any ranked entry of this kind within km (great-circle)?"""
        t = self.tree(kind)
        return bool(len(t.rows)) and t.any_within(unit_vector(lat, lon), km_to_chord(km) * (1 + 1e-9))


BATCH = 10_000


def build(session: Session, version: int) -> Snapshot:
    # Read in batches: a million rows turned into Python objects in one call would hold the interpreter for
    # seconds, and the searches answering meanwhile from the previous snapshot with it.
    rows = list(
        session.exec(
            select(
                Centre.id,
                Centre.kind,
                Centre.audience,
                Centre.coord_precision,
                Centre.lat,
                Centre.lon,
                Centre.departement,
            ).execution_options(yield_per=BATCH)
        )
    )
    departements: dict[str, set[str]] = {}
    for row in rows:
        departements.setdefault(row.kind, set()).add(row.departement)
    placed = [r for r in rows if r.coord_precision in RANKED_PRECISIONS]
    snapshot = Snapshot(
        version,
        np.array([r.id for r in placed], dtype=object),
        np.array([r.lat for r in placed], dtype=float),
        np.array([r.lon for r in placed], dtype=float),
        [(r.id, r.kind, r.lat, r.lon) for r in rows if r.coord_precision not in RANKED_PRECISIONS],
        departements,
    )
    kinds = np.array([r.kind for r in placed], dtype=object)
    audiences = np.array([r.audience for r in placed], dtype=object)
    xyz = unit_vectors(snapshot.lat, snapshot.lon) if placed else np.empty((0, 3))
    for kind in (None, *sorted(set(kinds))):
        # kind None: every kind listed together, so not those offered apart (kinds.Kind.apart).
        members = np.flatnonzero(~np.isin(kinds, APART)) if kind is None else np.flatnonzero(kinds == kind)
        if len(members):
            for_one = Counter(a for a in audiences[members].tolist() if a != "any")
            points = xyz[members]
            tree = cKDTree(points) if len(members) >= SCAN_BELOW else None
            snapshot._by_kind[kind] = _Tree(points, members, audiences[members], for_one, tree)
    return snapshot


# How long a search waits for a new snapshot being built before it answers from the older one (a few
# thousand entries take milliseconds to index, a million 15-30 s).
REBUILD_PATIENCE = 0.5


def build_current(engine) -> Snapshot:
    """A snapshot of the directory as committed now, labelled with the version read first: its rows are that
    version's or newer, never older (an older label only makes it rebuilt sooner)."""
    with Session(engine) as session:
        return build(session, directory_state(session).version)


class _Snapshots:
    """The current snapshot per database, built once per version, by one thread while the older one answers."""

    def __init__(self):
        self._kept = Kept(keep=4)
        self.patience = REBUILD_PATIENCE

    def get(self, session: Session) -> Snapshot:
        """The snapshot for this session's database, chosen once per session (one request): the worker's, or,
        in a transaction that changed the directory, its own (never shared: it may be rolled back)."""
        if "directory_snapshot" not in session.info:
            version = directory_state(session).version
            if session.info.get("directory_changed"):
                snapshot = build(session, version)
            else:
                engine = session.get_bind()
                # One in-memory SQLite connection is shared by everything: no second thread on it.
                patience = None if isinstance(engine.pool, StaticPool) else self.patience
                snapshot = self._kept.get(
                    str(engine.url), lambda: build_current(engine), lambda s: s.version >= version, patience
                )
            session.info["directory_snapshot"] = snapshot
        return session.info["directory_snapshot"]

    def answered_from(self, session: Session) -> int | None:
        """The version this session's searches answered from (None: no search), older than the version it knows
        while a new snapshot is being built."""
        snapshot = session.info.get("directory_snapshot")
        return snapshot.version if snapshot else None


SNAPSHOTS = _Snapshots()
