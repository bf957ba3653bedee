from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow


class SitePage(SQLModel, table=True):
    __tablename__ = "module_pages"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "slug"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE")  # leads the unique index
    slug: str = Field(max_length=80)
    title: str = Field(max_length=200)
    content_md: str = Field(default="", sa_type=sa.Text)
    is_published: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
