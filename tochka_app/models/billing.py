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
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
