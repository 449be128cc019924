#!/usr/bin/env python3
"""Nearest-resource search from 1,000 to 1,000,000 synthetic centres, on SQLite and (when
COMPANION_TEST_POSTGRES is set, as scripts/with_postgres.sh does) PostgreSQL, measured side by side:

- the app's search (in-memory k-d trees, then the rows shown read from the database and measured by geopy);
- the previous search (expanding bounding boxes on the latitude index, haversine, geopy), kept here only
  to be measured against;
- the k-d tree's own query, the lower bound of the chosen index;
- a sample checked against an exhaustive answer (geodesic distance to every row up to 10,000 centres;
  above, geodesic over the 200 nearest by an exact vectorised haversine of every row).

Then place resolution over the whole gazetteer: how many communes resolve, and how fast.

    .venv/bin/python benchmarks/nearest_search.py [--sizes 1000,10000,100000,1000000] [--queries 300]
    scripts/with_postgres.sh .venv/bin/python benchmarks/nearest_search.py
"""

import argparse
import csv
import math
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from geopy.distance import geodesic
from sqlalchemy import insert, text
from sqlmodel import Session, col, select

from companion.db import make_engine, upgrade_database
from companion.directory.index import REBUILD_PATIENCE, SNAPSHOTS, unit_vector
from companion.directory.kinds import LOCAL_KINDS
from companion.directory.models import Centre
from companion.directory.nearest import WGS84, haversine_km, nearest_centres
from companion.directory.places import resolve_place
from companion.directory.reference_data import load_communes
from companion.directory.version import bump_version, directory_state

ROOT = Path(__file__).resolve().parent.parent
FRANCE = ((42.3, 51.1), (-4.8, 8.2))  # metropolitan France's bounding box
KINDS = [k.key for k in LOCAL_KINDS]


def percentile(values, p: float) -> float:
    return float(np.percentile(values, p))


def timed(fn, queries):
    times, answers = [], []
    for q in queries:
        start = time.perf_counter()
        answers.append(fn(*q))
        times.append((time.perf_counter() - start) * 1000)
    return times, answers


def fill(engine, n: int, rng: random.Random):
    (lat0, lat1), (lon0, lon1) = FRANCE
    rows = [
        {
            "id": f"c{i}",
            "kind": rng.choice(KINDS),
            "name": f"Centre {i}",
            "establishment": "",
            "address": "",
            "postcode": "",
            "city": "X",
            "departement": "75",
            "phone": "",
            "url": "",
            "lat": rng.uniform(lat0, lat1),
            "lon": rng.uniform(lon0, lon1),
            "coord_precision": "establishment",
            "source": "synthetic",
            "audience": "any",
            "phone_type": "",
        }
        for i in range(n)
    ]
    with Session(engine) as session:
        session.exec(text("DELETE FROM centre"))
        for start in range(0, n, 50_000):
            session.connection().execute(insert(Centre.__table__), rows[start : start + 50_000])
        bump_version(session)
        session.commit()
    return rows


# --- the previous search, for comparison only ---------------------------------------------------------
RADII = (15, 60, 240, 960, 4000, 20100)


def _box(query, lat, lon, radius_km):
    dlat = radius_km / 111.2
    if lat - dlat <= -90 or lat + dlat >= 90:
        return query
    query = query.where(col(Centre.lat).between(lat - dlat, lat + dlat))
    dlon = dlat / max(math.cos(math.radians(abs(lat) + dlat)), 1e-6)
    if dlon >= 180:
        return query
    return query.where(col(Centre.lon).between(lon - dlon, lon + dlon))


def bbox_nearest(session, lat, lon, kinds, limit=10):
    base = select(Centre.id, Centre.lat, Centre.lon)
    if kinds:
        base = base.where(col(Centre.kind).in_(sorted(kinds)))
    for radius in RADII:
        rows = session.connection().execute(_box(base, lat, lon, radius)).all()
        ranked = sorted((haversine_km(lat, lon, a, b), i, a, b) for i, a, b in rows)
        if sum(1 for d, *_ in ranked if d <= radius) >= limit or radius == RADII[-1]:
            break
    cut = ranked[min(limit, len(ranked)) - 1][0] * 1.005 + 0.01
    best = sorted((WGS84.measure((lat, lon), (a, b)), i) for d, i, a, b in ranked if d <= cut)[:limit]
    found = {c.id: c for c in session.exec(select(Centre).where(col(Centre.id).in_([i for _, i in best])))}
    return [found[i].id for _, i in best]


def exhaustive(rows, lat, lon, kinds, limit=10):
    pool = [r for r in rows if not kinds or r["kind"] in kinds]
    if len(rows) > 10_000:  # exact haversine on every row, geodesic on the 200 nearest
        lat_r, lon_r = np.radians([r["lat"] for r in pool]), np.radians([r["lon"] for r in pool])
        a = (
            np.sin((lat_r - math.radians(lat)) / 2) ** 2
            + np.cos(lat_r) * math.cos(math.radians(lat)) * np.sin((lon_r - math.radians(lon)) / 2) ** 2
        )
        pool = [pool[i] for i in np.argsort(a)[:200]]
    return [r["id"] for r in sorted(pool, key=lambda r: (geodesic((lat, lon), (r["lat"], r["lon"])).km, r["id"]))][
        :limit
    ]


