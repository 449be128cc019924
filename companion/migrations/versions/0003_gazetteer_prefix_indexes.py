"""gazetteer prefix indexes usable by PostgreSQL for LIKE 'abc%'

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PREFIX_INDEXED = ("insee", "search_name", "postcode")


def _rebuild(ops: str | None):
    # Same names and columns on every database; only PostgreSQL's operator class changes.
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in PREFIX_INDEXED:
        op.drop_index(f"ix_commune_{column}", table_name="commune")
        options = {"postgresql_ops": {column: ops}} if ops else {}
        op.create_index(f"ix_commune_{column}", "commune", [column], **options)


def upgrade():
    _rebuild("varchar_pattern_ops")


def downgrade():
    _rebuild(None)
