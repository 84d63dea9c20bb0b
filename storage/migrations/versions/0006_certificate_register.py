"""the certificate register: schemes, TUKs, assessors, issuances, certificates, corrections,
revocations, pending revocations

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)


def _named(table: str, *extra: sa.Column) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        *extra,
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )


def upgrade() -> None:
    """Apply this revision."""
    _named(
        "scheme",
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("validity_years", sa.Integer(), nullable=False),
    )
    _named("tuk")
    _named("assessor")
    op.create_table(
        "issuance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("certificates", sa.Integer(), nullable=False),
        sa.Column("recorded_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["recorded_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index("ix_issuance_file_sha256", "issuance", ["file_sha256"])
    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("holder", sa.String(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("route", sa.String(length=16), nullable=False),
        sa.Column("tuk_id", sa.Integer(), nullable=True),
        sa.Column("assessor_id", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("replaces", sa.String(), nullable=True),
        sa.Column("issuance_id", sa.Integer(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["assessor_id"], ["assessor.id"]),
        sa.ForeignKeyConstraint(["issuance_id"], ["issuance.id"]),
        sa.ForeignKeyConstraint(["scheme_id"], ["scheme.id"]),
        sa.ForeignKeyConstraint(["tuk_id"], ["tuk.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index("ix_certificate_issued_on", "certificate", ["issued_on"])
    op.create_index("ix_certificate_issuance_id", "certificate", ["issuance_id"])
    op.create_index("ix_certificate_scheme_id", "certificate", ["scheme_id"])
    op.create_table(
        "certificate_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["certificate_id"], ["certificate.id"]),
        sa.ForeignKeyConstraint(["changed_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_certificate_revision_certificate_id", "certificate_revision", ["certificate_id"]
    )
    op.create_table(
        "revocation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("recorded_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["certificate_id"], ["certificate.id"]),
        sa.ForeignKeyConstraint(["recorded_by"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("certificate_id"),
    )
    op.create_table(
        "pending_revocation",
        sa.Column("identity_key", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("identity_key"),
    )


def downgrade() -> None:
    """Revert this revision."""
    for table in ("pending_revocation", "revocation", "certificate_revision", "certificate",
                  "issuance", "assessor", "tuk", "scheme"):  # fmt: skip
        op.drop_table(table)
