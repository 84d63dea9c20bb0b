"""Each final carries a verification code, printed beside a QR code on every page, by which
anyone can look it up on the public verification page

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("final_report") as batch_op:
        batch_op.add_column(sa.Column("verification_code", sa.String(length=16), nullable=True))
        batch_op.create_index(
            "ix_final_report_verification_code", ["verification_code"], unique=True
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("final_report") as batch_op:
        batch_op.drop_index("ix_final_report_verification_code")
        batch_op.drop_column("verification_code")
