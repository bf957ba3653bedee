"""The catalog's rules: categories (a tree of two levels), products with variants. The tenant
always comes from the verified session (`Actor`); a refusal is a `ServiceError` raised before
anything is written."""

import re
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models._types import utcnow
from tochka_app.modules.shop import waves
from tochka_app.modules.shop.models import (
    OrderType,
    ProductStatus,
    ShopCategory,
    ShopProduct,
    ShopVariant,
)
from tochka_app.modules.shop.rules import ShopError, ShopPermission
from tochka_app.services import audit, entitlements
from tochka_app.services.access import Actor
from tochka_app.services.errors import ServiceError
from tochka_app.services.permissions import require

SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
MAX_PRICE_KOPECKS = 100_000_000_00  # 100 million roubles


@dataclass(frozen=True)
class VariantInput:
    size: str = ""
    colour: str = ""
    sku_suffix: str = ""
    stock: int = 0


@dataclass(frozen=True)
class ProductInput:
    name: str
    sku: str
    price_kopecks: int
    description_md: str = ""
    old_price_kopecks: int | None = None
    category_id: int | None = None
    order_type: str = OrderType.in_stock
    care_instructions: str = ""
    size_table: tuple[tuple[str, ...], ...] = ()
    variants: tuple[VariantInput, ...] = (VariantInput(),)
    waves: tuple[int, ...] = ()  # a preorder product's places per wave (waves.py)


def _own_category(session: Session, tenant_id: int, category_id: int | None) -> ShopCategory:
    category = session.get(ShopCategory, category_id) if category_id else None
    if category is None or category.tenant_id != tenant_id:
        raise ServiceError(ShopError.not_found, field="category_id")
    return category


def save_category(
    session: Session,
    actor: Actor,
    category_id: int | None,
    name: str,
    slug: str,
    parent_id: int | None = None,
) -> int:
    require(actor, ShopPermission.catalog)
    errors: dict[str, str] = {}
    name, slug = name.strip(), slug.strip().lower()
    if not name or len(name) > 120:
        errors["name"] = ShopError.name_required
    if not SLUG.match(slug):
        errors["slug"] = ShopError.slug_invalid
    if errors:
        raise ServiceError.form(errors)
    if parent_id is not None:
        parent = _own_category(session, actor.tenant_id, parent_id)
        if parent.parent_id is not None or parent.id == category_id:
            raise ServiceError(ShopError.category_depth, field="parent_id")
    taken = session.exec(
        select(ShopCategory.id).where(
            ShopCategory.tenant_id == actor.tenant_id, ShopCategory.slug == slug
        )
    ).first()
    if taken is not None and taken != category_id:
        raise ServiceError(ShopError.slug_taken, field="slug")
    if category_id is None:
        category = ShopCategory(tenant_id=actor.tenant_id, name=name, slug=slug)
    else:
        category = _own_category(session, actor.tenant_id, category_id)
        if parent_id is not None and _has_children(session, category):
            raise ServiceError(ShopError.category_depth, field="parent_id")
    category.name, category.slug, category.parent_id = name, slug, parent_id
    session.add(category)
    session.flush()
    assert category.id is not None
    audit.record(
        session, "shop.category_saved", actor=actor, target_type="category", target_id=category.id
    )
    return category.id


def _has_children(session: Session, category: ShopCategory) -> bool:
    return (
        session.exec(select(ShopCategory.id).where(ShopCategory.parent_id == category.id)).first()
        is not None
    )


def product_count(session: Session, tenant_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(ShopProduct).where(ShopProduct.tenant_id == tenant_id)
    ).one()


