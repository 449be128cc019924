"""The directory's version: one row (models.DirectoryState) that every change to the directory bumps in its own
transaction, and what this worker knows of it, so that a search needs no database read to know which version
it answers from (the in-memory index and the results cache are keyed by it). No Flask here.

How a worker knows: it reads the row, on a pooled connection, at most once per recheck interval (1 s by
default: one primary-key read a second, ~0.1 ms), and at once after a commit of its own that changed the
directory. A person who changed it sees it in their next request; other workers within the interval.
Why not SQLite's `PRAGMA data_version` or PostgreSQL's LISTEN: data_version answers only for the connection
that asks, so each worker would keep one connection aside per database and still read the row for the number
itself; LISTEN needs a connection held open and a listening thread, on PostgreSQL only. The interval costs
the same on both databases and needs nothing kept open.
"""

import math
import threading
from dataclasses import dataclass
from time import monotonic
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from companion.directory.models import DirectoryState

RECHECK_SECONDS = 1.0


@dataclass(frozen=True)
class State:
    version: int
    gazetteer: str  # the digest of the gazetteer's rows (gazetteer.py keeps one copy per digest)


def _read(connection) -> State:
    row = connection.execute(
        select(DirectoryState.version, DirectoryState.gazetteer).where(DirectoryState.id == 1)
    ).first()
    return State(row.version, row.gazetteer) if row else State(0, "")


@dataclass
class _Known:
    state: State | None = None
    read_at: float = -math.inf
    commits: int = 0  # commits of a change seen in this process: a read begun before one is not trusted


class _Worker:
    """The state of each database this worker uses (per engine: two apps in one process are two "workers")."""

    def __init__(self):
        self._lock = threading.Lock()
        self._known: WeakKeyDictionary[Engine, _Known] = WeakKeyDictionary()
        self._recheck: WeakKeyDictionary[Engine, float] = WeakKeyDictionary()

    def recheck_every(self, engine: Engine, seconds: float) -> None:
        self._recheck[engine] = seconds

    def state(self, engine: Engine) -> State:
        known = self._known.get(engine)
        now = monotonic()
        if known and known.state and now - known.read_at < self._recheck.get(engine, RECHECK_SECONDS):
            return known.state
        commits = known.commits if known else 0
        with engine.connect() as connection:
            state = _read(connection)
        with self._lock:
            known = self._known.setdefault(engine, _Known())
            # A commit landed while reading: keep what was read for now, read again on the next request.
            known.state, known.read_at = state, now if known.commits == commits else -math.inf
        return state

    def changed(self, url) -> None:
        """A change to the directory was committed in this process: every engine on that database reads again."""
        with self._lock:
            for engine, known in self._known.items():
                if engine.url == url:
                    known.commits += 1
                    known.read_at = -math.inf


WORKER = _Worker()


def directory_state(session: Session) -> State:
    """The directory's state as this session sees it, read once per session (one request): what the worker
    knows, or, in a transaction that changed the directory, what it wrote (a plain read, not session.get():
    the identity map would keep old values)."""
    if "directory_state" not in session.info:
        if session.info.get("directory_changed"):
            session.info["directory_state"] = _read(session.connection())
        else:
            session.info["directory_state"] = WORKER.state(session.get_bind())
    return session.info["directory_state"]


def known_state(session: Session | None, engine: Engine) -> State:
    """directory_state() for a request that may have no database session yet: without one, what this worker
    knows, with no Session made for it (a search answered from the results cache needs none, and making one
    cost more than the rest of the read). A session opened later answers from it (answer_from)."""
    return directory_state(session) if session is not None else WORKER.state(engine)


def answer_from(session: Session, state: State) -> None:
    """This session's searches answer from `state` (read by known_state before it was opened), the version
    their results are kept under."""
    session.info.setdefault("directory_state", state)


def state_row(session: Session) -> DirectoryState:
    state = session.get(DirectoryState, 1)
    if state is None:
        state = DirectoryState(id=1, version=0)
        session.add(state)
    return state


def changed(session: Session) -> None:
    """This transaction changed the directory's row: it reads its own state until it ends, and every search of
    this worker knows of it once it is committed."""
    session.flush()
    session.info["directory_changed"] = True
    forget(session)


def bump_version(session: Session) -> None:
    """Call in the same transaction as any change to the directory's entries or gazetteer."""
    state_row(session).version += 1
    changed(session)


def forget(session: Session) -> None:
    """Read the state (and what is built from it) again on this session's next use."""
    session.info.pop("directory_state", None)
    session.info.pop("directory_snapshot", None)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if session.info.pop("directory_changed", False):
        WORKER.changed(session.get_bind().url)
    forget(session)  # a new transaction, a new look


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop("directory_changed", None)
    forget(session)
