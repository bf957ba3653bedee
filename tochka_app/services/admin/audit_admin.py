"""The platform-wide audit log for the super admin: every event, searchable, filterable by area,
keyset-paged and exportable through the shared table engine."""

import json

from sqlalchemy import or_
from sqlmodel import select

from tochka_app.i18n import format_datetime
from tochka_app.models import AuditEvent, Tenant, User
from tochka_app.services.admin.tables import Column, TableSpec
from tochka_app.services.text import LIKE_ESCAPE, like_contains

AREAS = ("admin", "billing", "team", "settings", "module", "login", "code", "pages", "knowledge")



def _select():
    return (select(AuditEvent.id, AuditEvent.created_at, AuditEvent.action, AuditEvent.target_type,
                   AuditEvent.target_id, AuditEvent.details, AuditEvent.ip,
                   User.phone.label("actor_phone"), Tenant.name.label("tenant_name"))
            .join(User, User.id == AuditEvent.actor_user_id, isouter=True)
            .join(Tenant, Tenant.id == AuditEvent.tenant_id, isouter=True))


def _row(r, locale: str) -> dict[str, str]:
    details = r.details or {}
    changes = ""
    if "before" in details or "after" in details:
        changes = f"{json.dumps(details.get('before'), ensure_ascii=False)[:200]} → " \
                  f"{json.dumps(details.get('after'), ensure_ascii=False)[:200]}"
    rest = {k: v for k, v in details.items() if k not in ("before", "after")}
    return {"id": str(r.id), "when": format_datetime(r.created_at, locale), "action": r.action,
            "actor": r.actor_phone or "—", "tenant": r.tenant_name or "—",
            "target": f"{r.target_type or ''} {r.target_id or ''}".strip() or "—",
            "changes": changes,
            "details": json.dumps(rest, ensure_ascii=False)[:300] if rest else "",
            "ip": r.ip or ""}


def _search(text: str):
    needle = like_contains(text)
    return or_(AuditEvent.action.like(needle, escape=LIKE_ESCAPE),
               AuditEvent.target_id.like(needle, escape=LIKE_ESCAPE),
               User.phone.like(needle, escape=LIKE_ESCAPE))


AUDIT_TABLE = TableSpec(
    name="audit", table="audit_events",
    columns=(Column("when", "audit.when", AuditEvent.id), Column("action", "audit.action"),
             Column("actor", "audit.who"), Column("tenant", "admin.col.tenant"),
             Column("target", "audit.target"), Column("changes", "admin.col.changes"),
             Column("details", "audit.details"), Column("ip", "admin.col.ip")),
    id_column=AuditEvent.id, select=_select, row=_row, search=_search,
    filters={"area": {area: AuditEvent.action.startswith(area + ".") for area in AREAS}},
    default_sort="when", default_desc=True,
)
