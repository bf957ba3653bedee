"""`/auth/confirm`: "Link Telegram account «name» (@username) to your account?" — nothing is linked
until the user presses the button, and only an identity waiting on a flow this tab started."""

import reflex as rx

from tochka_app import routes
from tochka_app.components.layout import public_page
from tochka_app.i18n import gettext_
from tochka_app.pages.auth.guard import SignInFlow
from tochka_app.pages.auth.login_page import auth_card, error_callout
from tochka_app.services.auth import flows, onboarding
from tochka_app.services.auth.errors import ExternalError
from tochka_app.services.errors import ServiceError
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t
PROVIDER_NAMES = {"telegram": "Telegram", "vk": "VK ID"}


def question(lang: str, identity) -> str:
    name = identity.display_name or identity.provider_user_id
    username = str(identity.profile.get("username", ""))
    provider = PROVIDER_NAMES.get(identity.provider, identity.provider)
    if username:
        return gettext_(
            lang,
            "external.confirm_question_username",
            provider=provider,
            name=name,
            username=username,
        )
    return gettext_(lang, "external.confirm_question", provider=provider, name=name)


class LinkConfirmState(SignInFlow, SessionState):
    link_question: str = ""  # "" while nothing (valid) waits for confirmation

    @rx.event
    def load(self):
        self.link_question = ""

        def ask(session, active):
            identity = flows.waiting_identity(session, self._client_token(), active.user.id)
            if identity is None:
                raise ServiceError(ExternalError.flow_invalid)
            self.link_question = question(self.lang, identity)

        return self._run_signed_in(ask)

    @rx.event
    def confirm(self):
        self.link_question = ""

        def link(session, active):
            flows.confirm(session, self._client_token(), active.user.id, self._client_ip())
            return bool(onboarding.memberships(session, active.user.id))

        def linked(has_workspace: bool):
            return [
                rx.redirect(routes.PROFILE if has_workspace else routes.ONBOARDING),
                rx.toast.success(gettext_(self.lang, "external.link_done")),
            ]

        # The flow is used up either way: a refused link (someone else's account) stays refused.
        return self._run_signed_in(link, then=linked, commit_refused=True)

    @rx.event
    def cancel(self):
        def decline(session):
            active = self._active(session)
            flows.cancel(
                session, self._client_token(), active.user.id if active else None, self._client_ip()
            )
            return active is not None

        signed_in = self._attempt(decline)
        self.link_question = ""
        return rx.redirect(routes.PROFILE if signed_in else routes.LOGIN)


@public_page(routes.LINK_CONFIRM, title="title.link_confirm", on_load=LinkConfirmState.load)
def link_confirm() -> rx.Component:
    S = LinkConfirmState
    return auth_card(
        rx.heading(T["external.confirm_title"], size="6"),
        error_callout(S.action_error),
        rx.cond(
            S.link_question != "",
            rx.vstack(
                rx.text(S.link_question, size="3", id="link-question"),
                rx.hstack(
                    rx.button(
                        T["external.confirm_link"], size="3", id="confirm-link", on_click=S.confirm
                    ),
                    rx.button(
                        T["external.cancel_link"],
                        size="3",
                        variant="soft",
                        color_scheme="gray",
                        id="cancel-link",
                        on_click=S.cancel,
                    ),
                    spacing="2",
                ),
                spacing="4",
                width="100%",
            ),
        ),
        rx.cond(
            S.action_error != "",
            rx.link(
                rx.button(T["profile.title"], width="100%", variant="soft"), href=routes.PROFILE
            ),
        ),
    )
