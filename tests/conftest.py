"""Fixtures: a real SQLite database seeded once from data/, copied fresh for each test."""

import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from sqlmodel import Session

from companion import create_app
from companion.db import make_engine, upgrade_database
from companion.reference_data import load_reference_data

ROOT = Path(__file__).resolve().parent.parent
# What htmx 4 sends when it swaps a response into an element.
PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the catalogues, as `make translations` does, so pytest alone works too."""
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as f:
            catalog = read_po(f)
        with po.with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog)


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory) -> Path:
    """A database built by the migrations and loaded with the bundled data, once per run."""
    path = tmp_path_factory.mktemp("seed") / "companion.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_database(engine)
    with Session(engine) as session:
        load_reference_data(session, ROOT / "data")
    engine.dispose()
    return path


@pytest.fixture
def database_url(seeded_database, tmp_path) -> str:
    copy = tmp_path / "companion.sqlite"
    shutil.copyfile(seeded_database, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def app(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path / "instance"))
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-only"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(database_url):
    engine = make_engine(database_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())
