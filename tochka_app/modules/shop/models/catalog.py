"""The catalog: categories (two levels), products, their variants (size, colour, stock) and photos."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow
from tochka_app.modules.shop.models._base import (
    OrderType,
    ProductStatus,
    _tenant_fk,
)


class ShopCategory(SQLModel, table=True):
    """A catalog category; a tree of at most two levels (a child's parent has no parent)."""

    __tablename__ = "module_shop_categories"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "slug", name="uq_module_shop_categories_tenant_id_slug"),
        sa.Index("ix_module_shop_categories_tenant_id_position", "tenant_id", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    parent_id: int | None = Field(
        default=None, foreign_key="module_shop_categories.id", ondelete="CASCADE"
    )
    name: str = Field(max_length=120)
    slug: str = Field(max_length=80)
    position: int = Field(default=0)


class ShopProduct(SQLModel, table=True):
    __tablename__ = "module_shop_products"
    __table_args__ = (
        # An article (SKU) is unique within a tenant.
        sa.UniqueConstraint("tenant_id", "sku", name="uq_module_shop_products_tenant_id_sku"),
        # Keyset paging of one tenant's products, newest first.
        sa.Index("ix_module_shop_products_tenant_id_id", "tenant_id", "id"),
        sa.Index("ix_module_shop_products_tenant_id_status", "tenant_id", "status"),
        sa.Index("ix_module_shop_products_tenant_id_category_id", "tenant_id", "category_id"),
        # Substring search by name and article through a trigram index on PostgreSQL.
        sa.Index(
            "ix_module_shop_products_search_text",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        sa.CheckConstraint("price_kopecks >= 0", name="price"),
        sa.CheckConstraint("old_price_kopecks IS NULL OR old_price_kopecks >= 0", name="old_price"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    category_id: int | None = Field(
        default=None, foreign_key="module_shop_categories.id", ondelete="SET NULL"
    )
    name: str = Field(max_length=200)
    sku: str = Field(max_length=64)
    description_md: str = Field(default="", sa_type=sa.Text)
    price_kopecks: int = Field(sa_type=sa.BigInteger)
    old_price_kopecks: int | None = Field(default=None, sa_type=sa.BigInteger)
    status: str = Field(default=ProductStatus.active, max_length=16)
    order_type: str = Field(default=OrderType.in_stock, max_length=16)
    care_instructions: str = Field(default="", sa_type=sa.Text)
    # [["Размер", "Грудь", "Длина"], ["S", "96", "70"], ...]: the first row is the header.
    size_table: list = Field(default_factory=list, sa_type=sa.JSON)
    search_text: str = Field(default="", sa_type=sa.Text)  # lower-case name and article
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class ShopVariant(SQLModel, table=True):
    """A size (and optionally a colour) of a product, with its own stock. `reserved` counts the
    units held by unpaid orders; what a customer can still buy is stock - reserved."""

    __tablename__ = "module_shop_variants"
    __table_args__ = (
        sa.UniqueConstraint(
            "product_id", "size", "colour", name="uq_module_shop_variants_product_id_size_colour"
        ),
        sa.Index("ix_module_shop_variants_tenant_id_product_id", "tenant_id", "product_id"),
        sa.Index("ix_module_shop_variants_product_id", "product_id"),
        sa.CheckConstraint("stock >= 0", name="stock"),
        sa.CheckConstraint("reserved >= 0 AND reserved <= stock", name="reserved"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    product_id: int = Field(foreign_key="module_shop_products.id", ondelete="CASCADE")
    size: str = Field(default="", max_length=32)
    colour: str = Field(default="", max_length=40)
    sku_suffix: str = Field(default="", max_length=24)
    stock: int = Field(default=0)
    reserved: int = Field(default=0)
    position: int = Field(default=0)


class ShopProductMedia(SQLModel, table=True):
    """A product photo, re-encoded on upload; the lowest position is the main one."""

    __tablename__ = "module_shop_product_media"
    __table_args__ = (
        sa.Index("ix_module_shop_product_media_tenant_id_product_id", "tenant_id", "product_id"),
        sa.Index("ix_module_shop_product_media_product_id", "product_id", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    product_id: int = Field(foreign_key="module_shop_products.id", ondelete="CASCADE")
    path: str = Field(max_length=300)  # relative to MEDIA_DIR
    thumb_path: str = Field(max_length=300)
    width: int
    height: int
    position: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
