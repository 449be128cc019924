"""directory: audience, phone type, checked date; reports and history

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "centrereport",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("details", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("centrereport", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_centrereport_centre_id"), ["centre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_centrereport_status"), ["status"], unique=False)

    op.create_table(
        "centrechange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("old", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("new", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("how", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["centrereport.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("centrechange", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_centrechange_centre_id"), ["centre_id"], unique=False)

    # Rows already there keep working: audience unknown (any), phone type unknown until re-imported.
    with op.batch_alter_table("centre", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False, server_default="any")
        )
        batch_op.add_column(
            sa.Column("phone_type", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("checked_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("centre", schema=None) as batch_op:
        batch_op.drop_column("checked_on")
        batch_op.drop_column("phone_type")
        batch_op.drop_column("audience")

    with op.batch_alter_table("centrechange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_centrechange_centre_id"))

    op.drop_table("centrechange")
    with op.batch_alter_table("centrereport", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_centrereport_status"))
        batch_op.drop_index(batch_op.f("ix_centrereport_centre_id"))

    op.drop_table("centrereport")
