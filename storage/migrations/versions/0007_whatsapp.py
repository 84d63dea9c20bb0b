"""WhatsApp: contacts (business-scoped id and phone number to one identity, the 24-hour
window), each reminder's message id, delivery status and template form, and codes that link
one more channel to a member

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "whatsapp_contact",
        sa.Column("identity_key", sa.String(), nullable=False),
        sa.Column("user_id", sa.String(), nullable=True),
        sa.Column("wa_id", sa.String(), nullable=True),
        sa.Column("last_inbound_at", _TIME, nullable=True),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("identity_key"),
        sa.UniqueConstraint("user_id"),
        sa.UniqueConstraint("wa_id"),
    )
    with op.batch_alter_table("reminder") as batch:
        batch.add_column(sa.Column("message_ref", sa.String(), nullable=True))
        batch.add_column(sa.Column("delivery", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("delivery_at", _TIME, nullable=True))
        batch.add_column(sa.Column("gist", sa.JSON(), nullable=True))
        batch.add_column(
            sa.Column("as_template", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.create_index("ix_reminder_message_ref", ["message_ref"])
    with op.batch_alter_table("invite") as batch:
        batch.add_column(sa.Column("for_member", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_invite_for_member", "member", ["for_member"], ["id"])


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("invite") as batch:
        batch.drop_constraint("fk_invite_for_member", type_="foreignkey")
        batch.drop_column("for_member")
    with op.batch_alter_table("reminder") as batch:
        batch.drop_index("ix_reminder_message_ref")
        for column in ("as_template", "gist", "delivery_at", "delivery", "message_ref"):
            batch.drop_column(column)
    op.drop_table("whatsapp_contact")
