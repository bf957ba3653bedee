"""The platform-wide audit log for the super admin: every event, searchable, filterable by area,
keyset-paged and exportable through the shared table engine. Actions, targets and changes are
shown as words (labels and audit_view, the same as the tenant's own log)."""

import sqlalchemy as sa
from sqlalchemy import or_
from sqlmodel import col

from tochka_app.i18n import format_datetime
from tochka_app.i18n.labels import action_label, target_label
from tochka_app.models import AuditEvent, Tenant, User
from tochka_app.services import audit_view
from tochka_app.services.admin.tables import Column, TableSpec
from tochka_app.services.text import LIKE_ESCAPE, like_contains

AREAS = ("admin", "billing", "team", "settings", "module", "login", "code", "pages", "knowledge")


def _select():
    # sqlmodel's select is typed for up to 4 columns; SQLAlchemy's takes any number
    return (
        sa.select(
            col(AuditEvent.id),
            col(AuditEvent.created_at),
            col(AuditEvent.action),
            col(AuditEvent.target_type),
            col(AuditEvent.target_id),
            col(AuditEvent.details),
            col(AuditEvent.ip),
            col(User.phone).label("actor_phone"),
            col(Tenant.name).label("tenant_name"),
        )
        .join(User, col(User.id) == AuditEvent.actor_user_id, isouter=True)
        .join(Tenant, col(Tenant.id) == AuditEvent.tenant_id, isouter=True)
    )


def _row(r, locale: str, tz: str | None = None) -> dict[str, str]:
    details = r.details or {}
    return {
        "id": str(r.id),
        "when": format_datetime(r.created_at, locale, "short", tz),
        "action": action_label(r.action, locale),
        "code": r.action,
        "actor": r.actor_phone or "—",
        "tenant": r.tenant_name or "—",
        "target": target_label(r.target_type, r.target_id, locale, r.tenant_name),
        "changes": "\n".join(audit_view.changes(details, r.action, locale, tz, r.target_type)),
        "details": "\n".join(audit_view.facts(details, locale, tz, r.target_type)),
        "ip": r.ip or "",
    }


def _search(text: str):
    needle = like_contains(text)
    return or_(
        col(AuditEvent.action).like(needle, escape=LIKE_ESCAPE),
        col(AuditEvent.target_id).like(needle, escape=LIKE_ESCAPE),
        col(User.phone).like(needle, escape=LIKE_ESCAPE),
    )


AUDIT_TABLE = TableSpec(
    name="audit",
    table="audit_events",
    columns=(
        Column("when", "audit.when", AuditEvent.id),
        Column("action", "audit.action"),
        Column("actor", "audit.who"),
        Column("tenant", "admin.col.tenant"),
        Column("target", "audit.target"),
        Column("changes", "admin.col.changes"),
        Column("details", "audit.details"),
        Column("ip", "admin.col.ip"),
    ),
    id_column=AuditEvent.id,
    select=_select,
    row=_row,
    search=_search,
    filters={"area": {area: AuditEvent.action.startswith(area + ".") for area in AREAS}},
    default_sort="when",
    default_desc=True,
)
