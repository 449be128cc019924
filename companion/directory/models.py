"""The directory's tables: entries, the gazetteer, reported changes and their history."""

import re
from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from companion.directory.kinds import DAYS, RANKED_PRECISIONS

# What a centre id looks like: the import checks it, and anything else can't be in the directory.
CENTRE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class Centre(SQLModel, table=True):
    """A supportive-care resource: pain structure, information space, fertility centre..."""

    # Covers the nearest search's bounding-box query, so it never reads the table itself.
    __table_args__ = (Index("ix_centre_position", "lat", "lon", "kind", "id"),)

    id: str = Field(primary_key=True, max_length=80)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=200)
    establishment: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=200)
    postcode: str = Field(default="", max_length=5)
    city: str = Field(max_length=100)
    departement: str = Field(index=True, max_length=3)
    phone: str = Field(default="", max_length=30)
    url: str = Field(default="", max_length=300)
    lat: float
    lon: float
    coord_precision: str = Field(max_length=20)
    source: str = Field(default="", max_length=1000)
    audience: str = Field(default="any", max_length=10)  # any, adults, children (kinds.AUDIENCES)
    phone_type: str = Field(default="", max_length=12)  # switchboard, direct (kinds.PHONE_TYPES)
    checked_on: date | None = None  # when the entry was last checked against its source
    # Opening hours, Monday to Saturday, "|" between days (kinds.hours_by_day); empty when not published.
    hours: str = Field(default="", max_length=500)
    roaming: bool = False  # a desk that travels (a bus): its position is its base

    @property
    def placed(self) -> bool:
        """Its position is good enough to rank it by distance and draw it on a map."""
        return self.coord_precision in RANKED_PRECISIONS

    @property
    def reachable(self) -> bool:
        """It says how to reach it: a street address or a phone number."""
        return bool(self.address or self.phone)

    @property
    def hours_by_day(self) -> list[tuple[str, str]]:
        """(day key, hours) for the days it opens, Monday first."""
        return [(day, h) for day, h in zip(DAYS, self.hours.split("|"), strict=False) if h] if self.hours else []

    @property
    def hours_by_days(self) -> list[tuple[str, str, str]]:
        """(first day, last day, hours): days in a row with the same hours together, for a short line."""
        runs: list[tuple[str, str, str]] = []
        previous = None
        for day, h in zip(DAYS, self.hours.split("|"), strict=False) if self.hours else []:
            if h and runs and runs[-1][2] == h and previous == runs[-1][1]:
                runs[-1] = (runs[-1][0], day, h)
            elif h:
                runs.append((day, day, h))
            previous = day
        return runs


class DirectoryState(SQLModel, table=True):
    """One row: a number that grows with every change to the directory, so each worker's in-memory
    index (index.py) knows, with one primary-key read, when to rebuild."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    # A digest of the gazetteer's rows, written by each load: workers keep one in-memory copy per digest
    # (gazetteer.py), shared by databases that hold the same gazetteer.
    gazetteer: str = Field(default="", max_length=64)


class CentreReport(SQLModel, table=True):
    """A change to an entry reported by someone who uses the directory, waiting for a coordinator."""

    id: int | None = Field(default=None, primary_key=True)
    centre_id: str = Field(max_length=80, index=True)  # no foreign key: kept if the entry goes
    reason: str = Field(max_length=20)  # directory.corrections.REASONS
    details: str = Field(default="", max_length=500)
    created_at: datetime
    status: str = Field(default="pending", max_length=10, index=True)  # pending, accepted, rejected
    decided_at: datetime | None = None


class CentreChange(SQLModel, table=True):
    """History of the directory: one row per field changed by a coordinator."""

    id: int | None = Field(default=None, primary_key=True)
    centre_id: str = Field(max_length=80, index=True)
    report_id: int | None = Field(default=None, foreign_key="centrereport.id")
    field: str = Field(max_length=20)
    old: str = Field(default="", max_length=1000)
    new: str = Field(default="", max_length=1000)
    changed_at: datetime
    how: str = Field(max_length=200)
    checked_by: str = Field(default="", max_length=100)  # the label of the coordinator's key


class CoordinatorKey(SQLModel, table=True):
    """A coordinator's key (coordinator_keys.py): only its digest is kept."""

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(max_length=100)
    scope: str = Field(max_length=12)  # national, region, departement
    area: str = Field(default="", max_length=3)  # the region's INSEE code or the département's; empty if national
    digest: str = Field(max_length=64, unique=True)
    created_at: datetime
    revoked_at: datetime | None = None


class Commune(SQLModel, table=True):
    """One (commune, postcode) pair of the offline gazetteer."""

    # Prefix searches (LIKE 'abc%') as people type: PostgreSQL uses a b-tree for them only with the
    # pattern operator class, whatever the database's collation; SQLite ignores the option.
    __table_args__ = tuple(
        Index(f"ix_commune_{column}", column, postgresql_ops={column: "varchar_pattern_ops"})
        for column in ("insee", "search_name", "postcode")
    )

    id: int | None = Field(default=None, primary_key=True)
    insee: str = Field(max_length=5)
    name: str = Field(max_length=100)
    search_name: str = Field(max_length=100)  # see places.normalise
    postcode: str = Field(max_length=5)
    departement: str = Field(max_length=3)
    lat: float | None = None
    lon: float | None = None
    population: int = 0


class PlaceSuggestion(SQLModel, table=True):
    """A place suggested by someone who knows it, waiting for a coordinator (directory/suggestions.py).
    Nothing about the person: neither name nor anything about health."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=200)
    address: str = Field(default="", max_length=200)
    town: str = Field(max_length=120)  # the gazetteer's label of the town it was placed in
    departement: str = Field(max_length=3, index=True)  # the town's: whose coordinator decides it
    phone: str = Field(default="", max_length=30)
    url: str = Field(default="", max_length=300)
    audience: str = Field(default="any", max_length=10)
    evidence: str = Field(max_length=10)  # page, visited (suggestions.EVIDENCE)
    evidence_url: str = Field(default="", max_length=300)
    created_at: datetime
    status: str = Field(default="pending", max_length=10, index=True)  # pending, accepted, rejected
    decided_at: datetime | None = None
    checked_by: str = Field(default="", max_length=100)  # the label of the coordinator's key
    reason: str = Field(default="", max_length=500)  # why it was rejected
    centre_id: str = Field(default="", max_length=80)  # the entry it became
