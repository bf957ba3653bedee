"""Tariffs as the super admin edits them. A tariff with subscribers is never deleted (archive it:
it leaves the landing, its subscribers keep it); changing one says how many tenants it affects."""

import re
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from tochka_app.models import Subscription, Tariff
from tochka_app.models._types import utcnow
from tochka_app.models.billing import LIVE_SUBSCRIPTION_STATUSES
from tochka_app.services import audit
from tochka_app.services.admin import AdminActor

CODE_RE = re.compile(r"^[a-z][a-z0-9_-]{1,31}$")
EDITABLE = ("name_ru", "name_en", "description_ru", "description_en", "price", "trial_days",
            "max_modules", "max_staff", "max_products", "max_storage_mb", "is_public")


@dataclass
class TariffRow:
    tariff: Tariff
    subscribers: int  # tenants on it now (live subscriptions)


def listing(session: Session) -> list[TariffRow]:
    counts = dict(session.exec(select(Subscription.tariff_id, func.count()).where(
        Subscription.status.in_(LIVE_SUBSCRIPTION_STATUSES)).group_by(Subscription.tariff_id)).all())
    return [TariffRow(t, counts.get(t.id, 0)) for t in session.exec(
        select(Tariff).order_by(Tariff.is_archived, Tariff.sort_order, Tariff.id))]


def subscribers(session: Session, tariff_id: int) -> int:
    return session.exec(select(func.count()).select_from(Subscription).where(
        Subscription.tariff_id == tariff_id,
        Subscription.status.in_(LIVE_SUBSCRIPTION_STATUSES))).one()


def _limit(raw, errors: dict, key: str) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None  # unlimited
    if not text.isdigit() or int(text) > 10_000_000:
        errors[key] = "admin.tariff.bad_number"
        return None
    return int(text)


def parse(form: dict) -> tuple[dict, dict[str, str]]:
    """Form values -> clean fields, field errors. Price in roubles (kopecks allowed: 990,50)."""
    errors: dict[str, str] = {}
    clean: dict = {}
    for key in ("name_ru", "name_en"):
        clean[key] = str(form.get(key, "")).strip()[:100]
        if not clean[key]:
            errors[key] = "admin.tariff.name_required"
    for key in ("description_ru", "description_en"):
        clean[key] = str(form.get(key, "")).strip()[:300]
    price = str(form.get("price", "")).strip().replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", price):
        errors["price"] = "admin.tariff.bad_price"
    else:
        rub, _, kop = price.partition(".")
        clean["price"] = int(rub) * 100 + int((kop + "00")[:2])
    trial = str(form.get("trial_days", "0")).strip() or "0"
    if not trial.isdigit() or int(trial) > 365:
        errors["trial_days"] = "admin.tariff.bad_number"
    else:
        clean["trial_days"] = int(trial)
    for key in ("max_modules", "max_staff", "max_products", "max_storage_mb"):
        clean[key] = _limit(form.get(key), errors, key)
    clean["is_public"] = form.get("is_public") in ("on", True, "true")
    return clean, errors


def _snapshot(tariff: Tariff) -> dict:
    return {"name": tariff.name, "description": tariff.description,
            "price": tariff.price_month_kopecks, "trial_days": tariff.trial_days,
            "max_modules": tariff.max_modules, "max_staff": tariff.max_staff,
            "max_products": tariff.max_products, "max_storage_mb": tariff.max_storage_mb,
            "is_public": tariff.is_public, "is_archived": tariff.is_archived,
            "sort_order": tariff.sort_order}


def _apply(tariff: Tariff, clean: dict) -> None:
    tariff.name = {"ru": clean["name_ru"], "en": clean["name_en"]}
    tariff.description = {"ru": clean["description_ru"], "en": clean["description_en"]}
    tariff.price_month_kopecks, tariff.trial_days = clean["price"], clean["trial_days"]
    tariff.max_modules, tariff.max_staff = clean["max_modules"], clean["max_staff"]
    tariff.max_products, tariff.max_storage_mb = clean["max_products"], clean["max_storage_mb"]
    tariff.is_public, tariff.updated_at = clean["is_public"], utcnow()


