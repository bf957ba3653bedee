"""Catalog rules: categories nest two levels, articles are unique per tenant, variants keep their
stock and reservations across edits, the tariff's product limit holds, staff cannot edit."""

import pytest
from sqlmodel import select

from tests.support import factories
from tests.support.errors import form_refusal, refusal
from tochka_app.modules.shop import catalog
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.models import ShopProduct, ShopVariant
from tochka_app.modules.shop.rules import ShopError
from tochka_app.services.errors import CommonError

TEE = ProductInput(
    name="Футболка «Зерно»",
    sku="TEE-01",
    price_kopecks=199_000,
    old_price_kopecks=249_000,
    size_table=(("Размер", "Грудь"), ("S", "96"), ("M", "100")),
    variants=(VariantInput("S", stock=3), VariantInput("M", stock=0)),
)


def test_product_with_variants_and_a_size_table(db, shop):
    _, actors = shop
    product_id = catalog.save_product(db, actors["admin"], None, TEE)
    product = db.get(ShopProduct, product_id)
    assert product.size_table == [["Размер", "Грудь"], ["S", "96"], ["M", "100"]]
    variants = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).all()
    assert sorted((v.size, v.stock) for v in variants) == [("M", 0), ("S", 3)]


def test_an_edit_keeps_a_variants_reservation_and_refuses_stock_below_it(db, shop):
    _, actors = shop
    product_id = catalog.save_product(db, actors["admin"], None, TEE)
    small = db.exec(select(ShopVariant).where(ShopVariant.size == "S")).one()
    small.reserved = 2
    db.add(small)
    db.flush()
    more = ProductInput(**{**TEE.__dict__, "variants": (VariantInput("S", stock=5),)})
    catalog.save_product(db, actors["admin"], product_id, more)
    db.refresh(small)
    assert (small.stock, small.reserved) == (5, 2)
    fewer = ProductInput(**{**TEE.__dict__, "variants": (VariantInput("S", stock=1),)})
    assert refusal(catalog.save_product, db, actors["admin"], product_id, fewer) == (
        ShopError.quantity_invalid
    )


def test_wrong_fields_are_named_and_nothing_is_written(db, shop):
    _, actors = shop
    bad = ProductInput(name=" ", sku="пробел в артикуле", price_kopecks=-1, old_price_kopecks=-5)
    assert form_refusal(catalog.save_product, db, actors["admin"], None, bad) == {
        "name": ShopError.name_required,
        "sku": ShopError.sku_invalid,
        "price": ShopError.price_invalid,
        "old_price": ShopError.old_price_invalid,
    }
    assert catalog.product_count(db, shop[0].id) == 0


def test_an_article_is_unique_in_a_tenant_not_across_tenants(db, shop):
    _, actors = shop
    catalog.save_product(db, actors["admin"], None, TEE)
    assert refusal(catalog.save_product, db, actors["admin"], None, TEE) == ShopError.sku_taken
    other = factories.tenant(db)
    catalog.save_product(db, factories.actor(db, other), None, TEE)  # its own TEE-01


def test_staff_cannot_edit_the_catalog(db, shop):
    _, actors = shop
    assert refusal(catalog.save_product, db, actors["staff"], None, TEE) == CommonError.forbidden


def test_categories_nest_two_levels_at_most(db, shop):
    _, actors = shop
    clothes = catalog.save_category(db, actors["admin"], None, "Одежда", "clothes")
    tees = catalog.save_category(db, actors["admin"], None, "Футболки", "tees", clothes)
    assert (
        refusal(catalog.save_category, db, actors["admin"], None, "Поло", "polo", tees)
        == ShopError.category_depth
    )
    assert (
        refusal(catalog.save_category, db, actors["admin"], None, "Снова", "clothes")
        == ShopError.slug_taken
    )


def test_another_tenants_category_or_product_is_not_found(db, shop):
    _, actors = shop
    other = factories.tenant(db)
    foreign = catalog.save_category(db, factories.actor(db, other), None, "Чужая", "foreign")
    data = ProductInput(**{**TEE.__dict__, "category_id": foreign})
    assert refusal(catalog.save_product, db, actors["admin"], None, data) == ShopError.not_found
    mine = catalog.save_product(db, factories.actor(db, other), None, TEE)
    assert refusal(catalog.save_product, db, actors["admin"], mine, TEE) == ShopError.not_found
    assert catalog.set_status(db, actors["admin"], [mine], "archived") == 0


@pytest.mark.parametrize("status", ["archived", "active"])
def test_bulk_status(db, shop, status):
    _, actors = shop
    ids = [
        catalog.save_product(db, actors["admin"], None, ProductInput("Товар", f"A-{n}", 100))
        for n in range(3)
    ]
    changed = catalog.set_status(db, actors["admin"], ids, status)
    assert changed == (3 if status == "archived" else 0)
