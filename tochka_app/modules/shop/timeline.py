"""An order's timeline: every change of an order (created, payment, status, wave, note) as one
row, written in the same transaction as the change."""

from sqlmodel import Session

from tochka_app.modules.shop.models import ShopOrder, ShopOrderEvent


def add_event(
    session: Session,
    order: ShopOrder,
    kind: str,
    details: dict | None = None,
    actor_user_id: int | None = None,
) -> None:
    """One entry of the order's timeline: "created", "status", "payment", "wave" or "note"."""
    session.add(
        ShopOrderEvent(
            tenant_id=order.tenant_id,
            order_id=order.id or 0,
            kind=kind,
            details=details or {},
            actor_user_id=actor_user_id,
        )
    )
