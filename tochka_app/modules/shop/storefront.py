"""What a shop's visitors see: the catalog (categories, search, sort, pages) and a product page.
Only active products of the tenant whose site this is; no workspace data, no session needed — the
storefront pages are server-rendered for anyone (tochka_app/server_render)."""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.modules.shop import waves
from tochka_app.modules.shop.models import (
    OrderType,
    ProductStatus,
    ShopCategory,
    ShopProduct,
    ShopProductMedia,
    ShopVariant,
)
from tochka_app.services.text import LIKE_ESCAPE, like_contains

PAGE_SIZE = 24
MAX_PAGE = 500
LOW_STOCK = 3  # "осталось 2" from here down


class Sort(StrEnum):
    new = "new"
    price_up = "price_up"
    price_down = "price_down"


@dataclass(frozen=True)
class ProductCard:
    id: int
    name: str
    price_kopecks: int
    old_price_kopecks: int | None
    thumb_path: str  # "" without photos
    available: int  # units left over every variant (a preorder: places left in its waves)
    order_type: str
    wave: waves.WaveSummary | None = None  # a preorder product's waves


@dataclass(frozen=True)
class CatalogPage:
    cards: list[ProductCard]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class VariantOption:
    id: int
    label: str
    available: int


@dataclass(frozen=True)
class ProductPage:
    id: int
    name: str
    sku: str
    description_md: str
    price_kopecks: int
    old_price_kopecks: int | None
    order_type: str
    care_instructions: str
    size_table: list[list[str]]
    photos: list[tuple[str, str, int, int]]  # (path, thumb path, width, height), main first
    variants: list[VariantOption]
    category: str
    wave: waves.WaveSummary | None = None


def _available(session: Session, product_ids: list[int]) -> dict[int, int]:
    rows = session.exec(
        select(ShopVariant.product_id, func.sum(ShopVariant.stock - ShopVariant.reserved))
        .where(col(ShopVariant.product_id).in_(product_ids))
        .group_by(col(ShopVariant.product_id))
    ).all()
    return {product_id: int(left or 0) for product_id, left in rows}


def _thumbs(session: Session, product_ids: list[int]) -> dict[int, str]:
    first: dict[int, str] = {}
    for media in session.exec(
        select(ShopProductMedia)
        .where(col(ShopProductMedia.product_id).in_(product_ids))
        .order_by(col(ShopProductMedia.position), col(ShopProductMedia.id))
    ):
        first.setdefault(media.product_id, media.thumb_path)
    return first


def catalog_page(
    session: Session,
    tenant_id: int,
    category_slug: str = "",
    query: str = "",
    sort: str = Sort.new,
    page: int = 1,
) -> CatalogPage:
    stmt = select(ShopProduct).where(
        ShopProduct.tenant_id == tenant_id, ShopProduct.status == ProductStatus.active
    )
    if category_slug:
        category = session.exec(
            select(ShopCategory).where(
                ShopCategory.tenant_id == tenant_id, ShopCategory.slug == category_slug[:80]
            )
        ).first()
        if category is None:
            return CatalogPage([], 0, 1, 1)
        children = select(ShopCategory.id).where(ShopCategory.parent_id == category.id)
        stmt = stmt.where(
            (col(ShopProduct.category_id) == category.id)
            | col(ShopProduct.category_id).in_(children)
        )
    for word in query.lower().split()[:5]:
        stmt = stmt.where(
            col(ShopProduct.search_text).like(like_contains(word[:100]), escape=LIKE_ESCAPE)
        )
    total = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    order = {
        Sort.price_up: (col(ShopProduct.price_kopecks), col(ShopProduct.id)),
        Sort.price_down: (col(ShopProduct.price_kopecks).desc(), col(ShopProduct.id).desc()),
    }.get(sort, (col(ShopProduct.id).desc(),))  # type: ignore[call-overload]
    pages = max(1, -(-total // PAGE_SIZE))
    page = max(1, min(page, pages, MAX_PAGE))
    products = list(
        session.exec(stmt.order_by(*order).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    )
    ids = [p.id for p in products if p.id is not None]
    left, thumbs = _available(session, ids), _thumbs(session, ids)
    preorders = waves.summaries(
        session, [p.id for p in products if p.id and p.order_type == OrderType.preorder]
    )
    left |= {pid: summary.left_in_all for pid, summary in preorders.items()}
    cards = [
        ProductCard(
            p.id or 0,
            p.name,
            p.price_kopecks,
            p.old_price_kopecks,
            thumbs.get(p.id or 0, ""),
            left.get(p.id or 0, 0),
            p.order_type,
            preorders.get(p.id or 0),
        )
        for p in products
    ]
    return CatalogPage(cards, total, page, pages)


def product_page(session: Session, tenant_id: int, product_id: int) -> ProductPage | None:
    product = session.get(ShopProduct, product_id)
    if product is None or product.tenant_id != tenant_id or product.status != ProductStatus.active:
        return None
    variants = session.exec(
        select(ShopVariant)
        .where(ShopVariant.product_id == product.id)
        .order_by(col(ShopVariant.position), col(ShopVariant.id))
    ).all()
    photos = session.exec(
        select(ShopProductMedia)
        .where(ShopProductMedia.product_id == product.id)
        .order_by(col(ShopProductMedia.position), col(ShopProductMedia.id))
    ).all()
    category = session.get(ShopCategory, product.category_id) if product.category_id else None
    wave = None
    if product.order_type == OrderType.preorder:
        wave = waves.summary_of(waves.waves_of(session, product.id or 0))
    return ProductPage(
        id=product.id or 0,
        name=product.name,
        sku=product.sku,
        description_md=product.description_md,
        price_kopecks=product.price_kopecks,
        old_price_kopecks=product.old_price_kopecks,
        order_type=product.order_type,
        care_instructions=product.care_instructions,
        size_table=[list(map(str, row)) for row in product.size_table],
        photos=[(m.path, m.thumb_path, m.width, m.height) for m in photos],
        variants=[
            VariantOption(
                v.id or 0,
                " / ".join(filter(None, (v.size, v.colour))),
                wave.left_in_all if wave else max(0, v.stock - v.reserved),
            )
            for v in variants
        ],
        category=category.name if category else "",
        wave=wave,
    )
