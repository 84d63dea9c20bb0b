"""deadlines set by hand, reminder plan, occasions and reminders, unreachable identities

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("period") as batch:
        batch.add_column(sa.Column("deadlines_set_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("deadlines_set_at", _TIME, nullable=True))
        batch.create_foreign_key(
            "fk_period_deadlines_set_by", "member", ["deadlines_set_by"], ["id"]
        )
    with op.batch_alter_table("identity") as batch:
        batch.add_column(sa.Column("unreachable_since", _TIME, nullable=True))
        batch.add_column(sa.Column("unreachable_reason", sa.String(), nullable=True))
    op.create_table(
        "reminder_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("days_before", sa.JSON(), nullable=True),
        sa.Column("days_after", sa.Integer(), nullable=True),
        sa.Column("digest_days", sa.Integer(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["updated_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "reminder_occasion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("section", sa.String(), nullable=True),
        sa.Column("due_at", _TIME, nullable=False),
        sa.Column("useful_until", _TIME, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["period.id"]),
        sa.ForeignKeyConstraint(["created_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_reminder_occasion_period_id", "reminder_occasion", ["period_id"])
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occasion_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _TIME, nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("lease_until", _TIME, nullable=True),
        sa.Column("identity_key", sa.String(), nullable=True),
        sa.Column("sent_at", _TIME, nullable=True),
        sa.Column("last_error", sa.String(), nullable=True),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["occasion_id"], ["reminder_occasion.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("occasion_id", "member_id"),
    )
    op.create_index("ix_reminder_member_id", "reminder", ["member_id"])
    op.create_index("ix_reminder_state_next", "reminder", ["state", "next_attempt_at"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_reminder_state_next", table_name="reminder")
    op.drop_index("ix_reminder_member_id", table_name="reminder")
    op.drop_table("reminder")
    op.drop_index("ix_reminder_occasion_period_id", table_name="reminder_occasion")
    op.drop_table("reminder_occasion")
    op.drop_table("reminder_plan")
    with op.batch_alter_table("identity") as batch:
        batch.drop_column("unreachable_reason")
        batch.drop_column("unreachable_since")
    with op.batch_alter_table("period") as batch:
        batch.drop_constraint("fk_period_deadlines_set_by", type_="foreignkey")
        batch.drop_column("deadlines_set_at")
        batch.drop_column("deadlines_set_by")
