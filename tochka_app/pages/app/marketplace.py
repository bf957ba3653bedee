"""The marketplace inside a workspace: enable, configure and disable modules."""

import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.icons import data_icon
from tochka_app.i18n import gettext_, localized
from tochka_app.modules import registry
from tochka_app.services import marketplace, team
from tochka_app.services.marketplace import TenantModuleCard
from tochka_app.services.permissions import Permission, allowed
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t


class AppMarketplaceState(SessionState):
    cards: list[TenantModuleCard] = []
    can_manage: bool = False
    config_code: str = ""
    config_title: str = ""
    config_fields: list[dict[str, str]] = []
    config_errors: dict[str, str] = {}
    config_open: bool = False

    def _refresh(self, session: Session, actor: team.Actor) -> None:
        self.cards = marketplace.catalog(session, actor.tenant_id, self.lang)
        self.can_manage = allowed(actor, Permission.manage_modules)
        self.module_menu = marketplace.menu(session, actor.tenant_id, self.lang)

    def _change(self, operation, code: str, success_key: str):
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return rx.redirect(routes.LOGIN)
            error = operation(session, actor, code[:64])
        with db.session_scope() as session:
            self._refresh(session, actor)
        if error:
            return rx.toast.error(gettext_(self.lang, error))
        return rx.toast.success(gettext_(self.lang, success_key))

    @rx.event
    def load(self):
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return rx.redirect(routes.LOGIN)
            self._refresh(session, actor)

    @rx.event
    def enable(self, code: str):
        return self._change(marketplace.enable, code, "marketplace.enabled_toast")

    @rx.event
    def disable(self, code: str):
        return self._change(marketplace.disable, code, "marketplace.disabled_toast")

    @rx.event
    def open_settings(self, code: str):
        manifest = registry.get(code[:64])
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None or manifest is None or not allowed(actor,
                                                            Permission.manage_modules):
                return None
            current = marketplace.settings_of(session, actor.tenant_id, manifest.code)
        self.config_code, self.config_title = manifest.code, localized(manifest.name, self.lang)
        self.config_fields = [
            {"key": f.key, "type": f.type, "label": localized(f.label, self.lang),
             "value": "" if current.get(f.key, f.default) is None
             else str(current.get(f.key, f.default)),
             "choices": ",".join(f.choices)}
            for f in manifest.settings
        ]
        self.config_errors, self.config_open = {}, True

    @rx.event
    def set_config_open(self, value: bool):
        self.config_open = value

    @rx.event
    def save_settings(self, form: dict):
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return rx.redirect(routes.LOGIN)
            errors = marketplace.save_settings(session, actor, self.config_code, form)
        # Keep what was typed, whatever happened.
        self.config_fields = [{**f, "value": str(form.get(f["key"], "")) if f["type"] != "bool"
                               else ("True" if form.get(f["key"]) == "on" else "False")}
                              for f in self.config_fields]
        self.config_errors = {k: gettext_(self.lang, v) for k, v in errors.items()}
        if errors:
            return None
        self.config_open = False
        return rx.toast.success(gettext_(self.lang, "marketplace.settings_saved"))


S = AppMarketplaceState


def setting_input(field) -> rx.Component:
    return rx.vstack(
        rx.text(field["label"], size="2"),
        rx.match(
            field["type"],
            ("bool", rx.checkbox(name=field["key"], default_checked=field["value"] == "True")),
            ("int", rx.input(name=field["key"], default_value=field["value"], type="number",
                             width="100%")),
            rx.input(name=field["key"], default_value=field["value"], width="100%",
                     max_length=200),
        ),
        rx.cond(S.config_errors.contains(field["key"]),
                rx.text(S.config_errors[field["key"]], size="1", color=rx.color("red", 11))),
        spacing="1", width="100%",
    )


def settings_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(S.config_title),
            rx.form(
                rx.vstack(
                    rx.foreach(S.config_fields, setting_input),
                    rx.cond(S.config_errors.contains("_"),
                            rx.text(S.config_errors["_"], color=rx.color("red", 11), size="2")),
                    rx.hstack(rx.dialog.close(rx.button(T["common.cancel"], variant="soft",
                                                        color_scheme="gray", type="button")),
                              rx.button(T["pages.save"], type="submit", id="settings-save"),
                              justify="end", width="100%"),
                    spacing="3", width="100%",
                ),
                on_submit=S.save_settings, reset_on_submit=False,
            ),
            max_width="480px",
        ),
        open=S.config_open, on_open_change=S.set_config_open,
    )


def card_actions(card) -> rx.Component:
    return rx.cond(
        S.can_manage,
        rx.match(
            card.state,
            ("enabled", rx.hstack(
                rx.button(T["marketplace.configure"], size="1", variant="soft",
                          on_click=S.open_settings(card.code), class_name="configure-module"),
                confirm_button(T["marketplace.disable"], T["marketplace.disable_q"],
                               S.disable(card.code), class_name="disable-module"),
                spacing="2")),
            ("available", rx.button(T["marketplace.enable"], size="1",
                                    on_click=S.enable(card.code), class_name="enable-module")),
            rx.fragment(),
        ),
    )


def module_tile(card) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.center(data_icon(card.icon, size=20), width="40px", height="40px",
                          border_radius="10px", background=rx.color("grass", 3),
                          color=rx.color("grass", 11), flex_shrink="0"),
                rx.vstack(rx.heading(card.name, size="3"),
                          rx.badge(card.category_label, variant="soft", color_scheme="gray"),
                          spacing="1"),
                spacing="3", align="center",
            ),
            rx.text(card.description, size="2", color=rx.color("gray", 11)),
            rx.link(T["module.details"], href=routes.module_detail(card.code), size="1",
                    class_name="module-details"),
            rx.spacer(),
            rx.hstack(
                rx.badge(card.note, variant="surface", color_scheme=rx.match(
                    card.state, ("enabled", "grass"), ("needs_upgrade", "amber"), "gray")),
                card_actions(card),
                justify="between", width="100%", align="center", wrap="wrap",
            ),
            spacing="3", height="100%",
        ),
        class_name="tenant-module", data_code=card.code, data_state=card.state, width="100%",
    )


@app_page(routes.MARKETPLACE_APP, title="title.app_marketplace", on_load=S.load)
def app_marketplace() -> rx.Component:
    return rx.vstack(
        rx.heading(T["marketplace.title"], size="7"),
        rx.text(T["marketplace.subtitle"], size="2", color=rx.color("gray", 11)),
        rx.grid(rx.foreach(S.cards, module_tile),
                columns=rx.breakpoints(initial="1", sm="2", xl="3"), spacing="4", width="100%"),
        settings_dialog(),
        spacing="4", width="100%",
    )
