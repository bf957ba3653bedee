"""Orders and their money: the tenant's own YooKassa account, payments, order numbers, orders
with their lines (each keeps its name, variant, SKU and price as bought), the timeline, refunds."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow
from tochka_app.modules.shop.models._base import (
    OrderStatus,
    PaymentStatus,
    _tenant_fk,
)


class ShopPaymentAccount(SQLModel, table=True):
    """The tenant's own YooKassa shop: payments of its customers go to it, not to the platform.
    The secret key is sealed (services/vault.py) and never sent back to the browser. The
    notification URL carries `notify_token`, one per tenant and unguessable."""

    __tablename__ = "module_shop_payment_accounts"
    __table_args__ = (
        sa.UniqueConstraint("notify_token", name="uq_module_shop_payment_accounts_notify_token"),
    )

    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", primary_key=True)
    shop_id: str = Field(default="", max_length=32)
    secret_sealed: str = Field(default="", sa_type=sa.Text)
    secret_hint: str = Field(default="", max_length=40)  # vault.mask() of the key
    notify_token: str = Field(max_length=64)
    checked_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    checked_ok: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class ShopPayment(SQLModel, table=True):
    """A YooKassa payment of an order, in the tenant's own shop (the order's payment history)."""

    __tablename__ = "module_shop_payments"
    __table_args__ = (
        sa.UniqueConstraint(
            "provider_payment_id", name="uq_module_shop_payments_provider_payment_id"
        ),
        sa.Index("ix_module_shop_payments_tenant_id_order_id", "tenant_id", "order_id"),
        sa.Index("ix_module_shop_payments_order_id", "order_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    order_id: int = Field(foreign_key="module_shop_orders.id", ondelete="CASCADE")
    provider_payment_id: str = Field(max_length=64)
    amount_kopecks: int = Field(sa_type=sa.BigInteger)
    status: str = Field(default=PaymentStatus.pending, max_length=16)
    confirmation_url: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class ShopOrderSequence(SQLModel, table=True):
    """The next order number of a tenant, taken under a row lock (numbers never repeat)."""

    __tablename__ = "module_shop_order_sequences"

    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", primary_key=True)
    next_number: int = Field(default=1)


class ShopOrder(SQLModel, table=True):
    __tablename__ = "module_shop_orders"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "number", name="uq_module_shop_orders_tenant_id_number"),
        sa.Index("ix_module_shop_orders_tenant_id_id", "tenant_id", "id"),
        sa.Index("ix_module_shop_orders_tenant_id_status", "tenant_id", "status"),
        sa.Index("ix_module_shop_orders_tenant_id_phone", "tenant_id", "customer_phone"),
        sa.Index("ix_module_shop_orders_customer_id", "customer_id"),
        # The pass that releases unpaid reservations looks orders up by their deadline.
        sa.Index(
            "ix_module_shop_orders_reserved_until",
            "reserved_until",
            postgresql_where=sa.text("reserved_until IS NOT NULL"),
            sqlite_where=sa.text("reserved_until IS NOT NULL"),
        ),
        sa.UniqueConstraint("secret_hash", name="uq_module_shop_orders_secret_hash"),
        sa.Index("ix_module_shop_orders_promo_id", "promo_id"),
        sa.Index("ix_module_shop_orders_tenant_id_paid_at", "tenant_id", "paid_at"),  # analytics
        sa.CheckConstraint("total_kopecks >= 0", name="total"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    number: int
    status: str = Field(default=OrderStatus.new, max_length=24)
    payment_status: str = Field(default=PaymentStatus.none, max_length=16)
    customer_name: str = Field(max_length=200)
    customer_phone: str = Field(max_length=20)
    customer_email: str = Field(default="", max_length=200)
    delivery_address: str = Field(default="", max_length=500)
    cdek_point: str = Field(default="", max_length=40)
    comment: str = Field(default="", max_length=1000)
    items_kopecks: int = Field(default=0, sa_type=sa.BigInteger)
    discount_kopecks: int = Field(default=0, sa_type=sa.BigInteger)
    total_kopecks: int = Field(default=0, sa_type=sa.BigInteger)
    tracking_number: str = Field(default="", max_length=64)
    staff_note: str = Field(default="", sa_type=sa.Text)
    # HMAC of the secret status link's token; the token itself is shown once, in the link.
    secret_hash: str = Field(max_length=64)
    # Unpaid: the stock is held until then, then released by the background pass.
    reserved_until: datetime | None = Field(default=None, sa_type=TZDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    paid_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    shipped_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    # The customer account that placed it (a phone confirmed by code on the tenant's site).
    customer_id: int | None = Field(
        default=None, foreign_key="module_shop_customers.id", ondelete="SET NULL"
    )
    # The promo code applied (its text kept: the code may be edited or deleted later).
    promo_id: int | None = Field(
        default=None, foreign_key="module_shop_promo_codes.id", ondelete="SET NULL"
    )
    promo_code: str = Field(default="", max_length=40)
    refunded_kopecks: int = Field(default=0, sa_type=sa.BigInteger)  # refunds that succeeded


class ShopOrderItem(SQLModel, table=True):
    __tablename__ = "module_shop_order_items"
    __table_args__ = (
        sa.Index("ix_module_shop_order_items_tenant_id_order_id", "tenant_id", "order_id"),
        # Lines by order alone (an order's lines) and the ON DELETE SET NULL of a variant or
        # product, which would otherwise scan every line of every shop.
        sa.Index("ix_module_shop_order_items_order_id", "order_id"),
        sa.Index("ix_module_shop_order_items_variant_id", "variant_id"),
        sa.Index("ix_module_shop_order_items_product_id", "product_id"),
        sa.Index("ix_module_shop_order_items_wave_id", "wave_id"),
        sa.CheckConstraint("quantity > 0", name="quantity"),
        sa.CheckConstraint("price_kopecks >= 0", name="price"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    order_id: int = Field(foreign_key="module_shop_orders.id", ondelete="CASCADE")
    # The product may be deleted later; the line keeps what was bought.
    product_id: int | None = Field(
        default=None, foreign_key="module_shop_products.id", ondelete="SET NULL"
    )
    variant_id: int | None = Field(
        default=None, foreign_key="module_shop_variants.id", ondelete="SET NULL"
    )
    # A preorder line holds places in this wave (its quantity) instead of stock.
    wave_id: int | None = Field(
        default=None, foreign_key="module_shop_preorder_waves.id", ondelete="SET NULL"
    )
    name: str = Field(max_length=200)
    variant_label: str = Field(default="", max_length=80)
    sku: str = Field(max_length=96)
    price_kopecks: int = Field(sa_type=sa.BigInteger)
    quantity: int
    discount_kopecks: int = Field(default=0, sa_type=sa.BigInteger)  # the line's share of a promo
    refunded_quantity: int = Field(default=0)  # units whose money went back


class ShopOrderEvent(SQLModel, table=True):
    """The order's timeline: every status change, payment event and note, in order."""

    __tablename__ = "module_shop_order_events"
    __table_args__ = (
        sa.Index("ix_module_shop_order_events_tenant_id_order_id", "tenant_id", "order_id", "id"),
        sa.Index("ix_module_shop_order_events_order_id", "order_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    order_id: int = Field(foreign_key="module_shop_orders.id", ondelete="CASCADE")
    kind: str = Field(max_length=40)  # "created", "status", "payment", "note"
    details: dict = Field(default_factory=dict, sa_type=sa.JSON)
    actor_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class RefundStatus(StrEnum):
    pending = "pending"  # asked of YooKassa, not answered yet
    succeeded = "succeeded"
    canceled = "canceled"
    failed = "failed"  # YooKassa could not be asked or refused: nothing went back


class ShopRefund(SQLModel, table=True):
    """Money of an order's lines given back through YooKassa with the tenant's key. Applied to
    the order (refunded sums, units back on the shelf) once, when YooKassa says it succeeded."""

    __tablename__ = "module_shop_refunds"
    __table_args__ = (
        sa.UniqueConstraint("provider_refund_id", name="uq_module_shop_refunds_provider_refund_id"),
        sa.Index("ix_module_shop_refunds_tenant_id_order_id", "tenant_id", "order_id"),
        sa.Index("ix_module_shop_refunds_order_id", "order_id"),
        sa.Index("ix_module_shop_refunds_payment_id", "payment_id"),
        sa.CheckConstraint("amount_kopecks > 0", name="amount"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    order_id: int = Field(foreign_key="module_shop_orders.id", ondelete="CASCADE")
    payment_id: int = Field(foreign_key="module_shop_payments.id", ondelete="CASCADE")
    provider_refund_id: str | None = Field(default=None, max_length=64)
    amount_kopecks: int = Field(sa_type=sa.BigInteger)
    status: str = Field(default=RefundStatus.pending, max_length=16)
    restock: bool = Field(default=False)  # the units go back on the shelf (or free their places)
    lines: list = Field(default_factory=list, sa_type=sa.JSON)  # [{"item_id": .., "quantity": ..}]
    reason: str = Field(default="", max_length=300)
    error: str = Field(default="", max_length=300)
    created_by_user_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    applied_at: datetime | None = Field(default=None, sa_type=TZDateTime)
