"""gazetteer digest for the in-memory gazetteer

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("directorystate") as batch:
        batch.add_column(sa.Column("gazetteer", sa.String(length=64), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("directorystate") as batch:
        batch.drop_column("gazetteer")
