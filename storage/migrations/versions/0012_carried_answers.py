"""An answer carried over from an earlier semester names the revision it was copied from

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    for table in ("answer", "answer_revision"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("carried_from", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                f"fk_{table}_carried_from", "answer_revision", ["carried_from"], ["id"]
            )


def downgrade() -> None:
    """Revert this revision."""
    for table in ("answer", "answer_revision"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(f"fk_{table}_carried_from", type_="foreignkey")
            batch_op.drop_column("carried_from")
