"""Loading the bundled reference data (data/*.csv) into the database, idempotently."""

import csv
import hashlib
from datetime import date
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session, delete

from companion.db import upgrade_database
from companion.directory.centre_file import read_centres, save_centres
from companion.directory.france_services import listed_version, read_france_services, save_france_services
from companion.directory.gazetteer import GAZETTEERS
from companion.directory.models import Commune
from companion.directory.places import normalise
from companion.directory.version import bump_version, state_row

# The bundled directory (data/SOURCES.md): Île-de-France, the national layer of regional cancer centres,
# and the information spaces, pain structures and fertility centres outside Île-de-France that have a public source.
CENTRE_FILES = ("centres.csv", "cancer_centres.csv", "eri_outside_idf.csv", "outside_idf.csv")
# Help with paperwork everywhere: ANCT's list of France services desks, and the date of its version.
FRANCE_SERVICES_FILE, FRANCE_SERVICES_VERSION = "france_services_2024-08-01.csv", date(2024, 8, 1)


COMMUNE_FIELDS = ("insee", "name", "search_name", "postcode", "departement", "lat", "lon", "population")


def read_communes(path: Path) -> list[dict]:
    """The gazetteer file's rows, as the commune table's columns."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            {
                "insee": row["insee"],
                "name": row["name"],
                "search_name": normalise(row["name"]),
                "postcode": row["postcode"],
                "departement": row["departement"],
                "lat": float(row["lat"]) if row["lat"] else None,
                "lon": float(row["lon"]) if row["lon"] else None,
                "population": int(row["population"] or 0),
            }
            for row in csv.DictReader(f)
        ]


def load_communes(session: Session, path: Path) -> int:
    """Replace the gazetteer with the file's content unless it is already what was loaded last (same digest).
    Plain rows, not ORM objects: 35,000 of them are written in a fraction of the time."""
    communes = read_communes(path)
    digest = hashlib.sha256(repr(sorted(tuple(c[f] for f in COMMUNE_FIELDS) for c in communes)).encode()).hexdigest()
    state = state_row(session)
    if state.gazetteer == digest:
        return 0
    session.exec(delete(Commune))
    session.execute(insert(Commune), communes)
    state.gazetteer = digest
    bump_version(session)  # places resolve differently: results cached for the older version are not used
    GAZETTEERS.forget(session)  # the gazetteer is looked up again, by its new digest
    return len(communes)


def load_reference_data(session: Session, data_dir: Path) -> tuple[int, int]:
    """Load the gazetteer and the bundled centres; returns (communes written, centres read or written)."""
    written = load_communes(session, data_dir / "communes.csv")
    centres = []
    for name in CENTRE_FILES:
        with (data_dir / name).open(encoding="utf-8", newline="") as f:
            centres += read_centres(f)
    save_centres(session, centres)
    return written, len(centres) + load_france_services(session, data_dir / FRANCE_SERVICES_FILE)


def load_france_services(session: Session, path: Path) -> int:
    """The bundled France services desks, unless a version as new or newer is already there (imported
    since with `flask import-france-services`, or loaded by an earlier run): returns the desks written."""
    held = listed_version(session)
    if held is not None and held >= FRANCE_SERVICES_VERSION:
        return 0
    with path.open(encoding="utf-8", newline="") as f:
        desks = read_france_services(f, FRANCE_SERVICES_VERSION)
    save_france_services(session, desks)
    return len(desks)


def prepare_database(engine, data_dir: Path) -> tuple[int, int]:
    """Bring the schema up to date and load the bundled data, committed; returns what load_reference_data does."""
    upgrade_database(engine)
    with Session(engine) as session:
        loaded = load_reference_data(session, data_dir)
        session.commit()
    return loaded
