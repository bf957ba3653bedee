"""`/s/<slug>/shop/p/<id>`: a product — gallery, sizes (sold-out ones disabled), what is left,
size table, care instructions, add to cart. Server-rendered with its Product JSON-LD and the
main photo as og:image (shop/site.py)."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db
from tochka_app.components.forms import field_error
from tochka_app.components.site import site_page
from tochka_app.i18n import format_money, gettext_
from tochka_app.modules.shop import routes, storefront, waitlist
from tochka_app.modules.shop.pages.store_state import StoreState
from tochka_app.modules.shop.pages.storefront import badge_for, shop_nav
from tochka_app.modules.shop.rules import MAX_LINE_QUANTITY, ShopError
from tochka_app.services.errors import ServiceError
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclass
class SizeOption:
    id: str
    label: str
    left: int
    note: str  # "осталось 1", "нет" or ""


@dataclass
class Photo:
    full: str
    thumb: str


class ShopProductState(StoreState):
    product_found: bool = True
    product_id: str = ""
    name: str = ""
    sku: str = ""
    price: str = ""
    price_kopecks: int = 0
    old_price: str = ""
    description: str = ""
    care: str = ""
    category: str = ""
    badge: str = ""
    order_type: str = ""
    size_rows: list[list[str]] = []
    photos: list[Photo] = []
    shown_photo: int = 0
    sizes: list[SizeOption] = []
    chosen: str = ""  # variant id
    waitlist: bool = False  # every preorder wave is full: customers join the waiting list
    added: bool = False

    @rx.event
    def load(self):
        raw = str(self.router.page.params.get("product", ""))
        self.added, self.shown_photo, self.chosen = False, 0, ""
        with db.session_scope() as session:
            tenant, redirect = self._open_store(session)
            if tenant is None or tenant.id is None:
                self.product_found = False
                return redirect
            product = (
                storefront.product_page(session, tenant.id, int(raw)) if raw.isdigit() else None
            )
            if product is not None:
                self._count(session, tenant.id, "views")
        self.product_found = product is not None
        if product is None:
            self.tab_title = ""
            return None
        lang = self.lang
        self.product_id, self.name, self.sku = str(product.id), product.name, product.sku
        self.tab_title = f"{product.name} — {self.site_name}"
        self.price_kopecks = product.price_kopecks
        self.price = format_money(product.price_kopecks, lang)
        self.old_price = (
            format_money(product.old_price_kopecks, lang) if product.old_price_kopecks else ""
        )
        self.description, self.care = product.description_md, product.care_instructions
        self.category, self.order_type = product.category, product.order_type
        self.size_rows = product.size_table
        self.photos = [Photo(p[0], p[1]) for p in product.photos]
        wave = product.wave
        self.waitlist = wave is not None and wave.full  # sizes stay choosable: to wait for one
        self.sizes = [
            SizeOption(
                str(v.id),
                v.label or gettext_(lang, "shop.one_size"),
                v.available,
                ""
                if wave is not None  # places are the product's, not a size's
                else gettext_(lang, "shop.size_none")
                if v.available <= 0
                else gettext_(lang, "shop.badge.left", n=v.available)
                if v.available < storefront.LOW_STOCK
                else "",
            )
            for v in product.variants
        ]
        in_stock = [s for s in self.sizes if s.left > 0 or self.waitlist]
        if len(self.sizes) == 1 and in_stock:
            self.chosen = in_stock[0].id  # one size: nothing to choose
        available = wave.left_in_all if wave else sum(v.available for v in product.variants)
        self.badge = badge_for(available, product.order_type, lang, wave)
        return None

    @rx.event
    def choose(self, variant_id: str):
        if any(s.id == variant_id and (s.left > 0 or self.waitlist) for s in self.sizes):
            self.chosen, self.added = variant_id, False

    @rx.event
    def show_photo(self, index: int):
        if 0 <= index < len(self.photos):
            self.shown_photo = index

    @rx.event
    def add_to_cart(self):
        if not self.chosen:
            return self._refuse(ServiceError(ShopError.choose_size, field="size"))
        variant_id, product_id, name = int(self.chosen), int(self.product_id or 0), self.name

        def add(session, tenant_id: int) -> None:
            product = storefront.product_page(session, tenant_id, product_id)
            options = {v.id: v for v in product.variants} if product else {}
            option = options.get(variant_id)
            if product is None or option is None or option.available <= 0:
                raise ServiceError(ShopError.sold_out, product=name)
            lines = self._lines(session, tenant_id)
            had = next((s.quantity for s in lines if s.variant_id == variant_id), 0)
            quantity = min(had + 1, option.available, MAX_LINE_QUANTITY)
            self._set_quantity(session, tenant_id, variant_id, quantity, product.price_kopecks)
            self._count(session, tenant_id, "carts")

        return self._store_run(add, then=self._added)

    def _added(self, _):
        self.added = True

    @rx.event
    def join_waitlist(self):
        if not self.chosen.isdigit():
            return self._refuse(ServiceError(ShopError.choose_size, field="size"))
        variant_id = int(self.chosen)
        return self._store_run(
            lambda session, tenant_id: waitlist.join(
                session, tenant_id, variant_id, self._customer(session, tenant_id)
            ),
            done="shop.waitlist_joined",
        )


def gallery() -> rx.Component:
    S = ShopProductState
    return rx.vstack(
        rx.box(
            rx.cond(
                S.photos.length() > 0,
                rx.image(
                    src=rx.get_upload_url(S.photos[S.shown_photo].full),
                    alt=S.name,
                    width="100%",
                    height="100%",
                    object_fit="cover",
                    id="product-photo",
                ),
                rx.center(rx.icon("image", size=48, color=rx.color("gray", 8)), height="100%"),
            ),
            aspect_ratio="1",
            width="100%",
            border_radius="12px",
            overflow="hidden",
            background=rx.color("gray", 3),
        ),
        rx.flex(
            rx.foreach(
                S.photos,
                lambda p, i: rx.box(
                    rx.image(
                        src=rx.get_upload_url(p.thumb),
                        alt="",
                        width="64px",
                        height="64px",
                        object_fit="cover",
                        border_radius="8px",
                    ),
                    on_click=S.show_photo(i),
                    cursor="pointer",
                    border=rx.cond(
                        S.shown_photo == i,
                        f"2px solid {rx.color('accent', 9)}",
                        "2px solid transparent",
                    ),
                    border_radius="10px",
                    class_name="product-thumb",
                    role="button",
                    aria_label=T["shop.photo"],
                ),
            ),
            gap="2",
            wrap="wrap",
        ),
        width="100%",
        spacing="3",
    )


def size_picker() -> rx.Component:
    S = ShopProductState
    return rx.vstack(
        rx.text(T["shop.size"], size="2", weight="bold"),
        rx.flex(
            rx.foreach(
                S.sizes,
                lambda s: rx.button(
                    s.label,
                    rx.cond(s.note != "", rx.text.span(" · ", s.note, size="1")),
                    variant=rx.cond(S.chosen == s.id, "solid", "outline"),
                    disabled=(s.left <= 0) & ~S.waitlist,
                    on_click=S.choose(s.id),
                    class_name="size-option",
                    data_id=s.id,
                    type="button",
                ),
            ),
            gap="2",
            wrap="wrap",
            id="sizes",
        ),
        spacing="2",
    )


def size_table() -> rx.Component:
    S = ShopProductState
    return rx.cond(
        S.size_rows.length() > 1,
        rx.vstack(
            rx.text(T["shop.size_table"], size="2", weight="bold"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(rx.foreach(S.size_rows[0], rx.table.column_header_cell))
                ),
                rx.table.body(
                    rx.foreach(
                        S.size_rows[1:],
                        lambda row: rx.table.row(rx.foreach(row, rx.table.cell)),
                    )
                ),
                size="1",
                id="size-table",
            ),
            spacing="2",
            width="100%",
            overflow_x="auto",
        ),
    )


@site_page(
    routes.STORE_PRODUCT,
    title="title.shop_store",
    on_load=ShopProductState.load,
    max_width="1120px",
)
def product_view() -> rx.Component:
    S = ShopProductState
    return rx.vstack(
        shop_nav(),
        rx.cond(
            S.product_found,
            rx.flex(
                rx.box(gallery(), flex="1", min_width="280px", max_width="560px"),
                rx.vstack(
                    rx.cond(
                        S.category != "", rx.text(S.category, size="2", color=rx.color("gray", 11))
                    ),
                    rx.heading(S.name, size="7", as_="h1", id="product-name"),
                    rx.hstack(
                        rx.text(S.price, size="6", weight="bold", id="product-price"),
                        rx.cond(
                            S.old_price != "",
                            rx.text(
                                S.old_price,
                                color=rx.color("gray", 10),
                                text_decoration="line-through",
                            ),
                        ),
                        align="baseline",
                        spacing="3",
                    ),
                    rx.cond(
                        S.badge != "", rx.badge(S.badge, color_scheme="amber", id="product-badge")
                    ),
                    size_picker(),
                    rx.hstack(
                        rx.cond(
                            S.waitlist,
                            rx.button(
                                rx.icon("bell", size=16),
                                T["shop.waitlist_join"],
                                size="3",
                                variant="soft",
                                on_click=S.join_waitlist,
                                id="join-waitlist",
                            ),
                            rx.button(
                                rx.icon("shopping-cart", size=16),
                                T["shop.add_to_cart"],
                                size="3",
                                on_click=S.add_to_cart,
                                id="add-to-cart",
                            ),
                        ),
                        rx.cond(
                            S.added,
                            rx.link(
                                T["shop.go_to_cart"],
                                href=routes.store(S.site_slug, "/cart"),
                                id="go-to-cart",
                            ),
                        ),
                        spacing="3",
                        align="center",
                        wrap="wrap",
                    ),
                    rx.cond(
                        S.refused_code == "shop.waitlist_login",
                        rx.link(
                            T["shop.login.title"],
                            href=routes.store(S.site_slug, "/account"),
                            id="waitlist-login",
                        ),
                    ),
                    field_error(S.field_errors, "size"),
                    rx.markdown(S.description, use_raw=False),  # tenant text: no raw HTML
                    size_table(),
                    rx.cond(
                        S.care != "",
                        rx.vstack(
                            rx.text(T["shop.care"], size="2", weight="bold"),
                            rx.text(S.care, size="2", white_space="pre-line"),
                            spacing="1",
                        ),
                    ),
                    rx.text(T["shop.col.sku"], ": ", S.sku, size="1", color=rx.color("gray", 10)),
                    spacing="4",
                    flex="1",
                    min_width="280px",
                ),
                gap="6",
                wrap="wrap",
                width="100%",
            ),
            rx.text(T["shop.product_gone"], id="product-not-found"),
        ),
        spacing="5",
        width="100%",
    )
