"""What helps a shop sell: preorder waves, promo codes, and the daily storefront counters."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow
from tochka_app.modules.shop.models._base import (
    WaveStatus,
    _tenant_fk,
)


class ShopPreorderWave(SQLModel, table=True):
    """One wave of a preorder product: `capacity` places, `taken` of them held by orders not
    canceled. Buyers fill the lowest collecting wave first; the check keeps a wave from ever
    holding more than its capacity, whatever runs concurrently."""

    __tablename__ = "module_shop_preorder_waves"
    __table_args__ = (
        sa.UniqueConstraint(
            "product_id", "number", name="uq_module_shop_preorder_waves_product_id_number"
        ),
        sa.Index("ix_module_shop_preorder_waves_tenant_id_product_id", "tenant_id", "product_id"),
        sa.CheckConstraint("capacity > 0", name="capacity"),
        sa.CheckConstraint("taken >= 0 AND taken <= capacity", name="taken"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    product_id: int = Field(foreign_key="module_shop_products.id", ondelete="CASCADE")
    number: int  # 1, 2, ...
    capacity: int
    taken: int = Field(default=0)
    status: str = Field(default=WaveStatus.collecting, max_length=16)
    message: str = Field(default="", max_length=500)  # what the wave's buyers are told
    completed_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class PromoKind(StrEnum):
    percent = "percent"
    amount = "amount"


class ShopPromoCode(SQLModel, table=True):
    """A tenant's promo code. `uses` counts paid orders with it, `reserved` the unpaid ones
    holding a use: a checkout takes a use only while uses + reserved < max_uses (row lock)."""

    __tablename__ = "module_shop_promo_codes"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "code", name="uq_module_shop_promo_codes_tenant_id_code"),
        sa.CheckConstraint("uses >= 0 AND reserved >= 0", name="uses"),
        sa.CheckConstraint(
            "max_uses IS NULL OR uses + reserved <= max_uses", name="within_max_uses"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    code: str = Field(max_length=40)  # stored upper-case: codes are case-insensitive
    description: str = Field(default="", max_length=300)
    kind: str = Field(default=PromoKind.percent, max_length=16)
    percent: int = Field(default=0)  # 1..100 for a percent code
    amount_kopecks: int = Field(default=0, sa_type=sa.BigInteger)  # for a fixed amount
    min_order_kopecks: int = Field(default=0, sa_type=sa.BigInteger)
    max_uses: int | None = None
    max_uses_per_customer: int | None = None
    uses: int = Field(default=0)
    reserved: int = Field(default=0)
    valid_from: datetime | None = Field(default=None, sa_type=TZDateTime)
    valid_until: datetime | None = Field(default=None, sa_type=TZDateTime)
    active: bool = Field(default=True)
    # Empty lists: every product. Otherwise the code applies to these products and categories
    # (a category includes its subcategories).
    product_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    category_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class ShopDailyStats(SQLModel, table=True):
    """How many times a day the storefront showed a product, took something into a cart, and
    placed an order — counts only, nothing about who (the analytics funnel)."""

    __tablename__ = "module_shop_daily_stats"

    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", primary_key=True)
    day: date = Field(primary_key=True)
    views: int = Field(default=0)
    carts: int = Field(default=0)
    checkouts: int = Field(default=0)
