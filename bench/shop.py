"""Shop benchmark: the storefront and checkout rules at 10 000 products and 100 000 orders, as
the pages will call them (one transaction each), against a floor in the same run.

    .venv/bin/python bench/shop.py [--products 10000] [--orders 100000] [--runs 200]

Creates a throwaway database on 127.0.0.1:5432 (or uses BENCH_DATABASE_URL), migrates, loads one
shop with products (two variants each, a category tree) and orders with lines through SQL
(generate_series), ANALYZEs, then times per run:
  - floor: a transaction that reads one row by primary key (the cheapest thing a handler does);
  - catalog: the first page, page 200, a category, a search, a sort by price;
  - product page; cart view of 5 lines;
  - checkout: place an order of 2 lines (rolled back, so stock stays), the release pass of a
    batch of one expired order (rolled back);
  - the analytics dashboard for a week and a month (orders paid over 90 days).
Figures are printed with p95 as a multiple of the floor's p95; nothing is asserted.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._browser import print_table  # noqa: E402
from bench._database import bench_database  # noqa: E402


def load(products: int, orders: int) -> int:
    from sqlalchemy import text

    from tests.support import factories
    from tochka_app import db
    from tochka_app.services.seed import seed_demo_data
    from tochka_app.settings import get_settings

    with db.session_scope() as session:
        seed_demo_data(session, get_settings())
        tenant = factories.tenant(session, slug="bench-shop", tariff="pro")
        tenant_id = tenant.id
    with db.session_scope() as session:
        session.exec(
            text(
                "INSERT INTO module_shop_categories (tenant_id, name, slug, position) "
                "SELECT :t, 'Категория ' || n, 'cat-' || n, n FROM generate_series(1, 20) n"
            ).bindparams(t=tenant_id)
        )
        session.exec(
            text(
                "INSERT INTO module_shop_products (tenant_id, category_id, name, sku, "
                "description_md, price_kopecks, status, order_type, care_instructions, "
                "size_table, search_text, created_at, updated_at) "
                "SELECT :t, (SELECT id FROM module_shop_categories WHERE tenant_id = :t "
                "AND position = 1 + n % 20), 'Товар ' || n, 'SKU-' || n, '', "
                "10000 + (n * 7919) % 990000, 'active', 'in_stock', '', '[]', "
                "lower('товар ' || n || ' sku-' || n), now(), now() "
                "FROM generate_series(1, :n) n"
            ).bindparams(t=tenant_id, n=products)
        )
        session.exec(
            text(
                "INSERT INTO module_shop_variants (tenant_id, product_id, size, colour, sku_suffix, "
                "stock, reserved, position) SELECT :t, p.id, s.size, '', '-' || s.size, 1000, 0, "
                "s.pos FROM module_shop_products p, (VALUES ('M', 0), ('L', 1)) s(size, pos) "
                "WHERE p.tenant_id = :t"
            ).bindparams(t=tenant_id)
        )
        session.exec(
            text(
                "INSERT INTO module_shop_orders (tenant_id, number, status, payment_status, "
                "customer_name, customer_phone, customer_email, delivery_address, cdek_point, "
                "comment, items_kopecks, discount_kopecks, total_kopecks, tracking_number, "
                "staff_note, secret_hash, created_at, updated_at, paid_at) "
                "SELECT :t, n, (ARRAY['paid','assembling','shipped','delivered','canceled'])"
                "[1 + n % 5], 'succeeded', 'Покупатель ' || n, '+7900' || lpad(n::text, 7, '0'), "
                "'', 'Москва', '', '', 200000, 0, 200000, '', '', md5(n::text), now(), now(), "
                "now() - make_interval(days => n % 90, mins => n % 1440) "  # paid over 90 days
                "FROM generate_series(1, :n) n"
            ).bindparams(t=tenant_id, n=orders)
        )
        session.exec(
            text(
                "INSERT INTO module_shop_order_items (tenant_id, order_id, product_id, variant_id, "
                "name, variant_label, sku, price_kopecks, quantity) "
                "SELECT o.tenant_id, o.id, NULL, NULL, 'Товар', 'M', 'SKU', 100000, 2 "
                "FROM module_shop_orders o WHERE o.tenant_id = :t"
            ).bindparams(t=tenant_id)
        )
        session.exec(
            text(
                "INSERT INTO module_shop_order_sequences (tenant_id, next_number) VALUES (:t, :n)"
            ).bindparams(t=tenant_id, n=orders + 1)
        )
    with db.session_scope() as session:
        session.exec(text("ANALYZE"))
    return tenant_id


def timed(runs: int, work) -> list[float]:
    from tochka_app import db

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with db.session_scope() as session:
            work(session)
            session.rollback()  # checkout figures leave the stock as it was
        times.append((time.perf_counter() - start) * 1000)
    return times


def shop_arguments(runs: int) -> argparse.Namespace:
    """The size of the shop every shop bench loads, and how many runs it times."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=runs)
    return parser.parse_args()


