"""The certificate register's tables: schemes, TUKs and assessors by name, issuances (one batch
recorded together), certificates, their corrections and revocations. Nothing is deleted."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow

DEFAULT_VALIDITY_YEARS = 3


class Scheme(SQLModel, table=True):
    """A certification scheme as the register knows it (created on first use)."""

    __tablename__ = "scheme"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)  # the name folded: case and repeated spaces ignored
    number: str = ""  # e.g. SKM/BNSP/00010/1/2020/37A
    kind: str = ""
    validity_years: int = DEFAULT_VALIDITY_YEARS
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Tuk(SQLModel, table=True):
    """A TUK by name, as certificates name it (created on first use)."""

    __tablename__ = "tuk"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Assessor(SQLModel, table=True):
    """An assessor by name, as certificates name them (created on first use)."""

    __tablename__ = "assessor"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Issuance(SQLModel, table=True):
    """One batch of certificates recorded together (penerbitan): who, when, how, from which
    file."""

    __tablename__ = "issuance"

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    recorded_by: int | None = Field(default=None, foreign_key="member.id")
    channel: str
    file_name: str | None = None
    file_sha256: str | None = Field(default=None, sa_type=String(64), index=True)
    certificates: int = 0
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    recorded_by_name: str | None = None  # the person named at the server (`--by`)


class Certificate(SQLModel, table=True):
    """One certificate as printed (its number is the LSP's, never made up here)."""

    __tablename__ = "certificate"
    __table_args__ = (Index("ix_certificate_issued_on", "issued_on"),)

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True)
    holder: str
    scheme_id: int = Field(foreign_key="scheme.id", index=True)
    kind: str = ""
    route: str = Field(default="reguler", sa_type=String(16))
    tuk_id: int | None = Field(default=None, foreign_key="tuk.id")
    assessor_id: int | None = Field(default=None, foreign_key="assessor.id")
    issued_on: date
    valid_until: date
    replaces: str | None = None  # the number of the certificate this one renews
    issuance_id: int = Field(foreign_key="issuance.id", index=True)
    source_row: int | None = None
    revision: int = 1
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CertificateRevision(SQLModel, table=True):
    """A correction of a certificate's data, with the old values kept."""

    __tablename__ = "certificate_revision"

    id: int | None = Field(default=None, primary_key=True)
    certificate_id: int = Field(foreign_key="certificate.id", index=True)
    revision: int
    old_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    new_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    changed_by: int | None = Field(default=None, foreign_key="member.id")
    channel: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    changed_by_name: str | None = None  # the person named at the server (`--by`)


class Revocation(SQLModel, table=True):
    """A certificate revoked (pencabutan): on which date, why, on which decision, who recorded
    it and when."""

    __tablename__ = "revocation"

    id: int | None = Field(default=None, primary_key=True)
    certificate_id: int = Field(foreign_key="certificate.id", unique=True)
    revoked_on: date
    reason: str
    decision: str = ""  # the decision it rests on, e.g. "SK Ketua LSP No. 12/LSP/XI/2026"
    recorded_by: int | None = Field(default=None, foreign_key="member.id")
    channel: str
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    recorded_by_name: str | None = None  # the person named at the server (`--by`)
