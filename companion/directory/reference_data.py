"""Loading the bundled reference data (data/*.csv) into the database, idempotently."""

import csv
from pathlib import Path

from sqlmodel import Session, delete, select

from companion.directory.centre_file import read_centres, save_centres
from companion.directory.models import Commune
from companion.directory.places import normalise

# The bundled directory (data/SOURCES.md): Île-de-France, the national layer of regional cancer centres,
# and the information spaces outside Île-de-France that have a public source.
CENTRE_FILES = ("centres.csv", "cancer_centres.csv", "eri_outside_idf.csv")


def read_communes(path: Path) -> list[Commune]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Commune(
                insee=row["insee"],
                name=row["name"],
                search_name=normalise(row["name"]),
                postcode=row["postcode"],
                departement=row["departement"],
                lat=float(row["lat"]) if row["lat"] else None,
                lon=float(row["lon"]) if row["lon"] else None,
                population=int(row["population"] or 0),
            )
            for row in csv.DictReader(f)
        ]


def load_communes(session: Session, path: Path) -> int:
    """Replace the gazetteer with the file's content unless it is already identical."""
    communes = read_communes(path)
    key = lambda c: (c.insee, c.postcode, c.name, c.lat, c.lon, c.population)  # noqa: E731
    current = sorted(key(c) for c in session.exec(select(Commune)).all())
    if current == sorted(key(c) for c in communes):
        return 0
    session.exec(delete(Commune))
    session.add_all(communes)
    session.flush()
    return len(communes)


def load_reference_data(session: Session, data_dir: Path) -> tuple[int, int]:
    """Load the gazetteer and the bundled centres; returns (communes written, centres read)."""
    written = load_communes(session, data_dir / "communes.csv")
    centres = []
    for name in CENTRE_FILES:
        with (data_dir / name).open(encoding="utf-8", newline="") as f:
            centres += read_centres(f)
    save_centres(session, centres)
    return written, len(centres)
