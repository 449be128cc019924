"""Fixtures: a real SQLite database seeded once from data/, copied fresh for each test."""

import shutil
import uuid

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sqlalchemy.engine import make_url
from sqlmodel import Session

from companion import create_app
from companion.db import make_engine
from companion.directory.reference_data import prepare_database
from tests.helpers import POSTGRES, ROOT, postgres_admin


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the catalogues, as `make translations` does, so pytest alone works too."""
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as f:
            catalog = read_po(f)
        with po.with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog)


def _seed(url: str):
    engine = make_engine(url, pooled=False)
    prepare_database(engine, ROOT / "data")
    engine.dispose()


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory):
    """A database built by the migrations and loaded with the bundled data, once per run."""
    if POSTGRES:
        postgres_admin("DROP DATABASE IF EXISTS companion_seed")
        postgres_admin("CREATE DATABASE companion_seed")
        _seed(make_url(POSTGRES).set(database="companion_seed").render_as_string(hide_password=False))
        return "companion_seed"
    path = tmp_path_factory.mktemp("seed") / "companion.sqlite"
    _seed(f"sqlite:///{path}")
    return path


@pytest.fixture
def database_url(seeded_database, tmp_path):
    """A fresh copy of the seeded database for each test (a file copy, or a PostgreSQL template copy)."""
    if POSTGRES:
        name = f"test_{uuid.uuid4().hex[:12]}"
        postgres_admin(f"CREATE DATABASE {name} TEMPLATE {seeded_database}")
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
        postgres_admin(f"DROP DATABASE {name} WITH (FORCE)")
        return
    copy = tmp_path / "companion.sqlite"
    shutil.copyfile(seeded_database, copy)
    yield f"sqlite:///{copy}"


@pytest.fixture
def app(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-only"})
    yield app
    app.extensions["engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(database_url):
    engine = make_engine(database_url, pooled=False)
    with Session(engine) as session:
        yield session
    engine.dispose()
