"""The shop's pages: the back office in the workspace and the storefront on the tenant's site.
One module per page, its state beside it (the manifest imports this package)."""

from tochka_app.modules.shop.pages import (  # noqa: F401  registers the pages
    account,
    analytics,
    cart,
    categories,
    checkout,
    kassa,
    order,
    orders,
    product_form,
    products,
    promos,
    slip,
    store_order,
    store_product,
    storefront,
)
