#!/usr/bin/env python3
"""Place suggestions while typing, on the real gazetteer (35,211 rows): latency with the prefix indexes,
then the same queries with those indexes dropped (a table scan), measured side by side.

    .venv/bin/python benchmarks/place_suggestions.py                 # SQLite
    scripts/with_postgres.sh .venv/bin/python benchmarks/place_suggestions.py   # PostgreSQL too
"""

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from companion.db import make_engine, upgrade_database
from companion.directory.models import Commune
from companion.directory.places import suggest_places
from companion.directory.reference_data import load_reference_data

ROOT = Path(__file__).resolve().parent.parent
PREFIX_COLUMNS = {"search_name", "postcode"}


def typed_prefixes(session: Session, count: int) -> list[str]:
    """What people type: the first 2 to 6 letters of a commune's name, or 2 to 4 digits of a postcode."""
    rng = random.Random(7)
    rows = session.exec(select(Commune.name, Commune.postcode)).all()
    picks = rng.sample(rows, count)
    return [
        name[: rng.randint(2, 6)] if i % 3 else postcode[: rng.randint(2, 4)]
        for i, (name, postcode) in enumerate(picks)
    ]


def timed(engine, prefixes: list[str]) -> list[float]:
    timings = []
    with Session(engine) as session:
        for prefix in prefixes:
            start = time.perf_counter()
            suggest_places(session, prefix)
            timings.append((time.perf_counter() - start) * 1000)
    return sorted(timings)


def report(label: str, timings: list[float]):
    p50, p95 = statistics.median(timings), timings[int(len(timings) * 0.95)]
    print(f"  {label:<16} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms")
    return p50, p95


def run(url: str, name: str, queries: int = 400):
    engine = make_engine(url, pooled=False)
    upgrade_database(engine)
    with Session(engine) as session:
        load_reference_data(session, ROOT / "data")
        session.commit()
        prefixes = typed_prefixes(session, queries)
    print(f"{name}: {queries} typed prefixes")
    timed(engine, prefixes[:50])  # warm the caches
    indexed = report("prefix indexes", timed(engine, prefixes))
    indexes = [i["name"] for i in inspect(engine).get_indexes("commune") if set(i["column_names"]) & PREFIX_COLUMNS]
    with engine.begin() as connection:
        for index in indexes:
            connection.execute(text(f'DROP INDEX "{index}"'))
        if engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE commune"))
    timed(engine, prefixes[:50])
    scanned = report("table scan", timed(engine, prefixes))
    print(f"  table scan / prefix indexes: p50 x{scanned[0] / indexed[0]:.1f}, p95 x{scanned[1] / indexed[1]:.1f}")
    engine.dispose()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{tmp}/companion.sqlite", "SQLite")
    postgres = os.environ.get("COMPANION_TEST_POSTGRES")
    if postgres:
        admin = make_engine(postgres, pooled=False)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("DROP DATABASE IF EXISTS companion_bench"))
            connection.execute(text("CREATE DATABASE companion_bench"))
        run(make_url(postgres).set(database="companion_bench").render_as_string(hide_password=False), "PostgreSQL")
        admin.dispose()


if __name__ == "__main__":
    main()