def measure(url: str, label: str, sizes, queries_n: int):
    engine = make_engine(url)
    upgrade_database(engine)
    rng = random.Random(2026)
    (lat0, lat1), (lon0, lon1) = FRANCE
    queries = [
        (rng.uniform(lat0, lat1), rng.uniform(lon0, lon1), rng.choice([None, {rng.choice(KINDS)}]))
        for _ in range(queries_n)
    ]
    print(f"\n{label}: nearest 10, {queries_n} queries (kind mixed), milliseconds")
    print(
        f"{'centres':>10} | {'index p50':>9} {'p95':>6} | {'previous p50':>12} {'p95':>6} | {'ratio p95':>9} | "
        f"{'tree alone p50':>14} {'p95':>6} | {'build s':>7} | same answers"
    )
    for n in sizes:
        rows = fill(engine, n, rng)
        with Session(engine) as session:
            start = time.perf_counter()
            snapshot = SNAPSHOTS.get(session)
            build_s = time.perf_counter() - start

            def indexed(lat, lon, kinds):
                return [c.centre.id for c in nearest_centres(session, lat, lon, kinds, limit=10)]

            def previous(lat, lon, kinds):
                return bbox_nearest(session, lat, lon, kinds)

            def tree_alone(lat, lon, kinds, snapshot=snapshot):
                t = snapshot.tree(next(iter(kinds)) if kinds else None)
                return t.nearest(unit_vector(lat, lon), 10)

            indexed(*queries[0]), previous(*queries[0])
            fast, answers = timed(indexed, queries)
            slow, _ = timed(previous, queries[: max(50, queries_n // 3)])
            bound, _ = timed(tree_alone, queries)
            sample = queries[:10]
            agree = sum(answers[i] == exhaustive(rows, *q) for i, q in enumerate(sample))
        print(
            f"{n:>10,} | {percentile(fast, 50):>9.3f} {percentile(fast, 95):>6.3f} | {percentile(slow, 50):>12.3f} "
            f"{percentile(slow, 95):>6.3f} | {percentile(slow, 95) / percentile(fast, 95):>8.1f}x | "
            f"{percentile(bound, 50):>14.3f} {percentile(bound, 95):>6.3f} | {build_s:>7.2f} | {agree}/{len(sample)}"
        )
        rebuilding(engine, queries)
    engine.dispose()


def rebuilding(engine, queries):
    """A change to the directory while people search: each search (a request: its own session) is timed
    until one answers from the new version's index, built meanwhile in its own thread."""
    with Session(engine) as session:
        bump_version(session)
        session.commit()
    SNAPSHOTS.patience = REBUILD_PATIENCE
    times, start, i = [], time.perf_counter(), 0
    try:
        while True:
            with Session(engine) as session:
                began = time.perf_counter()
                nearest_centres(session, *queries[i % len(queries)], limit=10)
                times.append((time.perf_counter() - began) * 1000)
                if SNAPSHOTS.answered_from(session) >= directory_state(session).version:
                    break
            i += 1
    finally:
        SNAPSHOTS.patience = None
    old, ready = times[:-1], time.perf_counter() - start
    if not old:
        print(f"{'':>10}   a change: the next search waited for the new index ({times[0]:.0f} ms)")
        return
    print(
        f"{'':>10}   a change: new index ready after {ready:.2f} s; {len(old)} searches meanwhile from the "
        f"previous one: p50 {percentile(old, 50):.3f} p95 {percentile(old, 95):.3f} slowest {max(old):.1f} ms "
        f"(the first ones wait up to {REBUILD_PATIENCE} s)"
    )


def places(url: str):
    engine = make_engine(url)
    upgrade_database(engine)
    with Session(engine) as session:
        load_communes(session, ROOT / "data" / "communes.csv")
        session.commit()
        with (ROOT / "data" / "communes.csv").open(encoding="utf-8") as f:
            communes = list(csv.DictReader(f))
        names = sorted({c["name"] for c in communes})
        postcodes = sorted({c["postcode"] for c in communes})
        resolve_place(session, "Bondi")  # the near-miss list is built on first use
        name_times, found = timed(lambda q: resolve_place(session, q).place, [(q,) for q in names])
        code_times, found_codes = timed(lambda q: resolve_place(session, q).place, [(q,) for q in postcodes])
        typos = ["Bondi", "Marseile", "Cayene", "Montfermei", "Sain Denis", "Poisy", "Vilejuif", "Rambouiller"]
        typo_times, _ = timed(lambda q: resolve_place(session, q), [(q,) for q in typos * 10])
    engine.dispose()
    print(f"\nplace resolution over the whole gazetteer ({len(communes):,} rows)")
    print(
        f"  commune names resolved: {sum(1 for p in found if p)}/{len(names)}   postcodes: {sum(1 for p in found_codes if p)}/{len(postcodes)}"
    )
    print(f"  by name:      p50 {statistics.median(name_times):.2f} ms   p95 {percentile(name_times, 95):.2f} ms")
    print(f"  by postcode:  p50 {statistics.median(code_times):.2f} ms   p95 {percentile(code_times, 95):.2f} ms")
    print(
        f"  misspelt (near-miss suggestions): p50 {statistics.median(typo_times):.2f} ms   p95 {percentile(typo_times, 95):.2f} ms"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--no-places", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    SNAPSHOTS.patience = None  # each size's build is timed: wait for it rather than answer from the last size's
    with tempfile.TemporaryDirectory() as tmp:
        measure(f"sqlite:///{tmp}/bench.sqlite", "SQLite", sizes, args.queries)
        if not args.no_places:
            places(f"sqlite:///{tmp}/places.sqlite")
    postgres = os.environ.get("COMPANION_TEST_POSTGRES")
    if postgres:
        measure(postgres, "PostgreSQL", sizes, args.queries)


if __name__ == "__main__":
    main()
