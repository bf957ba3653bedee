import asyncio

import reflex as rx

from tochka_app import db, routes
from tochka_app.i18n import format_seconds, gettext_
from tochka_app.services.auth import codes, flows, telegram_link
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


class LoginState(SessionState):
    phone: str = ""
    step: str = "phone"  # "phone" -> "code"
    error: str = ""
    sent_message: str = ""
    resend_in: int = 0
    telegram_url: str = ""
    busy: bool = False

    @rx.var
    def channel(self) -> str:
        return get_settings().auth_code_channel

    @rx.var
    def resend_wait(self) -> str:
        """The countdown with the language's unit: "59 с", "59 sec"."""
        return format_seconds(self.resend_in, self.locale)

    @rx.var
    def vk_enabled(self) -> bool:
        return bool(get_settings().vk_client_id)

    @rx.event
    def load(self):
        with db.session_scope() as session:
            if self._active(session) is not None:
                return rx.redirect(routes.APP)
            waiting = flows.awaiting(session, self._client_token()) is not None
        self.error = gettext_(self.lang, "external.unknown") if waiting else ""

    @rx.event
    def request_code(self, form: dict):
        self.phone = str(form.get("phone", self.phone))[:32]
        self.error, self.busy = "", True
        settings = get_settings()
        with db.session_scope() as session:
            result = codes.request_code(session, settings, self.phone, self._client_ip())
            if result.needs_telegram_link:
                self.telegram_url = telegram_link.deep_link(
                    settings, telegram_link.create_nonce(session, result.phone))
        self.busy = False
        if not result.ok:
            self.error = gettext_(self.lang, result.error,
                                  seconds=format_seconds(result.retry_after_s, self.lang))
            if result.error == "code.cooldown" and self.step == "code":
                self.resend_in = result.retry_after_s
            return None
        self.telegram_url = ""
        self.step, self.resend_in = "code", result.retry_after_s
        self.sent_message = gettext_(self.lang, "login.code_sent", phone=result.phone)
        return LoginState.count_down

    @rx.event
    def resend(self):
        return LoginState.request_code({"phone": self.phone})

    @rx.event(background=True)
    async def count_down(self):
        while True:
            await asyncio.sleep(1)
            async with self:
                if self.resend_in <= 0:
                    return
                self.resend_in -= 1

    @rx.event
    def change_phone(self):
        self.step, self.error, self.resend_in = "phone", "", 0

    @rx.event
    def verify(self, form: dict):
        code = str(form.get("code", ""))[:12]
        settings = get_settings()
        with db.session_scope() as session:
            check = codes.verify_code(session, settings, self.phone, code, self._client_ip())
            if check.user is None:
                self.error = gettext_(self.lang, check.error)
                return None
            # An external account tried in this tab before the phone was proven is linked only
            # once the user confirms it on the next screen.
            waiting = flows.awaiting(session, self._client_token())
            confirm = waiting is not None and flows.allowed_for(waiting, check.user.id)
            hand_over = self._sign_in(session, check.user,
                                      routes.LINK_CONFIRM if confirm else None)
        self.error, self.step = "", "phone"
        return hand_over
