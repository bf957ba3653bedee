from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.i18n import format_date, format_datetime, gettext_
from tochka_app.services import entitlements, marketplace, permissions, team
from tochka_app.services.access import Actor
from tochka_app.services.errors import parse_id
from tochka_app.services.permissions import Permission
from tochka_app.services.team import TeamError
from tochka_app.state.session import SessionState


@dataclass
class MemberRow:
    user_id: str
    name: str
    phone: str
    role: str
    last_login: str
    me: bool


@dataclass
class InviteRow:
    id: str
    phone: str
    role: str
    expires: str


def _label(lang: str, permission: str) -> str:
    """The permission in words (a new module without its `perm.*` messages yet: its name)."""
    text = gettext_(lang, f"perm.{permission}")
    return permission if text == f"perm.{permission}" else text


@dataclass
class RightRow:
    """A line of "who may do what": the permission in words and the lowest role holding it."""

    permission: str
    label: str
    role: str


class TeamState(SessionState):
    members: list[MemberRow] = []
    invites: list[InviteRow] = []
    seats: str = ""
    invite_phone: str = ""
    invite_key: int = 0  # bumps after a sent invite to empty the phone field
    rights: list[RightRow] = []  # the permission table, modules of this workspace included

    @rx.var
    def seat_limit_hit(self) -> bool:
        """The last invite hit the tariff's seat limit: show the way to a bigger tariff."""
        return self.refused_code == TeamError.seat_limit

    def _reload(self, session: Session, actor: Actor) -> None:
        never, tz = gettext_(self.lang, "team.never"), self._zone(session, actor.tenant_id)
        self.members = [
            MemberRow(
                str(m.user_id),
                m.name or "—",
                m.phone,
                m.role,
                format_datetime(m.last_login_at, self.lang, "short", tz)
                if m.last_login_at
                else never,
                m.user_id == actor.user_id,
            )
            for m in team.members(session, actor.tenant_id)
        ]
        self.invites = [
            InviteRow(
                str(i.id),
                i.phone,
                i.role,
                gettext_(
                    self.lang, "team.expires", date=format_date(i.expires_at, self.lang, "medium")
                ),
            )
            for i in team.open_invites(session, actor.tenant_id)
        ]
        modules = {m.code for m in marketplace.enabled_manifests(session, actor.tenant_id)}
        self.rights = [
            RightRow(name, _label(self.lang, name), role)
            for name, role in permissions.table(modules)
        ]
        limit = entitlements.limits(session, actor.tenant_id).max_staff
        used = entitlements.seats_used(session, actor.tenant_id)
        self.seats = (
            gettext_(self.lang, "team.seats_unlimited", used=used)
            if limit is None
            else gettext_(self.lang, "team.seats", used=used, limit=limit)
        )

    @rx.event
    def load(self):
        return self._load_page(Permission.view_team)

    @rx.event
    def send_invite(self, form: dict):
        self.invite_phone = str(form.get("phone", ""))[:32]
        phone, role = self.invite_phone, str(form.get("role", "staff"))
        return self._run(
            Permission.invite_members,
            lambda session, actor: team.invite(session, actor, phone, role),
            then=self._invited,
        )

    def _invited(self, _result):
        self.invite_phone, self.invite_key = "", self.invite_key + 1
        return self._done("team.invited")

    @rx.event
    def revoke(self, invite_id: str):
        return self._run(
            Permission.invite_members,
            lambda session, actor: team.revoke_invite(session, actor, parse_id(invite_id)),
            done="team.done",
        )

    @rx.event
    def set_role(self, user_id: str, role: str):
        return self._run(
            Permission.change_roles,
            lambda session, actor: team.change_role(session, actor, parse_id(user_id), role),
            done="team.done",
        )

    @rx.event
    def remove(self, user_id: str):
        return self._run(
            Permission.remove_members,
            lambda session, actor: team.remove_member(session, actor, parse_id(user_id)),
            done="team.done",
        )

    @rx.event
    def transfer(self, user_id: str):
        return self._run(
            Permission.transfer_ownership,
            lambda session, actor: team.transfer_ownership(session, actor, parse_id(user_id)),
            done="team.done",
        )

    @rx.event
    def leave(self):
        # Afterwards this workspace is no longer the user's: go to whatever they have left.
        return self._run(
            Permission.view_workspace,
            team.leave,
            reload=False,
            then=lambda _: [self._done("team.done"), rx.redirect(routes.APP)],
        )
