"""The Alembic migrations build the schema the models describe, on SQLite and on PostgreSQL."""

from alembic import command
from alembic.config import Config

from companion.db import make_engine, upgrade_database
from tests.helpers import ROOT


def test_migrations_match_the_models(database_url):
    engine = make_engine(database_url, pooled=False)
    upgrade_database(engine)  # already at head: a second run changes nothing
    config = Config()
    config.set_main_option("script_location", str(ROOT / "companion" / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.check(config)  # raises if autogenerate would find any difference
    engine.dispose()
