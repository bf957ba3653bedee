"""Rules of the knowledge base: search, add/edit/delete, import in one transaction, export.
The tenant always comes from the verified session (`Actor`); a refusal is a `ServiceError` with a
`KnowledgeError` code, raised before anything is written."""

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from tochka_app.models._types import utcnow
from tochka_app.modules.knowledge.importer import FIELDS, ItemInput, Validated, validate
from tochka_app.modules.knowledge.models import KnowledgeItem
from tochka_app.services import audit, entitlements
from tochka_app.services.access import Actor
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.permissions import require
from tochka_app.services.text import LIKE_ESCAPE, like_contains

CODE = "knowledge"
ROUTE = "/app/m/knowledge"  # the page (pages.py) and its menu entry (manifest.py)
PAGE_SIZE = 25
IMPORT_CHUNK = 500


class KnowledgePermission(StrEnum):
    """What the module adds to the permission table (lowest roles in manifest.py)."""

    view = "knowledge.view"  # see and search the rows, export them
    edit = "knowledge.edit"  # add, change, delete, import


class KnowledgeError(ErrorCode):
    not_found = "kb.not_found"
    sku_taken = "kb.sku_taken"
    limit_reached = "kb.limit_reached"
    over_limit = "kb.over_limit"
    fix_errors_first = "kb.fix_errors_first"


def _search_text(item: ItemInput | KnowledgeItem) -> str:
    return " ".join(filter(None, (item.name, item.sku, item.category))).lower()


@dataclass
class ItemsPage:
    items: list[KnowledgeItem]
    next_before_id: int | None


def search(
    session: Session,
    tenant_id: int,
    query: str = "",
    before_id: int | None = None,
    page_size: int = PAGE_SIZE,
) -> ItemsPage:
    """Newest first; `query` matches any part of name, SKU or category, any case."""
    stmt = select(KnowledgeItem).where(KnowledgeItem.tenant_id == tenant_id)
    words = query.lower().split()[:5]
    for word in words:
        stmt = stmt.where(
            col(KnowledgeItem.search_text).like(like_contains(word[:100]), escape=LIKE_ESCAPE)
        )
    if before_id is not None:
        stmt = stmt.where(col(KnowledgeItem.id) < before_id)
    rows = list(session.exec(stmt.order_by(col(KnowledgeItem.id).desc()).limit(page_size + 1)))
    return ItemsPage(rows[:page_size], rows[page_size - 1].id if len(rows) > page_size else None)


def count(session: Session, tenant_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(KnowledgeItem).where(KnowledgeItem.tenant_id == tenant_id)
    ).one()


def over_limit(session: Session, tenant_id: int) -> bool:
    """More rows than the tariff allows (after a downgrade): rows stay, read-only until the
    tenant deletes some or upgrades; nothing is deleted for them."""
    limit = entitlements.limits(session, tenant_id).max_products
    return limit is not None and count(session, tenant_id) > limit


def _room_for(session: Session, tenant_id: int, new_rows: int) -> bool:
    limit = entitlements.limits(session, tenant_id).max_products
    return entitlements.within(limit, count(session, tenant_id) + new_rows - 1)


def _default_category(session: Session, tenant_id: int) -> str:
    from tochka_app.services.marketplace import settings_of

    return settings_of(session, tenant_id, CODE).get("default_category") or ""


def _apply(row: KnowledgeItem, item: ItemInput, default_category: str = "") -> None:
    item.category = item.category or default_category
    row.name, row.sku, row.category = item.name, item.sku, item.category
    row.price_kopecks, row.quantity, row.description = (
        item.price_kopecks,
        item.quantity,
        item.description,
    )
    row.search_text, row.updated_at = _search_text(item), utcnow()


def _own(session: Session, actor: Actor, item_id: int) -> KnowledgeItem:
    """The actor's row; another tenant's id (or none) is "not found"."""
    row = session.get(KnowledgeItem, item_id)
    if row is None or row.tenant_id != actor.tenant_id:
        raise ServiceError(KnowledgeError.not_found)
    return row


def item_values(session: Session, actor: Actor, item_id: int) -> dict[str, str]:
    """One row as the item form shows it (field -> text)."""
    require(actor, KnowledgePermission.view)
    row = _own(session, actor, item_id)
    return {
        "name": row.name,
        "sku": row.sku or "",
        "category": row.category,
        "price": "" if row.price_kopecks is None else f"{row.price_kopecks / 100:.2f}",
        "quantity": "" if row.quantity is None else str(row.quantity),
        "description": row.description,
    }


