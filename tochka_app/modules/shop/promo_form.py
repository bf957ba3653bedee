"""The promo code form of the back office: what staff type (codes, sums in roubles, SKUs,
category slugs, dates in the shop's time zone) into a `PromoInput`, and a saved code back into
the form's text."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from tochka_app.modules.shop.models import PromoKind, ShopCategory, ShopProduct, ShopPromoCode
from tochka_app.modules.shop.promos import PromoError, PromoInput
from tochka_app.services.errors import ServiceError

FORM_FIELDS = (
    "code",
    "description",
    "kind",
    "value",
    "min_order",
    "max_uses",
    "max_per_customer",
    "valid_from",
    "valid_until",
    "active",
    "products",
    "categories",
)


def _day(text: str, zone: str, days_after: int = 0) -> datetime | None:
    """ "2026-12-31" -> the start of that day (or `days_after` days later) in the shop's zone."""
    if not text:
        return None
    start = datetime.combine(date.fromisoformat(text), time.min, tzinfo=ZoneInfo(zone))
    return start + timedelta(days=days_after)


def parse_form(session: Session, tenant_id: int, form: dict, zone: str) -> PromoInput:
    """The form as typed -> a PromoInput; every wrong field named at once (nothing saved)."""
    text = {key: str(form.get(key, "") or "").strip()[:500] for key in FORM_FIELDS}
    errors: dict[str, str] = {}

    def number(key: str, rubles: bool = False) -> int | None:
        raw = text[key].replace(" ", "").replace(",", ".")
        if not raw:
            return None
        try:
            value = round(float(raw) * 100) if rubles else int(raw)
        except (ValueError, OverflowError):  # "сто", "inf", "1e400"
            errors["value" if key == "value" else "limits"] = PromoError.value_invalid
            return None
        return value

    kind = text["kind"] if text["kind"] in PromoKind.__members__.values() else PromoKind.percent
    value = number("value", rubles=kind == PromoKind.amount) or 0
    min_order = number("min_order", rubles=True) or 0
    max_uses, max_per_customer = number("max_uses"), number("max_per_customer")
    try:
        valid_from = _day(text["valid_from"], zone)
        valid_until = _day(text["valid_until"], zone, days_after=1)  # through that whole day
    except ValueError:
        errors["valid_until"] = PromoError.dates_invalid
        valid_from = valid_until = None
    skus = [s.strip() for s in text["products"].split(",") if s.strip()][:200]
    found = dict(
        session.exec(
            select(ShopProduct.sku, ShopProduct.id).where(
                ShopProduct.tenant_id == tenant_id, col(ShopProduct.sku).in_(skus)
            )
        ).all()
    )
    if [s for s in skus if s not in found]:
        errors["products"] = PromoError.sku_unknown
    slugs = [s.strip() for s in text["categories"].split(",") if s.strip()][:100]
    categories = dict(
        session.exec(
            select(ShopCategory.slug, ShopCategory.id).where(
                ShopCategory.tenant_id == tenant_id, col(ShopCategory.slug).in_(slugs)
            )
        ).all()
    )
    if [s for s in slugs if s not in categories]:
        errors["categories"] = PromoError.category_unknown
    if errors:
        raise ServiceError.form(errors)
    return PromoInput(
        code=text["code"],
        kind=kind,
        percent=value if kind == PromoKind.percent else 0,
        amount_kopecks=value if kind == PromoKind.amount else 0,
        description=text["description"],
        min_order_kopecks=min_order,
        max_uses=max_uses,
        max_uses_per_customer=max_per_customer,
        valid_from=valid_from,
        valid_until=valid_until,
        active=text["active"] in ("on", "true", "True", "1"),
        product_ids=tuple(found[s] or 0 for s in skus),
        category_ids=tuple(categories[s] or 0 for s in slugs),
    )


def form_of(session: Session, promo: ShopPromoCode, zone: str) -> dict[str, str]:
    """A saved code as its form shows it."""
    local = ZoneInfo(zone)
    skus = session.exec(
        select(ShopProduct.sku).where(col(ShopProduct.id).in_(promo.product_ids or [-1]))
    ).all()
    slugs = session.exec(
        select(ShopCategory.slug).where(col(ShopCategory.id).in_(promo.category_ids or [-1]))
    ).all()
    value = promo.percent if promo.kind == PromoKind.percent else promo.amount_kopecks / 100
    until = promo.valid_until.astimezone(local) - timedelta(days=1) if promo.valid_until else None
    return {
        "code": promo.code,
        "description": promo.description,
        "kind": promo.kind,
        "value": f"{value:g}",
        "min_order": f"{promo.min_order_kopecks / 100:g}" if promo.min_order_kopecks else "",
        "max_uses": str(promo.max_uses or ""),
        "max_per_customer": str(promo.max_uses_per_customer or ""),
        "valid_from": promo.valid_from.astimezone(local).date().isoformat()
        if promo.valid_from
        else "",
        "valid_until": until.date().isoformat() if until else "",
        "active": "on" if promo.active else "",
        "products": ", ".join(skus),
        "categories": ", ".join(slugs),
    }
