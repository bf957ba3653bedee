"""Tables of the shop module (`module_shop_*`), every row owned by a tenant.

Money is in kopecks. An order keeps each line's name, variant, SKU and price as they were when it
was placed: later edits of a product change no order."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow


class ProductStatus(StrEnum):
    active = "active"
    archived = "archived"


class OrderType(StrEnum):
    in_stock = "in_stock"
    preorder = "preorder"  # part 2 adds the waves
    notify = "notify"  # "tell me when it is back" once sold out


class OrderStatus(StrEnum):
    new = "new"
    awaiting_payment = "awaiting_payment"
    paid = "paid"
    assembling = "assembling"
    shipped = "shipped"
    delivered = "delivered"
    canceled = "canceled"


class WaveStatus(StrEnum):
    """A preorder wave's way: places are taken while collecting; then it is made, sent, done."""

    collecting = "collecting"
    production = "production"
    shipping = "shipping"
    completed = "completed"


class PaymentStatus(StrEnum):
    none = "none"
    pending = "pending"
    succeeded = "succeeded"
    canceled = "canceled"


def _tenant_fk() -> int:
    return Field(foreign_key="tenants.id", ondelete="CASCADE")


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


class ShopCustomer(SQLModel, table=True):
    """A buyer of one shop: the same phone at two shops is two customers, and a customer is never
    a platform user (no workspace, no membership)."""

    __tablename__ = "module_shop_customers"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "phone", name="uq_module_shop_customers_tenant_id_phone"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    phone: str = Field(max_length=20)  # E.164, confirmed by a code
    name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=200)
    # The server-side cart of a signed-in customer: [{"variant_id": 1, "quantity": 2}, ...].
    cart: list = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=TZDateTime)


class ShopCustomerSession(SQLModel, table=True):
    """A customer's login on the tenant's site. The browser holds the token in an HttpOnly cookie
    of that site only; the table keeps keyed hashes of the token and of the one-time ticket that
    hands it over (the same scheme as platform sessions)."""

    __tablename__ = "module_shop_customer_sessions"
    __table_args__ = (
        sa.UniqueConstraint("token_hash", name="uq_module_shop_customer_sessions_token_hash"),
        sa.UniqueConstraint("ticket_hash", name="uq_module_shop_customer_sessions_ticket_hash"),
        sa.Index(
            "ix_module_shop_customer_sessions_tenant_id_customer_id", "tenant_id", "customer_id"
        ),
        sa.Index("ix_module_shop_customer_sessions_customer_id", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    customer_id: int = Field(foreign_key="module_shop_customers.id", ondelete="CASCADE")
    token_hash: str = Field(max_length=64)
    ticket_hash: str | None = Field(default=None, max_length=64)
    ticket_expires_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    next_path: str = Field(default="", max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    expires_at: datetime = Field(sa_type=TZDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=TZDateTime)


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


class ShopWaitlistEntry(SQLModel, table=True):
    """A customer waiting for a product: every preorder wave was full (or, later, a size sold
    out). Not an order and not charged; the shop sees who waits and for what."""

    __tablename__ = "module_shop_waitlist"
    __table_args__ = (
        sa.UniqueConstraint(
            "product_id",
            "variant_id",
            "customer_id",
            name="uq_module_shop_waitlist_product_id_variant_id_customer_id",
        ),
        sa.Index("ix_module_shop_waitlist_tenant_id_product_id", "tenant_id", "product_id"),
        sa.Index("ix_module_shop_waitlist_customer_id", "customer_id"),
        sa.Index("ix_module_shop_waitlist_variant_id", "variant_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = _tenant_fk()
    product_id: int = Field(foreign_key="module_shop_products.id", ondelete="CASCADE")
    variant_id: int = Field(foreign_key="module_shop_variants.id", ondelete="CASCADE")
    customer_id: int = Field(foreign_key="module_shop_customers.id", ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    notified_at: datetime | None = Field(default=None, sa_type=TZDateTime)


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


class ShopDailyStats(SQLModel, table=True):
    """How many times a day the storefront showed a product, took something into a cart, and
    placed an order — counts only, nothing about who (the analytics funnel)."""

    __tablename__ = "module_shop_daily_stats"

    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", primary_key=True)
    day: date = Field(primary_key=True)
    views: int = Field(default=0)
    carts: int = Field(default=0)
    checkouts: int = Field(default=0)
