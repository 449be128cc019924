"""The anonymous notebook and its checklist: codes, items, versions, saved scores, purge.

A notebook is known only by the SHA-256 of its code. The code carries 140 random bits, so a fast
hash is enough: guessing is hopeless, and the code entry is also rate-limited.
"""

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row, bindparam, func, update
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, delete, select

from companion.cares.catalogue import CARES
from companion.checklist.models import ChecklistItem, Notebook, SavedAssessment
from companion.directory.models import CENTRE_ID, Centre
from companion.plain_text import without_controls
from companion.translatable import KEEP_UNDER_MAX, N_, Refusal

# Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is hard to get wrong.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 28  # 28 × 5 = 140 bits
GROUP = 4
MAX_NOTE, MAX_TITLE, MAX_REASON = 500, 120, 300
MAX_TYPED_CODE = 80  # a code as typed, dashes and spaces included: more is cut before it is read
# Far more than the 11 cares and a person's own items; keeps a page (and a scripted abuse) small.
MAX_ITEMS = 100

STATUSES = {
    "to_discuss": N_("To discuss"),
    "asked": N_("Asked"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "not_for_me": N_("Not for me"),
}
OPEN_STATUSES = ("to_discuss", "asked", "in_progress")


class UnknownItem(Exception):
    """The notebook has no such item, or it (or the notebook) was deleted meanwhile from another device."""


class InvalidChange(Refusal):
    """A change to an item that can't be kept (the field is the form's)."""


@dataclass(frozen=True)
class Change:
    """A change asked for an item, as posted: None is not part of it ("" for the centre removes it)."""

    status: str | None = None
    note: str | None = None
    centre: str | None = None


@dataclass(frozen=True)
class Conflict:
    """A change that met a newer version of its item: the item as it is now, and the change, to offer again."""

    current: Row  # the item's columns by name
    attempted: Change

    @property
    def item_id(self) -> int | None:
        return self.current.id


@dataclass
class StaleItem(Exception):
    """The item changed elsewhere since this version was shown: nothing was written."""

    conflict: Conflict


# The statements of a status change, built once: building one anew (its clauses and their cache key) cost
# more than running it on SQLite (~100 of ~140 µs each), and a status change runs five. Core statements on the
# tables: an item comes back as a row (its columns by name), not an object the session must track.
NOTEBOOKS, ITEMS = Notebook.__table__, ChecklistItem.__table__
_BY_CODE = select(NOTEBOOKS).where(NOTEBOOKS.c.code_hash == bindparam("code_hash"))
_TOUCH = update(NOTEBOOKS).where(NOTEBOOKS.c.id == bindparam("notebook"))
_TOUCHED_NOW = _TOUCH.values(touched_at=bindparam("now"))
_TOUCHED_AS_IS = _TOUCH.values(touched_at=NOTEBOOKS.c.touched_at)
_ITEM = select(ITEMS).where(ITEMS.c.id == bindparam("item"))
_STATUS_COUNTS = (
    select(ITEMS.c.status, func.count()).where(ITEMS.c.notebook_id == bindparam("notebook")).group_by(ITEMS.c.status)
)
_CHANGES: dict[tuple[str, ...], object] = {}  # an item's compare-and-set, per set of columns changed


def _change_statement(columns: tuple[str, ...]):
    """UPDATE the item's `columns` if its version is still the one shown, RETURNING the item as it is then."""
    statement = _CHANGES.get(columns)
    if statement is None:
        statement = _CHANGES[columns] = (
            update(ITEMS)
            .where(ITEMS.c.id == bindparam("item"), ITEMS.c.version == bindparam("shown"))
            .values(
                {c: bindparam(f"new_{c}") for c in columns}
                | {"version": ITEMS.c.version + 1, "updated_at": bindparam("now")}
            )
            .returning(*ITEMS.c)
        )
    return statement


def _forget_loaded(session: Session, model, key, columns) -> None:
    """Columns changed by a Core statement are read afresh next time, if the session had loaded the row as an
    object (its other columns stay as loaded: its id, for one, is read without asking the database again)."""
    loaded = session.identity_map.get(identity_key(model, key))
    if loaded is not None:
        session.expire(loaded, columns)


# --- Codes --------------------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """The code as typed (any case, spaces or dashes, O for 0, I/L for 1), or None if it can't be one."""
    text = re.sub(r"[\s\-–.]", "", text.upper()).translate(str.maketrans("OIL", "011"))
    if len(text) != CODE_LENGTH or any(c not in ALPHABET for c in text):
        return None
    return text


def grouped(code: str) -> str:
    """ABCD-EFGH-… for reading and copying."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


# --- Notebooks ----------------------------------------------------------------------------------


def create_notebook(session: Session, now: datetime) -> tuple[Notebook, str]:
    code = new_code()
    notebook = Notebook(code_hash=code_hash(code), created_at=now, touched_at=now)
    session.add(notebook)
    session.flush()
    return notebook, code


def find_notebook(session: Session, code: str | None) -> Row | None:
    """The notebook this code opens, as a row (the functions here read only a notebook's id), or None."""
    code = normalise_code(code or "")
    if code is None:
        return None
    return session.execute(_BY_CODE, {"code_hash": code_hash(code)}).first()


def lock(session: Session, notebook: Notebook, now: datetime | None = None) -> None:
    """Start every change to a notebook here: its row is written first (the time it was last used), which
    takes its lock. Changes to one notebook then wait for each other in one order, notebook before items:
    no deadlock between a device deleting an item and another changing it, and a second "add" of a care
    sees the first once it is committed. UnknownItem if the notebook was deleted meanwhile."""
    if now is None:
        written = session.execute(_TOUCHED_AS_IS, {"notebook": notebook.id})
    else:
        written = session.execute(_TOUCHED_NOW, {"notebook": notebook.id, "now": now})
    if written.rowcount != 1:
        raise UnknownItem(None)
    _forget_loaded(session, Notebook, notebook.id, ["touched_at"])


def delete_notebook(session: Session, notebook: Notebook) -> tuple[int, int]:
    """Everything the notebook holds; returns (items, saved results) deleted."""
    lock(session, notebook)
    items = session.exec(delete(ChecklistItem).where(col(ChecklistItem.notebook_id) == notebook.id)).rowcount
    scores = session.exec(delete(SavedAssessment).where(col(SavedAssessment.notebook_id) == notebook.id)).rowcount
    session.exec(delete(Notebook).where(col(Notebook.id) == notebook.id))
    session.flush()
    return items, scores


def purge(session: Session, now: datetime, retention: timedelta) -> int:
    """Delete the notebooks untouched for longer than `retention`; returns how many."""
    # Locked first, as every change to a notebook is (see lock()).
    ids = session.exec(select(Notebook.id).where(col(Notebook.touched_at) < now - retention).with_for_update()).all()
    if ids:
        session.exec(delete(ChecklistItem).where(col(ChecklistItem.notebook_id).in_(ids)))
        session.exec(delete(SavedAssessment).where(col(SavedAssessment.notebook_id).in_(ids)))
        session.exec(delete(Notebook).where(col(Notebook.id).in_(ids)))
    session.flush()
    return len(ids)


# --- Checklist items ----------------------------------------------------------------------------


def items_of(session: Session, notebook: Notebook) -> list[ChecklistItem]:
    """Catalogue cares in catalogue order, then the person's own items, oldest first."""
    order = {key: i for i, key in enumerate(CARES)}
    items = session.exec(select(ChecklistItem).where(ChecklistItem.notebook_id == notebook.id)).all()
    return sorted(items, key=lambda i: (order.get(i.care_key, len(order)), i.created_at, i.id))


def _check_centre(session: Session, centre_id: str | None) -> str | None:
    centre_id = (centre_id or "").strip() or None
    if centre_id is not None and (not CENTRE_ID.fullmatch(centre_id) or session.get(Centre, centre_id) is None):
        raise InvalidChange("centre", N_("This centre is not in the directory."))
    return centre_id


def _check_text(value: str | None, field: str, limit: int) -> str:
    value = without_controls(value or "")
    text = " ".join(value.split()) if field != "note" else value.strip()
    if len(text) > limit:
        raise InvalidChange(field, KEEP_UNDER_MAX, {"max": limit})
    return text


# A reason the app words (why a care was suggested, where its centre was found) is kept as what to translate,
# so that it reads in the language of whoever opens the notebook; a reason a person typed is kept as typed.
def worded_reason(because: list[str] | None = None, near: str | None = None) -> str:
    """A reason to word when shown: "because of" these items (msgids), or "found near" a place ("": my position)."""
    parts = {"because": because} if because is not None else {"near": near or ""}
    return json.dumps(parts, ensure_ascii=False)


def reason_words(stored: str) -> dict | None:
    """The parts of a reason kept by worded_reason(), or None for a reason kept as typed."""
    if not stored.startswith("{"):
        return None
    try:
        parts = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(parts, dict) or len(parts) != 1:
        return None
    because, near = parts.get("because"), parts.get("near")
    if (isinstance(because, list) and all(isinstance(r, str) for r in because)) or isinstance(near, str):
        return parts
    return None


@dataclass(frozen=True)
class NewItem:
    """What is to be added, checked before anything is written (or any notebook made for it)."""

    care_key: str | None
    title: str
    reason: str
    centre_id: str | None


def check_new_item(
    session: Session, care_key: str | None = None, title: str = "", reason: str = "", centre_id: str | None = None
) -> NewItem:
    """A care of the catalogue (or a personal item with a title), with an optional reason and centre."""
    if care_key is not None and care_key not in CARES:
        raise InvalidChange("care", N_("This supportive care is not in the list."))
    title = _check_text(title, "title", MAX_TITLE)
    if care_key is None and not title:
        raise InvalidChange("title", N_("Write a few words to name this item."))
    reason = _check_text(reason, "reason", MAX_REASON)
    return NewItem(care_key, "" if care_key else title, reason, _check_centre(session, centre_id))


def add_item(
    session: Session, notebook: Notebook, now: datetime, new: NewItem, replace_centre: bool = False
) -> tuple[ChecklistItem, bool]:
    """Add a care (or a personal item); a care already listed is kept, gaining the centre if it had none
    (or in place of its centre, with `replace_centre`). Adding a care twice at once (a double tap) gives
    the second the first's item: the notebook's lock makes it wait, then it finds that item."""
    lock(session, notebook, now)
    if new.care_key is not None:
        existing = session.exec(
            select(ChecklistItem).where(
                ChecklistItem.notebook_id == notebook.id, ChecklistItem.care_key == new.care_key
            )
        ).first()
        if existing is not None:
            centre_id = new.centre_id
            if centre_id and (not existing.centre_id or replace_centre) and existing.centre_id != centre_id:
                existing.centre_id, existing.version, existing.updated_at = centre_id, existing.version + 1, now
            if new.reason and not existing.reason:
                existing.reason = new.reason
            session.flush()
            return existing, False
    count = session.exec(select(func.count()).where(ChecklistItem.notebook_id == notebook.id)).one()
    if count >= MAX_ITEMS:
        raise InvalidChange(
            "care",
            N_("Your checklist already holds %(max)s items: remove some before adding more."),
            {"max": MAX_ITEMS},
        )
    item = ChecklistItem(
        notebook_id=notebook.id,
        care_key=new.care_key,
        title=new.title,
        status="to_discuss",
        reason=new.reason,
        centre_id=new.centre_id,
        created_at=now,
        updated_at=now,
    )
    session.add(item)
    session.flush()
    return item, True


def get_item(session: Session, notebook: Notebook, item_id: int) -> Row:
    """The notebook's item `item_id`, as a row (UnknownItem if it has none by that id)."""
    item = session.execute(_ITEM, {"item": item_id}).first()
    if item is None or item.notebook_id != notebook.id:
        raise UnknownItem(item_id)
    return item


def update_item(
    session: Session,
    notebook: Notebook,
    item: ChecklistItem | Row,
    version: int,
    now: datetime,
    status: str | None = None,
    note: str | None = None,
    centre_id: str | None = None,
) -> Row:
    """Change an item if nobody changed it since `version` (else StaleItem, nothing written; UnknownItem if
    it was deleted meanwhile), and return it as it is then, as a row. A value left as None is not part of the
    change; centre_id "" removes the centre."""
    changes: dict = {}
    if status is not None:
        if status not in STATUSES:
            raise InvalidChange("status", N_("Unknown status."))
        changes["status"] = status
    if note is not None:
        changes["note"] = _check_text(note, "note", MAX_NOTE)
    if centre_id is not None:
        changes["centre_id"] = _check_centre(session, centre_id)
    lock(session, notebook, now)
    # Compare-and-set on the version, atomic on SQLite and PostgreSQL alike; the item comes back in the same
    # statement (RETURNING: SQLite 3.35 and later).
    params = {f"new_{c}": value for c, value in changes.items()} | {"item": item.id, "shown": version, "now": now}
    changed = session.execute(_change_statement(tuple(changes)), params).first()
    _forget_loaded(session, ChecklistItem, item.id, [*changes, "version", "updated_at"])
    if changed is not None:
        return changed
    current = session.execute(_ITEM, {"item": item.id}).first()
    if current is None:
        raise UnknownItem(item.id)
    # Nothing was written: the item as the other device left it.
    raise StaleItem(Conflict(current, Change(status, note, centre_id)))


def delete_item(session: Session, notebook: Notebook, item: ChecklistItem, now: datetime) -> None:
    """Delete the item (UnknownItem if another device deleted it first)."""
    lock(session, notebook, now)
    if session.exec(delete(ChecklistItem).where(col(ChecklistItem.id) == item.id)).rowcount != 1:
        raise UnknownItem(item.id)


def progress(items: list[ChecklistItem]) -> dict[str, int]:
    """How many items in each status, in the catalogue's order of statuses."""
    return {status: sum(1 for i in items if i.status == status) for status in STATUSES}


def progress_of(session: Session, notebook: Notebook) -> dict[str, int]:
    """progress() of the notebook's items, counted by the database (for a change that shows no other item)."""
    counts = dict(session.execute(_STATUS_COUNTS, {"notebook": notebook.id}).all())
    return {status: counts.get(status, 0) for status in STATUSES}


# --- Saved scores -------------------------------------------------------------------------------


def save_scores(session: Session, notebook: Notebook, scores: dict[str, int], now: datetime) -> SavedAssessment:
    lock(session, notebook, now)
    saved = SavedAssessment(notebook_id=notebook.id, created_at=now, scores=scores)
    session.add(saved)
    session.flush()
    return saved


def saved_scores(session: Session, notebook: Notebook) -> list[SavedAssessment]:
    return list(
        session.exec(
            select(SavedAssessment)
            .where(SavedAssessment.notebook_id == notebook.id)
            .order_by(SavedAssessment.created_at)
        ).all()
    )
