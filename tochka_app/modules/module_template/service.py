"""Rules of the module: no Reflex here. Every function that acts gets the `Actor` (user, tenant,
role from the verified session), calls `require` first and refuses by raising `ServiceError` with
a code of `ModuleTemplateError`, before it writes anything; a row of another tenant is "not
found". The guard rolls the transaction back on a refusal and shows it (state/feedback.py)."""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete
from sqlmodel import Session, select

from tochka_app.modules.module_template.models import ModuleTemplateItem
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.permissions import require

CODE = "module_template"
ROUTE = "/app/m/module_template"  # the page (pages.py) and its menu entry (manifest.py)
MAX_TITLE = 200


class ModuleTemplatePermission(StrEnum):
    """What the module adds to the permission table; the lowest roles are in manifest.py."""

    view = "module_template.view"  # ".view": still allowed while the workspace is read-only
    edit = "module_template.edit"


class ModuleTemplateError(ErrorCode):
    """Why the module refuses; each value is an i18n id (in both messages.po files)."""

    title_required = "settings.required"
    title_too_long = "settings.too_long"
    not_found = "app.not_found"


@dataclass(frozen=True)
class Item:
    """What the page shows of one row (services return data, not models)."""

    id: int
    title: str


def list_items(session: Session, actor: Actor) -> list[Item]:
    require(actor, ModuleTemplatePermission.view)
    rows = session.exec(
        select(ModuleTemplateItem)
        .where(ModuleTemplateItem.tenant_id == actor.tenant_id)
        .order_by(ModuleTemplateItem.id)
        .limit(500)
    )
    return [Item(row.id, row.title) for row in rows]


def add_item(session: Session, actor: Actor, title: str) -> int:
    """Add a row; returns its id."""
    require(actor, ModuleTemplatePermission.edit)
    title = (title or "").strip()
    if not title:
        raise ServiceError(ModuleTemplateError.title_required, field="title")
    if len(title) > MAX_TITLE:
        raise ServiceError(ModuleTemplateError.title_too_long, field="title")
    item = ModuleTemplateItem(tenant_id=actor.tenant_id, title=title)
    session.add(item)
    session.flush()
    audit.record(
        session, "module_template.added", actor=actor, target_type="item", target_id=item.id
    )
    return item.id


def delete_item(session: Session, actor: Actor, item_id: int) -> None:
    require(actor, ModuleTemplatePermission.edit)
    item = session.get(ModuleTemplateItem, item_id)
    if item is None or item.tenant_id != actor.tenant_id:
        raise ServiceError(ModuleTemplateError.not_found)
    session.delete(item)
    audit.record(
        session, "module_template.deleted", actor=actor, target_type="item", target_id=item_id
    )


def purge(session: Session, tenant_id: int) -> None:
    session.exec(delete(ModuleTemplateItem).where(ModuleTemplateItem.tenant_id == tenant_id))
