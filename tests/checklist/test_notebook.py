import stat
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

from companion import create_app
from companion.cares.catalogue import CARES
from companion.checklist.models import ChecklistItem, Notebook, SavedAssessment
from companion.checklist.notebook import (
    CODE_LENGTH,
    MAX_ITEMS,
    STATUSES,
    Change,
    InvalidChange,
    StaleItem,
    UnknownItem,
    add_item,
    check_new_item,
    code_hash,
    create_notebook,
    delete_notebook,
    find_notebook,
    get_item,
    grouped,
    items_of,
    new_code,
    normalise_code,
    progress,
    progress_of,
    purge,
    save_scores,
    update_item,
)
from companion.checklist.trends import chart_points, trends
from companion.db import upgrade_database
from tests.helpers import ROOT, csrf_token, soup

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def add(session, notebook, now, **fields):
    """Check an item as the view does, then add it."""
    return add_item(session, notebook, now, check_new_item(session, **fields))


def count(session, table):
    return session.exec(select(func.count()).select_from(table)).one()


@pytest.fixture
def opened(session):
    notebook, code = create_notebook(session, NOW)
    session.commit()
    return notebook, code


@pytest.fixture
def notebook(opened):
    return opened[0]


def test_codes_carry_at_least_128_random_bits_and_are_stored_hashed(opened):
    notebook, code = opened
    assert CODE_LENGTH * 5 >= 128
    assert len({new_code() for _ in range(1000)}) == 1000
    assert notebook.code_hash == code_hash(code) and code not in notebook.code_hash


def test_codes_are_forgiving_to_type(session, opened):
    notebook, code = opened
    typed = grouped(code).lower().replace("-", " ")
    assert find_notebook(session, typed).id == notebook.id
    assert normalise_code("O" * 28) == "0" * 28 and normalise_code("il" + "0" * 26) == "11" + "0" * 26
    assert normalise_code("too short") is None and normalise_code("U" * 28) is None
    assert find_notebook(session, None) is None and find_notebook(session, "0" * 28) is None


def test_catalogue_has_the_eleven_cares_explained_in_both_languages():
    from babel.messages.pofile import read_po

    with open(ROOT / "translations/fr/LC_MESSAGES/messages.po", "rb") as f:
        french = {m.id: m.string for m in read_po(f) if m.id}
    assert len(CARES) == 11
    for care in CARES.values():
        for text in (care.name, care.explanation, care.who):
            assert text and french.get(text) and french[text] != text


def test_adding_a_care_twice_keeps_one_item(session, notebook):
    item, created = add(session, notebook, NOW, care_key="pain", reason="Because of: Pain")
    again, created_again = add(session, notebook, NOW, care_key="pain", centre_id="sdc-foch")
    assert created and not created_again and again.id == item.id
    assert again.centre_id == "sdc-foch" and again.reason == "Because of: Pain"
    assert [i.care_key for i in items_of(session, notebook)] == ["pain"]


def test_personal_items_need_words_and_come_after_the_catalogue(session, notebook):
    personal, _ = add(session, notebook, NOW, title="Ask about a wig")
    add(session, notebook, NOW, care_key="fertility")
    add(session, notebook, NOW, care_key="pain")
    assert [i.care_key or i.title for i in items_of(session, notebook)] == ["pain", "fertility", "Ask about a wig"]
    assert personal.status == "to_discuss"
    with pytest.raises(InvalidChange):
        add(session, notebook, NOW, title="   ")


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"care_key": "massage"}, "care"),
        ({"care_key": "pain", "centre_id": "nowhere"}, "centre"),
        ({"care_key": "pain", "centre_id": "sdc\x00"}, "centre"),  # PostgreSQL would refuse the query itself
        ({"title": "x" * 121}, "title"),
        ({"care_key": "pain", "reason": "x" * 301}, "reason"),
    ],
)
def test_bad_additions_write_nothing(session, notebook, kwargs, field):
    with pytest.raises(InvalidChange) as info:
        add(session, notebook, NOW, **kwargs)
    session.rollback()
    assert info.value.field == field and count(session, ChecklistItem) == 0


@pytest.mark.parametrize("start", list(STATUSES))
@pytest.mark.parametrize("end", list(STATUSES))
def test_any_status_can_follow_any_other(session, notebook, start, end):
    item, _ = add(session, notebook, NOW, care_key="pain")
    item = update_item(session, notebook, item, 1, NOW, status=start)
    item = update_item(session, notebook, item, 2, NOW + timedelta(days=1), status=end)
    assert (item.status, item.version) == (end, 3)
    assert item.updated_at == NOW + timedelta(days=1)


def test_control_characters_are_dropped_from_the_words_kept(session, notebook):
    """NUL and the like mean nothing to a person, and PostgreSQL refuses NUL in text: on both databases."""
    item, _ = add(session, notebook, NOW, title="Ask\x00 about\x07 a wig", reason="Found\x00 near Bondy")
    changed = update_item(session, notebook, item, 1, NOW, note="First line\x00\nsecond\tline\x1b")
    assert changed.note == "First line\nsecond\tline"  # the item as the update left it
    session.refresh(item)  # and as the database keeps it
    assert (item.title, item.reason, item.note) == ("Ask about a wig", "Found near Bondy", "First line\nsecond\tline")


def test_unknown_status_and_overlong_note_change_nothing(session, notebook):
    item, _ = add(session, notebook, NOW, care_key="pain")
    for change in ({"status": "forgotten"}, {"note": "x" * 501}):
        with pytest.raises(InvalidChange):
            update_item(session, notebook, item, 1, NOW, **change)
    session.refresh(item)
    assert (item.status, item.note, item.version) == ("to_discuss", "", 1)


