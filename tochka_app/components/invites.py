"""Invitations waiting for the logged-in user's phone, shown on onboarding and the overview."""

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.i18n import gettext_
from tochka_app.services import team
from tochka_app.services.auth import onboarding
from tochka_app.services.auth.sessions import ActiveSession
from tochka_app.services.errors import parse_id
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t


@dataclass
class InviteOffer:
    id: str
    text: str  # "В «Ромашку» как Сотрудник"


class InvitesState(SessionState):
    """Invitations are the person's, not a workspace's: they are shown (and accepted) before the
    person has any workspace, so the handlers go through `_run_signed_in`."""

    pending: list[InviteOffer] = []

    @rx.event
    def load_invites(self):
        self.pending = []
        return self._run_signed_in(self._show_invites)

    def _show_invites(self, session: Session, active: ActiveSession) -> None:
        self.pending = [
            InviteOffer(
                str(i.id),
                gettext_(self.lang, "invites.to", name=t.name)
                + " "
                + gettext_(self.lang, f"app.role.{i.role}"),
            )
            for i, t in team.invites_for_user(session, active.user)
        ]

    @rx.event
    def accept(self, invite_id: str):
        def join(session: Session, active: ActiveSession) -> None:
            tenant_id = team.accept_invite(
                session, active.user, parse_id(invite_id), self._client_ip()
            )
            onboarding.switch_tenant(session, active, str(tenant_id))

        return self._run_signed_in(join, then=lambda _: rx.redirect(routes.APP))


def pending_invites() -> rx.Component:
    return rx.cond(
        InvitesState.pending.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("mail")),
            rx.vstack(
                rx.text(T["invites.title"], weight="bold"),
                rx.foreach(
                    InvitesState.pending,
                    lambda i: rx.hstack(
                        rx.text(i.text, size="2"),
                        rx.button(
                            T["invites.accept"],
                            size="1",
                            on_click=InvitesState.accept(i.id),
                            class_name="accept-invite",
                        ),
                        align="center",
                        spacing="3",
                        wrap="wrap",
                    ),
                ),
                spacing="2",
            ),
            width="100%",
            color_scheme="grass",
        ),
    )
