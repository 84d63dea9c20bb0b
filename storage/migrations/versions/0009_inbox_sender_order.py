"""Each kept update names its sender and its place in the platform's order, so an instance
can wait for a member's earlier update that another instance is still handling

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("inbox_update") as batch_op:
        batch_op.add_column(sa.Column("sender", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("sequence", sa.BigInteger(), nullable=True))
    op.create_index("ix_inbox_update_sender", "inbox_update", ["sender", "handled_at"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_inbox_update_sender", table_name="inbox_update")
    with op.batch_alter_table("inbox_update") as batch_op:
        batch_op.drop_column("sequence")
        batch_op.drop_column("sender")
