"""The shop's dashboard: revenue, paid orders and the average order over a day, a week or a
month against the period before it; revenue by day; top products; the funnel (product views →
carts → checkouts → paid orders) from the daily counters; promo codes and preorder waves.

Days are the shop's own (its time zone). Revenue is what paid orders brought in, less refunds.
Everything is an aggregate query over indexed columns, for shops with 100 000 orders."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models import Tenant
from tochka_app.modules.shop import promos
from tochka_app.modules.shop.models import (
    OrderType,
    PaymentStatus,
    ShopDailyStats,
    ShopOrder,
    ShopOrderItem,
    ShopPreorderWave,
    ShopProduct,
)
from tochka_app.modules.shop.rules import ShopPermission
from tochka_app.services.access import Actor
from tochka_app.services.permissions import require

PERIODS = {"day": 1, "week": 7, "month": 30}
CHART_DAYS = 14  # a day's figures are shown against the two weeks before it


@dataclass(frozen=True)
class Figures:
    revenue_kopecks: int
    orders: int

    @property
    def average_kopecks(self) -> int:
        return self.revenue_kopecks // self.orders if self.orders else 0


@dataclass(frozen=True)
class DayPoint:
    day: date
    revenue_kopecks: int
    orders: int


@dataclass(frozen=True)
class TopProduct:
    name: str
    units: int
    revenue_kopecks: int


@dataclass(frozen=True)
class Funnel:
    views: int
    carts: int
    checkouts: int
    paid: int


@dataclass(frozen=True)
class WaveFill:
    product: str
    number: int
    taken: int
    capacity: int
    status: str


@dataclass(frozen=True)
class Dashboard:
    period: str
    now: Figures
    before: Figures
    days: list[DayPoint]
    top: list[TopProduct]
    funnel: Funnel
    promos: list[promos.PromoRow]
    waves: list[WaveFill]


def _bounds(zone: ZoneInfo, first: date, days: int) -> tuple[datetime, datetime]:
    start = datetime.combine(first, time.min, tzinfo=zone)
    return start, start + timedelta(days=days)


def _paid(tenant_id: int, start: datetime, end: datetime):
    return (
        ShopOrder.tenant_id == tenant_id,
        ShopOrder.payment_status == PaymentStatus.succeeded,
        col(ShopOrder.paid_at) >= start,
        col(ShopOrder.paid_at) < end,
    )


def _figures(session: Session, tenant_id: int, start: datetime, end: datetime) -> Figures:
    revenue, orders = session.exec(
        select(
            func.coalesce(func.sum(ShopOrder.total_kopecks - ShopOrder.refunded_kopecks), 0),
            func.count(),
        ).where(*_paid(tenant_id, start, end))
    ).one()
    return Figures(int(revenue), int(orders))


def _local_day(session: Session, zone: str):
    """The paid day in the shop's zone (PostgreSQL; SQLite, used in development, has no zones:
    its day is UTC's)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone(zone, ShopOrder.paid_at))
    return func.date(ShopOrder.paid_at)


def _days(session: Session, tenant_id: int, zone: str, first: date, count: int) -> list[DayPoint]:
    start, end = _bounds(ZoneInfo(zone), first, count)
    day = _local_day(session, zone)
    rows = session.exec(
        select(
            day,
            func.sum(ShopOrder.total_kopecks - ShopOrder.refunded_kopecks),
            func.count(),
        )
        .where(*_paid(tenant_id, start, end))
        .group_by(day)
    ).all()
    found = {str(d): (int(r or 0), int(n)) for d, r, n in rows}
    points = []
    for offset in range(count):
        current = first + timedelta(days=offset)
        revenue, orders = found.get(current.isoformat(), (0, 0))
        points.append(DayPoint(current, revenue, orders))
    return points


def _top(session: Session, tenant_id: int, start: datetime, end: datetime) -> list[TopProduct]:
    revenue = func.sum(
        ShopOrderItem.price_kopecks * ShopOrderItem.quantity - ShopOrderItem.discount_kopecks
    )
    rows = session.exec(
        select(
            ShopOrderItem.name,
            func.sum(ShopOrderItem.quantity - ShopOrderItem.refunded_quantity),
            revenue,
        )
        .join(ShopOrder, col(ShopOrder.id) == ShopOrderItem.order_id)
        .where(*_paid(tenant_id, start, end))
        .group_by(ShopOrderItem.name)
        .order_by(revenue.desc())
        .limit(10)
    ).all()
    return [TopProduct(name, int(units or 0), int(money or 0)) for name, units, money in rows]


def _funnel(session: Session, tenant_id: int, first: date, days: int, paid: int) -> Funnel:
    views, carts, checkouts = session.exec(
        select(
            func.coalesce(func.sum(ShopDailyStats.views), 0),
            func.coalesce(func.sum(ShopDailyStats.carts), 0),
            func.coalesce(func.sum(ShopDailyStats.checkouts), 0),
        ).where(
            ShopDailyStats.tenant_id == tenant_id,
            col(ShopDailyStats.day) >= first,
            col(ShopDailyStats.day) < first + timedelta(days=days),
        )
    ).one()
    return Funnel(int(views), int(carts), int(checkouts), paid)


def _waves(session: Session, tenant_id: int) -> list[WaveFill]:
    rows = session.exec(
        select(ShopProduct.name, ShopPreorderWave)
        .join(ShopProduct, col(ShopProduct.id) == ShopPreorderWave.product_id)
        .where(
            ShopPreorderWave.tenant_id == tenant_id,
            ShopProduct.order_type == OrderType.preorder,
        )
        .order_by(col(ShopProduct.name), col(ShopPreorderWave.number))
        .limit(60)
    ).all()
    return [WaveFill(name, w.number, w.taken, w.capacity, w.status) for name, w in rows]


def dashboard(
    session: Session, actor: Actor, period: str, now: datetime | None = None
) -> Dashboard:
    require(actor, ShopPermission.view)
    period = period if period in PERIODS else "week"
    days = PERIODS[period]
    tenant = session.get(Tenant, actor.tenant_id)
    zone_name = tenant.timezone if tenant else "Europe/Moscow"
    zone = ZoneInfo(zone_name)
    today = (now or datetime.now(zone)).astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    start, end = _bounds(zone, first, days)
    before_start, before_end = _bounds(zone, first - timedelta(days=days), days)
    current = _figures(session, actor.tenant_id, start, end)
    chart = max(days, CHART_DAYS)
    return Dashboard(
        period=period,
        now=current,
        before=_figures(session, actor.tenant_id, before_start, before_end),
        days=_days(session, actor.tenant_id, zone_name, today - timedelta(days=chart - 1), chart),
        top=_top(session, actor.tenant_id, start, end),
        funnel=_funnel(session, actor.tenant_id, first, days, current.orders),
        promos=promos.table(session, actor)[:20],
        waves=_waves(session, actor.tenant_id),
    )


def change(now: int, before: int) -> int | None:
    """Percent change against the period before; None when there was nothing before."""
    return None if before == 0 else round((now - before) * 100 / before)