def test_a_stale_version_is_refused_and_nothing_is_overwritten(session, notebook):
    item, _ = add(session, notebook, NOW, care_key="pain")
    update_item(session, notebook, item, 1, NOW, note="From the phone")
    with pytest.raises(StaleItem) as info:
        update_item(session, notebook, item, 1, NOW, note="From the tablet", status="done")
    current = info.value.conflict.current
    assert current.note == "From the phone" and current.version == 2
    assert info.value.conflict.attempted == Change(status="done", note="From the tablet")
    session.refresh(item)
    assert (item.note, item.status) == ("From the phone", "to_discuss")


def test_items_of_another_notebook_are_unknown(session, notebook):
    other, _ = create_notebook(session, NOW)
    item, _ = add(session, other, NOW, care_key="pain")
    with pytest.raises(UnknownItem):
        get_item(session, notebook, item.id)
    with pytest.raises(UnknownItem):
        get_item(session, notebook, 999_999)


def test_progress_counts_each_status(session, notebook):
    for care in ("pain", "nutrition", "social"):
        add(session, notebook, NOW, care_key=care)
    items = items_of(session, notebook)
    update_item(session, notebook, items[0], 1, NOW, status="done")
    counts = progress(items_of(session, notebook))  # the item loaded before the change is read as changed
    assert counts == {"to_discuss": 2, "asked": 0, "in_progress": 0, "done": 1, "not_for_me": 0}
    assert list(progress_of(session, notebook).items()) == list(counts.items())  # counted by the database


def test_progress_counts_only_this_notebook_and_says_zero_for_an_empty_one(session, notebook):
    other, _ = create_notebook(session, NOW)
    add(session, other, NOW, care_key="pain")
    assert progress_of(session, notebook) == dict.fromkeys(STATUSES, 0)
    assert progress_of(session, other) == {**dict.fromkeys(STATUSES, 0), "to_discuss": 1}


def test_delete_removes_everything_of_that_notebook_only(session, notebook):
    other, _ = create_notebook(session, NOW)
    for book in (notebook, other):
        add(session, book, NOW, care_key="pain")
        save_scores(session, book, {"pain": 5}, NOW)
    delete_notebook(session, notebook)
    assert count(session, Notebook) == 1 and count(session, ChecklistItem) == 1 and count(session, SavedAssessment) == 1


def test_purge_removes_only_notebooks_untouched_for_too_long(session, notebook):
    old, _ = create_notebook(session, NOW - timedelta(days=400))
    add(session, old, NOW - timedelta(days=400), care_key="pain")
    recent, _ = create_notebook(session, NOW - timedelta(days=400))
    add(session, recent, NOW - timedelta(days=10), care_key="pain")  # using it keeps it
    assert purge(session, NOW, timedelta(days=365)) == 1
    assert {n.id for n in session.exec(select(Notebook)).all()} == {notebook.id, recent.id}
    assert count(session, ChecklistItem) == 1


def test_trends_follow_saved_scores(session, notebook):
    save_scores(session, notebook, {"pain": 8, "distress": 6}, NOW)
    save_scores(session, notebook, {"pain": 5}, NOW + timedelta(days=14))
    from companion.checklist.notebook import saved_scores

    result = trends(saved_scores(session, notebook), ["pain", "tiredness", "distress"])
    assert [(t.key, [v for _, v in t.points]) for t in result] == [("pain", [8, 5]), ("distress", [6])]
    assert result[0].latest == 5


def test_chart_points_put_ten_at_the_top():
    assert chart_points([10, 0], width=120, height=40, pad=4) == [(4.0, 4.0), (116.0, 36.0)]
    assert chart_points([5]) == [(4.0, 20.0)]
    assert chart_points([]) == []


def test_deleted_notes_leave_no_trace_in_the_sqlite_files(tmp_path, monkeypatch):
    """Health data: a deleted note is not readable afterwards in the database file or its write-ahead log."""
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path / "instance"))
    database = tmp_path / "companion.sqlite"
    # Not TESTING: a pooled engine, as in production, where connections (and so the WAL) stay open.
    app = create_app({"SECRET_KEY": "t", "DATABASE_URL": f"sqlite:///{database}"})
    upgrade_database(app.extensions["engine"])
    client = app.test_client()
    token = lambda: csrf_token(client, "/checklist")  # noqa: E731
    client.post("/checklist/items", data={"csrf_token": token(), "care": "pain"})
    page = soup(client.get("/checklist"))
    form = page.select_one("li.checklist-item form.status-form")
    marker = "Zorglub-biopsy-result-7731"
    client.post(
        form["action"],
        data={"csrf_token": token(), "version": form.select_one("[name=version]")["value"], "note": marker},
    )
    files = [database, database.with_name("companion.sqlite-wal"), database.with_name("companion.sqlite-shm")]
    assert any(marker.encode() in f.read_bytes() for f in files if f.exists())  # it was written
    for f in files:  # and only the owner can read any of them
        if f.exists():
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name
    client.post("/checklist/delete", data={"csrf_token": token(), "confirm": "yes"})
    assert not any(marker.encode() in f.read_bytes() for f in files if f.exists())
    app.extensions["engine"].dispose()


def test_a_notebook_holds_at_most_max_items(session):
    notebook, _ = create_notebook(session, NOW)
    add(session, notebook, NOW, care_key="pain")
    for n in range(MAX_ITEMS - 1):
        add(session, notebook, NOW, title=f"Question {n}")
    with pytest.raises(InvalidChange) as info:
        add(session, notebook, NOW, title="One more")
    assert info.value.values == {"max": MAX_ITEMS}
    item, created = add(session, notebook, NOW, care_key="pain", centre_id="sdc-foch")  # still found
    assert not created and item.centre_id == "sdc-foch"
    assert len(items_of(session, notebook)) == MAX_ITEMS
