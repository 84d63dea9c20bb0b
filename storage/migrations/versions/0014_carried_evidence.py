"""Evidence carried over with an answer from an earlier semester names the attachment it copies

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("evidence") as batch_op:
        batch_op.add_column(sa.Column("carried_from", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_evidence_carried_from", "evidence", ["carried_from"], ["id"]
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("evidence") as batch_op:
        batch_op.drop_constraint("fk_evidence_carried_from", type_="foreignkey")
        batch_op.drop_column("carried_from")
