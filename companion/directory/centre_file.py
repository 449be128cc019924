"""Reading a directory of centres from CSV: every row checked, all or nothing."""

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Column, MetaData, Table, delete, select, true
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from companion.directory.kinds import AUDIENCES, DAYS, KINDS, PHONE_TYPES, PRECISIONS
from companion.directory.models import CENTRE_ID, Centre
from companion.directory.version import bump_version

CENTRE_COLUMNS = [
    "id",
    "kind",
    "name",
    "establishment",
    "address",
    "postcode",
    "city",
    "departement",
    "phone",
    "url",
    "lat",
    "lon",
    "coord_precision",
    "source",
    "audience",
    "phone_type",
    "hours",
    "roaming",
    "checked_on",
]
REQUIRED = ("id", "kind", "name", "city", "departement", "lat", "lon", "coord_precision", "source", "checked_on")
# Opening hours: one or more "09:00 - 12:00" spans a day, " / " between them; "|" between the days.
HOURS_OF_A_DAY = re.compile(r"(?:\d\d:\d\d - \d\d:\d\d(?: / \d\d:\d\d - \d\d:\d\d)*)?")
ROAMING = {"": False, "yes": True}
# The table's own lengths, so the file and the database can't disagree.
MAX_LENGTHS = {
    c: Centre.__table__.c[c].type.length for c in CENTRE_COLUMNS if getattr(Centre.__table__.c[c].type, "length", None)
}


@dataclass
class CentreFileError(Exception):
    """What is wrong with a centres file, and where (line 1 is the header)."""

    line: int
    column: str | None
    problem: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.problem}"


