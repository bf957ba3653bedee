"""`/admin/tenants` (the table) and `/admin/tenants/<id>`: suspend, change tariff, impersonate."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import routes
from tochka_app.components.admin_layout import admin_page, zone_caption
from tochka_app.components.data_table import data_table
from tochka_app.i18n import format_date, format_datetime, gettext_, localized
from tochka_app.i18n.labels import role_label, subscription_status_label, tenant_status_label
from tochka_app.services import tariffs
from tochka_app.services.admin import impersonation, tenants
from tochka_app.services.errors import parse_id
from tochka_app.settings import get_settings
from tochka_app.state import browser
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.admin_table import AdminTableState
from tochka_app.state.i18n import I18nState

T = I18nState.t


class AdminTenantsState(AdminTableState, AdminSessionState):
    def _spec(self):
        return tenants.TENANTS_TABLE


@admin_page(routes.ADMIN_TENANTS, title="title.admin_tenants", on_load=AdminTenantsState.load_table)
def admin_tenants() -> rx.Component:
    return rx.vstack(
        rx.heading(T["admin.nav.tenants"], size="7"),
        zone_caption(),
        data_table(
            AdminTenantsState,
            tenants.TENANTS_TABLE,
            filters={
                "status": [
                    ("active", "admin.tenant.active"),
                    ("suspended", "admin.tenant.suspended"),
                ]
            },
        ),
        spacing="4",
        width="100%",
    )


@dataclass
class MemberRow:
    name: str
    role: str
    href: str  # the member's admin page


@dataclass
class VisitRow:
    started: str
    reason: str
    mode: str  # read-only or with changes, in words


@dataclass
class TariffChoice:
    code: str
    name: str


class AdminTenantState(AdminSessionState):
    found: bool = True
    tenant_id: str = ""
    name: str = ""
    slug: str = ""
    status: str = ""
    status_label: str = ""
    owner: str = ""
    created: str = ""
    tariff: str = ""
    subscription: str = ""
    period_end: str = ""
    members: list[MemberRow] = []
    modules: list[str] = []
    visits: list[VisitRow] = []
    tariff_codes: list[TariffChoice] = []

    def _reload(self, session) -> None:
        raw = str(self.router.page.params.get("tenant_id", ""))
        data = tenants.card(session, int(raw)) if raw.isdigit() and len(raw) <= 18 else None
        self.found = data is not None
        if data is None:
            return
        t, lang, tz = data.tenant, self.lang, self._tz()
        self.tenant_id, self.name, self.slug, self.status = str(t.id), t.name, t.slug, t.status
        self.status_label = tenant_status_label(t.status, lang)
        self.owner = f"{data.owner.name or ''} {data.owner.phone}".strip()
        self.created = format_datetime(t.created_at, lang, "short", tz)
        self.tariff = localized(data.tariff.name, lang) if data.tariff else "—"
        self.subscription = subscription_status_label(
            data.subscription.status if data.subscription else None, lang
        )
        self.period_end = (
            format_date(data.subscription.period_end, lang, "long") if data.subscription else ""
        )
        self.members = [
            MemberRow(m.name, role_label(m.role, lang), routes.admin_user(m.user_id))
            for m in data.members
        ]
        self.modules = [localized(name, lang) for name in data.modules]
        self.visits = [
            VisitRow(
                format_datetime(v.started_at, lang, "short", tz),
                v.reason,
                gettext_(lang, "admin.visit.ro" if v.read_only else "admin.visit.rw"),
            )
            for v in impersonation.recent(session, t.id)
        ]
        self.tariff_codes = [
            TariffChoice(x.code, localized(x.name, lang)) for x in tariffs.public_tariffs(session)
        ]

    @rx.event
    def load(self):
        return self._admin_load()

    def _act(self, operation, *args, **answer):
        tenant_id = self.tenant_id
        return self._admin_run(
            lambda session, admin: operation(session, admin, parse_id(tenant_id), *args), **answer
        )

    @rx.event
    def suspend(self, form: dict):
        return self._act(tenants.set_suspended, True, str(form.get("reason", ""))[:500])

    @rx.event
    def reactivate(self):
        return self._act(tenants.set_suspended, False, "")

    @rx.event
    def change_tariff(self, form: dict):
        return self._act(
            tenants.change_tariff,
            str(form.get("tariff", ""))[:32],
            str(form.get("reason", ""))[:500],
        )

    @rx.event
    def impersonate(self, form: dict):
        # The tenant UI in this browser, for 30 minutes at most: its cookie is set over HTTP.
        return self._act(
            impersonation.start,
            str(form.get("reason", ""))[:500],
            form.get("allow_changes") in ("on", True, "true"),
            get_settings(),
            routes.APP,
            then=browser.hand_over,
        )


def _reason_form(handler, button_key: str, button_id: str, *extra) -> rx.Component:
    return rx.form(
        rx.vstack(
            *extra,
            rx.text_area(
                name="reason",
                placeholder=T["admin.reason"],
                max_length=500,
                width="100%",
                id=f"{button_id}-reason",
            ),
            rx.button(T[button_key], type="submit", id=button_id),
            spacing="2",
            width="100%",
        ),
        on_submit=handler,
        reset_on_submit=False,
        width="100%",
    )


@admin_page(routes.ADMIN_TENANT, title="title.admin_tenant", on_load=AdminTenantState.load)
def admin_tenant() -> rx.Component:
    S = AdminTenantState
    return rx.cond(
        S.found,
        rx.vstack(
            rx.link(T["admin.back_tenants"], href=routes.ADMIN_TENANTS, size="2"),
            rx.hstack(
                rx.heading(S.name, size="7", id="tenant-title"),
                rx.badge(
                    S.status_label,
                    id="tenant-status",
                    color_scheme=rx.cond(S.status == "active", "grass", "red"),
                ),
                spacing="3",
                align="center",
            ),
            rx.text(
                "/s/",
                S.slug,
                " · ",
                T["admin.col.owner"],
                ": ",
                S.owner,
                " · ",
                T["admin.col.created"],
                " ",
                S.created,
                size="2",
                color=rx.color("gray", 11),
            ),
            zone_caption(),
            rx.text(
                T["admin.col.tariff"],
                ": ",
                S.tariff,
                " (",
                S.subscription,
                ") ",
                S.period_end,
                size="2",
                id="tenant-tariff",
            ),
            rx.cond(
                S.action_error != "",
                rx.text(S.action_error, color=rx.color("red", 11), id="tenant-error"),
            ),
            rx.grid(
                rx.card(
                    rx.vstack(
                        rx.heading(T["admin.impersonate"], size="3"),
                        rx.text(T["admin.impersonate_hint"], size="1", color=rx.color("gray", 11)),
                        _reason_form(
                            S.impersonate,
                            "admin.impersonate_go",
                            "impersonate",
                            rx.hstack(
                                rx.checkbox(name="allow_changes", id="allow-changes"),
                                rx.text(T["admin.allow_changes"], size="2"),
                            ),
                        ),
                        spacing="2",
                        width="100%",
                    )
                ),
                rx.card(
                    rx.vstack(
                        rx.heading(T["admin.change_tariff"], size="3"),
                        _reason_form(
                            S.change_tariff,
                            "admin.change_tariff_go",
                            "change-tariff",
                            rx.select.root(
                                rx.select.trigger(id="tariff-select"),
                                rx.select.content(
                                    rx.foreach(
                                        S.tariff_codes,
                                        lambda t: rx.select.item(t.name, value=t.code),
                                    )
                                ),
                                name="tariff",
                                default_value="business",
                            ),
                        ),
                        spacing="2",
                        width="100%",
                    )
                ),
                rx.card(
                    rx.vstack(
                        rx.heading(T["admin.suspension"], size="3"),
                        rx.cond(
                            S.status == "active",
                            _reason_form(S.suspend, "admin.suspend", "suspend"),
                            rx.button(
                                T["admin.reactivate"], on_click=S.reactivate, id="reactivate"
                            ),
                        ),
                        spacing="2",
                        width="100%",
                    )
                ),
                columns=rx.breakpoints(initial="1", lg="3"),
                spacing="4",
                width="100%",
            ),
            rx.grid(
                rx.card(
                    rx.vstack(
                        rx.heading(T["admin.members"], size="3"),
                        rx.foreach(
                            S.members,
                            lambda m: rx.hstack(
                                rx.link(m.name, href=m.href),
                                rx.badge(m.role),
                                class_name="tenant-member",
                            ),
                        ),
                        spacing="1",
                    )
                ),
                rx.card(
                    rx.vstack(
                        rx.heading(T["admin.nav.modules"], size="3"),
                        rx.foreach(S.modules, lambda m: rx.badge(m)),  # noqa: PLW0108  foreach reads the function's parameters; rx.badge(*children, **props) would take the index as a child
                        spacing="1",
                    )
                ),
                rx.card(
                    rx.vstack(
                        rx.heading(T["admin.visits"], size="3"),
                        rx.foreach(
                            S.visits,
                            lambda v: rx.text(
                                v.started,
                                " · ",
                                v.mode,
                                " · ",
                                v.reason,
                                size="1",
                                class_name="tenant-visit",
                            ),
                        ),
                        spacing="1",
                    )
                ),
                columns=rx.breakpoints(initial="1", lg="3"),
                spacing="4",
                width="100%",
            ),
            spacing="4",
            width="100%",
        ),
        rx.heading(T["notfound.title"], size="6", id="not-found"),
    )
