import threading
import time

from companion import create_app
from tests.helpers import PARTIAL, csrf_token, soup, text_of


def test_writes_share_a_budget_and_reading_is_never_limited(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WRITE_LIMIT": "3 per minute"})
    client = app.test_client()
    csrf = csrf_token(client, "/assessment/urgent")
    codes = [client.post("/assessment/urgent", data={"csrf_token": csrf}).status_code for _ in range(3)]
    assert codes == [303, 303, 303]
    refused = client.post(
        "/checklist/items", data={"csrf_token": csrf, "care": "pain"}, headers={"Accept-Language": "en"}
    )
    assert refused.status_code == 429 and "Too many attempts" in text_of(soup(refused).main)
    swapped = client.post("/assessment/urgent", data={"csrf_token": csrf}, headers={**PARTIAL, "Accept-Language": "en"})
    assert swapped.status_code == 429 and swapped.headers["HX-Retarget"] == "#messages"
    assert all(client.get(url).status_code == 200 for url in ["/", "/centres?q=Bondy", "/checklist"] * 3)


def test_one_ipv6_network_shares_a_budget_and_no_store_key_holds_an_address(database_url, tmp_path, monkeypatch):
    """Limits count an IPv6 client by its /64 (a phone or home holds a whole block), and keys are keyed hashes."""
    from companion.web.limits import client_key

    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WRITE_LIMIT": "2 per minute"})

    def post(address: str) -> int:
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        token = csrf_token(client, "/assessment/urgent")
        return client.post("/assessment/urgent", data={"csrf_token": token}).status_code

    assert [post(f"2001:db8:1:2::{n}") for n in (1, 2, 3)] == [303, 303, 429]
    assert post("2001:db8:1:3::1") == 303  # another network
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        key = client_key()
    assert "192.0.2.7" not in key and len(key) == 32


def test_counting_writes_starts_no_thread_and_still_forgets_what_expired(database_url, tmp_path, monkeypatch):
    """The worker's own store: limits' memory store started a timer thread after every quiet 10 ms."""
    from companion.web.limits import WorkerMemoryStorage, limiter

    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WRITE_LIMIT": "50 per second"})
    client = app.test_client()
    csrf = csrf_token(client, "/assessment/urgent")
    store = limiter.storage
    assert isinstance(store, WorkerMemoryStorage)
    threads = threading.active_count()
    for _ in range(5):
        time.sleep(0.02)
        assert client.post("/assessment/urgent", data={"csrf_token": csrf}).status_code == 303
        assert threading.active_count() == threads
    assert store.storage  # counted
    later = time.time() + 5  # the second's window is long gone
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(store, "_tidy_after", 0.0)
    store.incr("another", 1)
    assert list(store.storage) == ["another"]  # the expired count was freed in passing


def test_the_write_budget_answers_as_flask_limiter_does(database_url, tmp_path, monkeypatch):
    """Writes are counted without Flask-Limiter's per-route work, in the same buckets: the same headers as its own
    check, one budget with writes it counts itself, and a route's own limit still applies on top."""
    from companion.web import limits

    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WRITE_LIMIT": "6 per minute"})
    client = app.test_client()
    csrf = csrf_token(client, "/assessment/urgent")

    def write(by_flask_limiter: bool):
        monkeypatch.setattr(limits, "_budget_only", lambda _endpoint: not by_flask_limiter)
        response = client.post("/assessment/urgent", data={"csrf_token": csrf})
        return response.status_code, {k: v for k, v in response.headers if k.startswith(("X-RateLimit", "Retry"))}

    answers = [write(by_flask_limiter) for by_flask_limiter in (True, False, True, False)]
    assert [status for status, _ in answers] == [303] * 4
    assert [int(headers["X-RateLimit-Remaining"]) for _, headers in answers] == [5, 4, 3, 2]
    for (_, ours), (_, theirs) in zip(answers[1::2], answers[::2], strict=True):
        assert (
            set(ours)
            == set(theirs)
            == {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"}
        )
        assert ours["X-RateLimit-Limit"] == theirs["X-RateLimit-Limit"] == "6"
    monkeypatch.undo()
    suggest = client.post("/suggest-a-place", data={"csrf_token": csrf})  # its own limit and the shared budget
    assert suggest.status_code == 422 and suggest.headers["X-RateLimit-Remaining"] == "4"  # the route's 5 per minute
    assert client.post("/assessment/urgent", data={"csrf_token": csrf}).headers["X-RateLimit-Remaining"] == "0"
    assert client.post("/assessment/urgent", data={"csrf_token": csrf}).status_code == 429
    # Before either view, only the budget applies: a route's own limit is checked by its decorator, as before.
    assert app.extensions["write_budget_only"] == {"suggest.form": True, "assessment.answer": True}


def test_limits_turned_off_start_and_count_nothing(database_url, tmp_path, monkeypatch):
    """RATELIMIT_ENABLED off (a setting like any other): the app starts, and writes are never refused."""
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    config = {"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WRITE_LIMIT": "1 per minute"}
    app = create_app({**config, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    csrf = csrf_token(client, "/assessment/urgent")
    assert [client.post("/assessment/urgent", data={"csrf_token": csrf}).status_code for _ in range(3)] == [303] * 3
