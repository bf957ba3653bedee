"""Shop benchmark in Chromium: what a buyer waits for, from a click to the content on screen, on
the production build with 10 000 products and 100 000 orders.

    .venv/bin/python bench/shop_browser.py [--products 10000] [--orders 100000] [--runs 20]

Starts `reflex run --env prod` on a throwaway database (bench/_browser.py), loads the shop as
bench/shop.py does and switches it on, then in headless Chromium times per run:
  - floor: a click on a photo thumbnail (one trivial event round trip over the websocket);
  - catalog → a product: click on a card until the product's name and sizes are shown;
  - choosing a size and "add to cart" until the cart badge counts it;
  - the product → the cart: click until the cart's lines and total are shown;
  - the catalog's "next page" link until the next page's cards are shown;
  - opening the catalog by its address (a full load) until the cards are shown.
Nothing is asserted; p95 is printed as a multiple of the floor's p95.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench._browser import launch, print_table, running_app  # noqa: E402
from bench.shop import load, shop_arguments  # noqa: E402

SLUG = "bench-shop"


def prepare(products: int, orders: int) -> int:
    """The shop, its products with two photos each for the first page, switched on."""
    import io

    from PIL import Image
    from sqlmodel import select

    from tests.support import factories
    from tochka_app import db
    from tochka_app.models import Membership, Role
    from tochka_app.modules.shop import photos
    from tochka_app.modules.shop.models import ShopProduct
    from tochka_app.services.access import Actor
    from tochka_app.settings import get_settings

    tenant_id = load(products, orders)
    with db.session_scope() as session:
        owner_id = session.exec(
            select(Membership.user_id).where(Membership.tenant_id == tenant_id)
        ).first()
        owner = Actor(user_id=owner_id, tenant_id=tenant_id, role=Role.owner)
        factories.enable_module(session, owner, "shop")
        newest = session.exec(
            select(ShopProduct.id)
            .where(ShopProduct.tenant_id == tenant_id)
            .order_by(ShopProduct.id.desc())  # type: ignore[union-attr]
            .limit(2)
        ).all()
        for product_id in newest:
            for colour in ((200, 60, 60), (60, 160, 90)):
                picture = io.BytesIO()
                Image.new("RGB", (1200, 1200), colour).save(picture, "JPEG")
                photos.add_photo(
                    session, owner, product_id, picture.getvalue(), Path(get_settings().media_dir)
                )
    return tenant_id


FULL_LOAD = "open the catalog by its address (full load)"
PRODUCT = "catalog → product: its name on screen"
ADD = "size + add to cart: badge counts it"
CART = "product → cart: lines and total"
FLOOR = "floor: photo thumbnail (trivial event)"
NEXT = "catalog next page: new cards"
SHOWS_NAME = "name => document.querySelector('#product-name')?.innerText === name"
BADGE_CHANGED = "b => (document.querySelector('#cart-count')?.textContent || '0') !== b"
PHOTO_CHANGED = "src => document.querySelector('#product-photo')?.getAttribute('src') !== src"
CARDS_CHANGED = "first => { const c = document.querySelector('.product-card'); return c && c.innerText !== first; }"


def open_catalog(page, url: str, record=None) -> None:
    """A full load of the catalog; then wait until the app is live (clicks work)."""
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".product-card", state="visible")
    if record is not None:
        record((time.perf_counter() - started) * 1000)
    page.wait_for_selector("#app-live", state="attached")


def until(page, action, condition: str, arg) -> float:
    """ms from `action` to the first frame where `condition(arg)` holds."""
    started = time.perf_counter()
    action()
    page.wait_for_function(condition, arg=arg, polling="raf")
    return (time.perf_counter() - started) * 1000


def clicked(page, action, ready: str) -> float:
    started = time.perf_counter()
    action()
    page.wait_for_selector(ready, state="visible")
    return (time.perf_counter() - started) * 1000


def main() -> None:
    args = shop_arguments(runs=20)
    results: dict[str, list[float]] = {}

    def add(label: str, ms: float, run: int) -> None:
        if run >= 2:  # warm-up runs left out
            results.setdefault(label, []).append(ms)

    with running_app("bench-shop-browser.log") as (app_url, _db), sync_playwright() as pw:
        print(f"loading {args.products} products and {args.orders} orders ...", flush=True)
        prepare(args.products, args.orders)
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        store = f"{app_url}/s/{SLUG}/shop"
        for run in range(args.runs + 2):
            open_catalog(page, store, lambda ms, r=run: add(FULL_LOAD, ms, r))
            # A different product each run: the page must show the one clicked, not the last.
            card = page.locator(".product-card").nth(1 + run % 20)
            name = card.locator("p").first.inner_text()
            add(PRODUCT, until(page, card.click, SHOWS_NAME, name), run)
            page.locator(".size-option").first.click()
            count = page.locator("#cart-count")
            before = count.inner_text() if count.count() else "0"
            add(ADD, until(page, lambda: page.click("#add-to-cart"), BADGE_CHANGED, before), run)
            add(CART, clicked(page, lambda: page.click("#store-cart"), "#cart-total"), run)
            # The newest product has two photos: the floor is switching between them.
            open_catalog(page, store)
            newest = page.locator(".product-card").first
            until(page, newest.click, SHOWS_NAME, newest.locator("p").first.inner_text())
            shown = page.locator("#product-photo").get_attribute("src")
            thumb = page.locator(".product-thumb").nth(1)
            add(FLOOR, until(page, thumb.click, PHOTO_CHANGED, shown), run)
            open_catalog(page, store)
            first = page.locator(".product-card").first.inner_text()
            add(NEXT, until(page, lambda: page.click("#store-next"), CARDS_CHANGED, first), run)
        browser.close()
    print_table(
        f"shop in Chromium at {args.products} products / {args.orders} orders, "
        f"click to content, {args.runs} runs, ms",
        results,
        floor_label="floor: photo thumbnail (trivial event)",
    )


if __name__ == "__main__":
    main()
