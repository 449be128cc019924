"""The directory's version as each worker knows it, and the results cache and index keyed by it: a change is
seen by the worker that made it at once, by other workers (processes) within the recheck interval, and nothing
is ever cleared; a rebuild of the index never makes a search wait, nor puts old results under a new key."""

import subprocess
import threading
import time

import pytest
from sqlalchemy import text

from companion.directory import index, version
from companion.web.caching import cache
from tests.helpers import BIN, PARTIAL, ROOT, new_centre_file, soup, text_of

BONDY = "/centres?q=Bondy&kind=fertility"
NEW_NAME = "Centre ajouté par un autre processus"
NEW_ID = "fertility-version-test-bondy"


@pytest.fixture
def clock(monkeypatch):
    """The recheck interval's clock, moved by the test (every read of the version is then the test's choice)."""
    now = [1000.0]
    monkeypatch.setattr(version, "monotonic", lambda: now[0])
    return now


def listed(client, path=BONDY) -> str:
    response = client.get(path, headers=PARTIAL)
    assert response.status_code == 200
    return text_of(soup(response))


def stored_version(app) -> int:
    with app.extensions["engine"].connect() as connection:
        return connection.execute(text("SELECT version FROM directorystate WHERE id = 1")).scalar_one()


def cached_versions() -> set[int]:
    """The directory versions the results cache holds answers for (this worker's in-memory cache)."""
    return {int(key.split("centres:")[1].split(":")[0]) for key in cache.cache._cache if "centres:" in key}


def test_a_change_made_by_another_process_is_seen_after_the_interval_without_any_clear(
    app, client, clock, tmp_path, database_url
):
    with app.app_context():  # a test before may have left the cache marked unreachable: that logs
        cache.clear()
    assert NEW_NAME not in listed(client)
    before = stored_version(app)
    imported = subprocess.run(  # another process: a command run beside the server, or another worker
        [str(BIN / "flask"), "--app", "companion", "import-centres", str(new_centre_file(tmp_path, NEW_ID, NEW_NAME))],
        cwd=ROOT,
        env={"PATH": str(BIN), "COMPANION_DATABASE_URL": database_url, "COMPANION_INSTANCE_PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr
    assert stored_version(app) > before
    clock[0] += 0.9  # within the interval (1 s): this worker still answers from what it knew
    assert NEW_NAME not in listed(client)
    clock[0] += 0.2  # past it: the version is read again, and the new entry is listed
    assert NEW_NAME in listed(client)
    # Nothing was cleared: the older version's answer is still in the cache, never asked for again.
    assert {before, stored_version(app)} <= cached_versions()


def test_an_import_by_the_command_line_shows_at_once_in_the_same_worker(app, client, runner, clock, tmp_path):
    assert NEW_NAME not in listed(client)
    result = runner.invoke(args=["import-centres", str(new_centre_file(tmp_path, NEW_ID, NEW_NAME))])
    assert result.exit_code == 0, result.output
    assert NEW_NAME in listed(client)  # the clock did not move: known from this worker's own commit


def rename_first_entry_elsewhere(app, client) -> str:
    """Rename the first entry listed near Bondy as another worker would: its own connection and transaction, the
    version bumped with it, nothing this worker's sessions see."""
    first = soup(client.get(BONDY, headers=PARTIAL)).select_one("li.centre")["id"].removeprefix("centre-")
    with app.extensions["engine"].begin() as connection:
        connection.execute(text("UPDATE centre SET name = :name WHERE id = :id"), {"name": NEW_NAME, "id": first})
        connection.execute(text("UPDATE directorystate SET version = version + 1 WHERE id = 1"))
    return first


def test_an_answer_of_version_n_is_never_served_once_n_plus_1_is_known(app, client, clock):
    cache.clear()
    rename_first_entry_elsewhere(app, client)
    assert NEW_NAME not in listed(client)  # the cached answer: this worker doesn't know of the change yet
    clock[0] += 1.1
    assert NEW_NAME in listed(client)  # version N+1 known: N's cached answer (and N's index) not used
    assert NEW_NAME in listed(client)  # and N+1's answer now comes from the cache
    assert cached_versions() == {stored_version(app) - 1, stored_version(app)}


def test_a_rebuild_never_makes_a_search_wait_nor_caches_old_results_under_the_new_version(
    app, client, clock, monkeypatch
):
    cache.clear()
    rename_first_entry_elsewhere(app, client)  # the index of the older version is built (first search)
    clock[0] += 1.1  # this worker now knows of the newer version
    release, started = threading.Event(), threading.Event()
    real_build = index.build_current

    def slow_build(engine):  # a build of a million entries takes 15-30 s: this one waits for the test
        started.set()
        release.wait(30)
        return real_build(engine)

    monkeypatch.setattr(index, "build_current", slow_build)
    monkeypatch.setattr(index.SNAPSHOTS, "patience", 2.0)
    try:
        took = []
        for _ in range(3):
            start = time.monotonic()
            shown = listed(client)
            took.append(time.monotonic() - start)
            assert NEW_NAME not in shown and started.is_set()  # from the older version's index and rows
        # The first search waited for the build as long as a small one takes (the patience), then answered;
        # the next ones, the build still running, don't wait at all.
        assert 2.0 <= took[0] < 10 and max(took[1:]) < 1.5, took
        assert stored_version(app) not in cached_versions()  # old results never kept under the new key
    finally:
        release.set()
    for _ in range(100):  # the one build (in its own thread) ends; the next search uses it
        shown = listed(client)
        if NEW_NAME in shown:
            break
        time.sleep(0.05)
    assert NEW_NAME in shown
    assert stored_version(app) in cached_versions()


def test_the_first_index_ever_is_waited_for(app, client, clock, monkeypatch):
    """Nothing older to answer with: the first search builds the index itself, however long it takes."""
    real_build = index.build_current

    def slow_build(engine):
        time.sleep(0.3)
        return real_build(engine)

    monkeypatch.setattr(index, "build_current", slow_build)
    monkeypatch.setattr(index.SNAPSHOTS, "patience", 0.01)
    monkeypatch.setattr(index.SNAPSHOTS, "_kept", index.Kept(keep=4))  # this worker has built nothing yet
    assert soup(client.get(BONDY, headers=PARTIAL)).select("li.centre")


def test_a_new_release_never_reads_the_results_cached_by_the_one_before(tmp_path):
    """The directory's version follows the data; the keys' prefix follows the code, templates and catalogues
    (a shared cache outlives a restart)."""
    from companion.web.caching import release_digest

    for folder, name in (("companion", "a.py"), ("templates", "pages/a.html"), ("translations", "fr/a.po")):
        (tmp_path / folder / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / name).write_text("1", encoding="utf-8")
    first = release_digest(tmp_path)
    assert release_digest(tmp_path) == first  # every worker of one release: one prefix
    (tmp_path / "templates/pages/a.html").write_text("2", encoding="utf-8")
    second = release_digest(tmp_path)
    assert second != first
    (tmp_path / "data.csv").write_text("rows", encoding="utf-8")  # data are the version's business, not this
    assert release_digest(tmp_path) == second
