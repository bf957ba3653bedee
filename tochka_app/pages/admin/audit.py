"""`/admin/audit`: every event on the platform with before/after values; search and export."""

import reflex as rx

from tochka_app import routes
from tochka_app.components.admin_layout import admin_page, zone_caption
from tochka_app.components.data_table import data_table
from tochka_app.services.admin import audit_admin
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.admin_table import AdminTableState
from tochka_app.state.i18n import I18nState

T = I18nState.t


class AdminAuditState(AdminTableState, AdminSessionState):
    def _spec(self):
        return audit_admin.AUDIT_TABLE


@admin_page(routes.ADMIN_AUDIT, title="title.admin_audit", on_load=AdminAuditState.load_table)
def admin_audit() -> rx.Component:
    return rx.vstack(
        rx.heading(T["admin.nav.audit"], size="7"),
        zone_caption(),
        data_table(
            AdminAuditState,
            audit_admin.AUDIT_TABLE,
            filters={"area": [(a, f"admin.area.{a}") for a in audit_admin.AREAS]},
        ),
        spacing="4",
        width="100%",
    )
