"""Workspace shell for `/app/...`: top bar with workspace switcher and user menu.

`app_page` wraps `rx.page`: the session guard runs before the page's own loader, and the page's
handlers re-check the session themselves (the guard only redirects).
"""

from collections.abc import Callable

import reflex as rx

from tochka_app import routes
from tochka_app.components.callouts import rich_callout
from tochka_app.components.icons import data_icon
from tochka_app.components.layout import MAX_WIDTH, language_switch, logo, theme_toggle
from tochka_app.components.titles import page_title
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState as S

T = I18nState.t


def workspace_switcher() -> rx.Component:
    return rx.cond(
        S.tenants.length() > 1,
        rx.select.root(
            rx.select.trigger(id="tenant-switcher", max_width="100%", min_width="0"),
            rx.select.content(rx.foreach(S.tenants, lambda t: rx.select.item(t.name, value=t.id))),
            value=S.tenant_id.to_string(),
            on_change=S.switch_tenant,
            size="2",
        ),
        rx.text(S.tenant_name, weight="medium", size="2", id="tenant-name", truncate=True),
    )


def user_menu() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.icon("circle-user", size=16),
                rx.text(S.user_name, display=rx.breakpoints(initial="none", sm="inline")),
                variant="soft",
                size="2",
                id="user-menu",
                aria_label=T["app.profile"],
            )
        ),
        rx.menu.content(
            rx.menu.item(rx.link(T["app.profile"], href=routes.PROFILE, underline="none")),
            rx.menu.separator(),
            rx.menu.item(T["app.logout"], on_click=S.logout, color_scheme="red", id="logout"),
        ),
    )


# The workspace menu: (message key, route, icon). Module entries are added by the module registry.
NAV_TOP = [
    ("nav.app.overview", routes.APP, "layout-dashboard"),
    ("nav.app.marketplace", routes.MARKETPLACE_APP, "store"),
]
NAV_BOTTOM = [
    ("nav.app.billing", routes.BILLING, "credit-card"),
    ("nav.app.team", routes.TEAM, "users"),
    ("nav.app.settings", routes.SETTINGS, "settings"),
    ("nav.app.audit", routes.AUDIT, "scroll-text"),
    ("nav.app.profile", routes.PROFILE, "circle-user"),
]


def nav_link(label, route, icon) -> rx.Component:
    current = rx.State.router.page.path
    return rx.link(
        rx.hstack(icon, rx.text(label, size="2"), spacing="2", align="center"),
        href=route,
        underline="none",
        width="100%",
        padding="8px 12px",
        border_radius="8px",
        color=rx.cond(current == route, rx.color("grass", 11), rx.color("gray", 12)),
        background=rx.cond(current == route, rx.color("grass", 3), "transparent"),
        class_name="app-nav-link",
    )


def nav_links() -> rx.Component:
    return rx.vstack(
        *[nav_link(T[key], route, rx.icon(icon, size=16)) for key, route, icon in NAV_TOP],
        rx.foreach(
            S.module_menu,
            lambda entry: nav_link(entry.label, entry.route, data_icon(entry.icon, size=16)),
        ),
        *[nav_link(T[key], route, rx.icon(icon, size=16)) for key, route, icon in NAV_BOTTOM],
        spacing="1",
        width="100%",
    )


def mobile_nav() -> rx.Component:
    return rx.drawer.root(
        rx.drawer.trigger(
            rx.icon_button(
                rx.icon("menu", size=18), variant="ghost", aria_label=T["nav.menu"], id="app-menu"
            )
        ),
        rx.drawer.overlay(),
        rx.drawer.portal(
            rx.drawer.content(
                rx.vstack(logo(), nav_links(), spacing="4", padding="16px"),
                width="260px",
                height="100%",
                background=rx.color("gray", 1),
            )
        ),
        direction="left",
    )


def app_header(reload: list) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.hstack(
                rx.box(mobile_nav(), display=rx.breakpoints(initial="block", md="none")),
                rx.hstack(
                    logo(),
                    rx.separator(orientation="vertical", size="1"),
                    display=rx.breakpoints(initial="none", sm="flex"),
                    spacing="3",
                    align="center",
                ),
                workspace_switcher(),
                align="center",
                spacing="3",
                min_width="0",
            ),
            rx.hstack(
                language_switch(reload),
                theme_toggle(),
                user_menu(),
                spacing=rx.breakpoints(initial="2", sm="3"),
                align="center",
                flex_shrink="0",
            ),
            justify="between",
            align="center",
            padding_x="16px",
            padding_y="12px",
            width="100%",
        ),
        as_="header",
        width="100%",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        background=rx.color("gray", 2),
    )


