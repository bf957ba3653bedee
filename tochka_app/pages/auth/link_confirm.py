"""`/auth/confirm`: "Link Telegram account «name» (@username) to your account?" — nothing is linked
until the user presses the button, and only an identity waiting on a flow this tab started."""

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.layout import public_page
from tochka_app.i18n import gettext_
from tochka_app.pages.auth.login_page import auth_card, error_callout
from tochka_app.services.auth import flows, onboarding
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t
PROVIDER_NAMES = {"telegram": "Telegram", "vk": "VK ID"}


def question(lang: str, identity) -> str:
    name = identity.display_name or identity.provider_user_id
    username = str(identity.profile.get("username", ""))
    provider = PROVIDER_NAMES.get(identity.provider, identity.provider)
    if username:
        return gettext_(lang, "external.confirm_question_username", provider=provider, name=name,
                        username=username)
    return gettext_(lang, "external.confirm_question", provider=provider, name=name)


class LinkConfirmState(SessionState):
    link_question: str = ""  # "" while nothing (valid) waits for confirmation
    link_error: str = ""

    def _waiting(self, session):
        """(active session, the flow of this tab waiting for this user's confirmation)."""
        active = self._active(session)
        flow = flows.awaiting(session, self._client_token())
        if flow is not None and not flows.allowed_for(flow, active.user.id if active else None):
            flow = None
        return active, flow

    @rx.event
    def load(self):
        self.link_question = self.link_error = ""
        with db.session_scope() as session:
            active, flow = self._waiting(session)
            if active is None:
                return rx.redirect(routes.LOGIN)
            if flow is None:
                self.link_error = gettext_(self.lang, "external.flow_invalid")
                return None
            self.link_question = question(self.lang, flows.identity_of(flow))
        return None

    @rx.event
    def confirm(self):
        with db.session_scope() as session:
            active, _ = self._waiting(session)
            if active is None:
                return rx.redirect(routes.LOGIN)
            _, error = flows.confirm(session, self._client_token(), active.user.id,
                                     self._client_ip())
            has_workspace = bool(onboarding.memberships(session, active.user.id))
        self.link_question = ""
        if error:
            self.link_error = gettext_(self.lang, error)
            return None
        return [rx.redirect(routes.PROFILE if has_workspace else routes.ONBOARDING),
                rx.toast.success(gettext_(self.lang, "external.link_done"))]

    @rx.event
    def cancel(self):
        with db.session_scope() as session:
            active = self._active(session)
            flows.cancel(session, self._client_token(), active.user.id if active else None,
                         self._client_ip())
        self.link_question = ""
        return rx.redirect(routes.PROFILE if active else routes.LOGIN)


@public_page(routes.LINK_CONFIRM, title="title.link_confirm",
             on_load=LinkConfirmState.load)
def link_confirm() -> rx.Component:
    S = LinkConfirmState
    return auth_card(
        rx.heading(T["external.confirm_title"], size="6"),
        error_callout(S.link_error),
        rx.cond(S.link_question != "", rx.vstack(
            rx.text(S.link_question, size="3", id="link-question"),
            rx.hstack(
                rx.button(T["external.confirm_link"], size="3", id="confirm-link",
                          on_click=S.confirm),
                rx.button(T["external.cancel_link"], size="3", variant="soft", color_scheme="gray",
                          id="cancel-link", on_click=S.cancel),
                spacing="2"),
            spacing="4", width="100%")),
        rx.cond(S.link_error != "",
                rx.link(rx.button(T["profile.title"], width="100%", variant="soft"),
                        href=routes.PROFILE)),
    )
