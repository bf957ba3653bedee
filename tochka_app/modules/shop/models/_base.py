"""What the shop's tables share: their status values and the tenant key every row has."""

from enum import StrEnum

from sqlmodel import Field


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
