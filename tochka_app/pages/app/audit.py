"""`/app/audit`: the workspace's own audit log with filters and keyset paging. Who reads it is
the permission table's `Permission.view_audit` (admins and the owner), for the page and the data."""

from dataclasses import dataclass
from datetime import date

import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.table import table, wrap_cell
from tochka_app.i18n import format_datetime, gettext_
from tochka_app.i18n.labels import action_label, label, target_label
from tochka_app.services import audit_log, audit_view
from tochka_app.services.access import Actor
from tochka_app.services.permissions import Permission
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState, can

T = I18nState.t
ALL = "all"


def _day(raw) -> date | None:
    try:
        return date.fromisoformat(str(raw or "")[:10])
    except ValueError:
        return None


@dataclass
class Option:
    """An entry of a filter's list."""

    value: str
    label: str


@dataclass
class EventRow:
    id: str
    when: str
    action: str
    code: str  # the action's code (data-action, the tooltip)
    who: str
    target: str
    details: str


class AuditState(SessionState):
    rows: list[EventRow] = []
    people: list[Option] = []
    groups: list[Option] = []  # action prefix -> its area's name
    user_filter: str = ALL
    action_filter: str = ALL
    date_from: str = ""
    date_to: str = ""
    cursors: list[int] = [0]  # before_id of every page shown so far (0 = the first page)
    next_before: int = 0

    def _filter(self) -> audit_log.AuditFilter:
        user = self.user_filter
        return audit_log.AuditFilter(
            user_id=int(user) if user.isdigit() and len(user) <= 18 else None,
            action=None if self.action_filter == ALL else self.action_filter,
            date_from=_day(self.date_from),
            date_to=_day(self.date_to),
        )

    def _reload(self, session: Session, actor: Actor) -> None:
        """The page of events `cursors` points at, with the filters' lists."""
        page = audit_log.events(session, actor, self._filter(), self.cursors[-1] or None)
        tz = self._zone(session, actor.tenant_id)
        self.people = [
            Option(str(uid), name) for uid, name in audit_log.people(session, actor.tenant_id)
        ]
        self.groups = [
            Option(g, label(self.lang, f"admin.area.{g.rstrip('.')}", g))
            for g in audit_log.action_groups(session, actor.tenant_id)
        ]
        self.rows = [
            EventRow(
                str(r.id),
                format_datetime(r.created_at, self.lang, "short", tz),
                action_label(r.action, self.lang),
                r.action,
                r.actor_name or r.actor_phone or gettext_(self.lang, "audit.system"),
                target_label(r.target_type, r.target_id, self.lang, self.tenant_name),
                audit_view.summary(r.details, r.action, self.lang, tz, r.target_type)[:600],
            )
            for r in page.rows
        ]
        self.next_before = page.next_before_id or 0

    @rx.event
    def load(self):
        self.cursors = [0]
        return self._load_page(Permission.view_audit)

    @rx.event
    def apply(self, form: dict):
        self.user_filter = str(form.get("user", ALL))[:20]
        self.action_filter = str(form.get("action", ALL))[:64]
        self.date_from, self.date_to = str(form.get("from", ""))[:10], str(form.get("to", ""))[:10]
        self.cursors = [0]
        return self._run(Permission.view_audit)

    @rx.event
    def older(self):
        if not self.next_before:
            return None
        self.cursors = [*self.cursors, self.next_before]
        return self._run(Permission.view_audit)

    @rx.event
    def newer(self):
        if len(self.cursors) > 1:
            self.cursors = self.cursors[:-1]
        return self._run(Permission.view_audit)


def filters() -> rx.Component:
    S = AuditState
    return rx.form(
        rx.flex(
            rx.select.root(
                rx.select.trigger(id="audit-user", min_width="160px"),
                rx.select.content(
                    rx.select.item(T["audit.all_people"], value=ALL),
                    rx.foreach(S.people, lambda p: rx.select.item(p.label, value=p.value)),
                ),
                name="user",
                default_value=ALL,
            ),
            rx.select.root(
                rx.select.trigger(id="audit-action", min_width="160px"),
                rx.select.content(
                    rx.select.item(T["audit.all_actions"], value=ALL),
                    rx.foreach(S.groups, lambda g: rx.select.item(g.label, value=g.value)),
                ),
                name="action",
                default_value=ALL,
            ),
            rx.input(type="date", name="from", id="audit-from", aria_label=T["audit.from"]),
            rx.input(type="date", name="to", id="audit-to", aria_label=T["audit.to"]),
            rx.button(T["audit.apply"], type="submit", id="audit-apply"),
            spacing="2",
            wrap="wrap",
            align="center",
        ),
        on_submit=AuditState.apply,
        reset_on_submit=False,
    )


def events_table() -> rx.Component:
    S = AuditState
    return table(
        rx.table.header(
            rx.table.row(
                *[
                    rx.table.column_header_cell(T[k])
                    for k in (
                        "audit.when",
                        "audit.who",
                        "audit.action",
                        "audit.target",
                        "audit.details",
                    )
                ]
            )
        ),
        rx.table.body(
            rx.foreach(
                S.rows,
                lambda r: rx.table.row(
                    rx.table.cell(r.when),
                    rx.table.cell(r.who),
                    rx.table.cell(rx.text(r.action, title=r.code)),
                    rx.table.cell(r.target),
                    wrap_cell(
                        rx.text(
                            r.details, size="1", color=rx.color("gray", 11), white_space="pre-line"
                        )
                    ),
                    class_name="audit-row",
                    data_action=r.code,
                ),
            )
        ),
        id="audit-table",
    )


@app_page(routes.AUDIT, title="title.audit", on_load=AuditState.load)
def audit_page() -> rx.Component:
    S = AuditState
    return rx.vstack(
        rx.heading(T["audit.heading"], size="7"),
        rx.cond(
            can(Permission.view_audit),
            rx.vstack(
                filters(),
                rx.text(S.zone_text, size="1", color=rx.color("gray", 10), class_name="zone-note"),
                rx.cond(
                    S.rows.length() == 0,
                    rx.text(T["audit.empty"], color=rx.color("gray", 11), id="audit-empty"),
                    events_table(),
                ),
                rx.hstack(
                    rx.button(
                        T["audit.newer"],
                        variant="soft",
                        on_click=S.newer,
                        id="audit-newer",
                        disabled=S.cursors.length() <= 1,
                    ),
                    rx.button(
                        T["audit.older"],
                        variant="soft",
                        on_click=S.older,
                        id="audit-older",
                        disabled=S.next_before == 0,
                    ),
                    spacing="2",
                ),
                spacing="3",
                width="100%",
            ),
            rx.callout(T["audit.admins_only"], icon="lock", id="audit-forbidden"),
        ),
        spacing="4",
        width="100%",
    )
