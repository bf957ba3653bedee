"""Rules of the module. The tenant always comes from the verified session (`Actor`); a row of
another tenant is "not found"."""

from sqlalchemy import delete
from sqlmodel import Session, select

from tochka_app.modules.module_template.models import ModuleTemplateItem
from tochka_app.services import audit
from tochka_app.services.permissions import Permission, allowed
from tochka_app.services.team import Actor

MAX_TITLE = 200


def list_items(session: Session, tenant_id: int) -> list[ModuleTemplateItem]:
    return list(session.exec(select(ModuleTemplateItem).where(
        ModuleTemplateItem.tenant_id == tenant_id).order_by(ModuleTemplateItem.id).limit(500)))


def add_item(session: Session, actor: Actor, title: str) -> str | None:
    """Returns an i18n error id, or None when added."""
    if not allowed(actor, Permission.use_modules):
        return "team.forbidden"
    title = (title or "").strip()
    if not title or len(title) > MAX_TITLE:
        return "settings.too_long" if title else "settings.required"
    item = ModuleTemplateItem(tenant_id=actor.tenant_id, title=title)
    session.add(item)
    session.flush()
    audit.record(session, "module_template.added", actor=actor, target_type="item",
                 target_id=item.id)
    return None


def delete_item(session: Session, actor: Actor, item_id: int) -> bool:
    item = session.get(ModuleTemplateItem, item_id)
    if item is None or item.tenant_id != actor.tenant_id or not allowed(actor,
                                                                    Permission.use_modules):
        return False
    session.delete(item)
    return True


def purge(session: Session, tenant_id: int) -> None:
    session.exec(delete(ModuleTemplateItem).where(ModuleTemplateItem.tenant_id == tenant_id))
