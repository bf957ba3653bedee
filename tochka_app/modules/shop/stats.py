"""Storefront counters for the funnel: one row per shop and day (in the shop's time zone),
incremented in place (an upsert, safe when many visitors count at once). Counts only — no
visitor, no cookie, no address."""

from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from tochka_app.modules.shop.models import ShopDailyStats

Metric = Literal["views", "carts", "checkouts"]


def count(session: Session, tenant_id: int, zone: str, metric: Metric) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = ShopDailyStats.__table__  # type: ignore[attr-defined]
    day = datetime.now(ZoneInfo(zone)).date()
    values = {"tenant_id": tenant_id, "day": day, "views": 0, "carts": 0, "checkouts": 0}
    stmt = dialect.insert(table).values(**(values | {metric: 1}))
    stmt = stmt.on_conflict_do_update(
        index_elements=["tenant_id", "day"], set_={metric: table.c[metric] + 1}
    )
    session.execute(stmt)
