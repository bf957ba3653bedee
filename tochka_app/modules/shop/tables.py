"""The back office's two lists on the shared table engine (services/admin/tables.py): products and
orders of one tenant (`tenant_column`: the engine refuses to list them without a tenant)."""

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import func, or_
from sqlmodel import col

from tochka_app.i18n import format_datetime, format_money, gettext_
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import routes
from tochka_app.modules.shop.checkout import order_label
from tochka_app.modules.shop.models import (
    OrderStatus,
    PaymentStatus,
    ProductStatus,
    ShopCategory,
    ShopOrder,
    ShopProduct,
    ShopVariant,
)
from tochka_app.services.admin.tables import Column, TableSpec
from tochka_app.services.text import LIKE_ESCAPE, like_contains

ORDER_PREFIX = "ZR"  # the printed order numbers: ZR-000123


def _free_stock():
    return (
        sa.select(func.coalesce(func.sum(ShopVariant.stock - ShopVariant.reserved), 0))
        .where(col(ShopVariant.product_id) == col(ShopProduct.id))
        .scalar_subquery()
    )


def _products_select():
    return sa.select(
        col(ShopProduct.id),
        col(ShopProduct.name),
        col(ShopProduct.sku),
        col(ShopProduct.price_kopecks),
        col(ShopProduct.status),
        col(ShopProduct.updated_at),
        col(ShopCategory.name).label("category"),
        _free_stock().label("free"),
    ).outerjoin(ShopCategory, col(ShopCategory.id) == ShopProduct.category_id)


def _product_row(r, locale: str, tz: str | None = None) -> dict[str, str]:
    return {
        "id": str(r.id),
        "name": r.name,
        "sku": r.sku,
        "category": r.category or "—",
        "price": format_money(r.price_kopecks, locale),
        "stock": str(r.free),
        "status": gettext_(locale, f"shop.product_status.{r.status}"),
        "updated": format_datetime(r.updated_at, locale, "short", tz),
    }


def _product_search(text: str):
    return col(ShopProduct.search_text).like(like_contains(text.lower()), escape=LIKE_ESCAPE)


def _category_filter(value: str):
    """A category or any of its subcategories."""
    if not value.isdigit():
        return None
    category_id = int(value)
    children = sa.select(col(ShopCategory.id)).where(col(ShopCategory.parent_id) == category_id)
    return or_(
        col(ShopProduct.category_id) == category_id, col(ShopProduct.category_id).in_(children)
    )


PRODUCTS_TABLE = TableSpec(
    name="products",
    table="module_shop_products",
    columns=(
        Column("name", "shop.col.name", ShopProduct.name),
        Column("sku", "shop.col.sku", ShopProduct.sku),
        Column("category", "shop.col.category"),
        Column("price", "shop.col.price", ShopProduct.price_kopecks),
        Column("stock", "shop.col.stock"),
        Column("status", "shop.col.status"),
        Column("updated", "shop.col.updated", ShopProduct.updated_at),
    ),
    id_column=ShopProduct.id,
    select=_products_select,
    row=_product_row,
    search=_product_search,
    filters={
        "status": {s.value: col(ShopProduct.status) == s.value for s in ProductStatus},
        "stock": {"in": _free_stock() > 0, "out": _free_stock() <= 0},
        "category": _category_filter,
    },
    default_sort="updated",
    default_desc=True,
    link=routes.product,
    tenant_column=ShopProduct.tenant_id,
)


def _orders_select():
    return sa.select(
        col(ShopOrder.id),
        col(ShopOrder.number),
        col(ShopOrder.created_at),
        col(ShopOrder.customer_name),
        col(ShopOrder.customer_phone),
        col(ShopOrder.total_kopecks),
        col(ShopOrder.status),
        col(ShopOrder.payment_status),
    )


def _order_row(r, locale: str, tz: str | None = None) -> dict[str, str]:
    return {
        "id": str(r.id),
        "number": order_label(ORDER_PREFIX, r.number),
        "created": format_datetime(r.created_at, locale, "short", tz),
        "customer": r.customer_name,
        "phone": r.customer_phone,
        "total": format_money(r.total_kopecks, locale),
        "status": gettext_(locale, f"shop.order_status.{r.status}"),
        "payment": gettext_(locale, f"shop.payment_status.{r.payment_status}"),
    }


def _order_search(text: str):
    """An order number (ZR-000123, 123) or a phone's digits, else the customer's name."""
    digits = "".join(ch for ch in text if ch.isdigit())
    clauses: list = [
        func.lower(ShopOrder.customer_name).like(like_contains(text.lower()), escape=LIKE_ESCAPE)
    ]
    if digits:
        if len(digits) <= 9:
            clauses.append(col(ShopOrder.number) == int(digits))
        clauses.append(col(ShopOrder.customer_phone).like(f"%{digits}%"))
    return or_(*clauses)


def _period(value: str):
    """Orders of the last day, week or month, counted from when the page asks."""
    days = {"1": 1, "7": 7, "30": 30}.get(value)
    return col(ShopOrder.created_at) >= utcnow() - timedelta(days=days) if days else None


ORDERS_TABLE = TableSpec(
    name="orders",
    table="module_shop_orders",
    columns=(
        Column("number", "shop.col.number", ShopOrder.number),
        Column("created", "shop.col.created", ShopOrder.created_at),
        Column("customer", "shop.col.customer"),
        Column("phone", "shop.col.phone"),
        Column("total", "shop.col.total", ShopOrder.total_kopecks),
        Column("status", "shop.col.status"),
        Column("payment", "shop.col.payment"),
    ),
    id_column=ShopOrder.id,
    select=_orders_select,
    row=_order_row,
    search=_order_search,
    filters={
        "order_status": {s.value: col(ShopOrder.status) == s.value for s in OrderStatus},
        "payment": {s.value: col(ShopOrder.payment_status) == s.value for s in PaymentStatus},
        "period": _period,
    },
    default_sort="number",
    default_desc=True,
    link=routes.order,
    tenant_column=ShopOrder.tenant_id,
)

ALL = {spec.name: spec for spec in (PRODUCTS_TABLE, ORDERS_TABLE)}
