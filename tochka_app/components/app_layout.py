"""Workspace shell for `/app/...`: top bar with workspace switcher and user menu.

`app_page` wraps `rx.page`: the session guard runs before the page's own loader, and the page's
handlers re-check the session themselves (the guard only redirects).
"""

from collections.abc import Callable

import reflex as rx

from tochka_app import routes
from tochka_app.components.layout import MAX_WIDTH, language_switch, logo, theme_toggle
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState as S

T = I18nState.t


def workspace_switcher() -> rx.Component:
    return rx.cond(
        S.tenants.length() > 1,
        rx.select.root(
            rx.select.trigger(id="tenant-switcher"),
            rx.select.content(rx.foreach(S.tenants, lambda t: rx.select.item(t[1], value=t[0]))),
            value=S.tenant_id.to_string(), on_change=S.switch_tenant, size="2",
        ),
        rx.text(S.tenant_name, weight="medium", size="2", id="tenant-name"),
    )


def user_menu() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(rx.button(rx.icon("circle-user", size=16), S.user_name, variant="soft",
                                  size="2", id="user-menu")),
        rx.menu.content(
            rx.menu.item(rx.link(T["app.profile"], href=routes.PROFILE, underline="none")),
            rx.menu.separator(),
            rx.menu.item(T["app.logout"], on_click=S.logout, color_scheme="red", id="logout"),
        ),
    )


def app_header(reload: list) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.hstack(logo(), rx.separator(orientation="vertical", size="1"),
                      workspace_switcher(), align="center", spacing="3"),
            rx.hstack(
                rx.box(language_switch(reload), display=rx.breakpoints(initial="none", sm="block")),
                theme_toggle(), user_menu(), spacing="3", align="center",
            ),
            justify="between", align="center", max_width=MAX_WIDTH, margin_x="auto",
            padding_x="16px", padding_y="12px", width="100%",
        ),
        as_="header", width="100%", border_bottom=f"1px solid {rx.color('gray', 4)}",
        background=rx.color("gray", 2),
    )


def app_page(route: str, title: str, on_load: Callable | None = None):
    reload = [S.guard_app] + ([on_load] if on_load is not None else [])

    def decorator(content: Callable[[], rx.Component]):
        @rx.page(route=route, title=title, on_load=reload)
        def page() -> rx.Component:
            return rx.vstack(
                app_header(reload),
                rx.box(content(), as_="main", width="100%", max_width=MAX_WIDTH, margin_x="auto",
                       padding="24px 16px"),
                spacing="0", min_height="100vh", width="100%",
            )

        page.__name__ = content.__name__
        return page

    return decorator