def main() -> None:
    args = shop_arguments(runs=200)
    with bench_database():
        from sqlmodel import select

        from tochka_app.models import Membership, Role, Tenant
        from tochka_app.modules.shop import analytics, cart, checkout, storefront
        from tochka_app.modules.shop.models import ShopProduct, ShopVariant
        from tochka_app.services.access import Actor

        print(f"loading {args.products} products and {args.orders} orders ...", flush=True)
        started = time.perf_counter()
        tenant_id = load(args.products, args.orders)
        print(f"loaded in {time.perf_counter() - started:.1f} s", flush=True)
        from tochka_app import db

        with db.session_scope() as session:
            variants = session.exec(
                select(ShopVariant.id).where(ShopVariant.tenant_id == tenant_id).limit(5)
            ).all()
            product_id = session.exec(
                select(ShopProduct.id).where(ShopProduct.tenant_id == tenant_id).limit(1)
            ).one()
            owner_id = session.exec(
                select(Membership.user_id).where(Membership.tenant_id == tenant_id)
            ).first()
        owner = Actor(user_id=owner_id, tenant_id=tenant_id, role=Role.owner)
        lines = [cart.SavedLine(v, 1, 10_000) for v in variants]
        buyer = checkout.Contact("Покупатель", "+79001112233", delivery_address="Москва")

        def place(session):
            checkout.place_order(
                session, tenant_id, [checkout.CartLine(v, 1) for v in variants[:2]], buyer, b"k"
            )

        def release_one(session):
            placed = checkout.place_order(
                session, tenant_id, [checkout.CartLine(variants[0], 1)], buyer, b"k"
            )
            checkout.release(session, placed.order_id, "bench")

        cases = {
            "floor (one row by key)": lambda s: s.get(Tenant, tenant_id),
            "catalog, first page": lambda s: storefront.catalog_page(s, tenant_id),
            "catalog, page 200": lambda s: storefront.catalog_page(s, tenant_id, page=200),
            "catalog, a category": lambda s: storefront.catalog_page(s, tenant_id, "cat-7"),
            "catalog, search": lambda s: storefront.catalog_page(s, tenant_id, query="товар 777"),
            "catalog, by price": lambda s: storefront.catalog_page(s, tenant_id, sort="price_up"),
            "product page": lambda s: storefront.product_page(s, tenant_id, product_id),
            "cart view, 5 lines": lambda s: cart.view(s, tenant_id, lines),
            "place an order, 2 lines": place,
            "order + release": release_one,
            "dashboard, a week": lambda s: analytics.dashboard(s, owner, "week"),
            "dashboard, a month": lambda s: analytics.dashboard(s, owner, "month"),
        }
        results = {label: timed(args.runs, work) for label, work in cases.items()}
        print_table(
            f"shop rules at {args.products} products / {args.orders} orders, "
            f"{args.runs} runs each, ms",
            results,
            floor_label="floor (one row by key)",
        )
        print(
            f"median of the catalog's first page: {statistics.median(results['catalog, first page']):.2f} ms"
        )


if __name__ == "__main__":
    main()
