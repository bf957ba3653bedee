from sqlmodel import select

from tochka_app.models import Module, Tariff, Tenant, TenantStatus
from tochka_app.services import catalog, stats, tariffs


def codes(cards):
    return [card.code for card in cards]


def test_published_modules_in_display_order(db, seeded):
    cards = catalog.published_modules(db, "ru")
    assert codes(cards)[0] == "shop"
    assert len(cards) == 7
    shop = cards[0]
    assert shop.name == "Интернет-магазин" and shop.category_label == "Продажи"
    assert (shop.badge, shop.available) == ("Входит в тариф", True)  # its package is installed
    # No package yet: "coming soon", never "included in the plan" (issue 10).
    tasks = next(c for c in cards if c.code == "tasks")
    assert (tasks.badge, tasks.available) == ("Скоро", False)


def _set_module(db, code: str, **fields) -> None:
    module = db.exec(select(Module).where(Module.code == code)).one()
    for name, value in fields.items():
        setattr(module, name, value)
    db.add(module)
    db.flush()


def test_badges_name_tariff_or_addon_price(db, seeded):
    business = db.exec(select(Tariff).where(Tariff.code == "business")).one()
    _set_module(db, "pages", min_tariff_id=business.id)
    _set_module(db, "knowledge", price_month_kopecks=49_000)
    by_code = {c.code: c for c in catalog.published_modules(db, "en")}
    assert by_code["pages"].badge == "Requires the “Business” plan"
    assert by_code["knowledge"].badge == "+490\xa0₽ per month"
    # A requirement or a price is not shown for what cannot be used yet.
    assert by_code["tasks"].badge == by_code["analytics"].badge == "Coming soon"


def test_one_rule_decides_availability_everywhere(db, demo_team, monkeypatch):
    """Landing showcase and public marketplace (catalog cards), the module page and the
    workspace catalog all follow registry.is_available, whatever it answers."""
    from tochka_app.modules import registry
    from tochka_app.services import marketplace

    tenant, _actors = demo_team
    for available in ({"pages", "knowledge"}, {"shop"}):
        monkeypatch.setattr(registry, "is_available", lambda code, ok=available: code in ok)
        cards = catalog.published_modules(db, "ru")
        assert {c.code for c in cards if c.available} == available
        assert {c.code for c in cards if c.badge == "Скоро"} == {c.code for c in cards} - available
        assert catalog.module_detail(db, "pages", "ru").installed == ("pages" in available)
        assert {
            c.code for c in marketplace.catalog(db, tenant.id, "ru") if c.state == "coming_soon"
        } == {c.code for c in cards} - available


def test_search_is_case_insensitive_in_both_languages(db, seeded):
    assert codes(catalog.published_modules(db, "ru", "МАГАЗИН")) == ["shop"]
    assert codes(catalog.published_modules(db, "ru", "kanban")) == ["tasks"]
    assert catalog.published_modules(db, "ru", "нет такого модуля") == []


def test_category_filter_and_bad_input(db, seeded):
    assert set(codes(catalog.published_modules(db, "ru", category="content"))) == {
        "pages",
        "knowledge",
        "blog",
    }
    # Unknown category is ignored, not an error; a huge query is cut, not a crash.
    assert len(catalog.published_modules(db, "ru", category="'; drop table modules")) == 7
    assert catalog.published_modules(db, "ru", "я" * 100_000) == []


def test_unpublished_module_is_hidden(db, seeded):
    shop = db.exec(select(Module).where(Module.code == "shop")).one()
    shop.is_published = False
    db.add(shop)
    db.flush()
    assert "shop" not in codes(catalog.published_modules(db, "ru"))


def test_pricing_cards_format_money_and_plural_limits(db, seeded):
    ru = tariffs.pricing_cards(db, "ru")
    assert [c.code for c in ru] == ["start", "business", "pro"]
    assert ru[0].price == "990\xa0₽"
    assert ru[1].price == "2\xa0990\xa0₽"
    assert ru[0].limits == ["2 модуля", "3 сотрудника", "100 товаров", "1 ГБ хранилища"]
    assert ru[2].limits[0] == "Все модули без ограничений"
    assert ru[0].trial == "14 дней бесплатно"
    en = tariffs.pricing_cards(db, "en")
    assert en[1].limits[:2] == ["5 modules", "10 team members"]
    assert en[1].price == "2,990\xa0₽"


def test_hidden_and_archived_tariffs_are_not_on_pricing(db, seeded):
    pro = db.exec(select(Tariff).where(Tariff.code == "pro")).one()
    pro.is_public = False
    start = db.exec(select(Tariff).where(Tariff.code == "start")).one()
    start.is_archived = True
    db.add_all([pro, start])
    db.flush()
    assert [c.code for c in tariffs.pricing_cards(db, "ru")] == ["business"]


def test_free_tariff_card(db, seeded):
    db.add(
        Tariff(
            code="free",
            name={"ru": "Бесплатный"},
            price_month_kopecks=0,
            trial_days=0,
            sort_order=1,
        )
    )
    db.flush()
    card = tariffs.pricing_cards(db, "en")[0]
    assert (card.code, card.price, card.is_free, card.trial) == ("free", "Free", True, "")
    assert card.name == "Бесплатный"  # no English name: falls back to Russian


def test_platform_stats_count_only_live_rows(db, seeded):
    figures = stats.platform_stats(db)
    assert (figures.tenants, figures.users, figures.modules, figures.live_subscriptions) == (
        1,
        4,
        7,
        1,
    )
    tenant = db.exec(select(Tenant)).one()
    tenant.status = TenantStatus.suspended
    db.add(tenant)
    db.flush()
    assert stats.platform_stats(db).tenants == 0


def test_a_module_page_names_its_rights_in_words(db, seeded):
    detail = catalog.module_detail(db, "pages", "ru")
    assert "Страницы сайта: смотреть — Сотрудник" in detail.permissions
    assert not any(line.startswith("pages.") for line in detail.permissions)
