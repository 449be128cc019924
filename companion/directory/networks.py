"""The regional cancer network (DSRC) of every region, found from a place's département.

Each region has one network that coordinates cancer care there and knows its supportive care
(data/regional_cancer_networks.csv, data/SOURCES.md). Only what a public page showed is kept:
no phone number (none was verified), a website only where it was seen. No Flask here.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlmodel import Session, col, select

from companion.directory.departements import DEPARTEMENTS
from companion.directory.models import Commune

# The INSEE region of each département (the table in departements.py), and of Saint-Barthélemy (977) and
# Saint-Martin (978), which Guadeloupe's network covers.
REGION_OF_DEPARTEMENT = {code: d.region for code, d in DEPARTEMENTS.items()} | {"977": "01", "978": "01"}
NETWORK_COLUMNS = [
    "region_code",
    "region",
    "name",
    "website",
    "website_status",
    "regional_directory",
    "evidence_url",
    "evidence_says",
    "evidence_date",
    "confidence",
    "evidence_year",
]
CONFIDENCES = ("dsrc", "network", "weak")


@dataclass(frozen=True)
class Network:
    region_code: str
    region: str
    name: str
    website: str  # only where it was seen: empty otherwise
    directory_url: str  # the network's regional directory of supportive care, where its address is known
    source_url: str
    source_year: str  # the latest year the source shows; empty for an undated page
    weak: bool  # not confirmed recently (data/SOURCES.md): said so where it is shown


class NetworkFileError(ValueError):
    pass


def read_networks(path: Path) -> dict[str, Network]:
    """The networks file, checked, by region code."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != NETWORK_COLUMNS:
            raise NetworkFileError(f"{path.name}: the header must be {','.join(NETWORK_COLUMNS)}")
        networks = {}
        for row in reader:
            if row["confidence"] not in CONFIDENCES or not row["name"] or not row["evidence_url"].startswith("http"):
                raise NetworkFileError(f"{path.name}, line {reader.line_num}: confidence, name or evidence is wrong")
            networks[row["region_code"]] = Network(
                region_code=row["region_code"],
                region=row["region"],
                name=row["name"],
                website=row["website"] if row["website_status"].startswith("seen") else "",
                directory_url=row["regional_directory"] if row["regional_directory"].startswith("http") else "",
                source_url=row["evidence_url"],
                source_year=row["evidence_year"],
                weak=row["confidence"] == "weak",
            )
    return networks


@cache
def bundled_networks(path: Path) -> dict[str, Network]:
    """Read once per process: the file changes only with a new release."""
    return read_networks(path)


def network_of(networks: dict[str, Network], departement: str) -> Network | None:
    region = REGION_OF_DEPARTEMENT.get(departement.upper())
    return networks.get(region) if region else None


# How far a position may be from the nearest town centre and still be said to be in its département.
_NEAR_DEGREES = 0.3


def departement_at(session: Session, lat: float, lon: float) -> str | None:
    """The département of the town whose centre is nearest to a position (for searches from a position);
    None out at sea or abroad."""
    dlat, dlon = Commune.lat - lat, Commune.lon - lon
    return session.exec(
        select(Commune.departement)
        .where(col(Commune.lat).between(lat - _NEAR_DEGREES, lat + _NEAR_DEGREES))
        .where(col(Commune.lon).between(lon - _NEAR_DEGREES, lon + _NEAR_DEGREES))
        .order_by(dlat * dlat + dlon * dlon)
        .limit(1)
    ).first()
