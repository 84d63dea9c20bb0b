"""open prompts: the message whose buttons are live, per identity

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 22:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "open_prompt",
        sa.Column("identity_key", sa.String(), nullable=False),
        sa.Column("message_ref", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("identity_key"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("open_prompt")
