"""report signatories in the profile, withdrawn invites, the change log of members and invites

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)
_SIGNATORIES = ("manager_name", "manager_number", "chair_name", "chair_number")


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("lsp_profile") as batch:
        for column in _SIGNATORIES:
            batch.add_column(sa.Column(column, sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("lsp_profile") as batch:
        for column in _SIGNATORIES:
            batch.alter_column(column, server_default=None)
    with op.batch_alter_table("invite") as batch:
        batch.add_column(sa.Column("withdrawn_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", _TIME, nullable=True))
        batch.create_foreign_key("fk_invite_withdrawn_by", "member", ["withdrawn_by"], ["id"])
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("subject_key", sa.String(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["changed_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_change_log_subject", "change_log", ["subject", "subject_key"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_change_log_subject", table_name="change_log")
    op.drop_table("change_log")
    with op.batch_alter_table("invite") as batch:
        batch.drop_constraint("fk_invite_withdrawn_by", type_="foreignkey")
        batch.drop_column("withdrawn_at")
        batch.drop_column("withdrawn_by")
    with op.batch_alter_table("lsp_profile") as batch:
        for column in _SIGNATORIES:
            batch.drop_column(column)