def save(session: Session, admin: AdminActor, tariff_id: int | None, form: dict,
         confirmed_subscribers: int | None = None) -> tuple[dict[str, str], int]:
    """Create (tariff_id None) or update. Returns (errors, subscribers affected). An update of a
    tariff with subscribers is applied only when `confirmed_subscribers` equals their number
    (the admin saw the count); otherwise errors = {"_confirm": ...} and nothing changes; a new
    price adds "_price" to say that subscribers pay it from their next period (see
    billing.payments.period_paid: a paid period keeps the price it was paid at)."""
    clean, errors = parse(form)
    tariff = None
    if tariff_id is not None:
        tariff = session.get(Tariff, tariff_id)
        if tariff is None:
            return {"_": "admin.not_found"}, 0
    else:
        code = str(form.get("code", "")).strip().lower()
        if not CODE_RE.match(code):
            errors["code"] = "admin.tariff.bad_code"
        elif session.exec(select(Tariff.id).where(Tariff.code == code)).first():
            errors["code"] = "admin.tariff.code_taken"
        clean["code"] = code
    if errors:
        return errors, 0
    affected = subscribers(session, tariff.id) if tariff else 0
    if affected and confirmed_subscribers != affected:
        confirm = {"_confirm": "admin.tariff.confirm"}
        if clean["price"] != tariff.price_month_kopecks:
            confirm["_price"] = "admin.tariff.price_next_period"
        return confirm, affected
    before = _snapshot(tariff) if tariff else None
    if tariff is None:
        top = session.exec(select(func.max(Tariff.sort_order))).one() or 0
        tariff = Tariff(code=clean["code"], sort_order=top + 10)
    _apply(tariff, clean)
    session.add(tariff)
    session.flush()
    audit.record(session, "admin.tariff_saved", actor=admin, target_type="tariff",
                 target_id=tariff.id,
                 details={"before": before, "after": _snapshot(tariff),
                          "subscribers": affected})
    return {}, affected


def set_archived(session: Session, admin: AdminActor, tariff_id: int, archived: bool) -> str | None:
    tariff = session.get(Tariff, tariff_id)
    if tariff is None:
        return "admin.not_found"
    before = _snapshot(tariff)
    tariff.is_archived, tariff.updated_at = archived, utcnow()
    session.add(tariff)
    audit.record(session, "admin.tariff_archived" if archived else "admin.tariff_restored",
                 actor=admin, target_type="tariff", target_id=tariff.id,
                 details={"before": before, "after": _snapshot(tariff)})
    return None


def delete(session: Session, admin: AdminActor, tariff_id: int) -> str | None:
    """Only a tariff nobody ever subscribed to can go; others are archived."""
    tariff = session.get(Tariff, tariff_id)
    if tariff is None:
        return "admin.not_found"
    if session.exec(select(Subscription.id).where(Subscription.tariff_id == tariff_id)).first():
        return "admin.tariff.has_subscribers"
    audit.record(session, "admin.tariff_deleted", actor=admin, target_type="tariff",
                 target_id=tariff.id, details={"before": _snapshot(tariff), "after": None})
    session.delete(tariff)
    return None


def move(session: Session, admin: AdminActor, tariff_id: int, step: int) -> str | None:
    """Swap places with the neighbour above (-1) or below (+1) on the landing."""
    rows = [r.tariff for r in listing(session) if not r.tariff.is_archived]
    index = next((i for i, t in enumerate(rows) if t.id == tariff_id), None)
    if index is None:
        return "admin.not_found"
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(rows):
        return None
    for position, tariff in enumerate(rows):  # renumber so the order is unambiguous
        tariff.sort_order = (position + 1) * 10
    rows[index].sort_order, rows[other].sort_order = rows[other].sort_order, rows[index].sort_order
    session.add_all(rows)
    audit.record(session, "admin.tariffs_reordered", actor=admin,
                 details={"moved": rows[index].code, "step": step})
    return None