def save_item(
    session: Session, actor: Actor, item_id: int | None, values: dict[str, str]
) -> KnowledgeItem:
    """Create (item_id None) or update one row from form values. Wrong fields refuse together
    (`ServiceError.form`); another tenant's id is "not found" whatever the values."""
    require(actor, KnowledgePermission.edit)
    checked = validate([[str(values.get(f, "")) for f in FIELDS]], list(FIELDS))
    row = _own(session, actor, item_id) if item_id is not None else None
    if checked.errors:
        raise ServiceError.form({e.field: e.message_id for e in checked.errors})
    item = checked.items[0][1]
    if item.sku:
        clash = session.exec(
            select(KnowledgeItem.id).where(
                KnowledgeItem.tenant_id == actor.tenant_id, KnowledgeItem.sku == item.sku
            )
        ).first()
        if clash is not None and (row is None or clash != row.id):
            raise ServiceError(KnowledgeError.sku_taken, field="sku")
    if row is None and not _room_for(session, actor.tenant_id, 1):
        raise ServiceError(KnowledgeError.limit_reached)
    if row is not None and over_limit(session, actor.tenant_id):
        raise ServiceError(KnowledgeError.over_limit)
    row = row or KnowledgeItem(tenant_id=actor.tenant_id, name=item.name)
    _apply(row, item, _default_category(session, actor.tenant_id))
    session.add(row)
    session.flush()
    audit.record(session, "knowledge.saved", actor=actor, target_type="kb_item", target_id=row.id)
    return row


def delete_item(session: Session, actor: Actor, item_id: int) -> None:
    require(actor, KnowledgePermission.edit)
    row = _own(session, actor, item_id)
    session.delete(row)
    audit.record(
        session, "knowledge.deleted", actor=actor, target_type="kb_item", target_id=item_id
    )


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0  # rows with errors left out (only with skip_invalid)


def import_items(
    session: Session, actor: Actor, checked: Validated, skip_invalid: bool = False
) -> ImportResult:
    """Write the valid rows in the caller's transaction (see `import_steps`)."""
    steps = import_steps(session, actor, checked, skip_invalid)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def import_steps(
    session: Session, actor: Actor, checked: Validated, skip_invalid: bool = False
) -> Generator[int, None, ImportResult]:
    """Write the valid rows in the caller's transaction, yielding the percentage done after
    each chunk: rows with a known SKU are updated, the rest added. Rows with errors refuse the
    whole import, unless `skip_invalid` (the user chose to import the valid ones and fix the
    rest later). Refused as a whole (a `ServiceError` at the first step, nothing written) when
    the tariff has no room for every row to add."""
    require(actor, KnowledgePermission.edit)
    if not checked.items or (checked.errors and not skip_invalid):
        raise ServiceError(KnowledgeError.fix_errors_first)
    items = [item for _, item in checked.items]
    skus = [i.sku for i in items if i.sku]
    existing: dict[str | None, KnowledgeItem] = {}
    for start in range(0, len(skus), IMPORT_CHUNK):
        chunk = skus[start : start + IMPORT_CHUNK]
        existing |= {
            row.sku: row
            for row in session.exec(
                select(KnowledgeItem).where(
                    KnowledgeItem.tenant_id == actor.tenant_id, col(KnowledgeItem.sku).in_(chunk)
                )
            )
        }
    if over_limit(session, actor.tenant_id):
        raise ServiceError(KnowledgeError.over_limit)
    new_rows = sum(1 for i in items if not (i.sku and i.sku in existing))
    if new_rows and not _room_for(session, actor.tenant_id, new_rows):
        raise ServiceError(KnowledgeError.limit_reached)
    result = ImportResult(skipped=checked.skipped)
    default_category = _default_category(session, actor.tenant_id)
    for done, item in enumerate(items, start=1):
        row = existing.get(item.sku) if item.sku else None
        if row is None:
            row = KnowledgeItem(tenant_id=actor.tenant_id, name=item.name)
            result.created += 1
        else:
            result.updated += 1
        _apply(row, item, default_category)
        session.add(row)
        if done % IMPORT_CHUNK == 0 or done == len(items):
            session.flush()
            yield done * 100 // len(items)
    audit.record(
        session,
        "knowledge.imported",
        actor=actor,
        details={"created": result.created, "updated": result.updated, "skipped": result.skipped},
    )
    return result


EXPORT_HEADERS = ("Название", "Артикул", "Категория", "Цена", "Количество", "Описание")


def export_rows(session: Session, tenant_id: int) -> Iterator[list[str]]:
    """Header then every row, oldest first, in the same columns the importer reads back."""
    yield list(EXPORT_HEADERS)
    last_id = 0
    while True:
        batch = list(
            session.exec(
                select(KnowledgeItem)
                .where(KnowledgeItem.tenant_id == tenant_id, col(KnowledgeItem.id) > last_id)
                .order_by(col(KnowledgeItem.id))
                .limit(1000)
            )
        )
        if not batch:
            return
        for row in batch:
            price = (
                ""
                if row.price_kopecks is None
                else f"{row.price_kopecks / 100:.2f}".replace(".", ",")
            )
            yield [
                row.name,
                row.sku or "",
                row.category,
                price,
                "" if row.quantity is None else str(row.quantity),
                row.description,
            ]
        last = batch[-1].id
        assert last is not None  # a loaded row
        last_id = last


def purge(session: Session, tenant_id: int) -> None:
    session.exec(delete(KnowledgeItem).where(col(KnowledgeItem.tenant_id) == tenant_id))
