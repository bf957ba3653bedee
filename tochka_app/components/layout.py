"""Public site shell: header with navigation, language and theme switches; footer.

`public_page` wraps `rx.page` (one decorator per page, as in Reflex's dashboard template) so every
public page gets the same shell and re-runs its own data loading when the language changes.
"""

from collections.abc import Callable

import reflex as rx

from tochka_app import routes
from tochka_app.components.titles import page_title
from tochka_app.state.i18n import I18nState
from tochka_app.state.public import PublicState

MAX_WIDTH = "1200px"


def logo() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.center(
                rx.icon("sprout", size=20, color="white"),
                width="32px",
                height="32px",
                border_radius="8px",
                background=rx.color("grass", 9),
            ),
            rx.text("Точка Роста", weight="bold", size="4", white_space="nowrap"),
            align="center",
            spacing="2",
        ),
        href=routes.LANDING,
        underline="none",
        color=rx.color("gray", 12),
    )


def language_switch(reload: list) -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item("RU", value="ru"),
        rx.segmented_control.item("EN", value="en"),
        value=I18nState.lang,
        on_change=lambda value: [I18nState.set_locale(value), *reload],
        size="1",
        aria_label=I18nState.t["lang.switch"],
        id="lang-switch",
    )


def theme_toggle() -> rx.Component:
    return rx.icon_button(
        rx.color_mode_cond(light=rx.icon("moon", size=16), dark=rx.icon("sun", size=16)),
        on_click=rx.toggle_color_mode,
        variant="ghost",
        size="2",
        aria_label=I18nState.t["theme.toggle"],
        id="theme-toggle",
    )


NAV = [
    ("nav.features", "/#features"),
    ("nav.modules", routes.MARKETPLACE),
    ("nav.pricing", "/#pricing"),
    ("nav.faq", "/#faq"),
]


def header(reload: list) -> rx.Component:
    nav_links = [
        rx.link(
            I18nState.t[key],
            href=href,
            color=rx.color("gray", 11),
            size="2",
            underline="none",
            white_space="nowrap",
        )
        for key, href in NAV
    ]
    mobile_menu = rx.menu.root(
        rx.menu.trigger(
            rx.icon_button(
                rx.icon("menu", size=18), variant="ghost", aria_label=I18nState.t["nav.menu"]
            )
        ),
        rx.menu.content(
            *[rx.menu.item(rx.link(I18nState.t[k], href=h, underline="none")) for k, h in NAV],
            rx.menu.separator(),
            rx.menu.item(rx.link(I18nState.t["nav.login"], href=routes.LOGIN, underline="none")),
        ),
    )
    return rx.box(
        rx.hstack(
            logo(),
            rx.hstack(*nav_links, spacing="5", display=rx.breakpoints(initial="none", md="flex")),
            rx.hstack(
                language_switch(reload),
                theme_toggle(),
                rx.link(
                    rx.button(I18nState.t["nav.login"], variant="ghost", size="2"),
                    href=routes.LOGIN,
                    display=rx.breakpoints(initial="none", sm="block"),
                ),
                rx.link(
                    rx.button(I18nState.t["nav.start"], size="2"),
                    href=routes.LOGIN,
                    display=rx.breakpoints(initial="none", sm="block"),
                ),
                rx.box(mobile_menu, display=rx.breakpoints(initial="block", md="none")),
                spacing=rx.breakpoints(initial="2", sm="3"),
                align="center",
            ),
            justify="between",
            align="center",
            max_width=MAX_WIDTH,
            margin_x="auto",
            padding_x="16px",
            padding_y="12px",
            width="100%",
        ),
        as_="header",
        position="sticky",
        top="0",
        z_index="10",
        width="100%",
        background=rx.color("gray", 1, alpha=True),
        backdrop_filter="blur(8px)",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
    )


def footer() -> rx.Component:
    return rx.box(
        rx.flex(
            rx.vstack(
                logo(),
                rx.text(PublicState.footer["tagline"], size="2", color=rx.color("gray", 11)),
                rx.link(
                    PublicState.footer["contact"],
                    href="mailto:" + PublicState.footer["contact"].to(str),
                    size="2",
                ),
                spacing="2",
            ),
            rx.vstack(
                rx.text(I18nState.t["footer.product"], weight="bold", size="2"),
                *[
                    rx.link(I18nState.t[k], href=h, size="2", color=rx.color("gray", 11))
                    for k, h in NAV
                ],
                spacing="1",
            ),
            justify="between",
            spacing="6",
            direction=rx.breakpoints(initial="column", sm="row"),
            max_width=MAX_WIDTH,
            margin_x="auto",
            padding="24px",
        ),
        rx.text(
            "© 2026 Точка Роста. ",
            I18nState.t["footer.rights"],
            size="1",
            color=rx.color("gray", 10),
            text_align="center",
            padding_bottom="20px",
        ),
        as_="footer",
        border_top=f"1px solid {rx.color('gray', 4)}",
        width="100%",
        background=rx.color("gray", 2),
    )


def live_marker() -> rx.Component:
    """`#app-live` once the page's state has come over the websocket. A server-rendered page is
    readable earlier (tochka_app/server_render) but answers clicks only from then on; tests wait
    for it before they interact."""
    return rx.cond(rx.State.is_hydrated, rx.el.span(id="app-live", hidden=True))


def public_page(route: str, title: str, on_load: Callable | None = None):
    """Register a public page with the site shell; `on_load` also runs on a language change.
    `title` is a message id ("title.login"): the tab title in the visitor's language."""
    own = on_load if isinstance(on_load, list) else [on_load] if on_load is not None else []
    reload = [PublicState.load_footer, *own]

    def decorator(content: Callable[[], rx.Component]):
        # `?lang=` first, so the page loads in the language of the link (not on a switch).
        @rx.page(
            route=route,
            title=rx.cond(PublicState.tab_title, PublicState.tab_title, page_title(route, title)),
            on_load=[I18nState.locale_from_address, *reload],
        )
        def page() -> rx.Component:
            return rx.vstack(
                header(reload),
                rx.box(content(), as_="main", width="100%", flex="1"),
                footer(),
                live_marker(),
                spacing="0",
                min_height="100vh",
                width="100%",
                overflow_x="hidden",
            )

        page.__name__ = content.__name__
        return page

    return decorator
