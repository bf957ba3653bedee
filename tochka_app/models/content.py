from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import JSONType, TZDateTime, utcnow


class PlatformContent(SQLModel, table=True):
    """One editable block of the public site (hero, faq, ...) in one locale."""

    __tablename__ = "platform_content"
    __table_args__ = (sa.UniqueConstraint("key", "locale"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64)
    locale: str = Field(max_length=8, index=True)
    value: dict = Field(default_factory=dict, sa_type=JSONType)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_by_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
