"""`/admin/modules`: publish / unpublish, price or minimum tariff, adoption per module."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import routes
from tochka_app.components.admin_layout import admin_page
from tochka_app.components.table import actions_cell, actions_header, table
from tochka_app.i18n import gettext_, localized
from tochka_app.services import tariffs
from tochka_app.services.admin import modules_admin
from tochka_app.services.errors import parse_id
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclass
class ModuleLine:
    id: str
    code: str
    name: str
    published: bool
    installed: bool  # a package exists (otherwise "coming soon")
    price: str  # roubles, as the price input starts
    min_tariff: str  # a tariff code or "none"
    tenants: str


@dataclass
class TariffChoice:
    code: str  # or "none": any tariff
    name: str


class AdminModulesState(AdminSessionState):
    rows: list[ModuleLine] = []
    tariff_codes: list[TariffChoice] = []

    def _reload(self, session) -> None:
        self.rows = [
            ModuleLine(
                str(r.module.id),
                r.module.code,
                localized(r.module.name, self.lang),
                r.module.is_published,
                r.installed,
                f"{r.module.price_month_kopecks / 100:g}",
                r.min_tariff or "none",
                str(r.tenants),
            )
            for r in modules_admin.listing(session)
        ]
        self.tariff_codes = [
            TariffChoice("none", gettext_(self.lang, "admin.module.any_tariff")),
            *[
                TariffChoice(t.code, localized(t.name, self.lang))
                for t in tariffs.public_tariffs(session)
            ],
        ]

    @rx.event
    def load(self):
        return self._admin_load()

    @rx.event
    def set_published(self, module_id: str, published: bool):
        return self._admin_run(
            lambda session, admin: modules_admin.set_published(
                session, admin, parse_id(module_id), bool(published)
            )
        )

    @rx.event
    def save_pricing(self, form: dict):
        module_id = str(form.get("module_id", ""))
        price, min_tariff = str(form.get("price", ""))[:20], str(form.get("min_tariff", ""))[:32]
        return self._admin_run(
            lambda session, admin: modules_admin.set_pricing(
                session, admin, parse_id(module_id), price, min_tariff
            )
        )


@admin_page(routes.ADMIN_MODULES, title="title.admin_modules", on_load=AdminModulesState.load)
def admin_modules() -> rx.Component:
    S = AdminModulesState
    return rx.vstack(
        rx.heading(T["admin.nav.modules"], size="7"),
        table(
            rx.table.header(
                rx.table.row(
                    *[
                        rx.table.column_header_cell(T[k])
                        for k in (
                            "admin.col.name",
                            "admin.module.tenants",
                            "admin.module.published",
                        )
                    ],
                    actions_header(T["admin.module.pricing"]),
                )
            ),
            rx.table.body(
                rx.foreach(
                    S.rows,
                    lambda r: rx.table.row(
                        rx.table.cell(
                            rx.text(r.name, weight="medium"),
                            rx.text(
                                r.code,
                                rx.cond(r.installed, "", " · " + T["admin.module.soon"]),
                                size="1",
                                color=rx.color("gray", 10),
                            ),
                        ),
                        rx.table.cell(r.tenants, class_name="module-adoption"),
                        rx.table.cell(
                            rx.switch(
                                checked=r.published,
                                on_change=lambda v: S.set_published(r.id, v),
                                class_name="module-published",
                            )
                        ),
                        actions_cell(
                            rx.form(
                                rx.hstack(
                                    rx.input(type="hidden", name="module_id", value=r.id),
                                    rx.input(
                                        name="price",
                                        default_value=r.price,
                                        width="90px",
                                        aria_label=T["admin.module.price"],
                                        class_name="module-price",
                                    ),
                                    rx.select.root(
                                        rx.select.trigger(class_name="module-min-tariff"),
                                        rx.select.content(
                                            rx.foreach(
                                                S.tariff_codes,
                                                lambda t: rx.select.item(t.name, value=t.code),
                                            )
                                        ),
                                        name="min_tariff",
                                        default_value=r.min_tariff,
                                    ),
                                    rx.button(
                                        T["pages.save"],
                                        size="1",
                                        type="submit",
                                        class_name="module-save",
                                    ),
                                    spacing="2",
                                    align="center",
                                ),
                                on_submit=S.save_pricing,
                                reset_on_submit=False,
                            )
                        ),
                        class_name="module-row",
                        data_code=r.code,
                    ),
                )
            ),
            size="2",
        ),
        rx.text(T["admin.module.hint"], size="1", color=rx.color("gray", 10)),
        spacing="4",
        width="100%",
    )
