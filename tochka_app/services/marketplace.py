"""Modules inside a workspace: the catalog as this tenant sees it, enable, configure, disable.

Disabling keeps the module's data for GRACE_PERIOD; enabling again within it restores everything.
A refusal raises `ServiceError(MarketplaceError...)` (settings: one per wrong field) before
anything is written.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from tochka_app.i18n import format_money, gettext_, localized
from tochka_app.models import Module, Tariff, TenantModule
from tochka_app.models._types import utcnow
from tochka_app.modules import registry
from tochka_app.modules.sdk import validate_settings
from tochka_app.services import audit, entitlements
from tochka_app.services.access import Actor
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.permissions import Permission, require

GRACE_PERIOD = timedelta(days=30)


class MarketplaceError(ErrorCode):
    not_available = "marketplace.not_available"
    needs_upgrade = "marketplace.needs_upgrade"
    module_limit = "marketplace.module_limit"
    not_enabled = "marketplace.not_enabled"


@dataclass
class TenantModuleCard:
    code: str
    name: str
    description: str
    category_label: str
    icon: str
    state: str  # enabled | available | needs_upgrade | coming_soon
    note: str  # what it takes, in words


def _enabled_rows(session: Session, tenant_id: int) -> dict[int | None, TenantModule]:
    return {
        tm.module_id: tm
        for tm in session.exec(select(TenantModule).where(TenantModule.tenant_id == tenant_id))
    }


def _allowed(limits: entitlements.Limits, min_tariff: Tariff | None) -> bool:
    return min_tariff is None or limits.sort_order >= min_tariff.sort_order


def catalog(session: Session, tenant_id: int, locale: str) -> list[TenantModuleCard]:
    limits = entitlements.limits(session, tenant_id)
    rows = _enabled_rows(session, tenant_id)
    cards = []
    for module, tariff in session.exec(
        select(Module, Tariff)
        .join(Tariff, col(Module.min_tariff_id) == Tariff.id, isouter=True)
        .where(Module.is_published)
        .order_by(col(Module.sort_order), col(Module.code))
    ):
        tm = rows.get(module.id)
        if tm is not None and tm.enabled:
            state, note = "enabled", gettext_(locale, "marketplace.enabled")
        elif not registry.is_available(module.code):
            state, note = "coming_soon", gettext_(locale, "marketplace.coming_soon")
        elif not _allowed(limits, tariff):
            state = "needs_upgrade"
            note = gettext_(locale, "modules.requires", tariff=localized(tariff.name, locale))
        else:
            state = "available"
            note = (
                gettext_(
                    locale, "modules.addon", price=format_money(module.price_month_kopecks, locale)
                )
                if module.price_month_kopecks
                else gettext_(locale, "modules.included")
            )
        cards.append(
            TenantModuleCard(
                module.code,
                localized(module.name, locale),
                localized(module.description, locale),
                gettext_(locale, f"category.{module.category}"),
                module.icon,
                state,
                note,
            )
        )
    return cards


def is_enabled(session: Session, tenant_id: int, code: str) -> bool:
    return (
        session.exec(
            select(TenantModule.id)
            .join(Module, col(Module.id) == TenantModule.module_id)
            .where(TenantModule.tenant_id == tenant_id, Module.code == code, TenantModule.enabled)
        ).first()
        is not None
    )


def _module(session: Session, code: str) -> tuple[Module, Tariff | None] | None:
    return session.exec(
        select(Module, Tariff)
        .join(Tariff, col(Module.min_tariff_id) == Tariff.id, isouter=True)
        .where(Module.code == code)
    ).first()


def enable(session: Session, actor: Actor, code: str) -> None:
    """Switch a module on (already on: nothing to do); its data is back if it was on before."""
    require(actor, Permission.manage_modules)
    found = _module(session, code)
    if found is None or not found[0].is_published or not registry.is_available(code):
        raise ServiceError(MarketplaceError.not_available)
    module, min_tariff = found
    assert module.id is not None  # a loaded row
    limits = entitlements.limits(session, actor.tenant_id)
    if not _allowed(limits, min_tariff):
        raise ServiceError(MarketplaceError.needs_upgrade)
    row = _enabled_rows(session, actor.tenant_id).get(module.id)
    if row is not None and row.enabled:
        return
    if not entitlements.within(
        limits.max_modules, entitlements.modules_enabled(session, actor.tenant_id)
    ):
        raise ServiceError(MarketplaceError.module_limit)
    if row is None:
        manifest = registry.get(code)
        assert manifest is not None  # registry.is_available(code) above
        row = TenantModule(
            tenant_id=actor.tenant_id, module_id=module.id, settings=manifest.default_settings()
        )
    row.enabled, row.enabled_at, row.disabled_at = True, utcnow(), None
    session.add(row)
    audit.record(session, "module.enabled", actor=actor, target_type="module", target_id=code)


def _enabled_row(session: Session, tenant_id: int, code: str) -> TenantModule:
    found = _module(session, code)
    row = _enabled_rows(session, tenant_id).get(found[0].id) if found else None
    if row is None or not row.enabled:
        raise ServiceError(MarketplaceError.not_enabled)
    return row


def disable(session: Session, actor: Actor, code: str) -> None:
    require(actor, Permission.manage_modules)
    row = _enabled_row(session, actor.tenant_id, code)
    row.enabled, row.disabled_at = False, utcnow()
    session.add(row)
    audit.record(session, "module.disabled", actor=actor, target_type="module", target_id=code)


def settings_of(session: Session, tenant_id: int, code: str) -> dict:
    found = _module(session, code)
    row = _enabled_rows(session, tenant_id).get(found[0].id) if found else None
    return dict(row.settings) if row is not None else {}


@dataclass
class SettingField:
    """One field of a module's settings dialog, with what is stored (or its default) in it."""

    key: str
    type: str  # str | int | bool | choice
    label: str
    value: str  # bool: "True" | "False"
    options: list[list[str]]  # [value, label] of a choice


