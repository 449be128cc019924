"""directory: places suggested by volunteers, kept for a coordinator

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _text(name: str, length: int, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=nullable)


def upgrade():
    op.create_table(
        "placesuggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("kind", 20),
        _text("name", 200),
        _text("address", 200),
        _text("town", 120),
        _text("departement", 3),
        _text("phone", 30),
        _text("url", 300),
        _text("audience", 10),
        _text("evidence", 10),
        _text("evidence_url", 300),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        _text("status", 10),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        _text("checked_by", 100),
        _text("reason", 500),
        _text("centre_id", 80),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("placesuggestion") as batch:
        batch.create_index(batch.f("ix_placesuggestion_departement"), ["departement"], unique=False)
        batch.create_index(batch.f("ix_placesuggestion_status"), ["status"], unique=False)


def downgrade():
    op.drop_table("placesuggestion")
