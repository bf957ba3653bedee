"""Invitations waiting for the logged-in user's phone, shown on onboarding and the overview."""

import reflex as rx

from tochka_app import db, routes
from tochka_app.i18n import gettext_
from tochka_app.services import team
from tochka_app.services.auth import onboarding
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t


class InvitesState(SessionState):
    pending: list[dict[str, str]] = []

    @rx.event
    def load_invites(self):
        with db.session_scope() as session:
            active = self._active(session)
            if active is None:
                self.pending = []
                return
            self.pending = [
                {"id": str(i.id), "text": gettext_(self.lang, "invites.to", name=t.name) + " "
                 + gettext_(self.lang, f"app.role.{i.role}")}
                for i, t in team.invites_for_user(session, active.user)
            ]

    @rx.event
    def accept(self, invite_id: str):
        with db.session_scope() as session:
            active = self._active(session)
            if active is None:
                return rx.redirect(routes.LOGIN)
            try:
                tenant_id = team.accept_invite(session, active.user, parse_id(invite_id),
                                               self._client_ip())
            except ServiceError as error:
                return self._refuse(error)
            onboarding.switch_tenant(session, active, str(tenant_id))
        return rx.redirect(routes.APP)


def pending_invites() -> rx.Component:
    return rx.cond(
        InvitesState.pending.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("mail")),
            rx.vstack(
                rx.text(T["invites.title"], weight="bold"),
                rx.foreach(InvitesState.pending, lambda i: rx.hstack(
                    rx.text(i["text"], size="2"),
                    rx.button(T["invites.accept"], size="1", on_click=InvitesState.accept(i["id"]),
                              class_name="accept-invite"),
                    align="center", spacing="3", wrap="wrap")),
                spacing="2",
            ),
            width="100%", color_scheme="grass",
        ),
    )
