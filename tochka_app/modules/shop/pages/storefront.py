"""`/s/<slug>/shop`: the catalog — categories, search, sort, pages (`?cat=&q=&sort=&page=`, so
every view is a link a crawler can follow and the server renders it with its products)."""

from dataclasses import dataclass
from urllib.parse import urlencode

import reflex as rx

from tochka_app import db
from tochka_app.components.site import site_page
from tochka_app.i18n import format_money, gettext_, ngettext_
from tochka_app.modules.shop import catalog, routes, storefront, waves
from tochka_app.modules.shop.pages.store_state import StoreState
from tochka_app.modules.shop.storefront import LOW_STOCK, Sort
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclass
class CardRow:
    id: str
    name: str
    price: str
    old_price: str
    thumb: str
    badge: str  # "осталось 2", "нет в наличии", "предзаказ" or ""
    href: str


@dataclass
class CategoryLink:
    name: str
    href: str
    active: bool
    child: bool


def badge_for(
    available: int, order_type: str, locale: str, wave: waves.WaveSummary | None = None
) -> str:
    if order_type == "preorder":
        if wave is None:
            return gettext_(locale, "shop.badge.preorder")
        if wave.full:
            return gettext_(locale, "shop.badge.waitlist")
        return ngettext_(locale, "shop.badge.wave", wave.left, wave=wave.current, total=wave.total)
    if available <= 0:
        return gettext_(locale, "shop.badge.sold_out")
    if available < LOW_STOCK:
        return gettext_(locale, "shop.badge.left", n=available)
    return ""


class ShopCatalogState(StoreState):
    cards: list[CardRow] = []
    categories: list[CategoryLink] = []
    query: str = ""
    sort: str = Sort.new
    page: int = 1
    pages: int = 1
    total: int = 0
    prev_href: str = ""
    next_href: str = ""

    def _href(self, **changes) -> str:
        params = {"cat": self.category, "q": self.query, "sort": self.sort} | changes
        clean = {k: v for k, v in params.items() if v and not (k == "sort" and v == Sort.new)}
        query = urlencode(clean)
        return routes.store(self.site_slug) + (f"?{query}" if query else "")

    category: str = ""  # the slug shown

    @rx.event
    def load(self):
        params = self.router.page.params
        self.category = str(params.get("cat", ""))[:80]
        self.query = str(params.get("q", ""))[:100]
        sort = str(params.get("sort", Sort.new))
        self.sort = sort if sort in Sort.__members__.values() else Sort.new
        page = str(params.get("page", "1"))
        with db.session_scope() as session:
            tenant, redirect = self._open_store(session)
            if tenant is None or tenant.id is None:
                self.cards, self.categories = [], []
                return redirect
            found = storefront.catalog_page(
                session,
                tenant.id,
                self.category,
                self.query,
                self.sort,
                int(page) if page.isdigit() else 1,
            )
            tree = catalog.categories(session, tenant.id)
        self.page, self.pages, self.total = found.page, found.pages, found.total
        self.cards = [
            CardRow(
                str(c.id),
                c.name,
                format_money(c.price_kopecks, self.lang),
                format_money(c.old_price_kopecks, self.lang) if c.old_price_kopecks else "",
                c.thumb_path,
                badge_for(c.available, c.order_type, self.lang, c.wave),
                routes.store_product(self.site_slug, c.id),
            )
            for c in found.cards
        ]
        self.categories = [
            CategoryLink(
                c.name, self._href(cat=c.slug, page=""), c.slug == self.category, depth > 0
            )
            for c, depth in tree
        ]
        self.prev_href = self._href(page=str(self.page - 1)) if self.page > 1 else ""
        self.next_href = self._href(page=str(self.page + 1)) if self.page < self.pages else ""
        return None

    @rx.event
    def search(self, form: dict):
        self.query = str(form.get("q", ""))[:100]
        return rx.redirect(self._href(q=self.query, page=""))

    @rx.event
    def sort_by(self, value: str):
        self.sort = value if value in Sort.__members__.values() else Sort.new
        return rx.redirect(self._href(sort=self.sort, page=""))

    @rx.var
    def all_href(self) -> str:
        return routes.store(self.site_slug)


