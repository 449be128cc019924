import logging
from datetime import UTC, datetime

from companion.web.logs import RedactRequests


def test_request_lines_lose_query_and_client_address():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        "%s - - [%s] %s",
        ("192.168.1.20", "23/Nov/2026 10:00:00", '"GET /centres?q=Bondy&lat=48.91 HTTP/1.1" 200 -'),
        None,
    )
    assert RedactRequests().filter(record)
    assert record.getMessage() == '- - [23/Nov/2026 10:00:00] "GET /centres HTTP/1.1" 200 -'


def test_searches_leave_no_place_in_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/centres?q=Bondy")
    client.get("/api/v1/centres?lat=48.91&lon=2.49")
    client.get("/centres?q=Atlantis")
    assert "Bondy" not in caplog.text and "48.91" not in caplog.text and "Atlantis" not in caplog.text


def test_gunicorn_error_lines_lose_the_query_string(capsys):
    from gunicorn.config import Config

    from companion.web.logs import RedactedGunicornLogger

    config = Config()
    config.set("errorlog", "-")
    logger = RedactedGunicornLogger(config)
    try:
        raise RuntimeError("connection lost")
    except RuntimeError:
        logger.exception("Error handling request %s", "/centres?q=64270&kind=sdc")
    logger.error("Error handling request %s", "/checklist/open?code=ABCD-EFGH")
    logged = capsys.readouterr().err
    assert "Error handling request /centres" in logged and "Error handling request /checklist/open" in logged
    assert "64270" not in logged and "ABCD" not in logged


def test_a_database_error_reaches_the_log_without_the_values_it_quotes(app, client, caplog):
    """A refused key is quoted by the database ("Key (code_hash)=(…) already exists") and the statement's
    parameters by SQLAlchemy: the error page is the friendly one, and the log names only where it failed."""
    from sqlalchemy import insert

    from companion.checklist.models import Notebook
    from companion.db import get_session

    def twice():
        now = datetime.now(UTC)
        row = {"code_hash": "Zorglub-typed-words", "created_at": now, "touched_at": now}
        get_session().execute(insert(Notebook).values(row))
        get_session().execute(insert(Notebook).values(row))

    app.add_url_rule("/twice", view_func=twice)
    caplog.set_level(logging.DEBUG)
    response = client.get("/twice")
    assert response.status_code == 500 and "<html" in response.get_data(as_text=True)
    assert "IntegrityError" in caplog.text and "/twice" in caplog.text
    assert "Zorglub" not in caplog.text


def test_the_database_server_log_keeps_no_value_from_a_failed_statement(database_url):
    """deploy/postgresql/companion.conf, which the PostgreSQL test cluster includes: no statement, no DETAIL."""
    import os
    import shlex

    import pytest
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import IntegrityError

    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's own log")
    log = shlex.split(os.environ["COMPANION_TEST_PG_CTL"])
    log = log[log.index("-l") + 1]
    engine = create_engine(database_url)
    with engine.connect() as connection, pytest.raises(IntegrityError):
        for _ in range(2):
            connection.execute(
                text("INSERT INTO notebook (code_hash, created_at, touched_at) VALUES (:h, now(), now())"),
                {"h": "Zorglub-in-a-key"},
            )
    engine.dispose()
    with open(log, encoding="utf-8", errors="replace") as f:
        written = f.read()
    assert "duplicate key" in written  # the error is logged...
    assert "Zorglub" not in written  # ...without its values
