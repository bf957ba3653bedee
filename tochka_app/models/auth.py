"""Authentication: one-time codes, sessions, Telegram chat links, external identities."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import BigIntId, JSONType, TZDateTime, utcnow


class LoginCode(SQLModel, table=True):
    """A one-time code sent to a phone. Only an HMAC of the code is stored.

    The rows double as the send log that rate limits count (per phone, per IP, per hour).
    """

    __tablename__ = "login_codes"
    __table_args__ = (
        sa.Index("ix_login_codes_phone_created_at", "phone", "created_at"),
        sa.Index("ix_login_codes_ip_created_at", "ip", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=BigIntId)
    phone: str = Field(max_length=16)
    code_hash: str = Field(max_length=64)
    channel: str = Field(max_length=24)
    provider_ref: str | None = Field(default=None, max_length=128)  # e.g. Gateway request_id
    ip: str | None = Field(default=None, max_length=45)
    attempts: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    expires_at: datetime = Field(sa_type=TZDateTime)
    consumed_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=TZDateTime)


class UserSession(SQLModel, table=True):
    __tablename__ = "user_sessions"

    id: int | None = Field(default=None, primary_key=True, sa_type=BigIntId)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    # "user", "admin" (stricter expiry) or "imp" (a super admin inside a tenant, ≤ 30 min)
    kind: str = Field(default="user", max_length=8)
    current_tenant_id: int | None = Field(
        default=None, foreign_key="tenants.id", ondelete="SET NULL", index=True
    )
    ip: str | None = Field(default=None, max_length=45)
    user_agent: str = Field(default="", max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    expires_at: datetime = Field(sa_type=TZDateTime)  # sliding: moves on with activity
    absolute_expires_at: datetime = Field(sa_type=TZDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=TZDateTime, index=True)
    impersonation_id: int | None = Field(
        default=None, foreign_key="impersonations.id", ondelete="CASCADE"
    )


class Impersonation(SQLModel, table=True):
    """A super admin looking into a tenant's workspace as its owner: with a reason, for at most
    30 minutes, read-only unless explicitly widened; shown in a banner and in both audit logs."""

    __tablename__ = "impersonations"

    id: int | None = Field(default=None, primary_key=True)
    admin_user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    reason: str = Field(max_length=500)
    read_only: bool = Field(default=True)
    started_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    expires_at: datetime = Field(sa_type=TZDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=TZDateTime)


class TelegramLink(SQLModel, table=True):
    """A Telegram chat that proved (by sharing its own contact) it owns a phone."""

    __tablename__ = "telegram_links"

    id: int | None = Field(default=None, primary_key=True)
    phone: str = Field(max_length=16, unique=True, index=True)
    chat_id: int = Field(sa_type=sa.BigInteger, index=True)
    telegram_user_id: int = Field(sa_type=sa.BigInteger)
    linked_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    blocked_at: datetime | None = Field(default=None, sa_type=TZDateTime)  # user blocked the bot


class TelegramLinkNonce(SQLModel, table=True):
    """The `start` parameter of a deep link shown on the login page."""

    __tablename__ = "telegram_link_nonces"

    id: int | None = Field(default=None, primary_key=True)
    nonce_hash: str = Field(max_length=64, unique=True, index=True)
    phone: str = Field(max_length=16)
    chat_id: int | None = Field(default=None, sa_type=sa.BigInteger, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    expires_at: datetime = Field(sa_type=TZDateTime)
    used_at: datetime | None = Field(default=None, sa_type=TZDateTime)


class ExternalAccount(SQLModel, table=True):
    """A Telegram or VK identity linked to a user, keyed by (provider, provider user id)."""

    __tablename__ = "user_external_accounts"
    __table_args__ = (sa.UniqueConstraint("provider", "provider_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    provider: str = Field(max_length=16)
    provider_user_id: str = Field(max_length=64)
    display_name: str = Field(default="", max_length=200)
    profile: dict = Field(default_factory=dict, sa_type=JSONType)
    linked_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class DeletedAccount(SQLModel, table=True):
    """History of deleted users: the phone is freed, the record of who/when/why stays."""

    __tablename__ = "deleted_accounts_history"

    id: int | None = Field(default=None, primary_key=True)
    former_user_id: int = Field(index=True)
    phone: str = Field(max_length=16, index=True)
    name: str = Field(default="", max_length=200)
    deleted_by_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
    reason: str = Field(default="", max_length=500)
    deleted_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
