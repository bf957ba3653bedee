from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import JSONType, TZDateTime, utcnow


class SubscriptionStatus(StrEnum):
    trial = "trial"
    active = "active"
    past_due = "past_due"
    cancelled = "cancelled"
    expired = "expired"


LIVE_SUBSCRIPTION_STATUSES = (
    SubscriptionStatus.trial,
    SubscriptionStatus.active,
    SubscriptionStatus.past_due,
)


class Tariff(SQLModel, table=True):
    __tablename__ = "tariffs"
    __table_args__ = (
        sa.CheckConstraint("price_month_kopecks >= 0", name="price"),
        sa.CheckConstraint("trial_days >= 0", name="trial_days"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True, index=True)
    name: dict = Field(default_factory=dict, sa_type=JSONType)  # {"ru": ..., "en": ...}
    description: dict = Field(default_factory=dict, sa_type=JSONType)
    price_month_kopecks: int = Field(default=0)
    # Limits; NULL means unlimited.
    max_modules: int | None = None
    max_staff: int | None = None
    max_products: int | None = None
    max_storage_mb: int | None = None
    trial_days: int = Field(default=14)
    is_public: bool = Field(default=True, index=True)
    is_archived: bool = Field(default=False, index=True)
    sort_order: int = Field(default=0, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class Subscription(SQLModel, table=True):
    __tablename__ = "subscriptions"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('trial', 'active', 'past_due', 'cancelled', 'expired')",
            name="status",
        ),
        # At most one live subscription per tenant; ended ones stay as history.
        sa.Index(
            "uq_subscriptions_live_tenant",
            "tenant_id",
            unique=True,
            postgresql_where=sa.text("status IN ('trial', 'active', 'past_due')"),
            sqlite_where=sa.text("status IN ('trial', 'active', 'past_due')"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    tariff_id: int = Field(foreign_key="tariffs.id", index=True)
    status: str = Field(default=SubscriptionStatus.trial, max_length=16, index=True)
    period_start: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    period_end: datetime = Field(sa_type=TZDateTime, index=True)
    cancel_at_period_end: bool = Field(default=False)
    # A downgrade waits for the end of the paid period.
    pending_tariff_id: int | None = Field(default=None, foreign_key="tariffs.id")
    past_due_since: datetime | None = Field(default=None, sa_type=TZDateTime)
    payment_method_id: int | None = Field(
        default=None, foreign_key="payment_methods.id", ondelete="SET NULL"
    )
    # The paid period now running (its payment says what it cost); NULL when nobody paid for
    # the current period (a trial, a period granted by a super admin). Grants point back here,
    # so the constraint is added after both tables exist (use_alter).
    period_grant_id: int | None = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer,
            sa.ForeignKey("period_grants.id", ondelete="SET NULL", use_alter=True),
            nullable=True,
        ),
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class PaymentMethod(SQLModel, table=True):
    """A card (or wallet) the provider saved for renewals; we keep only its id and a title."""

    __tablename__ = "payment_methods"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    provider_method_id: str = Field(max_length=64, unique=True)
    title: str = Field(default="", max_length=100)  # "Bank card *4444"
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class PaymentStatus(StrEnum):
    pending = "pending"  # created here, not yet confirmed by the provider
    waiting = "waiting_for_capture"
    succeeded = "succeeded"
    canceled = "canceled"


class Payment(SQLModel, table=True):
    """One charge attempt. Its status changes only after the provider confirms it."""

    __tablename__ = "payments"
    __table_args__ = (
        sa.CheckConstraint("amount_kopecks > 0", name="amount"),
        sa.CheckConstraint(
            "refunded_kopecks >= 0 AND refunded_kopecks <= amount_kopecks", name="refunded"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'waiting_for_capture', 'succeeded', 'canceled')", name="status"
        ),
        sa.CheckConstraint("purpose IN ('subscribe', 'upgrade', 'renewal')", name="purpose"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    subscription_id: int = Field(foreign_key="subscriptions.id", ondelete="CASCADE", index=True)
    tariff_id: int = Field(foreign_key="tariffs.id")
    purpose: str = Field(max_length=16)
    amount_kopecks: int = Field(sa_type=sa.BigInteger)
    credit_kopecks: int = Field(default=0, sa_type=sa.BigInteger)  # proration credit applied
    currency: str = Field(default="RUB", max_length=3)
    description: str = Field(max_length=128)
    idempotence_key: str = Field(max_length=64, unique=True)
    provider_payment_id: str | None = Field(default=None, max_length=64, unique=True)
    confirmation_url: str | None = Field(default=None, max_length=500)
    status: str = Field(default=PaymentStatus.pending, max_length=24, index=True)
    cancel_reason: str | None = Field(default=None, max_length=64)
    refunded_kopecks: int = Field(default=0, sa_type=sa.BigInteger)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime, index=True)
    paid_at: datetime | None = Field(default=None, sa_type=TZDateTime)


class LedgerEntry(SQLModel, table=True):
    """Money as it moved, one row per fact. `reference` is unique: the same fact cannot be booked
    twice, whatever arrives how many times (payment:<id>, refund:<provider refund id>...)."""

    __tablename__ = "ledger_entries"
    __table_args__ = (sa.CheckConstraint("kind IN ('payment', 'refund')", name="kind"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    payment_id: int = Field(foreign_key="payments.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=16)
    amount_kopecks: int = Field(sa_type=sa.BigInteger)  # + received, - refunded
    reference: str = Field(max_length=100, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class PeriodGrant(SQLModel, table=True):
    """A paid period given to a subscription. One per payment (unique), so no payment can extend
    a subscription twice."""

    __tablename__ = "period_grants"

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscriptions.id", ondelete="CASCADE", index=True)
    payment_id: int = Field(foreign_key="payments.id", ondelete="CASCADE", unique=True)
    tariff_id: int = Field(foreign_key="tariffs.id")
    starts_at: datetime = Field(sa_type=TZDateTime)
    ends_at: datetime = Field(sa_type=TZDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class BillingEvent(SQLModel, table=True):
    """Every provider notification received, with what was done about it and why."""

    __tablename__ = "billing_events"

    id: int | None = Field(default=None, primary_key=True)
    event: str = Field(max_length=40)
    object_id: str = Field(max_length=64, index=True)
    outcome: str = Field(max_length=24)  # applied | duplicate | ignored | rejected
    reason: str = Field(default="", max_length=200)
    received_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime, index=True)
