"""The module registry as the super admin runs it: publish / unpublish, price or minimum tariff,
and how many tenants use each module."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models import Module, Tariff, TenantModule
from tochka_app.models._types import utcnow
from tochka_app.modules import registry
from tochka_app.services import audit
from tochka_app.services.admin import AdminActor, AdminError
from tochka_app.services.errors import ErrorCode, ServiceError


class ModuleAdminError(ErrorCode):
    bad_price = "admin.tariff.bad_price"


@dataclass
class ModuleRow:
    module: Module
    installed: bool  # a package exists (otherwise it is shown as "coming soon")
    min_tariff: str  # code or ""
    tenants: int  # tenants with it enabled


def listing(session: Session) -> list[ModuleRow]:
    adoption: dict[int | None, int] = dict(
        session.exec(
            select(TenantModule.module_id, func.count())
            .where(TenantModule.enabled)
            .group_by(col(TenantModule.module_id))
        ).all()
    )
    codes = {t.id: t.code for t in session.exec(select(Tariff))}
    return [
        ModuleRow(
            m, registry.is_available(m.code), codes.get(m.min_tariff_id, ""), adoption.get(m.id, 0)
        )
        for m in session.exec(select(Module).order_by(col(Module.sort_order), col(Module.code)))
    ]


def _snapshot(module: Module) -> dict:
    return {
        "published": module.is_published,
        "price": module.price_month_kopecks,
        "min_tariff_id": module.min_tariff_id,
    }


def _module(session: Session, module_id: int) -> Module:
    module = session.get(Module, module_id)
    if module is None:
        raise ServiceError(AdminError.not_found)
    return module


def set_published(session: Session, admin: AdminActor, module_id: int, published: bool) -> None:
    module = _module(session, module_id)
    before = _snapshot(module)
    module.is_published, module.updated_at = published, utcnow()
    session.add(module)
    audit.record(
        session,
        "admin.module_published" if published else "admin.module_unpublished",
        actor=admin,
        target_type="module",
        target_id=module.code,
        details={"before": before, "after": _snapshot(module)},
    )


def set_pricing(
    session: Session, admin: AdminActor, module_id: int, price: str, min_tariff_code: str
) -> None:
    """An add-on price in roubles (0 = included) and/or the lowest tariff that includes it."""
    module = _module(session, module_id)
    text = (price or "0").strip().replace(" ", "").replace(",", ".")
    try:
        kopecks = round(float(text) * 100)
    except ValueError:
        raise ServiceError(ModuleAdminError.bad_price) from None
    if kopecks < 0 or kopecks > 10**10:
        raise ServiceError(ModuleAdminError.bad_price)
    tariff_id = None
    if min_tariff_code and min_tariff_code != "none":
        tariff_id = session.exec(select(Tariff.id).where(Tariff.code == min_tariff_code)).first()
        if tariff_id is None:
            raise ServiceError(AdminError.not_found)
    before = _snapshot(module)
    module.price_month_kopecks, module.min_tariff_id = kopecks, tariff_id
    module.updated_at = utcnow()
    session.add(module)
    audit.record(
        session,
        "admin.module_pricing",
        actor=admin,
        target_type="module",
        target_id=module.code,
        details={"before": before, "after": _snapshot(module)},
    )
