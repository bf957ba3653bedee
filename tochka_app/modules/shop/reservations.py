"""The background pass that gives back the stock of orders not paid in time. Each order is
released in a transaction of its own, under its row lock (`checkout.release` re-checks), so
several workers running the pass at once release every order exactly once."""

from collections.abc import Callable
from datetime import datetime

from tochka_app.modules.shop import checkout


def release_expired(session_scope: Callable, now: datetime | None = None, batch: int = 200) -> int:
    with session_scope() as session:
        due = checkout.expired_orders(session, now, batch)
    released = 0
    for order_id in due:
        with session_scope() as session:
            released += checkout.release(session, order_id, checkout.TIMED_OUT, now)
    return released
