"""Tariffs as the super admin edits them. A tariff with subscribers is never deleted (archive it:
it leaves the landing, its subscribers keep it); changing one says how many tenants it affects."""

import re
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models import Subscription, Tariff
from tochka_app.models._types import utcnow
from tochka_app.models.billing import LIVE_SUBSCRIPTION_STATUSES
from tochka_app.services import audit
from tochka_app.services.admin import AdminActor, AdminError
from tochka_app.services.errors import ErrorCode, ServiceError

CODE_RE = re.compile(r"^[a-z][a-z0-9_-]{1,31}$")
EDITABLE = (
    "name_ru",
    "name_en",
    "description_ru",
    "description_en",
    "price",
    "trial_days",
    "max_modules",
    "max_staff",
    "max_products",
    "max_storage_mb",
    "is_public",
)


class TariffError(ErrorCode):
    name_required = "admin.tariff.name_required"
    bad_price = "admin.tariff.bad_price"
    bad_number = "admin.tariff.bad_number"
    bad_code = "admin.tariff.bad_code"
    code_taken = "admin.tariff.code_taken"
    has_subscribers = "admin.tariff.has_subscribers"
    # Not a mistake but a question: the change reaches `subscribers` tenants (params:
    # subscribers, new_price) and is applied once the admin confirms that number.
    confirm = "admin.tariff.confirm"


@dataclass
class TariffRow:
    tariff: Tariff
    subscribers: int  # tenants on it now (live subscriptions)


def listing(session: Session) -> list[TariffRow]:
    counts: dict[int | None, int] = dict(
        session.exec(
            select(Subscription.tariff_id, func.count())
            .where(col(Subscription.status).in_(LIVE_SUBSCRIPTION_STATUSES))
            .group_by(col(Subscription.tariff_id))
        ).all()
    )
    return [
        TariffRow(t, counts.get(t.id, 0))
        for t in session.exec(
            select(Tariff).order_by(col(Tariff.is_archived), col(Tariff.sort_order), col(Tariff.id))
        )
    ]


def subscribers(session: Session, tariff_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(Subscription)
        .where(
            Subscription.tariff_id == tariff_id,
            col(Subscription.status).in_(LIVE_SUBSCRIPTION_STATUSES),
        )
    ).one()


def _tariff(session: Session, tariff_id: int) -> Tariff:
    tariff = session.get(Tariff, tariff_id)
    if tariff is None:
        raise ServiceError(AdminError.not_found)
    return tariff


def form_values(session: Session, tariff_id: int) -> dict[str, str]:
    """What the edit form starts with (the same names and formats `save` reads)."""
    tariff = _tariff(session, tariff_id)

    def num(value):
        return "" if value is None else str(value)

    price = tariff.price_month_kopecks
    return {
        "code": tariff.code,
        "name_ru": tariff.name.get("ru", ""),
        "name_en": tariff.name.get("en", ""),
        "description_ru": tariff.description.get("ru", ""),
        "description_en": tariff.description.get("en", ""),
        "price": f"{price // 100}" + (f",{price % 100:02d}" if price % 100 else ""),
        "trial_days": str(tariff.trial_days),
        "max_modules": num(tariff.max_modules),
        "max_staff": num(tariff.max_staff),
        "max_products": num(tariff.max_products),
        "max_storage_mb": num(tariff.max_storage_mb),
        "is_public": "on" if tariff.is_public else "",
    }


def _limit(raw, errors: dict, key: str) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None  # unlimited
    if not text.isdigit() or int(text) > 10_000_000:
        errors[key] = TariffError.bad_number
        return None
    return int(text)


def _parse(form: dict) -> tuple[dict, dict[str, TariffError]]:
    """Form values -> clean fields, field errors. Price in roubles (kopecks allowed: 990,50)."""
    errors: dict[str, TariffError] = {}
    clean: dict = {}
    for key in ("name_ru", "name_en"):
        clean[key] = str(form.get(key, "")).strip()[:100]
        if not clean[key]:
            errors[key] = TariffError.name_required
    for key in ("description_ru", "description_en"):
        clean[key] = str(form.get(key, "")).strip()[:300]
    price = str(form.get("price", "")).strip().replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", price):
        errors["price"] = TariffError.bad_price
    else:
        rub, _, kop = price.partition(".")
        clean["price"] = int(rub) * 100 + int((kop + "00")[:2])
    trial = str(form.get("trial_days", "0")).strip() or "0"
    if not trial.isdigit() or int(trial) > 365:
        errors["trial_days"] = TariffError.bad_number
    else:
        clean["trial_days"] = int(trial)
    for key in ("max_modules", "max_staff", "max_products", "max_storage_mb"):
        clean[key] = _limit(form.get(key), errors, key)
    clean["is_public"] = form.get("is_public") in ("on", True, "true")
    return clean, errors


