from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import JSONType, TZDateTime, utcnow


class Module(SQLModel, table=True):
    """Registry entry of a pluggable business module (shop, pages, ...)."""

    __tablename__ = "modules"
    __table_args__ = (sa.CheckConstraint("price_month_kopecks >= 0", name="price"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True, index=True)
    name: dict = Field(default_factory=dict, sa_type=JSONType)  # {"ru": ..., "en": ...}
    description: dict = Field(default_factory=dict, sa_type=JSONType)
    category: str = Field(max_length=32, index=True)
    icon: str = Field(default="package", max_length=64)  # lucide icon name
    price_month_kopecks: int = Field(default=0)  # add-on price; 0 = included in a tariff
    min_tariff_id: int | None = Field(default=None, foreign_key="tariffs.id", index=True)
    is_published: bool = Field(default=False, index=True)
    sort_order: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class TenantModule(SQLModel, table=True):
    __tablename__ = "tenant_modules"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "module_id"),)

    id: int | None = Field(default=None, primary_key=True)
    # tenant_id is covered by the unique (tenant_id, module_id) index.
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE")
    module_id: int = Field(foreign_key="modules.id", index=True)
    enabled: bool = Field(default=True, index=True)
    settings: dict = Field(default_factory=dict, sa_type=JSONType)
    enabled_at: datetime | None = Field(default_factory=utcnow, sa_type=TZDateTime)
    disabled_at: datetime | None = Field(default=None, sa_type=TZDateTime)