def product_card(card: CardRow) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.box(
                rx.cond(
                    card.thumb != "",
                    rx.image(
                        src=rx.get_upload_url(card.thumb),
                        alt=card.name,
                        width="100%",
                        height="100%",
                        object_fit="cover",
                        loading="lazy",
                    ),
                    rx.center(rx.icon("image", size=32, color=rx.color("gray", 8)), height="100%"),
                ),
                aspect_ratio="1",
                width="100%",
                overflow="hidden",
                border_radius="12px",
                background=rx.color("gray", 3),
            ),
            rx.text(card.name, size="3", weight="medium", color=rx.color("gray", 12)),
            rx.hstack(
                rx.text(card.price, weight="bold", color=rx.color("gray", 12)),
                rx.cond(
                    card.old_price != "",
                    rx.text(
                        card.old_price,
                        size="2",
                        color=rx.color("gray", 10),
                        text_decoration="line-through",
                    ),
                ),
                spacing="2",
                align="baseline",
            ),
            rx.cond(card.badge != "", rx.badge(card.badge, size="1", color_scheme="amber")),
            spacing="2",
            width="100%",
        ),
        href=card.href,
        underline="none",
        class_name="product-card",
        data_id=card.id,
    )


def shop_nav() -> rx.Component:
    S = StoreState
    return rx.hstack(
        rx.link(T["shop.catalog"], href=routes.store(S.site_slug), size="2"),
        rx.spacer(),
        rx.link(
            rx.cond(S.signed_in, T["shop.my_orders"], T["shop.sign_in"]),
            href=routes.store(S.site_slug, "/account"),
            size="2",
            id="store-account",
        ),
        rx.link(
            rx.hstack(
                rx.icon("shopping-cart", size=16),
                rx.text(T["shop.cart"]),
                rx.cond(S.cart_count > 0, rx.badge(S.cart_count, id="cart-count")),
                spacing="1",
                align="center",
            ),
            href=routes.store(S.site_slug, "/cart"),
            size="2",
            id="store-cart",
        ),
        width="100%",
        spacing="4",
        align="center",
    )


@site_page(
    routes.STORE, title="title.shop_store", on_load=ShopCatalogState.load, max_width="1120px"
)
def catalog_view() -> rx.Component:
    S = ShopCatalogState
    return rx.vstack(
        shop_nav(),
        rx.heading(T["shop.catalog"], size="7"),
        rx.flex(
            rx.link(
                T["shop.all_products"],
                href=S.all_href,
                size="2",
                weight=rx.cond(S.category == "", "bold", "regular"),
            ),
            rx.foreach(
                S.categories,
                lambda c: rx.link(
                    c.name,
                    href=c.href,
                    size="2",
                    weight=rx.cond(c.active, "bold", "regular"),
                    padding_left=rx.cond(c.child, "8px", "0"),
                    class_name="store-category",
                ),
            ),
            gap="3",
            wrap="wrap",
        ),
        rx.flex(
            rx.form(
                rx.hstack(
                    rx.input(
                        name="q",
                        default_value=S.query,
                        placeholder=T["shop.search"],
                        max_length=100,
                        id="store-search",
                        aria_label=T["shop.search"],
                    ),
                    rx.button(T["shop.find"], type="submit", variant="soft"),
                    spacing="2",
                ),
                on_submit=S.search,
            ),
            rx.spacer(),
            rx.select.root(
                rx.select.trigger(id="store-sort", aria_label=T["shop.sort"]),
                rx.select.content(
                    *[rx.select.item(T[f"shop.sort.{s.value}"], value=s.value) for s in Sort]
                ),
                value=S.sort,
                on_change=S.sort_by,
            ),
            width="100%",
            gap="3",
            wrap="wrap",
        ),
        rx.cond(
            S.cards.length() == 0,
            rx.text(T["shop.nothing_found"], color=rx.color("gray", 11), id="store-empty"),
            rx.grid(
                rx.foreach(S.cards, product_card),
                columns=rx.breakpoints(initial="2", sm="3", md="4"),
                gap="4",
                width="100%",
                id="store-grid",
            ),
        ),
        rx.hstack(
            rx.cond(
                S.prev_href != "", rx.link("← ", T["shop.prev"], href=S.prev_href, id="store-prev")
            ),
            rx.text(T["admin.page"], " ", S.page, " / ", S.pages, size="2"),
            rx.cond(
                S.next_href != "", rx.link(T["shop.next"], " →", href=S.next_href, id="store-next")
            ),
            spacing="4",
            justify="center",
            width="100%",
        ),
        spacing="5",
        width="100%",
    )
