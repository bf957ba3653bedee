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
    __table_args__ = (
        sa.CheckConstraint("status IN ('active', 'suspended')", name="status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    slug: str = Field(max_length=63, unique=True, index=True)
    custom_domain: str | None = Field(default=None, max_length=253, unique=True)
    status: str = Field(default=TenantStatus.active, max_length=16, index=True)
    owner_id: int = Field(foreign_key="users.id", index=True)
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
