"""The register's changes name a person: a revocation records the decision it rests on, and
an import, correction or revocation made at the server the name typed there; a revocation
waiting for Ya/Tidak now lives in the conversation state, so its table goes

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("revocation") as batch_op:
        batch_op.add_column(sa.Column("decision", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("recorded_by_name", sa.String(), nullable=True))
    with op.batch_alter_table("issuance") as batch_op:
        batch_op.add_column(sa.Column("recorded_by_name", sa.String(), nullable=True))
    with op.batch_alter_table("certificate_revision") as batch_op:
        batch_op.add_column(sa.Column("changed_by_name", sa.String(), nullable=True))
    op.drop_table("pending_revocation")


def downgrade() -> None:
    """Revert this revision."""
    op.create_table(
        "pending_revocation",
        sa.Column("identity_key", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("identity_key"),
    )
    with op.batch_alter_table("certificate_revision") as batch_op:
        batch_op.drop_column("changed_by_name")
    with op.batch_alter_table("issuance") as batch_op:
        batch_op.drop_column("recorded_by_name")
    with op.batch_alter_table("revocation") as batch_op:
        batch_op.drop_column("recorded_by_name")
        batch_op.drop_column("decision")
