"""No lost writes under concurrent checklist updates; a missing database is a friendly 503, then recovery."""

import os
import shlex
import subprocess
import threading
from pathlib import Path

import pytest

from tests.helpers import POSTGRES, csrf_token, soup, text_of

CLIENTS, ROUNDS = 6, 5


def test_concurrent_updates_lose_nothing(app):
    first = app.test_client()
    csrf = csrf_token(first, "/checklist")
    first.post("/checklist/items", data={"csrf_token": csrf, "care": "pain"})
    code = text_of(soup(first.get("/checklist")).select_one("#code-text"))
    item = soup(first.get("/checklist")).select_one("li.checklist-item")["id"].removeprefix("item-")

    outcomes, barrier = [], threading.Barrier(CLIENTS)

    def phone(number: int):
        client = app.test_client()
        token = csrf_token(client, "/checklist")
        client.post("/checklist/open", data={"csrf_token": token, "code": code})
        for round_ in range(ROUNDS):
            form = soup(client.get("/checklist")).select_one(f"#item-{item} form.status-form")
            version = form.select_one("[name=version]")["value"]
            barrier.wait()  # everyone sends the same version at the same moment
            response = client.post(
                f"/checklist/items/{item}",
                data={"csrf_token": token, "version": version, "note": f"phone {number} round {round_}"},
            )
            outcomes.append((round_, response.status_code))

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted({status for _, status in outcomes}) == [303, 409]
    accepted = [r for r, status in outcomes if status == 303]
    assert sorted(accepted) == list(range(ROUNDS))  # exactly one winner per round, the others told of the conflict
    final = soup(first.get("/checklist")).select_one(f"#item-{item} form.status-form [name=version]")["value"]
    assert int(final) == 1 + len(accepted)  # every accepted update is there; none was silently overwritten


def _stop_and_start():
    """Ways to take this test's database away and bring it back."""
    if POSTGRES:
        pg_ctl = shlex.split(os.environ["COMPANION_TEST_PG_CTL"])
        return (
            lambda: subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], check=True, capture_output=True),
            lambda: subprocess.run([*pg_ctl, "-w", "start"], check=True, capture_output=True),
        )
    return None


def test_database_unavailable_is_a_friendly_503_then_recovers(app, database_url):
    from companion.directory.version import WORKER

    # A search needs no database while the worker knows the directory's version (it holds the index, the
    # gazetteer and the entries): read on every request here, the outage is met at once.
    WORKER.recheck_every(app.extensions["engine"], 0)
    client = app.test_client()
    assert client.get("/centres?q=Bondy").status_code == 200
    controls = _stop_and_start()
    if controls:
        stop, start = controls
    else:
        # The database's folder goes away (with its WAL files), then comes back.
        folder = Path(database_url.removeprefix("sqlite:///")).parent
        hidden = folder.with_name(folder.name + "-away")
        stop = lambda: folder.rename(hidden)  # noqa: E731
        start = lambda: hidden.rename(folder)  # noqa: E731
    stop()
    try:
        response = client.get("/centres?q=Bondy", headers={"Accept-Language": "en"})
        assert response.status_code == 503
        assert "briefly unavailable" in text_of(soup(response).main)
        assert client.get("/healthz").status_code == 503
        assert client.get("/api/v1/centres?q=Bondy").status_code == 503
    finally:
        start()
    assert client.get("/centres?q=Bondy").status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("tile_url", ["https://tiles.broken.invalid/{z}/{x}/{y}.png", "not a url"])
def test_a_broken_tile_server_never_breaks_the_directory(app, tile_url, database_url, tmp_path, monkeypatch):
    from companion import create_app

    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    other = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": database_url, "TILE_URL": tile_url})
    page = soup(other.test_client().get("/centres?q=Bondy"))
    assert len(page.select("#results .results-places li.centre")) == 10


@pytest.mark.skipif(not POSTGRES, reason="a server-side connection to cut: PostgreSQL")
def test_a_connection_lost_during_a_request_still_gets_its_page(app, database_url):
    """PostgreSQL restarting mid-request: the view already answered; closing the dead session must not
    turn that into a bare 500 (and a server error line naming the URL)."""
    from sqlalchemy import create_engine, text

    from companion.db import get_session

    def cut_my_connection():
        pid = get_session().exec(text("SELECT pg_backend_pid()")).one()[0]
        admin = create_engine(database_url)
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.dispose()
        return "answered"

    app.add_url_rule("/_cut", view_func=cut_my_connection)
    client = app.test_client()
    response = client.get("/_cut?q=64270")
    assert response.status_code == 200 and response.get_data(as_text=True) == "answered"
    assert client.get("/centres?q=Bondy").status_code == 200  # and the next request is served


def test_a_double_tap_on_add_answers_like_the_first_and_keeps_one_item(app):
    """Six taps on "add" for one care at the same moment, on one notebook: each answered as the first, one item."""
    first = app.test_client()
    csrf = csrf_token(first, "/checklist")
    first.post("/checklist/items", data={"csrf_token": csrf, "care": "nutrition"})  # the notebook exists
    statuses, barrier = [], threading.Barrier(CLIENTS)

    def tap():
        barrier.wait()
        statuses.append(first.post("/checklist/items", data={"csrf_token": csrf, "care": "pain"}).status_code)

    taps = [threading.Thread(target=tap) for _ in range(CLIENTS)]
    for thread in taps:
        thread.start()
    for thread in taps:
        thread.join()
    assert statuses == [303] * CLIENTS
    items = soup(first.get("/checklist")).select("li.checklist-item")
    assert len(items) == 2
