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


class ContentVersion(SQLModel, table=True):
    """A version of one landing block in one locale. At most one `draft` per block and locale;
    publishing numbers it and copies its value into `platform_content` (what the landing reads);
    a rollback publishes an old version's value again as a new version."""

    __tablename__ = "content_versions"
    __table_args__ = (
        sa.CheckConstraint("status IN ('draft', 'published')", name="status"),
        sa.Index(
            "uq_content_versions_draft",
            "key",
            "locale",
            unique=True,
            postgresql_where=sa.text("status = 'draft'"),
            sqlite_where=sa.text("status = 'draft'"),
        ),
        sa.Index("ix_content_versions_key_locale_version", "key", "locale", "version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64)
    locale: str = Field(max_length=8)
    version: int = Field(default=0)  # 0 while a draft
    status: str = Field(default="draft", max_length=16)
    value: dict = Field(default_factory=dict, sa_type=JSONType)
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    published_at: datetime | None = Field(default=None, sa_type=TZDateTime)
