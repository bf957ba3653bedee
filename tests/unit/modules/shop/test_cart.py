"""The cart before checkout says what changed: a new price, fewer left, sold out, a product gone
or archived, another shop's variant (dropped, never shown)."""

from sqlmodel import select

from tests.support import factories
from tochka_app.modules.shop import cart, catalog
from tochka_app.modules.shop.cart import SavedLine
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.models import ShopVariant


def _variants(db, actor, sku, price, stocks):
    product_id = catalog.save_product(
        db,
        actor,
        None,
        ProductInput(
            "Носки", sku, price, variants=tuple(VariantInput(s, stock=n) for s, n in stocks)
        ),
    )
    rows = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).all()
    return product_id, {v.size: v.id for v in rows}


def test_an_unchanged_cart_adds_up(db, shop):
    tenant, actors = shop
    _, ids = _variants(db, actors["admin"], "SOCK-1", 50_000, [("38", 5)])
    seen = cart.view(db, tenant.id, [SavedLine(ids["38"], 2, 50_000)])
    assert (seen.total_kopecks, seen.changed) == (100_000, False)


def test_price_stock_and_archive_changes_are_shown(db, shop):
    tenant, actors = shop
    product_id, ids = _variants(db, actors["admin"], "SOCK-2", 50_000, [("38", 1), ("40", 0)])
    _, kept = _variants(db, actors["admin"], "SOCK-3", 10_000, [("42", 9)])
    seen = cart.view(
        db,
        tenant.id,
        [
            SavedLine(ids["38"], 3, 45_000),
            SavedLine(ids["40"], 1, 50_000),
            SavedLine(kept["42"], 1, 10_000),
        ],
    )
    first, second, third = seen.lines
    assert (first.quantity, first.quantity_cut, first.price_changed) == (1, True, True)
    assert (second.quantity, second.sold_out) == (0, True)
    assert not (third.price_changed or third.quantity_cut or third.sold_out)
    assert seen.total_kopecks == 50_000 + 10_000 and seen.changed
    catalog.set_status(db, actors["admin"], [product_id], "archived")
    after = cart.view(db, tenant.id, [SavedLine(ids["38"], 1, 50_000)])
    assert (after.lines, after.dropped) == ([], 1)


def test_another_shops_variant_is_dropped(db, shop):
    tenant, _ = shop
    other = factories.tenant(db)
    _, theirs = _variants(db, factories.actor(db, other), "SOCK-9", 1, [("1", 1)])
    seen = cart.view(db, tenant.id, [SavedLine(theirs["1"], 1, 1)])
    assert (seen.lines, seen.dropped, seen.total_kopecks) == ([], 1, 0)
