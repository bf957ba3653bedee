import reflex as rx

from tochka_app import routes
from tochka_app.components.cards import module_card, section_heading
from tochka_app.components.layout import MAX_WIDTH, public_page
from tochka_app.components.search import search_input
from tochka_app.pages.marketplace.state import MarketplaceState as S
from tochka_app.state.i18n import I18nState


def filters() -> rx.Component:
    return rx.flex(
        search_input(
            S.query,
            S.set_query,
            rx.input.slot(rx.icon("search", size=16)),
            placeholder=I18nState.t["marketplace.search"],
            max_length=100,
            size="3",
            width="100%",
            id="module-search",
            type="search",
        ),
        rx.select.root(
            rx.select.trigger(
                S.category_label,
                width=rx.breakpoints(initial="100%", sm="240px"),
                id="category-filter",
                aria_label=I18nState.t["marketplace.category"],
            ),
            rx.select.content(rx.foreach(S.categories, lambda c: rx.select.item(c[1], value=c[0]))),
            value=S.category,
            on_change=S.set_category,
            size="3",
        ),
        spacing="3",
        direction=rx.breakpoints(initial="column", sm="row"),
        width="100%",
        margin_bottom="24px",
    )


def empty_state() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon("search-x", size=40, color=rx.color("gray", 9)),
            rx.heading(I18nState.t["marketplace.empty_title"], as_="h2", size="5"),
            rx.text(
                I18nState.t["marketplace.empty_text"],
                color=rx.color("gray", 11),
                text_align="center",
            ),
            rx.button(I18nState.t["marketplace.reset"], variant="soft", on_click=S.reset_filters),
            align="center",
            spacing="3",
        ),
        padding_y="64px",
        id="marketplace-empty",
    )


@public_page(routes.MARKETPLACE, title="title.marketplace", on_load=S.load)
def marketplace() -> rx.Component:
    return rx.box(
        section_heading(
            I18nState.t["marketplace.title"], I18nState.t["marketplace.subtitle"], level="h1"
        ),
        filters(),
        rx.cond(
            S.modules.length() > 0,
            rx.grid(
                rx.foreach(S.modules, lambda module: module_card(module, level="h2")),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="4",
                width="100%",
            ),
            rx.cond(S.loaded, empty_state(), rx.center(rx.spinner(size="3"), padding_y="64px")),
        ),
        max_width=MAX_WIDTH,
        margin_x="auto",
        padding_x="16px",
        padding_y="40px",
        width="100%",
    )
