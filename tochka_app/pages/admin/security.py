"""`/admin/security`: the signed-in admin's own second factor (TOTP app + recovery codes).

The secret and the recovery codes reach the browser exactly once, while they are set up; they
are cleared from the state as soon as the admin leaves or confirms having saved them."""

import base64

import reflex as rx

from tochka_app import routes
from tochka_app.components.admin_layout import admin_page
from tochka_app.services.auth import admin_totp
from tochka_app.settings import get_settings
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


class AdminSecurityState(AdminSessionState):
    """Every action goes through `_admin_run`; a wrong code is shown next to the code forms
    (`field_errors["code"]`), any other refusal as a toast."""

    enabled: bool = False
    recovery_left: int = 0
    setup_secret: str = ""  # shown once during setup
    setup_uri: str = ""
    setup_qr: str = ""  # data: URL of the QR code (img-src allows data:)
    recovery_codes: list[str] = []  # shown once after confirming or renewing

    def _reload(self, session):
        active = self._admin(session)
        if active is None:
            return
        self.enabled = admin_totp.is_enabled(session, active.user.id)
        self.recovery_left = admin_totp.remaining_recovery_codes(session, active.user.id)

    def _hide_secrets(self):
        self.setup_secret = self.setup_uri = self.setup_qr = ""
        self.recovery_codes = []

    @rx.event
    def load(self):
        self._hide_secrets()
        return self._admin_load()

    @rx.event
    def start_setup(self):
        def run(session, admin):
            return admin_totp.begin_setup(session, admin.user_id, get_settings())

        def show(setup: admin_totp.Setup):
            self.setup_secret, self.setup_uri, self.recovery_codes = setup.secret, setup.uri, []
            self.setup_qr = (
                "data:image/svg+xml;base64," + base64.b64encode(setup.qr_svg.encode()).decode()
            )

        return self._admin_run(run, then=show)

    def _show_codes(self, codes: list[str]):
        self.setup_secret = self.setup_uri = self.setup_qr = ""
        self.recovery_codes = codes

    @rx.event
    def confirm_setup(self, form: dict):
        code = str(form.get("code", ""))
        return self._admin_run(
            lambda session, admin: admin_totp.confirm_setup(session, admin.user_id, code, admin.ip),
            then=self._show_codes,
        )

    @rx.event
    def renew_codes(self, form: dict):
        code = str(form.get("code", ""))
        self.recovery_codes = []
        return self._admin_run(
            lambda session, admin: admin_totp.regenerate_recovery_codes(
                session, admin.user_id, code, admin.ip
            ),
            then=self._show_codes,
        )

    @rx.event
    def disable(self, form: dict):
        code = str(form.get("code", ""))
        self._hide_secrets()
        return self._admin_run(
            lambda session, admin: admin_totp.disable(session, admin.user_id, code, admin.ip),
            done=None,
        )

    @rx.event
    def saved_codes(self):
        self._hide_secrets()


def _code_form(handler, label_key: str, button_key: str, form_id: str, **button) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.input(
                name="code",
                placeholder=T["admin.totp.code"],
                max_length=40,
                size="2",
                auto_complete="one-time-code",
                id=f"{form_id}-code",
            ),
            rx.button(T[button_key], type="submit", size="2", id=f"{form_id}-submit", **button),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.text(T[label_key], size="1", color_scheme="gray"),
        on_submit=handler,
        reset_on_submit=True,
        id=form_id,
    )


def setup_block() -> rx.Component:
    S = AdminSecurityState
    return rx.cond(
        S.setup_secret != "",
        rx.vstack(
            rx.text(T["admin.totp.scan_hint"], size="2"),
            rx.image(
                src=S.setup_qr,
                width="200px",
                height="200px",
                id="totp-qr",
                background="white",
                alt="QR",
            ),
            rx.code(S.setup_uri, id="totp-uri", word_break="break-all"),
            rx.text(
                T["admin.totp.secret"], " ", rx.code(S.setup_secret, id="totp-secret"), size="2"
            ),
            _code_form(
                S.confirm_setup, "admin.totp.confirm_hint", "admin.totp.confirm", "totp-confirm"
            ),
            spacing="3",
            width="100%",
        ),
        rx.button(T["admin.totp.enable"], on_click=S.start_setup, id="totp-enable"),
    )


def codes_block() -> rx.Component:
    S = AdminSecurityState
    return rx.cond(
        S.recovery_codes.length() > 0,
        rx.callout.root(
            rx.callout.text(T["admin.totp.codes_hint"]),
            rx.el.ul(
                rx.foreach(
                    S.recovery_codes, lambda c: rx.el.li(rx.code(c), class_name="recovery-code")
                )
            ),
            rx.button(
                T["admin.totp.codes_saved"], on_click=S.saved_codes, size="2", id="codes-saved"
            ),
            color_scheme="amber",
            id="recovery-codes",
        ),
    )


@admin_page(routes.ADMIN_SECURITY, title="title.admin_security", on_load=AdminSecurityState.load)
def admin_security() -> rx.Component:
    S = AdminSecurityState
    return rx.vstack(
        rx.heading(T["admin.totp.title"], size="6"),
        rx.text(T["admin.totp.about"], size="2", color_scheme="gray"),
        rx.cond(
            S.field_errors.contains("code"),
            rx.callout(S.field_errors["code"], color_scheme="red", id="totp-message"),
        ),
        codes_block(),
        rx.cond(
            S.enabled,
            rx.vstack(
                rx.badge(T["admin.totp.on"], color_scheme="grass", id="totp-status"),
                rx.text(T["admin.totp.codes_left"], " ", S.recovery_left, size="2"),
                _code_form(
                    S.renew_codes,
                    "admin.totp.renew_hint",
                    "admin.totp.renew",
                    "totp-renew",
                    variant="soft",
                ),
                _code_form(
                    S.disable,
                    "admin.totp.disable_hint",
                    "admin.totp.disable",
                    "totp-disable",
                    color_scheme="red",
                    variant="soft",
                ),
                spacing="3",
                width="100%",
            ),
            rx.vstack(
                rx.badge(T["admin.totp.off"], color_scheme="gray", id="totp-status"),
                setup_block(),
                spacing="3",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
        max_width="640px",
    )
