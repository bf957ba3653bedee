"""`/marketplace/<code>`: one module — what it does, what it takes, what it adds, screenshots."""

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.icons import data_icon
from tochka_app.components.layout import MAX_WIDTH, public_page
from tochka_app.i18n import gettext_
from tochka_app.services import catalog, public_meta
from tochka_app.state.i18n import I18nState
from tochka_app.state.public import PublicState

T = I18nState.t


class ModuleDetailState(PublicState):
    found: bool = True
    code: str = ""
    name: str = ""
    description: str = ""
    category: str = ""
    icon: str = "package"
    badge: str = ""
    installed: bool = False
    version: str = ""
    permissions: list[str] = []
    settings: list[str] = []
    menu: list[str] = []
    screenshots: list[str] = []

    @rx.event
    def load(self):
        with db.session_scope() as session:
            detail = catalog.module_detail(
                session, str(self.router.page.params.get("code", "")), self.lang
            )
        self.found = detail is not None
        if detail is None:
            return
        card = detail.card
        self.code, self.name, self.description = card.code, card.name, card.description
        self.tab_title = public_meta.titled(card.name, gettext_(self.lang, "title.brand"))
        self.category, self.icon, self.badge = card.category_label, card.icon, card.badge
        self.installed, self.version = detail.installed, detail.version
        self.permissions, self.settings = detail.permissions, detail.settings
        self.menu, self.screenshots = detail.menu, detail.screenshots


def fact_list(title_key: str, items, empty_key: str) -> rx.Component:
    return rx.vstack(
        rx.heading(T[title_key], as_="h2", size="3"),
        rx.cond(
            items.length() > 0,
            rx.vstack(rx.foreach(items, lambda item: rx.text("• ", item, size="2")), spacing="1"),
            rx.text(T[empty_key], size="2", color=rx.color("gray", 11)),
        ),
        spacing="2",
        align="start",
    )


@public_page(routes.MODULE_DETAIL, title="title.module_detail", on_load=ModuleDetailState.load)
def module_detail() -> rx.Component:
    S = ModuleDetailState
    return rx.box(
        rx.cond(
            S.found,
            rx.vstack(
                rx.link(T["module.back"], href=routes.MARKETPLACE, size="2"),
                rx.hstack(
                    rx.center(
                        data_icon(S.icon, size=28),
                        width="56px",
                        height="56px",
                        border_radius="14px",
                        background=rx.color("grass", 3),
                        color=rx.color("grass", 11),
                        flex_shrink="0",
                    ),
                    rx.vstack(
                        rx.heading(S.name, size="8", id="module-name"),
                        rx.hstack(
                            rx.badge(S.category, color_scheme="gray"),
                            rx.badge(
                                S.badge,
                                id="module-badge",
                                color_scheme=rx.cond(S.installed, "grass", "amber"),
                            ),
                            rx.cond(S.version != "", rx.badge("v", S.version, variant="outline")),
                            spacing="2",
                            wrap="wrap",
                        ),
                        spacing="2",
                    ),
                    spacing="4",
                    align="center",
                ),
                rx.text(S.description, size="4", color=rx.color("gray", 11)),
                rx.cond(
                    S.installed,
                    rx.link(
                        rx.button(T["module.enable_cta"], size="3"),
                        href=routes.MARKETPLACE_APP,
                        id="module-enable",
                    ),
                    rx.callout(T["module.coming_soon"], icon="clock", id="module-soon"),
                ),
                rx.cond(
                    S.screenshots.length() > 0,
                    rx.grid(
                        rx.foreach(
                            S.screenshots,
                            lambda src: rx.image(
                                src=src,
                                width="100%",
                                border_radius="12px",
                                class_name="module-shot",
                                border=f"1px solid {rx.color('gray', 5)}",
                                alt=S.name,
                            ),
                        ),
                        columns=rx.breakpoints(initial="1", md="2"),
                        spacing="4",
                        width="100%",
                    ),
                ),
                rx.grid(
                    fact_list("module.adds_menu", S.menu, "module.nothing"),
                    fact_list("module.settings", S.settings, "module.nothing"),
                    fact_list("module.permissions", S.permissions, "module.no_permissions"),
                    columns=rx.breakpoints(initial="1", md="3"),
                    spacing="5",
                    width="100%",
                ),
                spacing="5",
                width="100%",
            ),
            rx.vstack(
                rx.heading(T["notfound.title"], size="7", id="not-found"),
                rx.link(T["module.back"], href=routes.MARKETPLACE),
                spacing="3",
            ),
        ),
        max_width=MAX_WIDTH,
        margin_x="auto",
        padding="40px 16px",
        width="100%",
    )
