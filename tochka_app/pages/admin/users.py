"""`/admin/users` (the table) and `/admin/users/<id>` (one user, with the actions on them)."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import routes
from tochka_app.components.admin_layout import admin_page, zone_caption
from tochka_app.components.confirm import confirm_button
from tochka_app.components.data_table import data_table
from tochka_app.i18n import format_datetime, gettext_
from tochka_app.i18n.labels import action_label, role_label
from tochka_app.services import audit_view, user_agents
from tochka_app.services.admin import users
from tochka_app.services.errors import parse_id
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.admin_table import AdminTableState
from tochka_app.state.i18n import I18nState

T = I18nState.t


class AdminUsersState(AdminTableState, AdminSessionState):  # not a mixin itself
    def _spec(self):
        return users.USERS_TABLE

    def _bulk(self, blocked: bool):
        selected = list(self.selected)
        return self._admin_run(
            lambda session, admin: users.set_blocked_many(
                session, admin, [parse_id(i) for i in selected], blocked
            ),
            done=None,
        )

    @rx.event
    def block_selected(self):
        return self._bulk(True)

    @rx.event
    def unblock_selected(self):
        return self._bulk(False)


@admin_page(routes.ADMIN_USERS, title="title.admin_users", on_load=AdminUsersState.load_table)
def admin_users() -> rx.Component:
    S = AdminUsersState
    return rx.vstack(
        rx.heading(T["admin.nav.users"], size="7"),
        zone_caption(),
        data_table(
            S,
            users.USERS_TABLE,
            filters={
                "status": [
                    ("active", "admin.status.active"),
                    ("blocked", "admin.status.blocked"),
                    ("admin", "admin.status.admin"),
                ]
            },
            bulk=[("admin.block", S.block_selected), ("admin.unblock", S.unblock_selected)],
        ),
        spacing="4",
        width="100%",
    )


@dataclass
class MembershipRow:
    tenant: str
    role: str
    href: str  # the workspace's admin page


@dataclass
class SessionRow:
    kind: str
    device: str
    where: str  # address · last seen


@dataclass
class ExternalRow:
    provider: str
    name: str


@dataclass
class TrailRow:
    when: str
    action: str
    summary: str


class AdminUserState(AdminSessionState):
    found: bool = True
    user_id: str = ""
    phone: str = ""
    name: str = ""
    blocked: bool = False
    super_admin: bool = False
    created: str = ""
    last_login: str = ""
    memberships: list[MembershipRow] = []
    sessions: list[SessionRow] = []
    external: list[ExternalRow] = []
    trail: list[TrailRow] = []

    def _reload(self, session) -> None:
        raw = str(self.router.page.params.get("user_id", ""))
        data = users.card(session, int(raw)) if raw.isdigit() and len(raw) <= 18 else None
        self.found = data is not None
        if data is None:
            return
        u, lang, tz = data.user, self.lang, self._tz()
        self.user_id, self.phone, self.name = str(u.id), u.phone, u.name or "—"
        self.blocked, self.super_admin = u.is_blocked, u.is_super_admin
        self.created = format_datetime(u.created_at, lang, "short", tz)
        self.last_login = (
            format_datetime(u.last_login_at, lang, "short", tz) if u.last_login_at else "—"
        )
        self.memberships = [
            MembershipRow(m.tenant_name, role_label(m.role, lang), routes.admin_tenant(m.tenant_id))
            for m in data.memberships
        ]
        self.sessions = [
            SessionRow(
                gettext_(lang, f"admin.session.{s.kind}"),
                user_agents.describe(s.user_agent) or gettext_(lang, "device.unknown"),
                f"{s.ip or '—'} · {format_datetime(s.last_seen_at, lang, 'short', tz)}",
            )
            for s in data.sessions
        ]
        self.external = [
            ExternalRow(
                "Telegram" if a.provider == "telegram" else "VK ID",
                a.display_name or a.provider_user_id,
            )
            for a in data.external
        ]
        self.trail = [
            TrailRow(
                format_datetime(e.created_at, lang, "short", tz),
                action_label(e.action, lang),
                audit_view.summary(e.details, e.action, lang, tz, e.target_type).replace(
                    "\n", "; "
                )[:300],
            )
            for e in data.trail
        ]

    @rx.event
    def load(self):
        return self._admin_load()

    def _act(self, operation, *args, **answer):
        user_id = self.user_id
        return self._admin_run(
            lambda session, admin: operation(session, admin, parse_id(user_id), *args), **answer
        )

    @rx.event
    def set_blocked(self, blocked: bool):
        return self._act(users.set_blocked, bool(blocked))

    @rx.event
    def set_super_admin(self, grant: bool):
        return self._act(users.set_super_admin, bool(grant))

    @rx.event
    def delete(self, form: dict):
        return self._act(
            users.delete,
            str(form.get("reason", ""))[:500],
            then=lambda _: rx.redirect(routes.ADMIN_USERS),
        )


def _list(title_key: str, rows, row_id: str, cells) -> rx.Component:
    """A card of rows; `cells(row)` are the row's pieces."""
    return rx.card(
        rx.vstack(
            rx.heading(T[title_key], size="3"),
            rx.cond(
                rows.length() == 0,
                rx.text("—", color=rx.color("gray", 10)),
                rx.vstack(
                    rx.foreach(
                        rows,
                        lambda r: rx.hstack(*cells(r), spacing="3", wrap="wrap", class_name=row_id),
                    ),
                    spacing="1",
                    width="100%",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _text(value) -> rx.Component:
    return rx.text(value, size="2")


@admin_page(routes.ADMIN_USER, title="title.admin_user", on_load=AdminUserState.load)
def admin_user() -> rx.Component:
    S = AdminUserState
    return rx.cond(
        S.found,
        rx.vstack(
            rx.link(T["admin.back_users"], href=routes.ADMIN_USERS, size="2"),
            rx.hstack(
                rx.heading(S.name, size="7", id="user-name"),
                rx.cond(
                    S.blocked,
                    rx.badge(T["admin.status.blocked"], color_scheme="red", id="user-blocked"),
                ),
                rx.cond(S.super_admin, rx.badge(T["admin.status.admin"], color_scheme="purple")),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
            rx.text(
                S.phone,
                " · ",
                T["admin.col.created"],
                " ",
                S.created,
                " · ",
                T["admin.col.last_login"],
                " ",
                S.last_login,
                size="2",
                color=rx.color("gray", 11),
            ),
            zone_caption(),
            rx.hstack(
                rx.cond(
                    S.blocked,
                    rx.button(T["admin.unblock"], on_click=S.set_blocked(False), id="user-unblock"),
                    confirm_button(
                        T["admin.block"], T["admin.block_q"], S.set_blocked(True), id="user-block"
                    ),
                ),
                rx.cond(
                    S.super_admin,
                    confirm_button(
                        T["admin.revoke_admin"],
                        T["admin.revoke_admin_q"],
                        S.set_super_admin(False),
                        id="user-revoke-admin",
                    ),
                    confirm_button(
                        T["admin.grant_admin"],
                        T["admin.grant_admin_q"],
                        S.set_super_admin(True),
                        color_scheme="purple",
                        id="user-grant-admin",
                    ),
                ),
                rx.popover.root(
                    rx.popover.trigger(
                        rx.button(
                            T["admin.delete"], color_scheme="red", variant="soft", id="user-delete"
                        )
                    ),
                    rx.popover.content(
                        rx.form(
                            rx.vstack(
                                rx.text(T["admin.delete_reason"], size="2"),
                                rx.text_area(name="reason", id="delete-reason", max_length=500),
                                rx.button(
                                    T["admin.delete_confirm"],
                                    type="submit",
                                    color_scheme="red",
                                    id="delete-confirm",
                                ),
                                spacing="2",
                            ),
                            on_submit=S.delete,
                            reset_on_submit=False,
                        )
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            rx.cond(
                S.action_error != "",
                rx.text(S.action_error, color=rx.color("red", 11), size="2", id="user-error"),
            ),
            rx.grid(
                _list(
                    "admin.memberships",
                    S.memberships,
                    "user-membership",
                    lambda m: [rx.link(m.tenant, href=m.href, size="2"), _text(m.role)],
                ),
                _list(
                    "admin.sessions",
                    S.sessions,
                    "user-session",
                    lambda x: [_text(x.kind), _text(x.device), _text(x.where)],
                ),
                _list(
                    "admin.external",
                    S.external,
                    "user-external",
                    lambda a: [_text(a.provider), _text(a.name)],
                ),
                columns=rx.breakpoints(initial="1", lg="3"),
                spacing="4",
                width="100%",
            ),
            _list(
                "admin.trail",
                S.trail,
                "user-trail",
                lambda e: [_text(e.when), _text(e.action), _text(e.summary)],
            ),
            spacing="4",
            width="100%",
        ),
        rx.heading(T["notfound.title"], size="6", id="not-found"),
    )
