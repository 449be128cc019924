"""directory: coordinator keys scoped to a region or a département; who checked each change

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "coordinatorkey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("area", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest"),
    )
    # Changes made before keys had labels were made with the one configured key.
    with op.batch_alter_table("centrechange") as batch:
        batch.add_column(
            sa.Column("checked_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("centrechange") as batch:
        batch.drop_column("checked_by")
    op.drop_table("coordinatorkey")