@dataclass
class SettingsForm:
    code: str
    title: str
    fields: list[SettingField]


def settings_form(session: Session, actor: Actor, code: str, locale: str) -> SettingsForm:
    """What the settings dialog of a module shows: its fields filled with the stored values."""
    require(actor, Permission.manage_modules)
    manifest = registry.get(code)
    if manifest is None:
        raise ServiceError(MarketplaceError.not_available)
    current = settings_of(session, actor.tenant_id, manifest.code)
    fields = []
    for f in manifest.settings:
        value = current.get(f.key, f.default)
        fields.append(
            SettingField(
                f.key,
                f.type,
                localized(f.label, locale),
                "" if value is None else str(value),
                [[c, localized(f.choice_labels.get(c, {}), locale) or c] for c in f.choices],
            )
        )
    return SettingsForm(manifest.code, localized(manifest.name, locale), fields)


def save_settings(session: Session, actor: Actor, code: str, raw: dict) -> None:
    """Validate on the server and store; a wrong value refuses with every wrong field at once
    (`ServiceError.form`, i18n ids of modules/sdk.py)."""
    require(actor, Permission.manage_modules)
    manifest = registry.get(code)
    if manifest is None:
        raise ServiceError(MarketplaceError.not_enabled)
    row = _enabled_row(session, actor.tenant_id, code)
    clean = validate_settings(manifest, raw)  # ServiceError.form: every wrong setting
    before, row.settings = row.settings, clean
    session.add(row)
    audit.record(
        session,
        "module.configured",
        actor=actor,
        target_type="module",
        target_id=code,
        details={"before": before, "after": clean},
    )


def enabled_manifests(session: Session, tenant_id: int) -> list:
    """Manifests of the tenant's enabled modules, in catalog order."""
    codes = session.exec(
        select(Module.code)
        .join(TenantModule, col(TenantModule.module_id) == Module.id)
        .where(TenantModule.tenant_id == tenant_id, TenantModule.enabled)
        .order_by(col(Module.sort_order))
    )
    return [m for m in (registry.get(code) for code in codes) if m is not None]


@dataclass(frozen=True)
class MenuLink:
    """A sidebar entry of an enabled module, in the visitor's language."""

    label: str
    route: str
    icon: str


def menu(session: Session, tenant_id: int, locale: str) -> list[MenuLink]:
    """Sidebar entries of the tenant's enabled modules."""
    return [
        MenuLink(localized(entry.label, locale), entry.route, entry.icon)
        for manifest in enabled_manifests(session, tenant_id)
        for entry in manifest.menu
    ]


def site_links(session: Session, tenant_id: int, locale: str) -> list[tuple[str, str]]:
    """Menu of the tenant's public site, contributed by its enabled modules."""
    return [
        link
        for manifest in enabled_manifests(session, tenant_id)
        if manifest.site_links
        for link in manifest.site_links(session, tenant_id, locale)
    ]


def purge_expired(session: Session) -> int:
    """Delete data of modules disabled longer than the grace period; returns how many."""
    cutoff = utcnow() - GRACE_PERIOD
    purged = 0
    for row, code in session.exec(
        select(TenantModule, Module.code)
        .join(Module, col(Module.id) == TenantModule.module_id)
        .where(col(TenantModule.enabled).is_(False), col(TenantModule.disabled_at) < cutoff)
    ):
        manifest = registry.get(code)
        if manifest is not None and manifest.purge is not None:
            manifest.purge(session, row.tenant_id)
        session.delete(row)
        audit.record(
            session, "module.purged", tenant_id=row.tenant_id, target_type="module", target_id=code
        )
        purged += 1
    return purged
