"""The public module catalog (marketplace) and the landing's module showcase."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from tochka_app.i18n import format_money, gettext_, localized
from tochka_app.models import Module, Tariff
from tochka_app.modules import registry

CATEGORIES = ("sales", "content", "community", "productivity", "analytics")
MAX_QUERY_LENGTH = 100


@dataclass
class ModuleCard:
    code: str
    name: str
    description: str
    category: str
    category_label: str
    icon: str
    badge: str  # "Скоро" until it is available, then what it takes: tariff or add-on price
    available: bool = True  # registry.is_available: can be switched on today


def _badge(module: Module, min_tariff: Tariff | None, locale: str) -> str:
    if not registry.is_available(module.code):
        return gettext_(locale, "marketplace.coming_soon")  # nothing is "included" before it exists
    if module.price_month_kopecks:
        return gettext_(
            locale, "modules.addon", price=format_money(module.price_month_kopecks, locale)
        )
    if min_tariff is not None:
        return gettext_(locale, "modules.requires", tariff=localized(min_tariff.name, locale))
    return gettext_(locale, "modules.included")


def published_modules(
    session: Session, locale: str, query: str = "", category: str = ""
) -> list[ModuleCard]:
    """Published modules in display order, filtered by category and a free-text query.

    The registry holds tens of rows, so the text match runs on the localized strings in Python,
    which also makes it match in both languages and ignore case for Cyrillic.
    """
    stmt = (
        select(Module, Tariff)
        .join(Tariff, col(Module.min_tariff_id) == Tariff.id, isouter=True)
        .where(Module.is_published)
        .order_by(col(Module.sort_order), col(Module.code))
    )
    if category in CATEGORIES:
        stmt = stmt.where(Module.category == category)
    needle = query.strip()[:MAX_QUERY_LENGTH].casefold()
    cards = []
    for module, tariff in session.exec(stmt):
        haystack = " ".join(
            [*module.name.values(), *module.description.values(), module.code]
        ).casefold()
        if needle and needle not in haystack:
            continue
        cards.append(
            ModuleCard(
                code=module.code,
                name=localized(module.name, locale),
                description=localized(module.description, locale),
                category=module.category,
                category_label=gettext_(locale, f"category.{module.category}"),
                icon=module.icon,
                badge=_badge(module, tariff, locale),
                available=registry.is_available(module.code),
            )
        )
    return cards


@dataclass
class ModuleDetail:
    card: ModuleCard
    installed: bool  # available (registry.is_available): it can be enabled, else "coming soon"
    version: str
    permissions: list[str]  # "name — lowest role"
    settings: list[str]  # labels of the settings it asks for
    menu: list[str]  # entries it adds to the sidebar
    screenshots: list[str]  # URLs of real screenshots shipped with the module


def module_detail(session: Session, code: str, locale: str) -> ModuleDetail | None:
    """Everything the detail page shows about one published module, or None."""
    card = next((c for c in published_modules(session, locale) if c.code == code[:64]), None)
    if card is None:
        return None
    manifest = registry.get(card.code)
    if not card.available or manifest is None:
        return ModuleDetail(card, False, "", [], [], [], [])
    return ModuleDetail(
        card,
        True,
        manifest.version,
        [
            # The right in words ("Страницы: менять"), as the team page names it, not its code.
            f"{gettext_(locale, f'perm.{name}')} — {gettext_(locale, f'app.role.{role}')}"
            for name, role in manifest.permissions.items()
        ],
        [localized(f.label, locale) for f in manifest.settings],
        [localized(entry.label, locale) for entry in manifest.menu],
        list(manifest.screenshots),
    )
