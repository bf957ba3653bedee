"""The waiting list of a preorder whose waves are all full: a signed-in customer leaves their
name for a size, once (joining again changes nothing). No order, nothing charged; the shop sees
who waits (and part 2's notifications tell them when a wave opens)."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from tochka_app.modules.shop.models import (
    OrderType,
    ProductStatus,
    ShopCustomer,
    ShopProduct,
    ShopVariant,
    ShopWaitlistEntry,
)
from tochka_app.modules.shop.rules import ShopError
from tochka_app.services import audit
from tochka_app.services.errors import ServiceError


def join(session: Session, tenant_id: int, variant_id: int, customer: ShopCustomer | None) -> bool:
    """Put the customer on the list for this size; False when they were on it already."""
    if customer is None or customer.tenant_id != tenant_id:
        raise ServiceError(ShopError.waitlist_login)
    variant = session.get(ShopVariant, variant_id)
    product = session.get(ShopProduct, variant.product_id) if variant else None
    if (
        variant is None
        or product is None
        or product.tenant_id != tenant_id
        or product.status != ProductStatus.active
        or product.order_type != OrderType.preorder
    ):
        raise ServiceError(ShopError.not_found)
    exists = session.exec(
        select(ShopWaitlistEntry.id).where(
            ShopWaitlistEntry.variant_id == variant.id,
            ShopWaitlistEntry.customer_id == customer.id,
        )
    ).first()
    if exists is not None:
        return False
    try:
        with session.begin_nested():  # a double click from two tabs: one row, no error
            session.add(
                ShopWaitlistEntry(
                    tenant_id=tenant_id,
                    product_id=product.id or 0,
                    variant_id=variant.id or 0,
                    customer_id=customer.id or 0,
                )
            )
    except IntegrityError:
        return False
    audit.record(
        session,
        "shop.waitlist_joined",
        actor=audit.By(),
        tenant_id=tenant_id,
        target_type="product",
        target_id=product.id,
        details={"variant_id": variant.id, "customer_id": customer.id},
    )
    session.flush()
    return True
