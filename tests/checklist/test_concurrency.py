"""Two devices changing one notebook at the same moment, on two real connections (SQLite and PostgreSQL):
the second change waits for the first, then sees it. No unique-constraint error, no deadlock."""

import threading
import time
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, func, select

from companion.checklist.models import ChecklistItem, Notebook
from companion.checklist.notebook import (
    UnknownItem,
    add_item,
    check_new_item,
    create_notebook,
    delete_item,
    lock,
    update_item,
)
from companion.db import make_engine
from tests.helpers import POSTGRES

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url, pooled=False)
    yield engine
    engine.dispose()


@pytest.fixture
def notebook_id(engine) -> int:
    with Session(engine) as session:
        notebook, _ = create_notebook(session, NOW)
        session.commit()
        return notebook.id


class Second(threading.Thread):
    """The other device: runs `change` in a session of its own and keeps what came of it."""

    def __init__(self, engine, change):
        super().__init__()
        self.engine, self.change, self.outcome = engine, change, None

    def run(self):
        with Session(self.engine) as session:
            try:
                self.outcome = self.change(session)
                session.commit()
            except Exception as exc:  # kept for the test to look at
                session.rollback()
                self.outcome = exc


def add_pain(session, notebook_id):
    notebook = session.get(Notebook, notebook_id)
    return add_item(session, notebook, NOW, check_new_item(session, care_key="pain", reason="pain"))


def started_while_first_holds(engine, first: Session, change) -> Second:
    """Start the second device's change while the first's is written but not committed, and check it waits."""
    second = Second(engine, change)
    second.start()
    second.join(0.5)
    assert second.is_alive(), f"the second change did not wait for the first: {second.outcome!r}"
    first.commit()
    second.join(10)
    assert not second.is_alive()
    return second


def test_a_double_tap_on_add_gives_one_item_and_the_same_answer(engine, notebook_id):
    with Session(engine) as first:
        item, created = add_pain(first, notebook_id)
        item_id = item.id

        def again(session):
            item, created = add_pain(session, notebook_id)
            return item.id, created

        second = started_while_first_holds(engine, first, again)
        assert created and second.outcome == (item_id, False)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(ChecklistItem)).one() == 1


def test_an_item_deleted_while_another_device_changes_it_is_gone_not_a_deadlock(engine, notebook_id):
    with Session(engine) as first:
        item, _ = add_pain(first, notebook_id)
        first.commit()
        item_id = item.id
        delete_item(first, first.get(Notebook, notebook_id), item, NOW)

        def change(session):
            notebook, stale = session.get(Notebook, notebook_id), session.get(ChecklistItem, item_id)
            return update_item(session, notebook, stale, stale.version, NOW, status="asked")

        second = started_while_first_holds(engine, first, change)
        assert isinstance(second.outcome, UnknownItem)


def test_an_item_changed_while_another_device_deletes_it_is_deleted_after_the_change(engine, notebook_id):
    with Session(engine) as first:
        item, _ = add_pain(first, notebook_id)
        first.commit()
        item_id = item.id
        update_item(first, first.get(Notebook, notebook_id), item, item.version, NOW, note="Ask on Monday")

        def remove(session):
            delete_item(session, session.get(Notebook, notebook_id), session.get(ChecklistItem, item_id), NOW)

        second = started_while_first_holds(engine, first, remove)
        assert second.outcome is None
    with Session(engine) as session:
        assert session.get(ChecklistItem, item_id) is None
        with pytest.raises(UnknownItem):  # and deleting it once more finds nothing to delete
            delete_item(session, session.get(Notebook, notebook_id), ChecklistItem(id=item_id), NOW)


def touched(session, notebook_id) -> float:
    """A write to the notebook (the first step of every change), and when it was done."""
    lock(session, session.get(Notebook, notebook_id), NOW)
    return time.perf_counter()


@pytest.mark.skipif(bool(POSTGRES), reason="SQLite's one writer at a time")
def test_a_write_that_waited_starts_as_soon_as_the_one_before_commits(engine, notebook_id):
    """Without the writer queue (companion/db.py), SQLite's busy handler retries in sleeps of up to 100 ms:
    a change waiting behind another started a random 0–100 ms after it was free (status change p99 470 ms)."""
    delays = []
    for _ in range(3):
        with Session(engine) as first:
            lock(first, first.get(Notebook, notebook_id), NOW)
            second = Second(engine, lambda session: touched(session, notebook_id))
            second.start()
            time.sleep(0.35)  # long enough for SQLite's retries to reach their 100 ms sleeps
            assert second.is_alive()
            first.commit()
            committed = time.perf_counter()
        second.join(10)
        assert isinstance(second.outcome, float), second.outcome
        delays.append(second.outcome - committed)
    assert max(delays) < 0.06, delays