def _snapshot(tariff: Tariff) -> dict:
    return {
        "name": tariff.name,
        "description": tariff.description,
        "price": tariff.price_month_kopecks,
        "trial_days": tariff.trial_days,
        "max_modules": tariff.max_modules,
        "max_staff": tariff.max_staff,
        "max_products": tariff.max_products,
        "max_storage_mb": tariff.max_storage_mb,
        "is_public": tariff.is_public,
        "is_archived": tariff.is_archived,
        "sort_order": tariff.sort_order,
    }


def _apply(tariff: Tariff, clean: dict) -> None:
    tariff.name = {"ru": clean["name_ru"], "en": clean["name_en"]}
    tariff.description = {"ru": clean["description_ru"], "en": clean["description_en"]}
    tariff.price_month_kopecks, tariff.trial_days = clean["price"], clean["trial_days"]
    tariff.max_modules, tariff.max_staff = clean["max_modules"], clean["max_staff"]
    tariff.max_products, tariff.max_storage_mb = clean["max_products"], clean["max_storage_mb"]
    tariff.is_public, tariff.updated_at = clean["is_public"], utcnow()


def save(
    session: Session,
    admin: AdminActor,
    tariff_id: int | None,
    form: dict,
    confirmed_subscribers: int | None = None,
) -> int:
    """Create (tariff_id None) or update; returns the number of subscribers affected. Wrong
    fields refuse all at once (`ServiceError.form`). An update of a tariff with subscribers is
    applied only when `confirmed_subscribers` equals their number (the admin saw the count);
    otherwise it refuses with `TariffError.confirm` (params: `subscribers`, and `new_price`
    when subscribers will pay a new price from their next period, see
    billing.payments.period_paid: a paid period keeps the price it was paid at)."""
    clean, errors = _parse(form)
    tariff = None
    if tariff_id is not None:
        tariff = _tariff(session, tariff_id)
    else:
        code = str(form.get("code", "")).strip().lower()
        if not CODE_RE.match(code):
            errors["code"] = TariffError.bad_code
        elif session.exec(select(Tariff.id).where(Tariff.code == code)).first():
            errors["code"] = TariffError.code_taken
        clean["code"] = code
    if errors:
        raise ServiceError.form(errors)
    affected = subscribers(session, tariff_id) if tariff_id is not None else 0
    if affected and confirmed_subscribers != affected:
        assert tariff is not None  # subscribers only of an existing tariff
        raise ServiceError(
            TariffError.confirm,
            subscribers=affected,
            new_price=clean["price"] != tariff.price_month_kopecks,
        )
    before = _snapshot(tariff) if tariff else None
    if tariff is None:
        top = session.exec(select(func.max(Tariff.sort_order))).one() or 0
        tariff = Tariff(code=clean["code"], sort_order=top + 10)
    _apply(tariff, clean)
    session.add(tariff)
    session.flush()
    audit.record(
        session,
        "admin.tariff_saved",
        actor=admin,
        target_type="tariff",
        target_id=tariff.id,
        details={"before": before, "after": _snapshot(tariff), "subscribers": affected},
    )
    return affected


def set_archived(session: Session, admin: AdminActor, tariff_id: int, archived: bool) -> None:
    tariff = _tariff(session, tariff_id)
    before = _snapshot(tariff)
    tariff.is_archived, tariff.updated_at = archived, utcnow()
    session.add(tariff)
    audit.record(
        session,
        "admin.tariff_archived" if archived else "admin.tariff_restored",
        actor=admin,
        target_type="tariff",
        target_id=tariff.id,
        details={"before": before, "after": _snapshot(tariff)},
    )


def delete(session: Session, admin: AdminActor, tariff_id: int) -> None:
    """Only a tariff nobody ever subscribed to can go; others are archived."""
    tariff = _tariff(session, tariff_id)
    if session.exec(select(Subscription.id).where(Subscription.tariff_id == tariff_id)).first():
        raise ServiceError(TariffError.has_subscribers)
    audit.record(
        session,
        "admin.tariff_deleted",
        actor=admin,
        target_type="tariff",
        target_id=tariff.id,
        details={"before": _snapshot(tariff), "after": None},
    )
    session.delete(tariff)


def move(session: Session, admin: AdminActor, tariff_id: int, step: int) -> None:
    """Swap places with the neighbour above (-1) or below (+1) on the landing."""
    rows = [r.tariff for r in listing(session) if not r.tariff.is_archived]
    index = next((i for i, t in enumerate(rows) if t.id == tariff_id), None)
    if index is None:
        raise ServiceError(AdminError.not_found)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(rows):
        return
    for position, tariff in enumerate(rows):  # renumber so the order is unambiguous
        tariff.sort_order = (position + 1) * 10
    rows[index].sort_order, rows[other].sort_order = rows[other].sort_order, rows[index].sort_order
    session.add_all(rows)
    audit.record(
        session,
        "admin.tariffs_reordered",
        actor=admin,
        details={"moved": rows[index].code, "step": step},
    )
