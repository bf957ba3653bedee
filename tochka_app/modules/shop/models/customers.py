"""The shop's customers (one tenant's), their site sessions, and the waiting list."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow
from tochka_app.modules.shop.models._base import (
    _tenant_fk,
)


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
