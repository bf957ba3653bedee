import asyncio

import reflex as rx

from tochka_app import db, routes
from tochka_app.i18n import format_seconds, gettext_
from tochka_app.pages.auth.guard import SignInFlow
from tochka_app.services.auth import codes, flows, telegram_link
from tochka_app.services.auth.errors import NEEDS_TELEGRAM_LINK, CodeError
from tochka_app.services.errors import ServiceError
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


class LoginState(SignInFlow, SessionState):
    phone: str = ""
    step: str = "phone"  # "phone" -> "code"
    notice: str = ""  # not a refusal: an external account waits to be linked after the code
    sent_message: str = ""
    resend_in: int = 0
    telegram_url: str = ""
    busy: bool = False

    @rx.var
    def error(self) -> str:
        """What `#auth-error` shows: why the phone or the code was refused, else the notice."""
        return (
            self.field_errors.get("phone")
            or self.field_errors.get("code")
            or self.action_error
            or self.notice
        )

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
        self._clear_feedback()
        with db.session_scope() as session:
            if self._active(session) is not None:
                return rx.redirect(routes.APP)
            waiting = flows.awaiting(session, self._client_token()) is not None
        self.notice = gettext_(self.lang, "external.unknown") if waiting else ""
        return None

    def _show_refused_code(self, error: ServiceError):
        """A refused code request; a wait is written with the language's unit ("59 с")."""
        if "seconds" in error.params:
            seconds = int(error.params["seconds"])
            if error.code == CodeError.cooldown and self.step == "code":
                self.resend_in = seconds
            error = ServiceError(
                error.code,
                error.field,
                **{**error.params, "seconds": format_seconds(seconds, self.lang)},
            )
        return self._show(error)

    @rx.event
    def request_code(self, form: dict):
        self.phone = str(form.get("phone", self.phone))[:32]
        self.notice, self.busy = "", True
        settings = get_settings()

        def send(session):
            try:
                return codes.request_code(session, settings, self.phone, self._client_ip())
            except ServiceError as error:
                if error.code in NEEDS_TELEGRAM_LINK:  # offer the bot, which learns the phone
                    self.telegram_url = telegram_link.deep_link(
                        settings, telegram_link.create_nonce(session, str(error.params["phone"]))
                    )
                raise

        answer = self._attempt(send, then=self._code_sent, refused=self._show_refused_code)
        self.busy = False
        return answer

    def _code_sent(self, sent: codes.CodeSent):
        self.telegram_url = ""
        self.step, self.resend_in = "code", sent.retry_after_s
        self.sent_message = gettext_(self.lang, "login.code_sent", phone=sent.phone)
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
        self._clear_feedback()
        self.step, self.resend_in = "phone", 0

    @rx.event
    def verify(self, form: dict):
        code = str(form.get("code", ""))[:12]
        settings = get_settings()

        def check(session):
            signed = codes.verify_code(session, settings, self.phone, code, self._client_ip())
            # An external account tried in this tab before the phone was proven is linked only
            # once the user confirms it on the next screen.
            waiting = flows.waiting_identity(session, self._client_token(), signed.user.id)
            return self._sign_in(
                session, signed.user, routes.LINK_CONFIRM if waiting is not None else None
            )

        def signed_in(hand_over):
            self.step, self.notice = "phone", ""
            return hand_over

        return self._attempt(check, then=signed_in)  # a wrong code counts even though refused
