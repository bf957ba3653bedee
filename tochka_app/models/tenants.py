from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow


class TenantStatus(StrEnum):
    active = "active"
    suspended = "suspended"


class Role(StrEnum):
    owner = "owner"
    admin = "admin"
    staff = "staff"


class Tenant(SQLModel, table=True):
    __tablename__ = "tenants"
    __table_args__ = (sa.CheckConstraint("status IN ('active', 'suspended')", name="status"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    slug: str = Field(max_length=63, unique=True, index=True)
    status: str = Field(default=TenantStatus.active, max_length=16, index=True)
    owner_id: int = Field(foreign_key="users.id", index=True)
    # Workspace settings (issue 4): shown on the tenant's public site and in its workspace.
    logo_path: str | None = Field(default=None, max_length=200)  # relative to MEDIA_DIR
    brand_color: str = Field(default="#30a46c", max_length=7)
    timezone: str = Field(default="Europe/Moscow", max_length=64)
    locale: str = Field(default="ru", max_length=8)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime, index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class Membership(SQLModel, table=True):
    __tablename__ = "memberships"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "tenant_id"),
        sa.CheckConstraint("role IN ('owner', 'admin', 'staff')", name="role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # user_id is covered by the unique (user_id, tenant_id) index.
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    role: str = Field(default=Role.staff, max_length=16, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class TenantDomain(SQLModel, table=True):
    """A custom domain a tenant claims; it serves the tenant's site once DNS proves ownership.

    Several tenants may claim the same domain while unverified (a claim proves nothing, so it must
    not block the real owner); at most one row per domain can be verified (partial unique index),
    and the first to verify wins. Each tenant claims a domain at most once."""

    __tablename__ = "tenant_domains"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "domain"),
        sa.Index(
            "uq_tenant_domains_verified_domain",
            "domain",
            unique=True,
            postgresql_where=sa.text("verified_at IS NOT NULL"),
            sqlite_where=sa.text("verified_at IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    domain: str = Field(max_length=253, index=True)  # lower-case, IDNA (punycode) form
    verification_token: str = Field(max_length=64)
    verified_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    last_checked_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    last_error: str | None = Field(default=None, max_length=64)  # i18n id of the last failure
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class TenantSlugAlias(SQLModel, table=True):
    """A slug a tenant used before: old links redirect to the current slug, nobody else takes it."""

    __tablename__ = "tenant_slug_aliases"

    slug: str = Field(max_length=63, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
