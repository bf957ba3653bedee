"""The marketplace inside a workspace: enable, configure and disable modules."""

import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import dialog_actions, field_error
from tochka_app.components.icons import data_icon
from tochka_app.services import marketplace
from tochka_app.services.access import Actor
from tochka_app.services.marketplace import SettingField, SettingsForm, TenantModuleCard
from tochka_app.services.permissions import Permission
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState, can

T = I18nState.t
CAN_MANAGE = can(Permission.manage_modules)


class AppMarketplaceState(SessionState):
    cards: list[TenantModuleCard] = []
    config_code: str = ""
    config_title: str = ""
    config_fields: list[SettingField] = []
    config_open: bool = False

    def _reload(self, session: Session, actor: Actor) -> None:
        self.cards = marketplace.catalog(session, actor.tenant_id, self.lang)
        self.module_menu = marketplace.menu(session, actor.tenant_id, self.lang)

    @rx.event
    def load(self):
        return self._load_page()

    @rx.event
    def enable(self, code: str):
        code = code[:64]
        return self._run(
            Permission.manage_modules,
            lambda session, actor: marketplace.enable(session, actor, code),
            done="marketplace.enabled_toast",
        )

    @rx.event
    def disable(self, code: str):
        code = code[:64]
        return self._run(
            Permission.manage_modules,
            lambda session, actor: marketplace.disable(session, actor, code),
            done="marketplace.disabled_toast",
        )

    @rx.event
    def open_settings(self, code: str):
        code, lang = code[:64], self.lang
        return self._run(
            Permission.manage_modules,
            lambda session, actor: marketplace.settings_form(session, actor, code, lang),
            reload=False,
            then=self._show_settings,
        )

    def _show_settings(self, form: SettingsForm):
        self.config_code, self.config_title, self.config_fields = form.code, form.title, form.fields
        self.config_open = True

    @rx.event
    def set_config_open(self, value: bool):
        self.config_open = value

    @rx.event
    def save_settings(self, form: dict):
        # Keep what was typed, whatever happens (the inputs are filled from config_fields).
        self.config_fields = [
            SettingField(
                f.key,
                f.type,
                f.label,
                str(form.get(f.key, ""))
                if f.type != "bool"
                else ("True" if form.get(f.key) == "on" else "False"),
                f.options,
            )
            for f in self.config_fields
        ]
        code = self.config_code
        return self._run(
            Permission.manage_modules,
            lambda session, actor: marketplace.save_settings(session, actor, code, form),
            reload=False,
            then=self._settings_saved,
        )

    def _settings_saved(self, _result):
        self.config_open = False
        return self._done("marketplace.settings_saved")


S = AppMarketplaceState


def setting_input(field) -> rx.Component:
    return rx.vstack(
        rx.text(field.label, size="2"),
        rx.match(
            field.type,
            ("bool", rx.checkbox(name=field.key, default_checked=field.value == "True")),
            (
                "int",
                rx.input(name=field.key, default_value=field.value, type="number", width="100%"),
            ),
            (
                "choice",
                rx.select.root(
                    rx.select.trigger(width="100%", aria_label=field.label),
                    rx.select.content(
                        rx.foreach(field.options, lambda o: rx.select.item(o[1], value=o[0]))
                    ),
                    name=field.key,
                    default_value=field.value,
                ),
            ),
            rx.input(name=field.key, default_value=field.value, width="100%", max_length=200),
        ),
        field_error(S.field_errors, field.key),
        spacing="1",
        width="100%",
    )


def settings_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(S.config_title),
            rx.form(
                rx.vstack(
                    rx.foreach(S.config_fields, setting_input),
                    rx.cond(
                        S.action_error != "",
                        rx.text(
                            S.action_error,
                            color=rx.color("red", 11),
                            size="2",
                            role="alert",
                            id="settings-error",
                        ),
                    ),
                    dialog_actions(T["pages.save"], "settings-save"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.save_settings,
                reset_on_submit=False,
            ),
            max_width="480px",
        ),
        open=S.config_open,
        on_open_change=S.set_config_open,
    )


def card_actions(card) -> rx.Component:
    return rx.cond(
        CAN_MANAGE,
        rx.match(
            card.state,
            (
                "enabled",
                rx.hstack(
                    rx.button(
                        T["marketplace.configure"],
                        size="1",
                        variant="soft",
                        on_click=S.open_settings(card.code),
                        class_name="configure-module",
                    ),
                    confirm_button(
                        T["marketplace.disable"],
                        T["marketplace.disable_q"],
                        S.disable(card.code),
                        class_name="disable-module",
                    ),
                    spacing="2",
                ),
            ),
            (
                "available",
                rx.button(
                    T["marketplace.enable"],
                    size="1",
                    on_click=S.enable(card.code),
                    class_name="enable-module",
                ),
            ),
            rx.fragment(),
        ),
    )


def module_tile(card) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.center(
                    data_icon(card.icon, size=20),
                    width="40px",
                    height="40px",
                    border_radius="10px",
                    background=rx.color("grass", 3),
                    color=rx.color("grass", 11),
                    flex_shrink="0",
                ),
                rx.vstack(
                    rx.heading(card.name, size="3"),
                    rx.badge(card.category_label, variant="soft", color_scheme="gray"),
                    spacing="1",
                ),
                spacing="3",
                align="center",
            ),
            rx.text(card.description, size="2", color=rx.color("gray", 11)),
            rx.link(
                T["module.details"],
                href=routes.module_detail(card.code),
                size="1",
                class_name="module-details",
            ),
            rx.spacer(),
            rx.hstack(
                rx.badge(
                    card.note,
                    variant="surface",
                    color_scheme=rx.match(
                        card.state, ("enabled", "grass"), ("needs_upgrade", "amber"), "gray"
                    ),
                ),
                card_actions(card),
                justify="between",
                width="100%",
                align="center",
                wrap="wrap",
            ),
            spacing="3",
            height="100%",
        ),
        class_name="tenant-module",
        data_code=card.code,
        data_state=card.state,
        width="100%",
    )


@app_page(routes.MARKETPLACE_APP, title="title.app_marketplace", on_load=S.load)
def app_marketplace() -> rx.Component:
    return rx.vstack(
        rx.heading(T["marketplace.title"], size="7"),
        rx.text(T["marketplace.subtitle"], size="2", color=rx.color("gray", 11)),
        rx.grid(
            rx.foreach(S.cards, module_tile),
            columns=rx.breakpoints(initial="1", sm="2", xl="3"),
            spacing="4",
            width="100%",
        ),
        settings_dialog(),
        spacing="4",
        width="100%",
    )
