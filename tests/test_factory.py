import stat

from companion import create_app


def test_defaults_are_safe(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert not app.testing
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'companion.sqlite'}"
    assert app.config["GEOCODER"] == ""  # no online service unless asked for


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    first = create_app().config["SECRET_KEY"]
    assert len(first) == 64 and first == create_app().config["SECRET_KEY"]
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_environment_variables_override_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("COMPANION_SECRET_KEY", "from-env")
    monkeypatch.setenv("COMPANION_TILE_URL", "https://tiles.example.net/{z}/{x}/{y}.png")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert "https://tiles.example.net" in app.test_client().get("/healthz").headers["Content-Security-Policy"]


def test_overrides_given_to_the_factory_win(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("COMPANION_DATABASE_URL", "sqlite:///from-env.sqlite")
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://"})
    assert app.testing and app.config["DATABASE_URL"] == "sqlite://"


def test_one_transaction_per_request_committed_only_after_a_success(app, session):
    """What a view wrote is kept only when it answers with a success; an error answer or an exception
    leaves the database as it was (the views' domain functions only flush)."""
    from datetime import UTC, datetime

    from flask import abort
    from sqlmodel import func, select

    from companion.checklist.models import Notebook
    from companion.checklist.notebook import create_notebook
    from companion.db import after_commit, get_session

    committed = []

    def write_then(outcome):
        create_notebook(get_session(), datetime.now(UTC))
        after_commit(lambda: committed.append(outcome))
        if outcome == "raise":
            raise RuntimeError("after a write")
        if outcome == "abort":
            abort(404)
        return "", {"ok": 200, "see-other": 303, "refused": 422, "conflict": 409}[outcome]

    app.add_url_rule("/test/<outcome>", view_func=write_then)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    for outcome, status in [("refused", 422), ("conflict", 409), ("abort", 404), ("raise", 500)]:
        assert client.get(f"/test/{outcome}").status_code == status
        assert session.exec(select(func.count()).select_from(Notebook)).one() == 0, outcome
    assert committed == []
    for outcome, status in [("ok", 200), ("see-other", 303)]:
        assert client.get(f"/test/{outcome}").status_code == status
    assert session.exec(select(func.count()).select_from(Notebook)).one() == 2
    assert committed == ["ok", "see-other"]


def test_a_failing_after_commit_step_never_turns_what_was_committed_into_an_error(app, session, caplog):
    """The write is kept and answered as kept; the failed tidy-up (a cache gone, a log checkpoint refused) is logged."""
    from datetime import UTC, datetime

    from sqlmodel import func, select

    from companion.checklist.models import Notebook
    from companion.checklist.notebook import create_notebook
    from companion.db import after_commit, get_session

    def fail():  # the message (built, so the traceback's code line doesn't hold it) must not be logged
        raise ConnectionError("".join(["Zorg", "lub"]))

    def write():
        create_notebook(get_session(), datetime.now(UTC))
        after_commit(fail)
        return "", 303

    app.add_url_rule("/test/write", view_func=write)
    assert app.test_client().get("/test/write").status_code == 303
    assert session.exec(select(func.count()).select_from(Notebook)).one() == 1
    assert "after-commit step failed" in caplog.text and "Zorglub" not in caplog.text


def test_a_view_marked_keeps_nothing_is_rolled_back_even_after_a_success(app, session):
    """The opt-out beside the status rule: a view that tries a write (the health probe) never keeps it."""
    from datetime import UTC, datetime

    from sqlmodel import func, select

    from companion.checklist.models import Notebook
    from companion.checklist.notebook import create_notebook
    from companion.db import after_commit, get_session, keeps_nothing

    committed = []

    @keeps_nothing
    def probe():
        create_notebook(get_session(), datetime.now(UTC))
        after_commit(lambda: committed.append("probe"))
        return "", 200

    app.add_url_rule("/test/probe", view_func=probe)
    assert app.test_client().get("/test/probe").status_code == 200
    assert session.exec(select(func.count()).select_from(Notebook)).one() == 0
    assert committed == []
    assert app.test_client().get("/healthz").json["write"] == "ok"
