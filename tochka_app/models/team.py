from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow


class Invite(SQLModel, table=True):
    """An invitation of a phone into a workspace; only that phone can accept it."""

    __tablename__ = "invites"
    __table_args__ = (
        sa.CheckConstraint("role IN ('admin', 'staff')", name="role"),
        sa.Index("ix_invites_phone_open", "phone", "accepted_at", "revoked_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    phone: str = Field(max_length=16)
    role: str = Field(default="staff", max_length=16)
    invited_by_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    expires_at: datetime = Field(sa_type=TZDateTime)
    accepted_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=TZDateTime)
