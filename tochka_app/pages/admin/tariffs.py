"""`/admin/tariffs`: create, edit (with the number of affected tenants confirmed), archive,
delete unused, reorder. The landing's pricing reads the same rows, so it changes at once."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import routes
from tochka_app.components.admin_layout import admin_page
from tochka_app.components.callouts import rich_callout
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import field_error, form_error
from tochka_app.components.table import actions_cell, table
from tochka_app.i18n import format_money, gettext_
from tochka_app.services.admin import tariffs_admin
from tochka_app.services.admin.tariffs_admin import TariffError
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t
FIELDS = ("code", *tariffs_admin.EDITABLE)


@dataclass
class TariffLine:
    id: str
    code: str
    name: str
    price: str
    subscribers: int
    public: bool
    archived: bool


class AdminTariffsState(AdminSessionState):
    rows: list[TariffLine] = []
    editing_id: str = ""
    form: dict[str, str] = {}  # the edit form's values by field name
    dialog_open: bool = False
    form_key: int = 0
    confirm_count: int = 0  # tenants a pending change affects; > 0 shows the confirmation
    confirm_note: str = ""  # what the change means for them (a new price: from their next period)

    def _reload(self, session) -> None:
        self.rows = [
            TariffLine(
                str(r.tariff.id),
                r.tariff.code,
                r.tariff.name.get(self.lang) or r.tariff.name.get("ru", ""),
                format_money(r.tariff.price_month_kopecks, self.lang),
                r.subscribers,
                r.tariff.is_public,
                r.tariff.is_archived,
            )
            for r in tariffs_admin.listing(session)
        ]

    def _refuse(self, error: ServiceError):
        """A change that reaches subscribers is not refused but asked about: show the count."""
        if error.code != TariffError.confirm:
            return super()._refuse(error)
        self.confirm_count = int(str(error.params.get("subscribers", 0)))
        self.confirm_note = (
            gettext_(self.lang, "admin.tariff.price_next_period")
            if error.params.get("new_price")
            else ""
        )
        return None

    @rx.event
    def load(self):
        return self._admin_load()

    @rx.event
    def new(self):
        self._clear_feedback()
        self.editing_id, self.form, self.confirm_count = "", {"is_public": "on"}, 0
        self.form_key, self.dialog_open = self.form_key + 1, True

    @rx.event
    def edit(self, tariff_id: str):
        return self._admin_run(
            lambda session, _admin: tariffs_admin.form_values(session, parse_id(tariff_id)),
            then=lambda values: self._editing(tariff_id, values),
        )

    def _editing(self, tariff_id: str, values: dict[str, str]):
        self.form, self.editing_id, self.confirm_count = values, tariff_id, 0
        self.form_key, self.dialog_open = self.form_key + 1, True

    @rx.event
    def set_dialog(self, open_: bool):
        self.dialog_open = open_

    def _save(self, confirmed: int | None):
        editing, form = self.editing_id, dict(self.form)
        self.confirm_count, self.confirm_note = 0, ""
        return self._admin_run(
            lambda session, admin: tariffs_admin.save(
                session, admin, parse_id(editing) if editing else None, form, confirmed
            ),
            then=self._saved,
        )

    def _saved(self, _affected: int):
        self.dialog_open = False
        return self._done("admin.done")

    @rx.event
    def save(self, form: dict):
        self.form = {k: str(form.get(k, ""))[:300] for k in FIELDS}
        if not self.editing_id:
            self.form["code"] = str(form.get("code", ""))[:40]
        return self._save(None)

    @rx.event
    def confirm_save(self):
        return self._save(self.confirm_count)

    @rx.event
    def cancel_confirm(self):
        self.confirm_count, self.confirm_note = 0, ""

    def _act(self, operation, tariff_id: str, *args):
        return self._admin_run(
            lambda session, admin: operation(session, admin, parse_id(tariff_id), *args)
        )

    @rx.event
    def archive(self, tariff_id: str, archived: bool):
        return self._act(tariffs_admin.set_archived, tariff_id, bool(archived))

    @rx.event
    def delete(self, tariff_id: str):
        return self._act(tariffs_admin.delete, tariff_id)

    @rx.event
    def move(self, tariff_id: str, step: int):
        return self._act(tariffs_admin.move, tariff_id, int(step))


def _input(name: str, label_key: str, **props) -> rx.Component:
    S = AdminTariffsState
    return rx.vstack(
        rx.text(T[label_key], size="1"),
        rx.input(
            name=name,
            id=f"tariff-{name}",
            default_value=S.form.get(name, ""),
            width="100%",
            **props,
        ),
        field_error(S.field_errors, name),
        spacing="1",
        width="100%",
    )


def editor() -> rx.Component:
    S = AdminTariffsState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(
                rx.cond(S.editing_id != "", T["admin.tariff.edit"], T["admin.tariff.new"])
            ),
            rx.form(
                rx.vstack(
                    rx.cond(
                        S.editing_id == "",
                        _input("code", "admin.tariff.code", placeholder="premium"),
                    ),
                    rx.grid(
                        _input("name_ru", "admin.tariff.name_ru"),
                        _input("name_en", "admin.tariff.name_en"),
                        _input("description_ru", "admin.tariff.description_ru"),
                        _input("description_en", "admin.tariff.description_en"),
                        _input("price", "admin.tariff.price"),
                        _input("trial_days", "admin.tariff.trial"),
                        _input("max_modules", "admin.tariff.max_modules"),
                        _input("max_staff", "admin.tariff.max_staff"),
                        _input("max_products", "admin.tariff.max_products"),
                        _input("max_storage_mb", "admin.tariff.max_storage"),
                        columns="2",
                        spacing="3",
                        width="100%",
                    ),
                    rx.text(
                        T["admin.tariff.empty_unlimited"], size="1", color=rx.color("gray", 10)
                    ),
                    rx.hstack(
                        rx.checkbox(
                            name="is_public",
                            id="tariff-is_public",
                            default_checked=S.form.get("is_public", "") == "on",
                        ),
                        rx.text(T["admin.tariff.public"], size="2"),
                    ),
                    form_error(S, "_", id="tariff-form-error"),
                    rx.cond(
                        S.confirm_count > 0,
                        rich_callout(
                            rx.vstack(
                                rx.text(
                                    T["admin.tariff.confirm"],
                                    " ",
                                    S.confirm_count,
                                    id="tariff-confirm-text",
                                ),
                                rx.cond(
                                    S.confirm_note != "",
                                    rx.text(S.confirm_note, size="2", id="tariff-confirm-note"),
                                ),
                                rx.hstack(
                                    rx.button(
                                        T["common.confirm"],
                                        type="button",
                                        color_scheme="amber",
                                        on_click=S.confirm_save,
                                        id="tariff-confirm",
                                    ),
                                    rx.button(
                                        T["common.cancel"],
                                        type="button",
                                        variant="soft",
                                        on_click=S.cancel_confirm,
                                        id="tariff-confirm-cancel",
                                    ),
                                    spacing="2",
                                ),
                            ),
                            icon="triangle-alert",
                            color_scheme="amber",
                        ),
                    ),
                    rx.hstack(
                        rx.button(T["pages.save"], type="submit", id="tariff-save"),
                        justify="end",
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.save,
                reset_on_submit=False,
                key=S.form_key.to_string(),
            ),
            max_width="640px",
        ),
        open=S.dialog_open,
        on_open_change=S.set_dialog,
    )


@admin_page(routes.ADMIN_TARIFFS, title="title.admin_tariffs", on_load=AdminTariffsState.load)
def admin_tariffs() -> rx.Component:
    S = AdminTariffsState
    return rx.vstack(
        rx.hstack(
            rx.heading(T["admin.nav.tariffs"], size="7"),
            rx.button(T["admin.tariff.new"], on_click=S.new, id="tariff-new"),
            justify="between",
            width="100%",
            align="center",
        ),
        table(
            rx.table.body(
                rx.foreach(
                    S.rows,
                    lambda r: rx.table.row(
                        rx.table.cell(
                            rx.text(r.name, weight="medium"),
                            rx.text(r.code, size="1", color=rx.color("gray", 10)),
                        ),
                        rx.table.cell(r.price),
                        rx.table.cell(T["admin.tariff.subscribers"], " ", r.subscribers),
                        rx.table.cell(
                            rx.cond(
                                r.archived,
                                rx.badge(T["admin.tariff.archived"]),
                                rx.cond(
                                    r.public,
                                    rx.badge(T["admin.tariff.public"], color_scheme="grass"),
                                    rx.badge(T["admin.tariff.hidden"]),
                                ),
                            )
                        ),
                        actions_cell(
                            rx.button("↑", size="1", variant="soft", on_click=S.move(r.id, -1)),
                            rx.button("↓", size="1", variant="soft", on_click=S.move(r.id, 1)),
                            rx.button(
                                T["pages.edit"],
                                size="1",
                                variant="soft",
                                on_click=S.edit(r.id),
                                class_name="tariff-edit",
                            ),
                            rx.cond(
                                r.archived,
                                rx.button(
                                    T["admin.tariff.restore"],
                                    size="1",
                                    variant="soft",
                                    on_click=S.archive(r.id, False),
                                ),
                                confirm_button(
                                    T["admin.tariff.archive"],
                                    T["admin.tariff.archive_q"],
                                    S.archive(r.id, True),
                                    color_scheme="amber",
                                ),
                            ),
                            rx.cond(
                                r.subscribers == 0,
                                confirm_button(
                                    T["pages.delete"], T["admin.tariff.delete_q"], S.delete(r.id)
                                ),
                            ),
                        ),
                        class_name="tariff-row",
                        data_code=r.code,
                    ),
                )
            ),
            size="2",
        ),
        editor(),
        spacing="4",
        width="100%",
    )
