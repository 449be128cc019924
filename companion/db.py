"""SQLModel engine per app; one session and one transaction per request."""

import os
import sqlite3
import threading
from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool, StaticPool
from sqlmodel import Session, create_engine

from companion.web.logs import trace_without_values


def make_engine(url: str, pooled: bool = True):
    # Statement parameters are what people typed (notes, reasons, places): never in an error's text, so
    # never in a log. The database's own log is set to keep no statement either (deploy/postgresql).
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        if not in_memory:
            _private_file(make_url(url).database)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT}
            | ({} if in_memory else {"factory": QueuedWriter}),
            poolclass=StaticPool if in_memory else (None if pooled else NullPool),
            hide_parameters=True,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            # Prefix searches (LIKE 'abc%') on the lower-case gazetteer columns can then use their index.
            cur.execute("PRAGMA case_sensitive_like=ON")
            # Deleted notes are overwritten, not left readable in free pages (health data).
            cur.execute("PRAGMA secure_delete=ON")
            if not in_memory:
                cur.execute("PRAGMA journal_mode=WAL")  # readers don't block the writer
            cur.close()

        return engine
    if not pooled:  # tests: every connection closed as soon as it is returned, nothing left for the GC
        return create_engine(url, poolclass=NullPool, hide_parameters=True)
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


# How long a write waits for another to finish (seconds): SQLite's busy timeout, and this worker's queue.
BUSY_TIMEOUT = 5.0
_queues: dict[str, threading.Lock] = {}
_queues_lock = threading.Lock()
# The statements before which sqlite3 opens a write transaction of its own accord.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class QueuedWriter(sqlite3.Connection):
    """A SQLite connection whose write transactions take turns within this process.

    SQLite has one writer at a time; a connection that finds the database locked retries in sleeps that
    grow to 100 ms, so under a few threads' writes the unlucky one waits hundreds of milliseconds. Here a
    thread's write waits on a lock shared by every connection of this process to the same file and starts
    the moment the last write commits. Other processes (a CLI import) still meet SQLite's busy timeout.
    """

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        with _queues_lock:
            self._queue = _queues.setdefault(os.path.realpath(database), threading.Lock())
        self._my_turn = False

    def cursor(self, factory=None):
        return super().cursor(factory or _QueuedCursor)

    def wait_turn(self, statement: str) -> None:
        if not self._my_turn and not self.in_transaction and statement.lstrip()[:7].upper().startswith(_WRITES):
            # After the timeout the write goes ahead anyway, to SQLite's own wait (then its "locked" error).
            self._my_turn = self._queue.acquire(timeout=BUSY_TIMEOUT)

    def end_turn(self) -> None:
        if self._my_turn and not self.in_transaction:  # committed, rolled back, or never began
            self._my_turn = False
            self._queue.release()

    def commit(self):
        try:
            super().commit()
        finally:
            self.end_turn()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self.end_turn()

    def close(self):
        try:
            super().close()
        finally:
            if self._my_turn:
                self._my_turn = False
                self._queue.release()


class _QueuedCursor(sqlite3.Cursor):
    def execute(self, statement, parameters=()):
        self.connection.wait_turn(statement)
        try:
            return super().execute(statement, parameters)
        finally:
            self.connection.end_turn()

    def executemany(self, statement, parameters):
        self.connection.wait_turn(statement)
        try:
            return super().executemany(statement, parameters)
        finally:
            self.connection.end_turn()


def _private_file(path: str):
    """Create the SQLite file readable by its owner only; SQLite gives its -wal and -shm files the same mode."""
    if path and Path(path).parent.is_dir() and not Path(path).exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def forget_deleted(session: Session):
    """After deleting personal data: on SQLite, copy the log back into the database and empty it, so the
    deleted rows' old pages don't stay in the -wal file (secure_delete then overwrote them)."""
    if session.get_bind().dialect.name == "sqlite":
        session.exec(text("PRAGMA wal_checkpoint(TRUNCATE)"))


@event.listens_for(Session, "after_flush")
def _flushed(session, _context):
    session.info["wrote"] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state):
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info["wrote"] = True


def end_transaction(commit: bool) -> None:
    """Commit (or roll back) what the request wrote, if it wrote anything. A failed commit raises here, inside
    the request, so the error handlers answer it (503 for a database that is gone). A request that only read
    commits nothing: close_session() ends it, so a connection lost after its answer doesn't cost the answer.
    SQLAlchemy's own commit and rollback events also reach directory/version.py's listeners, whatever part wrote:
    a change to the directory is announced to the worker's index, and the state read is read again."""
    session = g.get("db_session")
    callbacks = g.pop("after_commit", ())
    wrote = session is not None and session.info.get("wrote", False)
    if not commit:
        if wrote:
            session.rollback()
        return
    if wrote:
        session.commit()
    for callback in callbacks:
        try:
            callback()
        except Exception as exc:  # what was committed is answered as a success, whatever a tidy-up does
            current_app.logger.warning("after-commit step failed\n%s", trace_without_values(exc))


def keeps_nothing(view):
    """Mark a view whose writes are never kept, whatever it answers (a probe that tries a write, then undoes it):
    Companion.dispatch_request reads the mark beside its status rule."""
    view.keeps_nothing = True
    return view


def after_commit(callback) -> None:
    """Run `callback` once this request's changes are committed (never if they are rolled back): clearing
    a cache that must not refill with the old data, or wiping deleted rows from SQLite's log."""
    g.setdefault("after_commit", []).append(callback)


def get_session() -> Session:
    """The request's database session, opened on first use."""
    if "db_session" not in g:
        g.db_session = Session(current_app.extensions["engine"])
    return g.db_session


def session_if_open() -> Session | None:
    """The request's database session if something opened it, else None (none is made)."""
    return g.get("db_session")


def close_session(_exc=None):
    """End the request's session. A connection lost during the request (database restarted) fails its
    rollback here, after the error page was chosen: drop the connection instead of raising, so the
    person still gets that page and nothing reaches the server's error log with the request's URL."""
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        session.close()
    except SQLAlchemyError:
        current_app.logger.error("database connection lost; discarded")
        session.invalidate()


def init_app(app: Flask):
    app.extensions["engine"] = make_engine(app.config["DATABASE_URL"], pooled=not app.testing)
    app.teardown_appcontext(close_session)


def upgrade_database(engine) -> None:
    """Bring the schema to the latest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
