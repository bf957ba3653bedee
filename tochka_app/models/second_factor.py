"""Second factor of super admins: a TOTP secret (RFC 6238) and single-use recovery codes."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow


class AdminTotp(SQLModel, table=True):
    """An admin's authenticator secret. `confirmed_at` is None while setup waits for the first
    code; only a confirmed row makes the second factor required at login. The secret must be
    readable to check codes; it is shown once at setup and never sent to the browser again."""

    __tablename__ = "admin_totp"

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    secret: str = Field(max_length=64)  # base32
    confirmed_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    # Time step of the last accepted code: a code (or an older one) cannot be used twice.
    last_step: int = Field(default=0, sa_type=sa.BigInteger)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class AdminRecoveryCode(SQLModel, table=True):
    """One recovery code; only its HMAC is stored, and it works once."""

    __tablename__ = "admin_recovery_codes"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    code_hash: str = Field(max_length=64, unique=True)
    used_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
