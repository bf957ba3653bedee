"""Browser-bound steps of a login: external-login flows and the tickets that set session cookies.

Only keyed hashes of the nonce, the ticket and the browser's client token are stored.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from tochka_app.models._types import BigIntId, JSONType, TZDateTime, utcnow


class AuthFlow(SQLModel, table=True):
    """A Telegram / VK ID login or link started by a click in our page, for one browser tab.

    The callback must bring the nonce back from the same tab (client token); it is taken once.
    An identity that would be linked waits here (`identity`) until the user confirms it.
    """

    __tablename__ = "auth_flows"

    id: int | None = Field(default=None, primary_key=True, sa_type=BigIntId)
    nonce_hash: str = Field(max_length=64, unique=True, index=True)
    client_hash: str = Field(max_length=64, index=True)  # the Reflex client token of the tab
    provider: str = Field(max_length=16)  # "telegram" | "vk"
    purpose: str = Field(max_length=8)  # "login" | "link"
    user_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="CASCADE", index=True
    )  # the logged-in user of a "link" flow
    identity: dict | None = Field(default=None, sa_type=JSONType)  # verified, awaiting confirm
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    expires_at: datetime = Field(sa_type=TZDateTime)
    returned_at: datetime | None = Field(default=None, sa_type=TZDateTime)  # callback consumed
    used_at: datetime | None = Field(default=None, sa_type=TZDateTime)  # linked or cancelled


class SessionTicket(SQLModel, table=True):
    """A one-time, short-lived ticket that an HTTP endpoint exchanges for the session cookie."""

    __tablename__ = "session_tickets"

    id: int | None = Field(default=None, primary_key=True, sa_type=BigIntId)
    ticket_hash: str = Field(max_length=64, unique=True, index=True)
    session_id: int = Field(
        sa_type=BigIntId, foreign_key="user_sessions.id", ondelete="CASCADE", index=True
    )
    next_path: str = Field(default="/", max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    expires_at: datetime = Field(sa_type=TZDateTime)
    used_at: datetime | None = Field(default=None, sa_type=TZDateTime)
