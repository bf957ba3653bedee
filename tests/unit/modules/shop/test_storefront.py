"""The storefront: only this shop's active products, by category (a parent shows its children's
products), search, sort, pages; a product page with its variants' stock; another shop's or an
archived product is not there."""

from tests.support import factories
from tochka_app.modules.shop import catalog, storefront
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.storefront import Sort


def _catalog(db, actor):
    clothes = catalog.save_category(db, actor, None, "Одежда", "clothes")
    tees = catalog.save_category(db, actor, None, "Футболки", "tees", clothes)
    mugs = catalog.save_category(db, actor, None, "Кружки", "mugs")
    ids = {}
    for n, (name, price, category, stock) in enumerate(
        [
            ("Футболка белая", 150_000, tees, 4),
            ("Футболка чёрная", 170_000, tees, 0),
            ("Худи", 390_000, clothes, 2),
            ("Кружка", 60_000, mugs, 10),
        ]
    ):
        ids[name] = catalog.save_product(
            db,
            actor,
            None,
            ProductInput(
                name,
                f"SKU-{n}",
                price,
                category_id=category,
                variants=(VariantInput("M", stock=stock),),
            ),
        )
    return ids


def test_categories_search_and_sort(db, shop):
    tenant, actors = shop
    ids = _catalog(db, actors["admin"])
    clothes = storefront.catalog_page(db, tenant.id, "clothes", sort=Sort.price_up)
    assert [c.name for c in clothes.cards] == ["Футболка белая", "Футболка чёрная", "Худи"]
    assert storefront.catalog_page(db, tenant.id, "tees").total == 2
    found = storefront.catalog_page(db, tenant.id, query="ФУТБОЛКА чёрная")
    assert [c.id for c in found.cards] == [ids["Футболка чёрная"]]
    cheapest_last = storefront.catalog_page(db, tenant.id, sort=Sort.price_down).cards
    assert cheapest_last[-1].name == "Кружка"
    assert storefront.catalog_page(db, tenant.id, "no-such").cards == []


def test_pages_and_availability(db, shop, monkeypatch):
    tenant, actors = shop
    _catalog(db, actors["admin"])
    monkeypatch.setattr(storefront, "PAGE_SIZE", 3)
    first = storefront.catalog_page(db, tenant.id, page=1)
    second = storefront.catalog_page(db, tenant.id, page=99)  # past the end: the last page
    assert (first.total, first.pages, len(first.cards)) == (4, 2, 3)
    assert (second.page, len(second.cards)) == (2, 1)
    left = {c.name: c.available for c in first.cards + second.cards}
    assert left["Футболка чёрная"] == 0 and left["Кружка"] == 10


def test_archived_and_other_shops_products_are_not_shown(db, shop):
    tenant, actors = shop
    ids = _catalog(db, actors["admin"])
    catalog.set_status(db, actors["admin"], [ids["Худи"]], "archived")
    assert "Худи" not in [c.name for c in storefront.catalog_page(db, tenant.id).cards]
    assert storefront.product_page(db, tenant.id, ids["Худи"]) is None
    other = factories.tenant(db)
    assert storefront.catalog_page(db, other.id).total == 0
    assert storefront.product_page(db, other.id, ids["Кружка"]) is None
    page = storefront.product_page(db, tenant.id, ids["Футболка белая"])
    assert page is not None and page.category == "Футболки"
    assert [(v.label, v.available) for v in page.variants] == [("M", 4)]
