"""An in-memory index of where the directory's entries are: k-d trees on unit vectors (scipy's cKDTree).

Why not the database: its b-tree can range on latitude only, so the nearest search grows with the
directory (8 ms at a million entries on SQLite, 10 ms on PostgreSQL); a k-d tree answers in
O(log n) whatever the size, and SQLite's R*Tree or PostGIS would each need their own code path.
Why unit vectors: the straight-line (chord) distance between two points of the unit sphere grows
with their great-circle distance, so the tree's nearest are the sphere's nearest, poles and the
antimeridian included. geopy still measures the distances shown (nearest.py).

Each worker keeps one read-only snapshot per database, rebuilt when `DirectoryState.version` (one
primary-key read per search) differs from the snapshot's: every write to the directory bumps it
(`bump_version`), in the writer's own transaction. No Flask here.
"""

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree
from sqlmodel import Session, select

from companion.directory.kinds import KINDS, RANKED_PRECISIONS
from companion.directory.models import Centre, DirectoryState

EARTH_RADIUS_KM = 6371.0088
# Kinds offered in a part of their own: left out of the tree of every kind listed together.
APART = [k.key for k in KINDS.values() if k.apart]


def unit_vectors(lat, lon) -> np.ndarray:
    lat, lon = np.radians(np.asarray(lat, dtype=float)), np.radians(np.asarray(lon, dtype=float))
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def chord_to_km(chord):
    """Great-circle distance (km) of a chord of the unit sphere."""
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.asarray(chord) / 2))


def km_to_chord(km: float) -> float:
    return 2 * math.sin(min(km / EARTH_RADIUS_KM, math.pi) / 2)


@dataclass
class _Tree:
    tree: cKDTree | None
    rows: np.ndarray  # positions in the snapshot's arrays, in the tree's order
    audiences: np.ndarray


@dataclass
class Snapshot:
    version: int
    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    unplaced: list[tuple[str, str, float, float]]  # (id, kind, lat, lon) of entries placed at their town only
    departements: dict[str, set[str]]  # kind -> départements where it is listed
    _by_kind: dict[str | None, _Tree] = field(default_factory=dict)
    # What callers work out from this version of the directory and may keep as long as it lasts (its
    # entries' rows, each entry's rendered HTML): dropped with the snapshot when the directory changes.
    memo: dict = field(default_factory=dict)

    def tree(self, kind: str | None) -> _Tree:
        return self._by_kind.get(kind) or _Tree(None, np.empty(0, dtype=int), np.empty(0, dtype=object))

    def nearest(self, lat: float, lon: float, kind: str | None, count: int, audience: str | None = None):
        """Up to `count` (id, lat, lon, spherical km) nearest first, leaving out the entries only for the other
        audience; a few more than asked when they tie within `margin`, for the caller's geodesic re-ranking."""
        t = self.tree(kind)
        if t.tree is None or count <= 0:
            return []
        excluded = 0 if not audience else int(np.count_nonzero((t.audiences != "any") & (t.audiences != audience)))
        k = min(len(t.rows), count + excluded)
        chords, found = t.tree.query(unit_vectors([lat], [lon])[0], k=k)
        chords, found = np.atleast_1d(chords), np.atleast_1d(found)
        if audience:
            keep = (t.audiences[found] == "any") | (t.audiences[found] == audience)
            chords, found = chords[keep], found[keep]
        rows = t.rows[found[:count]]
        return list(zip(self.ids[rows], self.lat[rows], self.lon[rows], chord_to_km(chords[:count]), strict=True))

    def within(self, lat: float, lon: float, kind: str, km: float) -> bool:
        """Is any ranked entry of this kind within km (great-circle)?"""
        t = self.tree(kind)
        if t.tree is None:
            return False
        chord, _ = t.tree.query(unit_vectors([lat], [lon])[0], k=1, distance_upper_bound=km_to_chord(km) * (1 + 1e-9))
        return bool(np.isfinite(chord))


def build(session: Session, version: int) -> Snapshot:
    rows = session.exec(
        select(
            Centre.id, Centre.kind, Centre.audience, Centre.coord_precision, Centre.lat, Centre.lon, Centre.departement
        )
    ).all()
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
            snapshot._by_kind[kind] = _Tree(cKDTree(xyz[members]), members, audiences[members])
    return snapshot


def directory_state(session: Session) -> tuple[int, str]:
    """(version, gazetteer digest), read once per session (one request) — a plain read, not session.get():
    the identity map would keep old values for the session's life."""
    if "directory_state" not in session.info:
        row = (
            session.connection()
            .execute(select(DirectoryState.version, DirectoryState.gazetteer).where(DirectoryState.id == 1))
            .first()
        )
        session.info["directory_state"] = (row.version, row.gazetteer) if row else (0, "")
    return session.info["directory_state"]


def state_row(session: Session) -> DirectoryState:
    state = session.get(DirectoryState, 1)
    if state is None:
        state = DirectoryState(id=1, version=0)
        session.add(state)
    return state


def bump_version(session: Session) -> None:
    """Call in the same transaction as any change to the directory's entries."""
    state_row(session).version += 1
    session.flush()
    SNAPSHOTS.forget(session)


class Kept:
    """Values built from the database and kept per key (a few: tests open many databases), thread-safe: a
    missing or stale one is built by one thread while the others wait for it rather than build it too."""

    def __init__(self, keep: int):
        self._lock = threading.Lock()
        self._keep = keep
        self._values: OrderedDict = OrderedDict()

    def get(self, key, build, fresh=lambda _value: True):
        value = self._values.get(key)
        if value is not None and fresh(value):
            return value
        with self._lock:
            value = self._values.get(key)
            if value is None or not fresh(value):
                value = self._values[key] = build()
                self._values.move_to_end(key)
                while len(self._values) > self._keep:
                    self._values.popitem(last=False)
            return value


class _Snapshots:
    """The current snapshot per database, built once per version."""

    def __init__(self):
        self._kept = Kept(keep=4)

    def get(self, session: Session) -> Snapshot:
        """The snapshot for this session's database; the version is read once per session (one request)."""
        if "directory_snapshot" not in session.info:
            version = directory_state(session)[0]
            session.info["directory_snapshot"] = self._kept.get(
                str(session.get_bind().url), lambda: build(session, version), lambda s: s.version == version
            )
        return session.info["directory_snapshot"]

    def forget(self, session: Session) -> None:
        """After this session changed the directory: read the version again on the next search."""
        session.info.pop("directory_snapshot", None)
        session.info.pop("directory_state", None)


SNAPSHOTS = _Snapshots()
