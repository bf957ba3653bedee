"""What the shop adds to the tenant's public site: the menu link, the status and link preview of
each storefront address (the manifest's `site_links` / `site_page`), and the purge after the
grace period."""

import shutil
from pathlib import Path

from sqlmodel import Session, col, delete

from tochka_app.modules.sdk import SitePage
from tochka_app.modules.shop import models as m
from tochka_app.modules.shop import shop_settings, storefront
from tochka_app.settings import get_settings

TITLES = {
    "ru": {
        "shop": "Магазин",
        "cart": "Корзина",
        "checkout": "Оформление заказа",
        "account": "Мои заказы",
        "order": "Заказ",
    },
    "en": {
        "shop": "Shop",
        "cart": "Cart",
        "checkout": "Checkout",
        "account": "My orders",
        "order": "Order",
    },
}


def _title(locale: str, key: str) -> str:
    return TITLES.get(locale, TITLES["ru"])[key]


def site_links(session: Session, tenant_id: int, locale: str) -> list[tuple[str, str]]:
    title = shop_settings.of(session, tenant_id).shop_title or _title(locale, "shop")
    return [(title, "/shop")]


def product_ld(product: storefront.ProductPage) -> dict:
    """schema.org Product with its Offer: price and whether it can be bought now."""
    available = sum(v.available for v in product.variants) > 0
    availability = (
        "PreOrder" if product.order_type == "preorder" else "InStock" if available else "OutOfStock"
    )
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "sku": product.sku,
        "description": product.description_md[:500],
        **({"category": product.category} if product.category else {}),
        "offers": {
            "@type": "Offer",
            "price": f"{product.price_kopecks / 100:.2f}",
            "priceCurrency": "RUB",
            "availability": f"https://schema.org/{availability}",
        },
    }


def _product_page(session: Session, tenant_id: int, product_id: int) -> SitePage | None:
    product = storefront.product_page(session, tenant_id, product_id)
    if product is None:
        return None
    main = product.photos[0] if product.photos else None
    return SitePage(
        product.name,
        product.description_md,
        image=main[0] if main else "",
        image_size=(main[2], main[3]) if main else (0, 0),
        json_ld=(product_ld(product),),
        kind="product",
    )


def site_page(session: Session, tenant_id: int, path: str) -> SitePage | None:
    """A storefront address (its title, preview and Product data), or None: the server answers
    404."""
    rest = path.removeprefix("/shop").strip("/")
    if not path.startswith("/shop") or (rest and not path.startswith("/shop/")):
        return None
    head, _, tail = rest.partition("/")
    if not rest:
        title = shop_settings.of(session, tenant_id).shop_title or _title("ru", "shop")
    elif head == "p" and tail.isdigit():
        return _product_page(session, tenant_id, int(tail))
    elif head in ("cart", "checkout", "account") and not tail:
        title = _title("ru", head)
    elif head == "order" and tail.isdigit():
        title = _title("ru", "order")  # whose order it is, the page decides by its key
    else:
        return None
    return SitePage(title, "")


def purge(session: Session, tenant_id: int) -> None:
    """Every row of the tenant's shop, children first, then its photo files."""
    for table in (
        m.ShopOrderEvent,
        m.ShopOrderItem,
        m.ShopPayment,
        m.ShopOrder,
        m.ShopCustomerSession,
        m.ShopCustomer,
        m.ShopProductMedia,
        m.ShopVariant,
        m.ShopProduct,
        m.ShopPaymentAccount,
        m.ShopOrderSequence,
    ):
        session.exec(delete(table).where(col(table.tenant_id) == tenant_id))
    session.exec(
        delete(m.ShopCategory).where(
            col(m.ShopCategory.parent_id).is_not(None), col(m.ShopCategory.tenant_id) == tenant_id
        )
    )
    session.exec(delete(m.ShopCategory).where(col(m.ShopCategory.tenant_id) == tenant_id))
    folder = Path(get_settings().media_dir) / "tenants" / str(tenant_id) / "shop"
    shutil.rmtree(folder, ignore_errors=True)
