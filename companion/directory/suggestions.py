"""Places suggested by the people who know them, checked by a coordinator before anyone sees them.

A suggestion is placed at its town (the bundled gazetteer) when it is sent, so the coordinator of that
town's area decides it. Accepting it writes a new entry placed at the town's centre, dated and sourced
("suggested by a volunteer, checked by the coordinator … on …"), and a history row; rejecting it keeps it,
with the reason. Nothing public changes before. No Flask here; functions only flush.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from companion.directory.centre_file import CentreFileError, check_centre_row
from companion.directory.corrections import SUGGESTED_BY
from companion.directory.kinds import KINDS
from companion.directory.models import Centre, CentreChange, PlaceSuggestion
from companion.directory.places import Place, resolve_place
from companion.directory.version import bump_version
from companion.translatable import N_

# What a volunteer may suggest: the national lists (cancer centres, France services) come from their files.
SUGGESTED_KINDS = {key: kind for key, kind in KINDS.items() if not kind.national}
EVIDENCE = {
    "page": N_("A web page describes it"),
    "visited": N_("I went there"),
}
NO_TOWN = N_("We could not find this town. Check the spelling, or type its postcode, such as 23000.")
SEVERAL_TOWNS = N_("Several towns match. Type the postcode too, such as “Saint-Denis (97400)”.")
MAX_REASON = PlaceSuggestion.__table__.c.reason.type.length


class UnknownSuggestion(Exception):
    pass


class StaleSuggestion(Exception):
    """Decided since the coordinator's page was shown."""


@dataclass
class InvalidSuggestion(Exception):
    column: str
    problem: str


def locate_town(session: Session, town: str) -> Place:
    """The one town meant (InvalidSuggestion otherwise): a département or a region is not a town."""
    resolution = resolve_place(session, town)
    if resolution.place is None or resolution.area is not None:
        raise InvalidSuggestion("town", NO_TOWN)
    if resolution.ask:
        raise InvalidSuggestion("town", SEVERAL_TOWNS)
    return resolution.place


def suggest(session: Session, fields: dict[str, str], now: datetime) -> PlaceSuggestion:
    """Keep a suggestion for the coordinator of its town's area; `fields` as the form checked them."""
    place = locate_town(session, fields["town"])
    suggestion = PlaceSuggestion(
        **{k: v for k, v in fields.items() if k != "town"},
        town=place.label,
        departement=place.departement,
        created_at=now,
    )
    if suggestion.evidence != "page":
        suggestion.evidence_url = ""
    session.add(suggestion)
    session.flush()
    return suggestion


def pending_suggestions(session: Session, departements: frozenset[str] | None = None) -> list[PlaceSuggestion]:
    query = select(PlaceSuggestion).where(PlaceSuggestion.status == "pending").order_by(col(PlaceSuggestion.id))
    if departements is not None:
        query = query.where(col(PlaceSuggestion.departement).in_(departements))
    return list(session.exec(query))


def _pending(session: Session, suggestion_id: int, departements: frozenset[str] | None) -> PlaceSuggestion:
    suggestion = session.get(PlaceSuggestion, suggestion_id)
    if suggestion is None or (departements is not None and suggestion.departement not in departements):
        raise UnknownSuggestion(suggestion_id)  # another area's: as if it didn't exist
    if suggestion.status != "pending":
        raise StaleSuggestion(suggestion_id)
    return suggestion


def _evidence(suggestion: PlaceSuggestion) -> str:
    if suggestion.evidence == "page":
        return f"described at {suggestion.evidence_url}"
    return "the volunteer went there"


def accept_suggestion(
    session: Session,
    suggestion_id: int,
    changes: dict[str, str],
    now: datetime,
    label: str,
    departements: frozenset[str] | None = None,
) -> Centre:
    """Publish a suggestion as the coordinator corrected it (kind, name, address, town, phone, phone type,
    website, audience): a new entry placed at its town's centre."""
    suggestion = _pending(session, suggestion_id, departements)
    place = locate_town(session, changes["town"])
    if departements is not None and place.departement not in departements:
        raise InvalidSuggestion("town", N_("This town is outside your area."))
    day = now.date().isoformat()
    row = {
        "id": f"suggested-{suggestion.id}",
        "kind": changes["kind"],
        "name": changes["name"],
        "establishment": "",
        "address": changes["address"],
        "postcode": place.postcode,
        "city": place.name,
        "departement": place.departement,
        "phone": changes["phone"],
        "url": changes["url"],
        "lat": repr(place.lat),
        "lon": repr(place.lon),
        "coord_precision": "commune",  # said on the entry: its position is its town's, not its address
        "source": f"{day}: {SUGGESTED_BY} {label} on {day} ({_evidence(suggestion)}); position: the town's centre.",
        "audience": changes["audience"],
        "phone_type": changes["phone_type"],
        "hours": "",
        "roaming": "",
        "checked_on": day,
    }
    row = {k: " ".join(v.split()) for k, v in row.items()}
    if row["kind"] not in SUGGESTED_KINDS:
        raise InvalidSuggestion("kind", f"must be one of {', '.join(SUGGESTED_KINDS)}")
    try:
        centre = check_centre_row(row, 0)
    except CentreFileError as exc:
        raise InvalidSuggestion(exc.column or "", exc.problem) from None
    if session.get(Centre, centre.id) is not None:
        raise StaleSuggestion(suggestion_id)
    session.add(centre)
    suggestion.status, suggestion.decided_at, suggestion.checked_by = "accepted", now, label
    suggestion.centre_id = centre.id
    session.add(
        CentreChange(
            centre_id=centre.id, field="added", new=centre.name, changed_at=now, how=SUGGESTED_BY, checked_by=label
        )
    )
    bump_version(session)
    return centre


def reject_suggestion(
    session: Session, suggestion_id: int, reason: str, now: datetime, label: str, departements: frozenset[str] | None
) -> None:
    """Keep it, decided, with the reason."""
    suggestion = _pending(session, suggestion_id, departements)
    suggestion.status, suggestion.decided_at, suggestion.checked_by = "rejected", now, label
    suggestion.reason = " ".join(reason.split())[:MAX_REASON]
    session.flush()
