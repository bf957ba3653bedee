"""Every address of the shop module: the back office in the workspace, the storefront on the
tenant's site, and the backend endpoints (api.py). Builders accept an int/str or a Var, like
tochka_app/routes.py."""

from typing import Any

from tochka_app import routes

# Back office (app_page)
PRODUCTS = "/app/m/shop"
PRODUCT = "/app/m/shop/products/[product]"  # "new" for a new product
CATEGORIES = "/app/m/shop/categories"
ORDERS = "/app/m/shop/orders"
ORDER = "/app/m/shop/orders/[order]"
SLIP = "/app/m/shop/slip/[order]"  # printable packing slip
KASSA = "/app/m/shop/kassa"  # the tenant's own YooKassa shop
PROMOS = "/app/m/shop/promos"
ANALYTICS = "/app/m/shop/analytics"

# Storefront (site_page), below /s/<slug>
STORE = "/s/[tenant]/shop"
STORE_PRODUCT = "/s/[tenant]/shop/p/[product]"
CART = "/s/[tenant]/shop/cart"
CHECKOUT = "/s/[tenant]/shop/checkout"
STORE_ORDER = "/s/[tenant]/shop/order/[order]"  # ?key=<secret>: the status link
ACCOUNT = "/s/[tenant]/shop/account"

# Backend endpoints
NOTIFY = "/api/shop/payments/{token}"  # the URL the tenant pastes into YooKassa
SESSION = "/api/shop/session"  # ?ticket=…: the customer's HttpOnly cookie
LOGOUT = "/api/shop/logout"  # POST
EXPORT = "/api/shop/export/{name}.csv"  # CSV of a back-office table
MEDIA_PREFIX = "/api/shop/"  # what the tenant hosts let through


def product(product_id: Any) -> Any:
    return routes.fill(PRODUCT, product_id)


def order(order_id: Any) -> Any:
    return routes.fill(ORDER, order_id)


def slip(order_id: Any) -> Any:
    return routes.fill(SLIP, order_id)


def store(slug: Any, path: str = "") -> Any:
    return routes.site(slug, "/shop" + path)


def store_product(slug: Any, product_id: Any) -> Any:
    return store(slug, "/p/") + (
        str(product_id)
        if isinstance(product_id, (int, str))
        else product_id.to_string(use_json=False)
    )


def store_order(slug: str, number: int, secret: str = "") -> str:
    return store(slug, f"/order/{number}") + (f"?key={secret}" if secret else "")
