import logging

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
