"""Tariffs as the public sees them (pricing cards on the landing page)."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from tochka_app.i18n import format_money, gettext_, localized, ngettext_
from tochka_app.models import Tariff


@dataclass
class TariffCard:
    code: str
    name: str
    description: str
    price: str  # "990 ₽" or "Бесплатно"
    is_free: bool
    trial: str  # "14 дней бесплатно" or ""
    limits: list[str]


def public_tariffs(session: Session) -> list[Tariff]:
    return list(
        session.exec(
            select(Tariff)
            .where(Tariff.is_public, col(Tariff.is_archived).is_(False))
            .order_by(col(Tariff.sort_order), col(Tariff.price_month_kopecks))
        )
    )


def _limit_line(locale: str, key: str, value: int | None) -> str:
    if value is None:
        return gettext_(locale, f"{key}_unlimited")
    return ngettext_(locale, key, value)


def tariff_limits(tariff: Tariff, locale: str) -> list[str]:
    lines = [
        _limit_line(locale, "limit.modules", tariff.max_modules),
        _limit_line(locale, "limit.staff", tariff.max_staff),
        _limit_line(locale, "limit.products", tariff.max_products),
    ]
    if tariff.max_storage_mb is not None:
        lines.append(ngettext_(locale, "limit.storage_gb", max(1, tariff.max_storage_mb // 1024)))
    return lines


def tariff_card(tariff: Tariff, locale: str) -> TariffCard:
    free = tariff.price_month_kopecks == 0
    return TariffCard(
        code=tariff.code,
        name=localized(tariff.name, locale),
        description=localized(tariff.description, locale),
        price=gettext_(locale, "pricing.free")
        if free
        else format_money(tariff.price_month_kopecks, locale),
        is_free=free,
        trial=ngettext_(locale, "trial.days", tariff.trial_days) if tariff.trial_days else "",
        limits=tariff_limits(tariff, locale),
    )


def pricing_cards(session: Session, locale: str) -> list[TariffCard]:
    return [tariff_card(t, locale) for t in public_tariffs(session)]