def read_only_banner() -> rx.Component:
    """Why nothing can be changed right now: an admin visit, a suspension or an ended tariff."""
    return rx.cond(
        S.impersonation_until != "",
        rich_callout(
            rx.hstack(
                rx.text(
                    rx.cond(
                        S.impersonation_read_only,
                        T["app.impersonation_ro"],
                        T["app.impersonation_rw"],
                    ),
                    " ",
                    S.impersonation_until,
                    size="2",
                ),
                rx.button(
                    T["app.impersonation_end"],
                    size="1",
                    color_scheme="red",
                    on_click=S.end_impersonation,
                    id="impersonation-end",
                ),
                spacing="3",
                wrap="wrap",
                align="center",
            ),
            icon="shield-alert",
            color_scheme="orange",
            margin_bottom="12px",
            id="impersonation-banner",
        ),
        rx.cond(
            S.suspended,
            rx.callout(
                T["app.suspended"],
                icon="ban",
                color_scheme="red",
                margin_bottom="12px",
                id="suspended-banner",
            ),
            rx.cond(
                S.read_only,
                rich_callout(
                    rx.hstack(
                        rx.text(T["app.read_only"], size="2"),
                        rx.link(T["app.read_only_pay"], href=routes.BILLING),
                        spacing="2",
                        wrap="wrap",
                    ),
                    icon="lock",
                    color_scheme="red",
                    margin_bottom="12px",
                    id="read-only-banner",
                ),
            ),
        ),
    )


def breadcrumbs(route: str) -> rx.Component:
    """Workspace › page; module pages take their label from the module's menu entry."""
    key = next((k for k, r, _ in (*NAV_TOP, *NAV_BOTTOM) if r == route), None)
    label = dict(size="1", color=rx.color("gray", 11))
    current = (
        rx.text(T[key], **label)
        if key
        else rx.foreach(
            S.module_menu,
            lambda entry: rx.cond(entry.route == route, rx.text(entry.label, **label)),
        )
    )
    return rx.hstack(
        rx.link(S.tenant_name, href=routes.APP, size="1", color=rx.color("gray", 11)),
        rx.cond(
            route != routes.APP,
            rx.hstack(
                rx.icon("chevron-right", size=12, color=rx.color("gray", 9)),
                current,
                spacing="1",
                align="center",
            ),
        ),
        spacing="1",
        align="center",
        margin_bottom="8px",
        id="breadcrumbs",
        aria_label="breadcrumbs",
    )


def app_page(route: str, title: str, on_load: Callable | None = None):
    own = on_load if isinstance(on_load, list) else [on_load] if on_load is not None else []
    # A page's own load goes through `_load_page`, which does all `guard_app` does (session,
    # workspace, module menu): one round of checks per page load, not two.
    # mypy types an @rx.event handler as EventNamespace (it skips Reflex's typed __new__)
    reload = own or [S.guard_app]  # type: ignore[list-item]

    def decorator(content: Callable[[], rx.Component]):
        @rx.page(route=route, title=page_title(route, title), on_load=reload)
        def page() -> rx.Component:
            return rx.vstack(
                app_header(reload),
                rx.hstack(
                    rx.box(
                        nav_links(),
                        as_="nav",
                        width="220px",
                        flex_shrink="0",
                        padding="16px",
                        border_right=f"1px solid {rx.color('gray', 4)}",
                        min_height="100%",
                        display=rx.breakpoints(initial="none", md="block"),
                    ),
                    rx.box(
                        read_only_banner(),
                        breadcrumbs(route),
                        content(),
                        as_="main",
                        width="100%",
                        max_width=MAX_WIDTH,
                        padding="24px 16px",
                        min_width="0",
                    ),
                    spacing="0",
                    width="100%",
                    flex="1",
                    align="stretch",
                ),
                spacing="0",
                min_height="100vh",
                width="100%",
            )

        page.__name__ = content.__name__
        return page

    return decorator
