"""The shop dashboard: revenue (less refunds), paid orders and the average order for a week
against the week before, revenue by the shop's days, top products and the funnel of counted
storefront steps."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from tochka_app.modules.shop import analytics, catalog, checkout, stats
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import ShopOrder, ShopVariant

BUYER = Contact("Ира", "+79001110022", delivery_address="Ярославль")
MSK = ZoneInfo("Europe/Moscow")


def _paid(db, tenant_id, variant_id, quantity, when: datetime, refunded: int = 0) -> int:
    placed = checkout.place_order(db, tenant_id, [CartLine(variant_id, quantity)], BUYER, b"k")
    checkout.mark_paid(db, placed.order_id, now=when)
    order = db.get(ShopOrder, placed.order_id)
    order.refunded_kopecks = refunded
    db.add(order)
    db.flush()
    return placed.order_id


def test_a_week_against_the_week_before(db, shop):
    tenant, actors = shop
    product_id = catalog.save_product(
        db,
        actors["admin"],
        None,
        ProductInput("Чай", "TEA-1", 50_000, variants=(VariantInput(stock=99),)),
    )
    variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).one()
    now = datetime(2026, 12, 10, 15, 0, tzinfo=MSK)
    _paid(db, tenant.id, variant.id, 2, now - timedelta(days=1))  # 1 000 ₽ this week
    _paid(db, tenant.id, variant.id, 4, now - timedelta(days=2), refunded=50_000)  # 1 500 ₽
    _paid(db, tenant.id, variant.id, 1, now - timedelta(days=9))  # 500 ₽ the week before
    checkout.place_order(db, tenant.id, [CartLine(variant.id, 1)], BUYER, b"k")  # not paid
    for metric, n in (("views", 10), ("carts", 4), ("checkouts", 3)):
        for _ in range(n):
            stats.count(db, tenant.id, "Europe/Moscow", metric)
    board = analytics.dashboard(db, actors["staff"], "week", now=now)
    assert (board.now.revenue_kopecks, board.now.orders) == (250_000, 2)
    assert board.now.average_kopecks == 125_000
    assert (board.before.revenue_kopecks, board.before.orders) == (50_000, 1)
    assert analytics.change(board.now.revenue_kopecks, board.before.revenue_kopecks) == 400
    assert len(board.days) == analytics.CHART_DAYS and board.days[-1].day == now.date()
    by_day = {p.day: p.revenue_kopecks for p in board.days}
    assert by_day[(now - timedelta(days=2)).date()] == 150_000
    assert [(t.name, t.units) for t in board.top] == [("Чай", 6)]
    # Counted today (the real date): the funnel reads the counters of its own week.
    today = analytics.dashboard(db, actors["staff"], "day")
    assert (today.funnel.views, today.funnel.carts, today.funnel.checkouts) == (10, 4, 3)
    assert analytics.dashboard(db, actors["staff"], "nonsense").period == "week"
