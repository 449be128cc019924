"""Coordinator keys, each scoped to the whole country, a region or a département.

A key is a long random string shown once, when it is made; only its SHA-256 digest is stored, so a copy
of the database opens nothing. Each key has a label (the network or association that holds it), written
into the history of every change it decides. The COMPANION_COORDINATOR_TOKEN of the configuration still
works, as a national key. No Flask here; functions only flush.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from companion.directory.models import CoordinatorKey
from companion.directory.networks import REGION_OF_DEPARTEMENT

SCOPES = ("national", "region", "departement")
CONFIGURED_LABEL = "national (configured key)"  # the label of COMPANION_COORDINATOR_TOKEN
CONFIGURED_ID = 0


class InvalidKey(ValueError):
    pass


@dataclass(frozen=True)
class Coordinator:
    """Who is signed in: a key's id (0 for the configured key), its label, and the départements it decides
    (None: all of them)."""

    key_id: int
    label: str
    departements: frozenset[str] | None

    def covers(self, departement: str | None) -> bool:
        return self.departements is None or (departement or "") in self.departements


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def departements_of(scope: str, area: str) -> frozenset[str] | None:
    if scope == "national":
        return None
    if scope == "region":
        return frozenset(d for d, r in REGION_OF_DEPARTEMENT.items() if r == area)
    return frozenset({area})


def add_key(session: Session, label: str, scope: str, area: str, now: datetime) -> tuple[CoordinatorKey, str]:
    """A new key: returns the row and the key itself, which is never stored and can't be shown again."""
    label = " ".join(label.split())
    if not label or len(label) > CoordinatorKey.__table__.c.label.type.length:
        raise InvalidKey("the label must be 1 to 100 characters")
    if scope not in SCOPES:
        raise InvalidKey(f"the scope must be one of {', '.join(SCOPES)}")
    area = area.strip().upper() if scope != "national" else ""
    if scope == "region" and area not in set(REGION_OF_DEPARTEMENT.values()):
        raise InvalidKey(f"{area or '(none)'} is not an INSEE region code (84 for Auvergne-Rhône-Alpes...)")
    if scope == "departement" and area not in REGION_OF_DEPARTEMENT:
        raise InvalidKey(f"{area or '(none)'} is not a département code (69, 2A, 974...)")
    key = secrets.token_urlsafe(32)
    row = CoordinatorKey(label=label, scope=scope, area=area, digest=digest(key), created_at=now)
    session.add(row)
    session.flush()
    return row, key


def list_keys(session: Session) -> list[CoordinatorKey]:
    return list(session.exec(select(CoordinatorKey).order_by(col(CoordinatorKey.id))))


def revoke_key(session: Session, key_id: int, now: datetime) -> CoordinatorKey:
    row = session.get(CoordinatorKey, key_id)
    if row is None:
        raise InvalidKey(f"no key #{key_id}")
    if row.revoked_at is None:
        row.revoked_at = now
        session.flush()
    return row


def any_key(session: Session) -> bool:
    return (
        session.exec(select(CoordinatorKey.id).where(col(CoordinatorKey.revoked_at).is_(None)).limit(1)).first()
        is not None
    )


def _coordinator(row: CoordinatorKey) -> Coordinator:
    return Coordinator(row.id, row.label, departements_of(row.scope, row.area))


def sign_in(session: Session, given: str, configured: str) -> Coordinator | None:
    """The coordinator this key opens, or None. The configured key is compared in constant time; the others
    are found by digest (the digest of a wrong key tells nothing about a right one)."""
    if configured and hmac.compare_digest(digest(given), digest(configured)):
        return Coordinator(CONFIGURED_ID, CONFIGURED_LABEL, None)
    row = session.exec(
        select(CoordinatorKey).where(CoordinatorKey.digest == digest(given), col(CoordinatorKey.revoked_at).is_(None))
    ).first()
    return _coordinator(row) if row else None


def still_valid(session: Session, key_id: int, configured: str) -> Coordinator | None:
    """The signed-in coordinator, read again on each request: a key revoked meanwhile opens nothing more."""
    if key_id == CONFIGURED_ID:
        return Coordinator(CONFIGURED_ID, CONFIGURED_LABEL, None) if configured else None
    row = session.get(CoordinatorKey, key_id)
    return _coordinator(row) if row and row.revoked_at is None else None
