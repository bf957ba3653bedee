"""Shop benchmark, as Reflex runs it: the storefront's event handlers at 10 000 products and
100 000 orders, each for one browser tab (the site found from the address, the shop checked, the
customer's cookie resolved, the query, the vars built), against a no-op event in the same run.

    .venv/bin/python bench/shop_events.py [--products 10000] [--orders 100000] [--runs 200]

Loads the shop as bench/shop.py does (throwaway database on 127.0.0.1:5432 or
BENCH_DATABASE_URL), switches the shop on, connects it to a local fake YooKassa (the real httpx
client, over 127.0.0.1) and signs a customer in, then times per run:
  - floor: an event that changes one var and touches no database (ShopLoginState.change_phone);
    and, for scale, an empty database transaction;
  - catalog page load: first page, page 200, a category, a search;
  - product page load; choosing a size and adding it to the cart;
  - checkout page load with 2 lines; "pay": the order placed, the payment created at YooKassa
    with the tenant's key and a receipt, the cart emptied (a new order each run).
Nothing is asserted; figures are printed with p95 as a multiple of the floor's p95.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._browser import print_table  # noqa: E402
from bench._database import bench_database  # noqa: E402
from bench.shop import load, shop_arguments  # noqa: E402
from tochka_app.devtools.fake_yookassa import FakeYooKassa  # noqa: E402

SLUG, KASSA = "bench-shop", ("700900", "test_BenchShopKey000001")
PHONE = "+79001230000"


def _customer_token(session, settings, tenant_id: int) -> str:
    import re

    from tochka_app.integrations import dev_inbox
    from tochka_app.modules.shop import customers

    customers.request_code(session, settings, PHONE, None)
    code = re.search(r"\d{6}", next(m for m in dev_inbox.messages() if m.phone == PHONE).text)
    assert code is not None
    ticket = customers.sign_in(session, tenant_id, PHONE, code.group(0), None, "/")
    redeemed = customers.redeem(session, ticket)
    assert redeemed is not None
    return redeemed.token


def run(args) -> dict[str, list[float]]:
    from sqlmodel import select

    import tochka_app.tochka_app  # noqa: F401  (registers the states)
    from tests.support import factories
    from tests.support.async_run import finish
    from tests.support.browser_state import in_browser
    from tochka_app import db
    from tochka_app.models import Membership, Role
    from tochka_app.modules.shop import customers, payment_account, routes
    from tochka_app.modules.shop.models import ShopProduct, ShopVariant
    from tochka_app.modules.shop.pages.checkout import ShopCheckoutState
    from tochka_app.modules.shop.pages.store_product import ShopProductState
    from tochka_app.modules.shop.pages.storefront import ShopCatalogState
    from tochka_app.services.access import Actor
    from tochka_app.settings import get_settings

    settings = get_settings()
    print(f"loading {args.products} products and {args.orders} orders ...", flush=True)
    tenant_id = load(args.products, args.orders)
    with db.session_scope() as session:
        owner_id = session.exec(select(Membership.user_id).where(Membership.tenant_id == tenant_id))
        owner = Actor(user_id=owner_id.first(), tenant_id=tenant_id, role=Role.owner)
        factories.enable_module(session, owner, "shop")
        payment_account.save(session, owner, settings, *KASSA)
        token = _customer_token(session, settings, tenant_id)
        product_id = session.exec(
            select(ShopProduct.id).where(ShopProduct.tenant_id == tenant_id).limit(1)
        ).one()
        variants = session.exec(
            select(ShopVariant.id).where(ShopVariant.product_id == product_id)
        ).all()
    cookie = {customers.cookie_name(tenant_id): token}

    def tab(cls, route, **params):
        from reflex import State

        root = State(_reflex_internal_init=True)
        state = root.get_substate(cls.get_full_name().split(".")[1:])
        in_browser(
            state,
            cookies=cookie,
            route=route,
            params={"tenant": SLUG, **params},
            origin=f"http://{SLUG}.tochka.test",
        )
        return state

    catalog = {
        "catalog load, first page": tab(ShopCatalogState, routes.STORE),
        "catalog load, page 200": tab(ShopCatalogState, routes.STORE, page="200"),
        "catalog load, a category": tab(ShopCatalogState, routes.STORE, cat="cat-7"),
        "catalog load, search": tab(ShopCatalogState, routes.STORE, q="товар 777"),
    }
    product = tab(ShopProductState, routes.STORE_PRODUCT, product=str(product_id))
    checkout = tab(ShopCheckoutState, routes.CHECKOUT)
    cart_json = json.dumps({SLUG: [[v, 1, 0] for v in variants]})
    form = {"name": "Покупатель", "email": "", "delivery_address": "Москва", "comment": ""}

    results: dict[str, list[float]] = {}

    def timed(label, fn):
        started = time.perf_counter()
        finish(fn())
        results.setdefault(label, []).append((time.perf_counter() - started) * 1000)

    def fill_cart():
        with db.session_scope() as session:
            customer = customers.resolve(session, tenant_id, token)
            assert customer is not None
            customers.save_cart(session, customer, [customers.SavedLine(v, 1, 0) for v in variants])
        checkout.cart_saved = cart_json

    def empty_transaction():
        with db.session_scope() as session:
            session.exec(select(1))

    for run_no in range(args.runs + 10):
        timed("floor: no-op event", checkout.change_phone)
        timed("an empty transaction", empty_transaction)
        for label, state in catalog.items():
            timed(label, state.load)
        timed("product page load", product.load)
        product.choose(str(variants[0]))
        timed("choose a size + add to cart", product.add_to_cart)
        fill_cart()
        timed("checkout page load, 2 lines", checkout.load)
        timed("pay: order + YooKassa payment", lambda: checkout.pay(form))
        if run_no < 10:
            results.clear()  # warm-up
    return results


def main() -> None:
    args = shop_arguments(runs=200)
    with FakeYooKassa(*KASSA) as kassa:
        os.environ["YOOKASSA_BASE_URL"] = f"{kassa.url}/v3"
        os.environ["AUTH_CODE_CHANNEL"] = "dev_inbox"
        with bench_database():
            results = run(args)
    print_table(
        f"shop events at {args.products} products / {args.orders} orders, "
        f"{args.runs} runs each, ms",
        results,
        floor_label="floor: no-op event",
    )


if __name__ == "__main__":
    main()
