"""The frame of a tenant's public site: its logo, name and brand colour, the menu its modules
contribute, and a not-found message for addresses nobody owns."""

from collections.abc import Callable

import reflex as rx

from tochka_app import routes
from tochka_app.components.layout import live_marker
from tochka_app.components.titles import page_title
from tochka_app.state.i18n import I18nState
from tochka_app.state.site import SiteState as S

T = I18nState.t


def site_header() -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.link(
                rx.hstack(
                    rx.cond(
                        S.site_logo != "",
                        rx.image(
                            src=rx.get_upload_url(S.site_logo),
                            height="36px",
                            width="auto",
                            id="site-logo",
                            alt=S.site_name,
                        ),
                    ),
                    rx.text(S.site_name, weight="bold", size="4", id="site-name"),
                    spacing="3",
                    align="center",
                ),
                href=routes.site(S.site_slug),
                underline="none",
                color=rx.color("gray", 12),
            ),
            rx.hstack(
                rx.foreach(
                    S.site_links,
                    lambda link: rx.link(
                        link.title, href=link.href, size="2", class_name="site-menu-link"
                    ),
                ),
                spacing="4",
                wrap="wrap",
            ),
            justify="between",
            align="center",
            wrap="wrap",
            gap="12px",
            max_width="960px",
            margin_x="auto",
            padding="14px 16px",
        ),
        # The tenant's brand colour as a top stripe (inline style: the colour is data, not theme).
        border_top=f"4px solid {S.site_color}",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        width="100%",
        id="site-header",
    )


def site_not_found() -> rx.Component:
    return rx.vstack(
        rx.heading(T["notfound.title"], size="7", id="not-found"),
        rx.text(T["notfound.text"], color=rx.color("gray", 11)),
        rx.link(T["nav.home"], href=routes.LANDING),
        spacing="3",
        max_width="760px",
        margin_x="auto",
        padding="48px 16px",
    )


def site_footer() -> rx.Component:
    # "Сайт сделан на Точке Роста": the brand in the prepositional case after "на".
    return rx.box(
        rx.text(
            T["site.made_with"],
            " ",
            rx.link(
                T["site.brand_prepositional"],
                href=routes.LANDING,
                underline="always",  # a link inside a sentence must not rely on colour alone
                id="made-with-brand",
            ),
            size="1",
            color=rx.color("gray", 10),
        ),
        text_align="center",
        padding="24px 16px",
        width="100%",
    )


def site_page(route: str, title: str, on_load: Callable | list, max_width: str = "760px"):
    """Register a page of a tenant's public site: the tenant's own header, not the platform's.
    `max_width` of the content: text pages read best narrow, a shop's grid wants room."""
    own = on_load if isinstance(on_load, list) else [on_load]

    def decorator(content: Callable[[], rx.Component]):
        @rx.page(
            route=route,
            title=rx.cond(S.tab_title, S.tab_title, page_title(route, title)),
            on_load=[I18nState.locale_from_address, *own],
        )
        def page() -> rx.Component:
            return rx.vstack(
                rx.cond(
                    S.site_found,
                    rx.vstack(
                        site_header(),
                        rx.box(
                            content(),
                            as_="main",
                            max_width=max_width,
                            margin_x="auto",
                            padding="40px 16px",
                            width="100%",
                            flex="1",
                        ),
                        spacing="0",
                        width="100%",
                        flex="1",
                    ),
                    site_not_found(),
                ),
                site_footer(),
                live_marker(),
                spacing="0",
                min_height="100vh",
                width="100%",
                overflow_x="hidden",
            )

        page.__name__ = content.__name__
        return page

    return decorator
