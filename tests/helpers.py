"""What tests share: paths, the request headers of an htmx swap, HTML parsing, hostile values.
Tests import these from here (conftest.py holds fixtures only)."""

import csv
import os
import shutil
import socket
import sys
import threading
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import text
from werkzeug.serving import make_server

from companion import create_app
from companion.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
# Set by scripts/with_postgres.sh: run the database-backed tests on PostgreSQL instead of SQLite.
POSTGRES = os.environ.get("COMPANION_TEST_POSTGRES")
# What htmx 4 sends when it swaps a response into an element.
PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}


BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_command(port: int, *options: str) -> list[str]:
    """gunicorn with the repository's settings (gunicorn.conf.py), on a loopback port."""
    return [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}", *options]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def postgres_admin(statement: str):
    """Run one statement outside any transaction (CREATE or DROP DATABASE) on the test server."""
    engine = make_engine(POSTGRES, pooled=False)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(statement))
    engine.dispose()


# --- Hostile input: values for fuzzing every parameter ------------------------------------------

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "' OR 1=1 --",
        "'; DROP TABLE centre; --",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "1e309",
        "-0",
        "9" * 400,
        "\x00",
        "\u202e",
        "é" * 50,
        "🙂",
        "%00",
        "../../etc/passwd",
        "{{7*7}}",
        "${7*7}",
        " ",
        "",
        "0x1F",
        "１２",
        "null",
        "[]",
        "{}",
    ]
)
VALUES = st.one_of(HOSTILE, st.text(max_size=200), st.integers().map(str), st.floats().map(str))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DANGEROUS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def assert_safe(response):
    assert response.status_code < 500, response.status_code
    body = response.get_data(as_text=True)
    for markup in DANGEROUS:
        assert markup not in body


def new_centre_file(folder: Path, centre_id: str, name: str) -> Path:
    """A centres file for `flask import-centres` with one new fertility centre in Bondy (the first row of
    data/centres.csv with another id, name and place): an import that adds one entry a search can find."""
    with open(ROOT / "data/centres.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    new = {**rows[0], "id": centre_id, "kind": "fertility", "name": name}
    new.update(postcode="93140", city="Bondy", departement="93", lat="48.9023", lon="2.4840")
    path = folder / f"{centre_id}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow(new)
    return path


def csrf_token(client, url: str) -> str:
    """The CSRF token a page hands to this client (its session holds the other half)."""
    return soup(client.get(url)).select_one("input[name=csrf_token]")["value"]


def serve(seeded_database, folder: Path, **settings):
    """The app on its own copy of the database, served on 127.0.0.1 by a real WSGI server in a thread."""
    shutil.copyfile(seeded_database, folder / "companion.sqlite")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "browser-tests",
            "DATABASE_URL": f"sqlite:///{folder / 'companion.sqlite'}",
            # Every simulated person here shares 127.0.0.1, so one person's write budget would be too small.
            "WRITE_LIMIT": "2000 per minute",
            **settings,
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
