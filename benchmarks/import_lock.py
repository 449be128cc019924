#!/usr/bin/env python3
"""How long an `import-centres` keeps checklist writes waiting on SQLite: the staging-table import against
row-by-row ORM merging (what it did before), on the same 100,000 synthetic centres, in one run.

    .venv/bin/python benchmarks/import_lock.py [--rows 100000]

While each import runs, another connection writes a notebook row every 20 ms with a 30 s busy timeout
(as the app does); the longest of those waits is how long a person's "save" would hang.
"""

import argparse
import random
import sqlite3
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session

from companion.db import make_engine, upgrade_database
from companion.directory.centre_file import save_centres
from companion.directory.models import Centre


def centres(n: int) -> list[Centre]:
    rng = random.Random(7)
    return [
        Centre(
            id=f"sdc-bench-{i}",
            kind="sdc",
            name=f"Centre {i}",
            city="Paris",
            postcode="75014",
            departement="75",
            lat=rng.uniform(41, 51),
            lon=rng.uniform(-5, 9),
            coord_precision="establishment",
        )
        for i in range(n)
    ]


def merge_row_by_row(session: Session, rows: list[Centre]):
    for centre in rows:
        session.merge(centre)
    session.commit()


def measure(label: str, importer, rows: list[Centre]):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        engine = make_engine(f"sqlite:///{path}")
        upgrade_database(engine)
        waits, failed, done = [], [], threading.Event()

        def writer():
            connection = sqlite3.connect(path, timeout=30)
            while not done.is_set():
                started = time.perf_counter()
                try:
                    connection.execute(
                        "INSERT INTO notebook (code_hash, created_at, touched_at) VALUES (?, ?, ?)",
                        (f"{random.random()}", datetime.now(UTC).isoformat(), datetime.now(UTC).isoformat()),  # noqa: S311
                    )
                    connection.commit()
                except sqlite3.OperationalError:  # waited the whole busy timeout: the app would answer 503
                    failed.append(1)
                waits.append(time.perf_counter() - started)
                time.sleep(0.02)
            connection.close()

        thread = threading.Thread(target=writer)
        thread.start()
        started = time.perf_counter()
        with Session(engine) as session:
            importer(session, [Centre(**c.model_dump()) for c in rows])
        took = time.perf_counter() - started
        done.set()
        thread.join()
        engine.dispose()
    longest = max(waits)
    print(
        f"{label:<22} import {took:6.2f} s   longest write wait {longest * 1000:8.1f} ms   "
        f"writes {len(waits)}, refused after 30 s: {len(failed)}"
    )
    return took, longest


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = centres(parser.parse_args().rows)
    print(f"{len(rows):,} centres, SQLite (WAL), a writer every 20 ms")
    old_took, old_wait = measure("row by row (before)", merge_row_by_row, rows)
    new_took, new_wait = measure("staging table (now)", save_centres, rows)
    print(
        f"import time ratio {old_took / new_took:.1f}x faster; longest write wait ratio {old_wait / new_wait:.0f}x shorter"
    )


if __name__ == "__main__":
    main()
