"""Corrections to the directory: reported by the people who use it, accepted or rejected by a coordinator.

Nothing a person reports changes the directory by itself. Accepting one writes the new values, the
date and "reported by a user, checked by the coordinator" into the entry, and one history row per
field changed. No Flask here; functions only flush.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from companion.directory.centre_file import CENTRE_COLUMNS, CentreFileError, cell, check_centre_row
from companion.directory.models import Centre, CentreChange, CentreReport
from companion.directory.version import bump_version
from companion.translatable import N_

REASONS = {
    "closed": N_("It has closed"),
    "moved": N_("It has moved"),
    "phone": N_("The phone number is wrong"),
    "other": N_("Something else"),
}
MAX_DETAILS = CentreReport.__table__.c.details.type.length
# What a coordinator may correct; position and kind come with a proper import.
EDITABLE = ("name", "establishment", "address", "postcode", "city", "phone", "phone_type", "url", "audience")
CHECKED_BY = "reported by a user, checked by the coordinator"
SUGGESTED_BY = "suggested by a volunteer, checked by the coordinator"  # a new entry (suggestions.py)


def dated_as(centre: Centre) -> str:
    """What an entry's date is: "checked" (a coordinator checked a reported change, and wrote so in its source),
    "register" (the date of the national register extract, FINESS, its facts come from: no one checked it then),
    "source" (the date of its oldest source), or "unknown"."""
    if centre.checked_on is None:
        return "unknown"
    day = centre.checked_on.isoformat()
    if centre.source.startswith((f"{day}: {CHECKED_BY}", f"{day}: {SUGGESTED_BY}")):
        return "checked"
    return "register" if "FINESS" in centre.source and day in centre.source else "source"


class UnknownReport(Exception):
    pass


class StaleReport(Exception):
    """The report was decided, or the entry changed, since the coordinator's page was shown."""


@dataclass
class InvalidCorrection(Exception):
    column: str
    problem: str


def entry_version(centre: Centre) -> str:
    """A short digest of an entry's values: a correction made on an older view of it is refused."""
    values = "\x1f".join(str(getattr(centre, c)) for c in CENTRE_COLUMNS)
    return hashlib.sha256(values.encode()).hexdigest()[:16]


def report_change(session: Session, centre: Centre, reason: str, details: str, now: datetime) -> CentreReport:
    report = CentreReport(centre_id=centre.id, reason=reason, details=details, created_at=now)
    session.add(report)
    session.flush()
    return report


def pending_reports(
    session: Session, departements: frozenset[str] | None = None
) -> list[tuple[CentreReport, Centre | None]]:
    """The reports waiting, with their entries; only those in `departements` when given (a scoped coordinator:
    a report on an entry no longer listed has no département, and is left to a national one)."""
    reports = session.exec(select(CentreReport).where(CentreReport.status == "pending").order_by(CentreReport.id)).all()
    ids = {r.centre_id for r in reports}
    centres = {c.id: c for c in session.exec(select(Centre).where(col(Centre.id).in_(ids)))} if ids else {}
    pairs = [(r, centres.get(r.centre_id)) for r in reports]
    if departements is None:
        return pairs
    return [(r, c) for r, c in pairs if c is not None and c.departement in departements]


def _pending(session: Session, report_id: int, departements: frozenset[str] | None) -> CentreReport:
    report = session.get(CentreReport, report_id)
    if report is None:
        raise UnknownReport(report_id)
    if departements is not None:
        centre = session.get(Centre, report.centre_id)
        if centre is None or centre.departement not in departements:
            raise UnknownReport(report_id)  # another area's: as if it didn't exist
    if report.status != "pending":
        raise StaleReport(report_id)
    return report


def _history(session, report, centre_id, field, old, new, now, label):
    session.add(
        CentreChange(
            centre_id=centre_id,
            report_id=report.id,
            field=field,
            old=str(old),
            new=str(new),
            changed_at=now,
            how=CHECKED_BY,
            checked_by=label,
        )
    )


def accept(
    session: Session,
    report_id: int,
    version: str,
    changes: dict[str, str],
    now: datetime,
    label: str,
    departements: frozenset[str] | None = None,
    remove: bool = False,
) -> list[str]:
    """Apply a coordinator's correction (`label`: their key's, `departements`: their area, None for all);
    returns the fields changed. `remove` takes the entry out."""
    report = _pending(session, report_id, departements)
    centre = session.get(Centre, report.centre_id)
    if centre is None or entry_version(centre) != version:
        raise StaleReport(report_id)
    if remove:
        report.status, report.decided_at = "accepted", now
        _history(session, report, centre.id, "removed", centre.name, "", now, label)
        session.delete(centre)
        bump_version(session)
        return ["removed"]
    row = {c: cell(getattr(centre, c)) for c in CENTRE_COLUMNS}
    row.update({k: " ".join(v.split()) for k, v in changes.items() if k in EDITABLE})
    row["checked_on"] = now.date().isoformat()
    row["source"] = f"{now.date().isoformat()}: {CHECKED_BY} {label}. {centre.source}"[
        : Centre.__table__.c.source.type.length
    ]
    try:
        checked = check_centre_row(row, 0)
    except CentreFileError as exc:
        raise InvalidCorrection(exc.column or "", exc.problem) from None
    report.status, report.decided_at = "accepted", now  # only once the correction is known to be valid
    changed = []
    for field in (*EDITABLE, "checked_on", "source"):
        old, new = getattr(centre, field), getattr(checked, field)
        if old != new:
            _history(session, report, centre.id, field, old, new, now, label)
            setattr(centre, field, new)
            changed.append(field)
    bump_version(session)
    return changed


def reject(session: Session, report_id: int, now: datetime, departements: frozenset[str] | None = None) -> None:
    report = _pending(session, report_id, departements)
    report.status, report.decided_at = "rejected", now
    session.flush()


def history(
    session: Session, centre_id: str | None = None, departements: frozenset[str] | None = None
) -> list[CentreChange]:
    query = select(CentreChange).order_by(col(CentreChange.id).desc())
    if centre_id:
        query = query.where(CentreChange.centre_id == centre_id)
    if departements is not None:
        query = query.where(
            col(CentreChange.centre_id).in_(select(Centre.id).where(col(Centre.departement).in_(departements)))
        )
    return list(session.exec(query.limit(200)))
