"""directory: opening hours, and whether a desk travels (France services buses)

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("centre") as batch:
        batch.add_column(
            sa.Column("hours", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("roaming", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("centre") as batch:
        batch.drop_column("roaming")
        batch.drop_column("hours")