def _coordinate(value: str, line: int, column: str, bound: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise CentreFileError(line, column, f"'{value}' is not a number") from None
    if not math.isfinite(number) or not -bound <= number <= bound:
        raise CentreFileError(line, column, f"{value} is outside -{bound:g}..{bound:g}")
    return number


def check_centre_row(row: dict[str, str], line: int) -> Centre:
    """One row checked as the import checks it (CentreFileError), as a Centre."""
    for column in REQUIRED:
        if not row[column]:
            raise CentreFileError(line, column, "is empty but required")
    for column, length in MAX_LENGTHS.items():
        if len(row[column]) > length:
            raise CentreFileError(line, column, f"is longer than {length} characters")
    for column, value in row.items():
        if re.search(r"[\x00-\x1f\x7f]", value):  # invisible in a listing, and PostgreSQL refuses NUL
            raise CentreFileError(line, column, "contains a control character (line break, tab or NUL)")
    if not CENTRE_ID.fullmatch(row["id"]):
        raise CentreFileError(line, "id", "use lower-case letters, digits and hyphens only")
    if row["kind"] not in KINDS:
        raise CentreFileError(line, "kind", f"'{row['kind']}' is not one of {', '.join(KINDS)}")
    if row["postcode"] and not re.fullmatch(r"\d{5}", row["postcode"]):
        raise CentreFileError(line, "postcode", f"'{row['postcode']}' is not a 5-digit postcode")
    if not re.fullmatch(r"\d[0-9AB]\d?", row["departement"]):
        raise CentreFileError(line, "departement", f"'{row['departement']}' is not a département code")
    if row["url"] and not re.match(r"https?://[^\s/]+", row["url"]):
        raise CentreFileError(line, "url", "must start with http:// or https://")
    if row["coord_precision"] not in PRECISIONS:
        raise CentreFileError(line, "coord_precision", f"must be one of {', '.join(PRECISIONS)}")
    if row["audience"] not in AUDIENCES:
        raise CentreFileError(line, "audience", f"must be one of {', '.join(AUDIENCES)}")
    if row["phone"] and row["phone_type"] not in PHONE_TYPES:
        raise CentreFileError(line, "phone_type", f"must be one of {', '.join(PHONE_TYPES)} when there is a phone")
    if not row["phone"] and row["phone_type"]:
        raise CentreFileError(line, "phone_type", "must be empty when there is no phone")
    if row["hours"] and (
        row["hours"].count("|") != len(DAYS) - 1
        or not all(HOURS_OF_A_DAY.fullmatch(h) for h in row["hours"].split("|"))
    ):
        raise CentreFileError(
            line, "hours", "must be six days, Monday to Saturday, such as 09:00 - 12:00 / 14:00 - 17:00|…"
        )
    if row["roaming"] not in ROAMING:
        raise CentreFileError(line, "roaming", "must be yes (a desk that travels) or empty")
    try:
        checked_on = date.fromisoformat(row["checked_on"])
    except ValueError:
        raise CentreFileError(line, "checked_on", f"'{row['checked_on']}' is not a date such as 2026-03-31") from None
    if checked_on > date.today():
        raise CentreFileError(line, "checked_on", "is in the future")
    lat = _coordinate(row["lat"], line, "lat", 90)
    lon = _coordinate(row["lon"], line, "lon", 180)
    return Centre(**{**row, "lat": lat, "lon": lon, "checked_on": checked_on, "roaming": ROAMING[row["roaming"]]})


def cell(value) -> str:
    """A field of an entry as the file writes it, and check_centre_row reads it back."""
    if isinstance(value, bool):
        return "yes" if value else ""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def write_centres(centres: Iterable[Centre], out) -> None:
    """The directory in the import format: what read_centres reads back unchanged."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CENTRE_COLUMNS)
    for centre in centres:
        row = [getattr(centre, c) for c in CENTRE_COLUMNS]
        writer.writerow([cell(v) for v in row])


def read_centres(lines: Iterable[str]) -> list[Centre]:
    """Parse and check a centres CSV; raise CentreFileError at the first bad row."""
    reader = csv.DictReader(lines, strict=True)
    try:
        header = reader.fieldnames or []
        if header != CENTRE_COLUMNS:
            missing = [c for c in CENTRE_COLUMNS if c not in header]
            extra = [c for c in header if c not in CENTRE_COLUMNS]
            detail = f"missing {missing}" if missing else f"unexpected {extra}" if extra else "wrong order"
            raise CentreFileError(1, None, f"the header must be {','.join(CENTRE_COLUMNS)} ({detail})")
        centres, seen, read = [], {}, reader.line_num
        for row in reader:
            line, read = reader.line_num, reader.line_num
            if None in row or any(v is None for v in row.values()):
                raise CentreFileError(line, None, f"expected {len(CENTRE_COLUMNS)} fields")
            centre = check_centre_row({k: v.strip() for k, v in row.items()}, line)
            if centre.id in seen:
                raise CentreFileError(line, "id", f"'{centre.id}' already used on line {seen[centre.id]}")
            seen[centre.id] = line
            centres.append(centre)
    except csv.Error as exc:  # raised while reading the next row: it starts on the line after the last one read
        raise CentreFileError(read + 1, None, f"not valid CSV ({exc})") from None
    if not centres:
        raise CentreFileError(1, None, "the file has no centres")
    return centres


def save_centres(session: Session, centres: list[Centre], replace: bool = False) -> None:
    """Add or update these centres (the caller commits: all or nothing); with replace, drop all the others.

    The rows first go into a temporary table, which locks nothing that people use (on SQLite, writing
    to TEMP doesn't take the database's write lock); the directory then changes in one set-based
    statement or two, so checklist writes wait a fraction of a second, not the whole import."""
    connection = session.connection()
    staging = Table(
        "centre_staging",
        MetaData(),
        *(Column(c.name, c.type) for c in Centre.__table__.columns),
        prefixes=["TEMPORARY"],
    )
    staging.drop(connection, checkfirst=True)
    staging.create(connection)
    connection.execute(staging.insert(), [{c: getattr(centre, c) for c in CENTRE_COLUMNS} for centre in centres])
    if replace:
        connection.execute(delete(Centre.__table__).where(Centre.__table__.c.id.not_in(select(staging.c.id))))
    dialect_insert = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
    # WHERE true: SQLite's parser otherwise reads ON CONFLICT as part of the SELECT.
    upsert = dialect_insert(Centre.__table__).from_select(
        CENTRE_COLUMNS, select(*(staging.c[c] for c in CENTRE_COLUMNS)).where(true())
    )
    connection.execute(
        upsert.on_conflict_do_update(
            index_elements=["id"], set_={c: upsert.excluded[c] for c in CENTRE_COLUMNS if c != "id"}
        )
    )
    staging.drop(connection)
    bump_version(session)
