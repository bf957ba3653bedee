import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.i18n import format_date, format_datetime, gettext_
from tochka_app.services import entitlements, team
from tochka_app.services.permissions import Permission, allowed
from tochka_app.state.session import SessionState


class TeamState(SessionState):
    members: list[dict[str, str]] = []
    invites: list[dict[str, str]] = []
    seats: str = ""
    can_invite: bool = False
    can_manage: bool = False
    is_owner: bool = False
    invite_phone: str = ""
    invite_error: str = ""
    seat_limit_hit: bool = False  # show the way to a bigger tariff
    invite_key: int = 0  # bumps after a sent invite to empty the phone field
    error: str = ""

    def _refresh(self, session: Session, actor: team.Actor) -> None:
        never, tz = gettext_(self.lang, "team.never"), self._zone(session, actor.tenant_id)
        self.members = [
            {"user_id": str(m.user_id), "name": m.name or "—", "phone": m.phone, "role": m.role,
             "last_login": format_datetime(m.last_login_at, self.lang, "short", tz)
             if m.last_login_at else never,
             "me": "yes" if m.user_id == actor.user_id else ""}
            for m in team.members(session, actor.tenant_id)
        ]
        self.invites = [
            {"id": str(i.id), "phone": i.phone, "role": i.role,
             "expires": gettext_(self.lang, "team.expires",
                                 date=format_date(i.expires_at, self.lang, "medium"))}
            for i in team.open_invites(session, actor.tenant_id)
        ]
        limit = entitlements.limits(session, actor.tenant_id).max_staff
        used = entitlements.seats_used(session, actor.tenant_id)
        self.seats = (gettext_(self.lang, "team.seats_unlimited", used=used) if limit is None
                      else gettext_(self.lang, "team.seats", used=used, limit=limit))
        self.can_invite = allowed(actor, Permission.invite_members)
        self.can_manage = allowed(actor, Permission.change_roles)
        self.is_owner = allowed(actor, Permission.transfer_ownership)

    def _run(self, operation, *args, toast: bool = True):
        """Re-check the session, run one team operation, refresh the lists."""
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return rx.redirect(routes.LOGIN)
            error = operation(session, actor, *args)
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:  # e.g. after leaving the workspace
                return rx.redirect(routes.APP)
            self._refresh(session, actor)
        self.error = gettext_(self.lang, error) if error else ""
        if error:
            return rx.toast.error(self.error)
        return rx.toast.success(gettext_(self.lang, "team.done")) if toast else None

    @rx.event
    def load(self):
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return rx.redirect(routes.LOGIN)
            self._refresh(session, actor)

    @rx.event
    def send_invite(self, form: dict):
        self.invite_phone = str(form.get("phone", ""))[:32]
        role = str(form.get("role", "staff"))
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return rx.redirect(routes.LOGIN)
            error = team.invite(session, actor, self.invite_phone, role)
        self.invite_error = gettext_(self.lang, error) if error else ""
        self.seat_limit_hit = error == "team.seat_limit"
        if error:
            return None
        self.invite_phone, self.invite_key = "", self.invite_key + 1
        with db.session_scope() as session:
            self._refresh(session, self._actor(session))
        return rx.toast.success(gettext_(self.lang, "team.invited"))

    @staticmethod
    def _id(value: str) -> int:
        return int(value) if str(value).isdigit() else -1

    @rx.event
    def revoke(self, invite_id: str):
        return self._run(team.revoke_invite, self._id(invite_id))

    @rx.event
    def set_role(self, user_id: str, role: str):
        return self._run(team.change_role, self._id(user_id), role)

    @rx.event
    def remove(self, user_id: str):
        return self._run(team.remove_member, self._id(user_id))

    @rx.event
    def transfer(self, user_id: str):
        return self._run(team.transfer_ownership, self._id(user_id))

    @rx.event
    def leave(self):
        return self._run(team.leave)