def _check(data: ProductInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name.strip() or len(data.name) > 200:
        errors["name"] = ShopError.name_required
    if not SKU.match(data.sku.strip()):
        errors["sku"] = ShopError.sku_invalid
    if not 0 <= data.price_kopecks <= MAX_PRICE_KOPECKS:
        errors["price"] = ShopError.price_invalid
    if data.old_price_kopecks is not None and not (
        data.price_kopecks < data.old_price_kopecks <= MAX_PRICE_KOPECKS
    ):
        errors["old_price"] = ShopError.old_price_invalid
    if data.order_type not in OrderType.__members__.values():
        errors["order_type"] = ShopError.not_for_sale
    if not data.variants or any(v.stock < 0 or v.stock > 1_000_000 for v in data.variants):
        errors["variants"] = ShopError.quantity_invalid
    if len({(v.size.strip(), v.colour.strip()) for v in data.variants}) != len(data.variants):
        errors["variants"] = ShopError.quantity_invalid
    if data.order_type == OrderType.preorder and not (
        0 < len(data.waves) <= waves.MAX_WAVES
        and all(0 < n <= waves.MAX_CAPACITY for n in data.waves)
    ):
        errors["waves"] = ShopError.waves_invalid
    return errors


def save_product(session: Session, actor: Actor, product_id: int | None, data: ProductInput) -> int:
    """Create or update a product with its variants (matched by size and colour: stock and
    reservations of a kept variant stay; a removed one goes, unless an order holds it)."""
    require(actor, ShopPermission.catalog)
    if errors := _check(data):
        raise ServiceError.form(errors)
    sku = data.sku.strip()
    if data.category_id is not None:
        _own_category(session, actor.tenant_id, data.category_id)
    taken = session.exec(
        select(ShopProduct.id).where(
            ShopProduct.tenant_id == actor.tenant_id, ShopProduct.sku == sku
        )
    ).first()
    if taken is not None and taken != product_id:
        raise ServiceError(ShopError.sku_taken, field="sku")
    if product_id is None:
        limit = entitlements.limits(session, actor.tenant_id).max_products
        if not entitlements.within(limit, product_count(session, actor.tenant_id) + 1):
            raise ServiceError(ShopError.limit_reached)
        product = ShopProduct(tenant_id=actor.tenant_id, name="", sku=sku, price_kopecks=0)
    else:
        product = own_product(session, actor.tenant_id, product_id)
    product.name, product.sku = data.name.strip(), sku
    product.price_kopecks, product.old_price_kopecks = data.price_kopecks, data.old_price_kopecks
    product.description_md, product.care_instructions = data.description_md, data.care_instructions
    product.category_id, product.order_type = data.category_id, data.order_type
    product.size_table = [list(row) for row in data.size_table]
    product.search_text = f"{product.name} {sku}".lower()
    product.updated_at = utcnow()
    session.add(product)
    session.flush()
    assert product.id is not None
    _save_variants(session, product, data.variants)
    waves.save_waves(session, product, data.waves if data.order_type == OrderType.preorder else ())
    audit.record(
        session,
        "shop.product_saved",
        actor=actor,
        target_type="product",
        target_id=product.id,
        details={"sku": sku},
    )
    return product.id


def _save_variants(
    session: Session, product: ShopProduct, wanted: tuple[VariantInput, ...]
) -> None:
    # Locked and re-read (a checkout may be reserving them right now): the reservation checks
    # below see the committed numbers, and a sale cannot land between the read and the write.
    existing = {
        (v.size, v.colour): v
        for v in session.exec(
            select(ShopVariant)
            .where(ShopVariant.product_id == product.id)
            .order_by(col(ShopVariant.id))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    }
    for position, item in enumerate(wanted):
        key = (item.size.strip(), item.colour.strip())
        variant = existing.pop(key, None) or ShopVariant(
            tenant_id=product.tenant_id, product_id=product.id or 0, size=key[0], colour=key[1]
        )
        if item.stock < variant.reserved:
            raise ServiceError(ShopError.quantity_invalid, field="variants")
        variant.stock, variant.sku_suffix, variant.position = item.stock, item.sku_suffix, position
        session.add(variant)
    for gone in existing.values():
        if gone.reserved:
            raise ServiceError(ShopError.quantity_invalid, field="variants")
        session.delete(gone)
    session.flush()


def own_product(session: Session, tenant_id: int, product_id: int) -> ShopProduct:
    product = session.get(ShopProduct, product_id)
    if product is None or product.tenant_id != tenant_id:
        raise ServiceError(ShopError.not_found)
    return product


def set_status(session: Session, actor: Actor, product_ids: list[int], status: str) -> int:
    """Bulk archive / activate; ids of other tenants are ignored. Returns how many changed."""
    require(actor, ShopPermission.catalog)
    if status not in ProductStatus.__members__.values():
        raise ServiceError(ShopError.not_found)
    rows = session.exec(
        select(ShopProduct).where(
            ShopProduct.tenant_id == actor.tenant_id,
            ShopProduct.id.in_(product_ids[:500]),  # type: ignore[union-attr]
            ShopProduct.status != status,
        )
    ).all()
    for row in rows:
        row.status, row.updated_at = status, utcnow()
        session.add(row)
    if rows:
        audit.record(session, f"shop.products_{status}", actor=actor, details={"count": len(rows)})
    return len(rows)


def categories(session: Session, tenant_id: int) -> list[tuple[ShopCategory, int]]:
    """The tenant's category tree as (category, depth), each parent followed by its children."""
    rows = list(
        session.exec(
            select(ShopCategory)
            .where(ShopCategory.tenant_id == tenant_id)
            .order_by(col(ShopCategory.position), col(ShopCategory.name), col(ShopCategory.id))
        )
    )
    tree: list[tuple[ShopCategory, int]] = []
    for parent in (c for c in rows if c.parent_id is None):
        tree.append((parent, 0))
        tree += [(c, 1) for c in rows if c.parent_id == parent.id]
    return tree


def move_category(session: Session, actor: Actor, category_id: int, step: int) -> None:
    """One place up (-1) or down (+1) among its siblings; positions are renumbered 0..n."""
    require(actor, ShopPermission.catalog)
    category = _own_category(session, actor.tenant_id, category_id)
    siblings = [
        c for c, _ in categories(session, actor.tenant_id) if c.parent_id == category.parent_id
    ]
    index = next(i for i, c in enumerate(siblings) if c.id == category.id)
    target = max(0, min(len(siblings) - 1, index + (1 if step > 0 else -1)))
    siblings.insert(target, siblings.pop(index))
    for position, sibling in enumerate(siblings):
        sibling.position = position
        session.add(sibling)


def delete_category(session: Session, actor: Actor, category_id: int) -> None:
    """Its products stay, without a category; its subcategories go with it."""
    require(actor, ShopPermission.catalog)
    category = _own_category(session, actor.tenant_id, category_id)
    children = session.exec(select(ShopCategory.id).where(ShopCategory.parent_id == category.id))
    ids = [category.id, *children]
    for product in session.exec(
        select(ShopProduct).where(
            ShopProduct.tenant_id == actor.tenant_id, col(ShopProduct.category_id).in_(ids)
        )
    ):
        product.category_id = None
        session.add(product)
    session.flush()
    session.delete(category)
    audit.record(
        session, "shop.category_deleted", actor=actor, target_type="category", target_id=category_id
    )


@dataclass(frozen=True)
class ProductEdit:
    data: ProductInput
    status: str
    variants_reserved: dict[tuple[str, str], int]  # held by unpaid orders: the floor of stock


def variants_of(session: Session, tenant_id: int, product_id: int) -> list[ShopVariant]:
    return list(
        session.exec(
            select(ShopVariant)
            .where(ShopVariant.product_id == product_id, ShopVariant.tenant_id == tenant_id)
            .order_by(col(ShopVariant.position), col(ShopVariant.id))
        )
    )


def product_for_edit(session: Session, actor: Actor, product_id: int) -> ProductEdit:
    require(actor, ShopPermission.view)
    product = own_product(session, actor.tenant_id, product_id)
    variants = variants_of(session, actor.tenant_id, product_id)
    data = ProductInput(
        name=product.name,
        sku=product.sku,
        price_kopecks=product.price_kopecks,
        description_md=product.description_md,
        old_price_kopecks=product.old_price_kopecks,
        category_id=product.category_id,
        order_type=product.order_type,
        care_instructions=product.care_instructions,
        size_table=tuple(tuple(str(c) for c in row) for row in product.size_table),
        variants=tuple(VariantInput(v.size, v.colour, v.sku_suffix, v.stock) for v in variants),
        waves=tuple(w.capacity for w in waves.waves_of(session, product_id)),
    )
    return ProductEdit(data, product.status, {(v.size, v.colour): v.reserved for v in variants})


def parse_rubles(text: str) -> int | None:
    """Kopecks from what a person types: "1990", "1 990,50", "1990.5 ₽"; None if it is not a
    sum (the form then names the field)."""
    cleaned = text.replace("₽", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", cleaned):
        return None
    whole, _, part = cleaned.partition(".")
    return int(whole) * 100 + int((part + "00")[:2])
