"""The background pass that gives back the stock of orders not paid in time. Each order is
released in a transaction of its own, under its row lock (`checkout.release` re-checks), so
several workers running the pass at once release every order exactly once."""

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session, col, select

from tochka_app.models._types import utcnow
from tochka_app.modules.shop import checkout
from tochka_app.modules.shop.models import ShopOrder


def release_expired(session_scope: Callable, now: datetime | None = None, batch: int = 200) -> int:
    with session_scope() as session:
        due = expired_orders(session, now, batch)
    released = 0
    for order_id in due:
        with session_scope() as session:
            released += checkout.release(session, order_id, checkout.TIMED_OUT, now)
    return released


def expired_orders(session: Session, now: datetime | None = None, limit: int = 200) -> list[int]:
    """Unpaid orders past their reservation, for the background pass (which releases each in a
    transaction of its own; `release` re-checks under the lock, so two passes cannot both)."""
    now = now or utcnow()
    due = session.exec(
        select(ShopOrder.id)
        .where(col(ShopOrder.reserved_until).is_not(None), col(ShopOrder.reserved_until) < now)
        .order_by(col(ShopOrder.reserved_until))
        .limit(limit)
    )
    return [order_id for order_id in due if order_id is not None]
