"""Alembic environment: the database URL comes from the app (or COMPANION_DATABASE_URL)."""

from alembic import context
from sqlmodel import SQLModel

# Importing the models registers their tables on SQLModel.metadata.
from companion.checklist import models as checklist_models  # noqa: F401
from companion.directory import models as directory_models  # noqa: F401

config = context.config


def run_migrations():
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from companion import create_app
    from companion.db import make_engine

    engine = make_engine(create_app().config["DATABASE_URL"])
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


def _run(connection):
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,  # SQLite can't ALTER much: batch mode copies the table
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
