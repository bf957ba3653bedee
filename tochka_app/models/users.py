from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (
        # Keyset paging of the admin users table (migration 0008 also adds trigram indexes on
        # lower(name) and phone for substring search on PostgreSQL).
        sa.Index("ix_users_name_id", "name", "id"),
        sa.Index("ix_users_created_at_id", "created_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    phone: str = Field(max_length=16, unique=True, index=True)  # E.164, e.g. +79001234567
    name: str = Field(default="", max_length=200)
    email: str | None = Field(default=None, max_length=254)
    password_hash: str | None = Field(default=None, max_length=255)
    is_super_admin: bool = Field(default=False, index=True)
    is_blocked: bool = Field(default=False, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime, index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=TZDateTime, index=True)
