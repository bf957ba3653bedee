"""Promo codes of a shop: a percent or a fixed amount off the items they apply to (all, or some
products and categories), within dates, a minimum sum and limits of uses overall and per
customer. A checkout takes a use under the code's row lock (uses + reserved < max_uses, and the
table's check says so too), the payment turns it into a use, a canceled or unpaid order gives it
back. Each refusal names its reason."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from tochka_app.models._types import utcnow
from tochka_app.modules.shop.models import (
    OrderStatus,
    PaymentStatus,
    PromoKind,
    ShopCategory,
    ShopOrder,
    ShopProduct,
    ShopPromoCode,
    ShopVariant,
)
from tochka_app.modules.shop.rules import ShopError, ShopPermission
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.permissions import require

MAX_CODE = 40
MAX_SUM_KOPECKS = 100_000_000_00  # 100 million roubles
MAX_USES = 1_000_000
CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ0123456789-_")


class PromoError(ErrorCode):
    unknown = "shop.promo.unknown"
    not_started = "shop.promo.not_started"
    expired = "shop.promo.expired"
    used_up = "shop.promo.used_up"
    per_customer = "shop.promo.per_customer"
    not_for_items = "shop.promo.not_for_items"
    below_minimum = "shop.promo.below_minimum"
    code_invalid = "shop.promo.code_invalid"
    code_taken = "shop.promo.code_taken"
    value_invalid = "shop.promo.value_invalid"
    dates_invalid = "shop.promo.dates_invalid"
    too_big = "shop.promo.too_big"
    sku_unknown = "shop.promo.sku_unknown"
    category_unknown = "shop.promo.category_unknown"


@dataclass(frozen=True)
class PromoInput:
    code: str
    kind: str = PromoKind.percent
    percent: int = 0
    amount_kopecks: int = 0
    description: str = ""
    min_order_kopecks: int = 0
    max_uses: int | None = None
    max_uses_per_customer: int | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    active: bool = True
    product_ids: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Line:
    """A cart line as the code sees it: its key, product, category and sum."""

    key: int
    product_id: int
    category_id: int | None
    total_kopecks: int


@dataclass(frozen=True)
class Discount:
    promo_id: int
    code: str
    by_line: dict[int, int]  # line key -> kopecks off

    @property
    def total(self) -> int:
        return sum(self.by_line.values())


def lines_of(variants, products: dict, wanted: dict[int, int]) -> list[Line]:
    """A promo's view of an order's lines: each variant with its product, category and sum."""
    return [
        Line(
            v.id or 0,
            v.product_id,
            products[v.product_id].category_id,
            products[v.product_id].price_kopecks * wanted[v.id or 0],
        )
        for v in variants
        if v.product_id in products
    ]


def cart_lines(session: Session, tenant_id: int, wanted: dict[int, int]) -> list[Line]:
    """The same for a cart shown before checkout (no locks: a preview)."""
    variants = session.exec(
        select(ShopVariant).where(
            ShopVariant.tenant_id == tenant_id, col(ShopVariant.id).in_(sorted(wanted))
        )
    ).all()
    products = {
        p.id: p
        for p in session.exec(
            select(ShopProduct).where(
                ShopProduct.tenant_id == tenant_id,
                col(ShopProduct.id).in_({v.product_id for v in variants}),
            )
        )
    }
    return lines_of(variants, products, wanted)


def normalize(code: str) -> str:
    return code.strip().upper()[: MAX_CODE + 1]


def _check(data: PromoInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    code = normalize(data.code)
    if not 3 <= len(code) <= MAX_CODE or not set(code) <= CODE_CHARS:
        errors["code"] = PromoError.code_invalid
    if data.kind == PromoKind.percent and not 1 <= data.percent <= 100:
        errors["value"] = PromoError.value_invalid
    if data.kind == PromoKind.amount and not 1 <= data.amount_kopecks <= MAX_SUM_KOPECKS:
        errors["value"] = PromoError.value_invalid
    if data.kind not in PromoKind.__members__.values():
        errors["value"] = PromoError.value_invalid
    limits = (data.max_uses, data.max_uses_per_customer)
    if not 0 <= data.min_order_kopecks <= MAX_SUM_KOPECKS or any(
        n is not None and not 1 <= n <= MAX_USES for n in limits
    ):
        errors["limits"] = PromoError.value_invalid
    if data.valid_from and data.valid_until and data.valid_until <= data.valid_from:
        errors["valid_until"] = PromoError.dates_invalid
    return errors


def save(session: Session, actor: Actor, promo_id: int | None, data: PromoInput) -> int:
    require(actor, ShopPermission.catalog)
    if errors := _check(data):
        raise ServiceError.form(errors)
    code = normalize(data.code)
    clash = session.exec(
        select(ShopPromoCode.id).where(
            ShopPromoCode.tenant_id == actor.tenant_id, ShopPromoCode.code == code
        )
    ).first()
    if clash is not None and clash != promo_id:
        raise ServiceError(PromoError.code_taken, field="code")
    promo = own_promo(session, actor.tenant_id, promo_id, lock=True) if promo_id else None
    if promo is None:
        promo = ShopPromoCode(tenant_id=actor.tenant_id, code=code)
    if data.max_uses is not None and data.max_uses < promo.uses + promo.reserved:
        raise ServiceError(PromoError.value_invalid, field="limits")
    promo.code, promo.description, promo.kind = code, data.description.strip()[:300], data.kind
    promo.percent = data.percent if data.kind == PromoKind.percent else 0
    promo.amount_kopecks = data.amount_kopecks if data.kind == PromoKind.amount else 0
    promo.min_order_kopecks = data.min_order_kopecks
    promo.max_uses, promo.max_uses_per_customer = data.max_uses, data.max_uses_per_customer
    promo.valid_from, promo.valid_until, promo.active = (
        data.valid_from,
        data.valid_until,
        data.active,
    )
    promo.product_ids, promo.category_ids = list(data.product_ids), list(data.category_ids)
    promo.updated_at = utcnow()
    session.add(promo)
    session.flush()
    audit.record(
        session,
        "shop.promo_saved",
        actor=actor,
        target_type="promo",
        target_id=promo.id,
        details={"code": code},
    )
    return promo.id or 0


def own_promo(session: Session, tenant_id: int, promo_id: int, lock: bool = False) -> ShopPromoCode:
    stmt = select(ShopPromoCode).where(
        ShopPromoCode.id == promo_id, ShopPromoCode.tenant_id == tenant_id
    )
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    promo = session.exec(stmt).first()
    if promo is None:
        raise ServiceError(ShopError.not_found)
    return promo


def _applies_to(session: Session, promo: ShopPromoCode, lines: list[Line]) -> list[Line]:
    if not promo.product_ids and not promo.category_ids:
        return lines
    categories = set(promo.category_ids)
    if categories:  # a category includes its subcategories
        categories |= set(
            session.exec(
                select(ShopCategory.id).where(col(ShopCategory.parent_id).in_(categories))
            ).all()
        )
    products = set(promo.product_ids)
    return [ln for ln in lines if ln.product_id in products or ln.category_id in categories]


def split(promo: ShopPromoCode, lines: list[Line]) -> dict[int, int]:
    """Kopecks off each line: a percent of each, or the fixed amount shared in proportion to the
    lines' sums (remainders to the largest lines), never more than a line costs."""
    if promo.kind == PromoKind.percent:
        return {ln.key: ln.total_kopecks * promo.percent // 100 for ln in lines}
    whole = sum(ln.total_kopecks for ln in lines)
    amount = min(promo.amount_kopecks, whole)
    if whole == 0:
        return {}
    shares = {ln.key: amount * ln.total_kopecks // whole for ln in lines}
    left = amount - sum(shares.values())
    for ln in sorted(lines, key=lambda ln: -ln.total_kopecks)[:left]:
        shares[ln.key] += 1
    return shares


def _refusal(
    session: Session,
    promo: ShopPromoCode | None,
    lines: list[Line],
    phone: str,
    now: datetime,
) -> tuple[ErrorCode, dict] | None:
    if promo is None or not promo.active:
        return PromoError.unknown, {}

    def used_by_this_customer() -> int:
        return session.exec(
            select(func.count())
            .select_from(ShopOrder)
            .where(
                ShopOrder.promo_id == promo.id,
                ShopOrder.customer_phone == phone,
                ShopOrder.status != OrderStatus.canceled,
            )
        ).one()

    minimum = {"rubles": f"{promo.min_order_kopecks / 100:.0f}"}
    checks: tuple[tuple[Callable[[], bool], ErrorCode, dict], ...] = (  # in the order heard
        (lambda: bool(promo.valid_from and now < promo.valid_from), PromoError.not_started, {}),
        (lambda: bool(promo.valid_until and now >= promo.valid_until), PromoError.expired, {}),
        (
            lambda: promo.max_uses is not None and promo.uses + promo.reserved >= promo.max_uses,
            PromoError.used_up,
            {},
        ),
        (
            lambda: (
                bool(promo.max_uses_per_customer and phone)
                and used_by_this_customer() >= (promo.max_uses_per_customer or 0)
            ),
            PromoError.per_customer,
            {},
        ),
        (
            lambda: sum(ln.total_kopecks for ln in lines) < promo.min_order_kopecks,
            PromoError.below_minimum,
            minimum,
        ),
        (lambda: not _applies_to(session, promo, lines), PromoError.not_for_items, {}),
    )
    for failed, reason, params in checks:
        if failed():
            return reason, params
    return None


def _find(session: Session, tenant_id: int, code: str, lock: bool) -> ShopPromoCode | None:
    stmt = select(ShopPromoCode).where(
        ShopPromoCode.tenant_id == tenant_id, ShopPromoCode.code == normalize(code)
    )
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return session.exec(stmt).first()


def quote(
    session: Session, tenant_id: int, code: str, lines: list[Line], phone: str = ""
) -> Discount:
    """What the code would take off these lines now; refused with its reason (field "promo")."""
    return _discount(session, tenant_id, code, lines, phone, reserve=False)


def take(session: Session, tenant_id: int, code: str, lines: list[Line], phone: str) -> Discount:
    """The discount for an order being placed, holding one use of the code."""
    return _discount(session, tenant_id, code, lines, phone, reserve=True)


def _discount(
    session: Session, tenant_id: int, code: str, lines: list[Line], phone: str, reserve: bool
) -> Discount:
    promo = _find(session, tenant_id, code, lock=reserve)
    if (refused := _refusal(session, promo, lines, phone, utcnow())) is not None:
        reason, params = refused
        raise ServiceError(reason, field="promo", **params)
    assert promo is not None and promo.id is not None  # refused above otherwise
    if reserve:
        promo.reserved += 1
        session.add(promo)
    return Discount(promo.id, promo.code, split(promo, _applies_to(session, promo, lines)))


def _locked(session: Session, promo_id: int) -> ShopPromoCode | None:
    return session.exec(
        select(ShopPromoCode)
        .where(ShopPromoCode.id == promo_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()


def room_for(session: Session, order: ShopOrder) -> bool:
    """Whether a late payment of this order (its hold ran out) can still count a use."""
    if order.promo_id is None or (promo := _locked(session, order.promo_id)) is None:
        return True
    return promo.max_uses is None or promo.uses + promo.reserved < promo.max_uses


def paid(session: Session, order: ShopOrder, was_reserved: bool) -> None:
    """The order's use is counted: its held use becomes a use (a late payment takes a new one:
    `room_for` said there is room, or the order stays canceled for a refund)."""
    if order.promo_id is None or (promo := _locked(session, order.promo_id)) is None:
        return
    if was_reserved:
        promo.reserved = max(0, promo.reserved - 1)
    promo.uses += 1
    session.add(promo)


def given_back(session: Session, order: ShopOrder, was_paid: bool) -> None:
    """A canceled order's use is free again (held, or counted when it was paid)."""
    if order.promo_id is None or (promo := _locked(session, order.promo_id)) is None:
        return
    if was_paid:
        promo.uses = max(0, promo.uses - 1)
    else:
        promo.reserved = max(0, promo.reserved - 1)
    session.add(promo)


@dataclass(frozen=True)
class PromoRow:
    promo: ShopPromoCode
    orders: int  # paid orders with the code
    revenue_kopecks: int  # what those orders brought in


def table(session: Session, actor: Actor) -> list[PromoRow]:
    """Every code of the shop with its paid orders and their revenue, newest first."""
    require(actor, ShopPermission.view)
    promos = session.exec(
        select(ShopPromoCode)
        .where(ShopPromoCode.tenant_id == actor.tenant_id)
        .order_by(col(ShopPromoCode.id).desc())
    ).all()
    sums = {
        promo_id: (count, total)
        for promo_id, count, total in session.exec(
            select(
                ShopOrder.promo_id,
                func.count(),
                func.coalesce(func.sum(ShopOrder.total_kopecks), 0),
            )
            .where(
                ShopOrder.tenant_id == actor.tenant_id,
                col(ShopOrder.promo_id).is_not(None),
                ShopOrder.payment_status == PaymentStatus.succeeded,
                ShopOrder.status != OrderStatus.canceled,
            )
            .group_by(col(ShopOrder.promo_id))
        )
    }
    return [PromoRow(p, *sums.get(p.id, (0, 0))) for p in promos]
