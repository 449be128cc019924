"""Redis unreachable (a port where nothing listens): searches and writes go on, the cache skipped and the
rate limits counted in the worker; /healthz says which store is missing."""

import logging

import pytest

from companion import create_app
from tests.helpers import csrf_token, free_port, soup


@pytest.fixture
def app(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path / "instance"))
    nowhere = f"redis://127.0.0.1:{free_port()}"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-only",
            "RATELIMIT_STORAGE_URI": f"{nowhere}/0",
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": f"{nowhere}/1",
            "WRITE_LIMIT": "4 per minute",
        }
    )
    yield app
    app.extensions["engine"].dispose()


def test_without_redis_searches_and_writes_go_on_and_limits_still_hold(app, caplog):
    caplog.set_level(logging.WARNING)
    client = app.test_client()
    assert [client.get("/centres?q=Bondy").status_code for _ in range(2)] == [200, 200]
    assert client.get("/api/v1/centres?q=Créteil").status_code == 200
    csrf = csrf_token(client, "/checklist")
    assert client.post("/checklist/items", data={"csrf_token": csrf, "care": "pain"}).status_code == 303
    assert client.post("/checklist/open", data={"csrf_token": csrf, "code": "nope"}).status_code == 422
    writes = [
        client.post("/checklist/items", data={"csrf_token": csrf, "care": "nutrition"}).status_code for _ in range(3)
    ]
    assert writes == [303, 303, 429]  # the write budget, counted in this worker's memory
    assert len(soup(client.get("/checklist")).select("li.checklist-item")) == 2
    assert "results cache unreachable" in caplog.text
    assert "falling back to in-memory storage" in caplog.text


def test_healthz_names_the_missing_store_and_stays_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "degraded"
    assert (response.json["cache"], response.json["limits"], response.json["write"]) == (
        "unavailable",
        "unavailable",
        "ok",
    )
