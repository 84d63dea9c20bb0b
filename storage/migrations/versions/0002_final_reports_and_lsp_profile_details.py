"""final reports and LSP profile details

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 20:48:45.899758
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DISTRIBUTION = '["Badan Nasional Sertifikasi Profesi (BNSP)", "Dewan Pengarah LSP", "Arsip LSP"]'


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "final_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("report", sa.String(length=8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document_number", sa.String(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["member.id"]),
        sa.ForeignKeyConstraint(["period_id"], ["period.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pdf_sha256"),
        sa.UniqueConstraint("period_id", "report", "version"),
    )
    with op.batch_alter_table("final_report", schema=None) as batch_op:
        batch_op.create_index("ix_final_report_period_id", ["period_id"], unique=False)
    with op.batch_alter_table("lsp_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("city", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column(
                "distribution",
                sa.JSON(),
                nullable=False,
                server_default=sa.text(f"'{DISTRIBUTION}'"),
            )
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("lsp_profile", schema=None) as batch_op:
        batch_op.drop_column("distribution")
        batch_op.drop_column("city")
    with op.batch_alter_table("final_report", schema=None) as batch_op:
        batch_op.drop_index("ix_final_report_period_id")
    op.drop_table("final_report")
