"""The super-admin shell: sidebar of platform areas, header with the RU/EN switch, the admin's
name and logout. `admin_page` registers a page behind the admin guard (checked again by every
handler); its own on_load runs once the browser has said its time zone, so the first render is
already in the admin's zone."""

from collections.abc import Callable

import reflex as rx

from tochka_app import routes
from tochka_app.components.layout import language_switch, logo, theme_toggle
from tochka_app.components.titles import page_title
from tochka_app.state.admin_session import AdminSessionState as S
from tochka_app.state.i18n import I18nState

T = I18nState.t

BROWSER_ZONE = "Intl.DateTimeFormat().resolvedOptions().timeZone"

ADMIN_NAV = [
    ("admin.nav.dashboard", routes.ADMIN, "layout-dashboard"),
    ("admin.nav.users", routes.ADMIN_USERS, "users"),
    ("admin.nav.tenants", routes.ADMIN_TENANTS, "building-2"),
    ("admin.nav.tariffs", routes.ADMIN_TARIFFS, "credit-card"),
    ("admin.nav.modules", routes.ADMIN_MODULES, "layout-grid"),
    ("admin.nav.content", routes.ADMIN_CONTENT, "pencil"),
    ("admin.nav.audit", routes.ADMIN_AUDIT, "scroll-text"),
    ("admin.nav.security", routes.ADMIN_SECURITY, "shield-check"),
]


def admin_nav() -> rx.Component:
    current = rx.State.router.page.path
    return rx.vstack(
        *[
            rx.link(
                rx.hstack(
                    rx.icon(icon, size=16), rx.text(T[key], size="2"), spacing="2", align="center"
                ),
                href=route,
                underline="none",
                width="100%",
                padding="8px 12px",
                border_radius="8px",
                class_name="admin-nav-link",
                color=rx.cond(current == route, rx.color("grass", 11), rx.color("gray", 12)),
                background=rx.cond(current == route, rx.color("grass", 3), "transparent"),
            )
            for key, route, icon in ADMIN_NAV
        ],
        spacing="1",
        width="100%",
    )


def zone_caption(**props) -> rx.Component:
    """Which zone the page's times are in, next to them: "время: Москва (UTC+3)"."""
    return rx.text(
        S.zone_text, size="1", color=rx.color("gray", 10), class_name="zone-note", **props
    )


def admin_page(route: str, title: str, on_load: Callable | list | None = None):
    own = on_load if isinstance(on_load, list) else [on_load] if on_load is not None else []
    detect_zone = rx.call_script(
        BROWSER_ZONE, callback=lambda zone: [S.set_browser_zone(zone), *own]
    )

    def decorator(content: Callable[[], rx.Component]):
        # A page's own load (`_admin_load`) checks the admin itself: one check per page load.
        checks = [detect_zone] if own else [S.guard_admin, detect_zone]

        @rx.page(route=route, title=page_title(route, title), on_load=checks)
        def page() -> rx.Component:
            return rx.vstack(
                rx.hstack(
                    rx.hstack(
                        logo(),
                        rx.badge(
                            T["admin.badge"],
                            color_scheme="red",
                            display=rx.breakpoints(initial="none", sm="flex"),
                        ),
                        spacing="3",
                        align="center",
                    ),
                    rx.hstack(
                        language_switch(own),
                        theme_toggle(),
                        rx.text(
                            S.admin_name,
                            size="2",
                            id="admin-name",
                            display=rx.breakpoints(initial="none", sm="block"),
                        ),
                        # On a phone the logout is its icon, so RU/EN fits beside it.
                        rx.button(
                            rx.icon("log-out", size=16),
                            rx.text(
                                T["app.logout"], display=rx.breakpoints(initial="none", sm="inline")
                            ),
                            variant="soft",
                            size="2",
                            aria_label=T["app.logout"],
                            on_click=S.admin_logout,
                            id="admin-logout",
                        ),
                        spacing=rx.breakpoints(initial="2", sm="3"),
                        align="center",
                    ),
                    justify="between",
                    width="100%",
                    padding="12px 16px",
                    align="center",
                    border_bottom=f"1px solid {rx.color('gray', 4)}",
                    background=rx.color("gray", 2),
                ),
                rx.hstack(
                    rx.box(
                        admin_nav(),
                        as_="nav",
                        width="210px",
                        flex_shrink="0",
                        padding="16px",
                        border_right=f"1px solid {rx.color('gray', 4)}",
                        display=rx.breakpoints(initial="none", md="block"),
                    ),
                    rx.box(
                        rx.box(
                            admin_nav(),
                            display=rx.breakpoints(initial="block", md="none"),
                            margin_bottom="12px",
                        ),
                        content(),
                        as_="main",
                        width="100%",
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
                overflow_x="hidden",
            )

        page.__name__ = content.__name__
        return page

    return decorator
