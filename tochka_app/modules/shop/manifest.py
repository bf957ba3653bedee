from tochka_app.modules.sdk import Job, MenuEntry, ModuleManifest
from tochka_app.modules.shop import demo, reservations, routes, shop_settings, site
from tochka_app.modules.shop.rules import CODE, PERMISSIONS

MANIFEST = ModuleManifest(
    code=CODE,
    name={"ru": "Интернет-магазин", "en": "Online shop"},
    description={
        "ru": "Каталог с размерами и фото, корзина, оплата через вашу кассу ЮKassa с чеком "
        "по 54-ФЗ, заказы со статусами и трек-номерами.",
        "en": "A catalog with sizes and photos, a cart, payment into your own YooKassa shop "
        "with a 54-FZ receipt, orders with statuses and tracking numbers.",
    },
    category="sales",
    icon="shopping-cart",
    version="1.0.0",
    permissions={str(name): role for name, role in PERMISSIONS.items()},
    settings=shop_settings.FIELDS,
    menu=(
        MenuEntry({"ru": "Аналитика", "en": "Analytics"}, routes.ANALYTICS, "chart-line"),
        MenuEntry({"ru": "Товары", "en": "Products"}, routes.PRODUCTS, "package"),
        MenuEntry({"ru": "Заказы", "en": "Orders"}, routes.ORDERS, "receipt"),
        MenuEntry({"ru": "Категории", "en": "Categories"}, routes.CATEGORIES, "folder-tree"),
        MenuEntry({"ru": "Промокоды", "en": "Promo codes"}, routes.PROMOS, "ticket-percent"),
        MenuEntry({"ru": "Касса", "en": "Checkout"}, routes.KASSA, "credit-card"),
    ),
    purge=site.purge,
    site_links=site.site_links,
    site_page=site.site_page,
    pages_module="tochka_app.modules.shop.pages",
    api_module="tochka_app.modules.shop.api",
    seed_demo=demo.seed_demo,
    # Unpaid orders give their stock back when their reservation time is over.
    jobs=(Job("shop.release_expired", 60, reservations.release_expired),),
)
