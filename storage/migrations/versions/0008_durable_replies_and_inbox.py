"""Replies kept with the message they answer, until they are sent: a redelivery after a crash
gets them again instead of silence; and updates kept before they are confirmed to Telegram

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 12:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "inbox_update",
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("channel", "key"),
    )
    op.create_index("ix_inbox_update_handled_at", "inbox_update", ["handled_at"])
    with op.batch_alter_table("processed_message") as batch_op:
        batch_op.add_column(sa.Column("replies", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_inbox_update_handled_at", table_name="inbox_update")
    op.drop_table("inbox_update")
    with op.batch_alter_table("processed_message") as batch_op:
        batch_op.drop_column("replied_at")
        batch_op.drop_column("replies")
