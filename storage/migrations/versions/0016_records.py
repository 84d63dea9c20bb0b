"""Records kept about records: every copy given (who, what, when) and the earlier files of
finals whose signatures were extended

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

_TIME = sa.DateTime(timezone=True)

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "download",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("final_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["period.id"]),
        sa.ForeignKeyConstraint(["final_id"], ["final_report.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_download_period", "download", ["period_id"])
    op.create_table(
        "final_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("final_id", sa.Integer(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("replaced_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["final_id"], ["final_report.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pdf_sha256"),
    )
    op.create_index("ix_final_file_final_id", "final_file", ["final_id"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_final_file_final_id", table_name="final_file")
    op.drop_table("final_file")
    op.drop_index("ix_download_period", table_name="download")
    op.drop_table("download")
