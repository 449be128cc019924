"""France services desks (ANCT's open list) as directory entries of the paperwork kind: every row checked,
all or nothing. No Flask here.

The ANCT publishes the list on data.gouv.fr (Licence Ouverte 2.0); a newer version is imported with
`flask import-france-services FILE --published YYYY-MM-DD` and replaces the desks of the older one.
"""

import csv
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from companion.directory.centre_file import CentreFileError, check_centre_row, save_centres
from companion.directory.kinds import PAPERWORK
from companion.directory.models import Centre

# The columns this import reads; the file may carry others (mail, comments, label date), which are left.
DESK_COLUMNS = (
    "id_fs",
    "insee_dep",
    "lib_fs",
    "adresse",
    "complement_adresse",
    "code_postal",
    "lib_com",
    "latitude",
    "longitude",
    "telephone",
    "h_lundi",
    "h_mardi",
    "h_mercredi",
    "h_jeudi",
    "h_vendredi",
    "h_samedi",
    "format_fs",
)
HOURS = ("h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi")
FORMATS = {"Fixe": False, "Fixe_antenne(s)": False, "Multisites": False, "Bus_équivalent": True, "Itinérante": True}
ID_PREFIX = "france-services-"


def _source(row: dict[str, str], published: date) -> str:
    return (
        f"ANCT, Liste des structures France services, version of {published.isoformat()} "
        f"(data.gouv.fr, Licence Ouverte 2.0), id_fs {row['id_fs']}"
    )


def desk_from_row(row: dict[str, str], line: int, published: date) -> Centre:
    """One ANCT row as a directory entry, checked as any entry is (CentreFileError names the line)."""
    if not (row["id_fs"].isascii() and row["id_fs"].isdigit()):
        raise CentreFileError(line, "id_fs", f"'{row['id_fs']}' is not a number")
    if row["format_fs"] not in FORMATS:
        raise CentreFileError(line, "format_fs", f"'{row['format_fs']}' is not one of {', '.join(FORMATS)}")
    address = ", ".join(part for part in (row["adresse"], row["complement_adresse"]) if part)
    phone = row["telephone"]
    return check_centre_row(
        {
            "id": f"{ID_PREFIX}{row['id_fs']}",
            "kind": PAPERWORK,
            "name": row["lib_fs"],
            "establishment": "",
            "address": address,
            "postcode": row["code_postal"],
            "city": row["lib_com"],
            "departement": row["insee_dep"],
            "phone": phone,
            "url": "",
            "lat": row["latitude"],
            "lon": row["longitude"],
            # The desk's own address, geocoded by the ANCT; a bus's is its base.
            "coord_precision": "address",
            "source": _source(row, published),
            "audience": "any",
            "phone_type": "direct" if phone else "",
            "hours": "|".join(row[h] for h in HOURS) if any(row[h] for h in HOURS) else "",
            "roaming": "yes" if FORMATS[row["format_fs"]] else "",
            "checked_on": published.isoformat(),
        },
        line,
    )


def read_france_services(lines: Iterable[str], published: date) -> list[Centre]:
    """Parse and check an ANCT file; raise CentreFileError at the first bad row (nothing is kept)."""
    reader = csv.DictReader(lines, strict=True)
    read = 1
    try:
        header = reader.fieldnames or []
        missing = [c for c in DESK_COLUMNS if c not in header]
        if missing:
            raise CentreFileError(1, None, f"the ANCT file has no column {', '.join(missing)}")
        desks, seen = [], {}
        for row in reader:
            line = read = reader.line_num
            if None in row or any(v is None for v in row.values()):
                raise CentreFileError(line, None, f"expected {len(header)} fields")
            desk = desk_from_row({k: (row[k] or "").strip() for k in DESK_COLUMNS}, line, published)
            if desk.id in seen:
                raise CentreFileError(line, "id_fs", f"already used on line {seen[desk.id]}")
            seen[desk.id] = line
            desks.append(desk)
    except csv.Error as exc:
        raise CentreFileError(read + 1, None, f"not valid CSV ({exc})") from None
    if not desks:
        raise CentreFileError(1, None, "the file has no desks")
    return desks


def listed_version(session: Session) -> date | None:
    """The date of the ANCT list the directory holds (None before any)."""
    return session.exec(select(func.max(Centre.checked_on)).where(Centre.kind == PAPERWORK)).one()


def save_france_services(session: Session, desks: list[Centre]) -> None:
    """These desks replace the directory's (the caller commits: all or nothing)."""
    save_centres(session, desks)
    ids = {d.id for d in desks}
    listed = session.exec(select(Centre.id).where(Centre.kind == PAPERWORK)).all()
    gone = [i for i in listed if i not in ids]
    for start in range(0, len(gone), 500):
        session.exec(delete(Centre).where(col(Centre.id).in_(gone[start : start + 500])))
