"""The landing page in Chromium: content from the database, pricing, language, theme, phone."""

import re
import uuid

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func
from sqlmodel import select

from tochka_app.models import PlatformContent, Tariff, Tenant
from tochka_app.models._types import utcnow


def _hero_row(e2e_db, locale: str) -> PlatformContent:
    return e2e_db.exec(
        select(PlatformContent).where(
            PlatformContent.key == "hero", PlatformContent.locale == locale
        )
    ).one()


def test_hero_comes_from_the_database(page: Page, e2e_db):
    page.goto("/")
    expect(page.locator("#hero-title")).to_have_text("Ваш бизнес онлайн за один вечер")

    row = _hero_row(e2e_db, "ru")
    original = dict(row.value)
    marker = f"Проверка {uuid.uuid4().hex[:8]}"
    row.value = {**original, "title": marker}
    e2e_db.add(row)
    e2e_db.commit()
    try:
        page.reload()
        expect(page.locator("#hero-title")).to_have_text(marker)
    finally:
        row.value = original
        e2e_db.add(row)
        e2e_db.commit()


def test_live_stats_count_rows(page: Page, e2e_db):
    before = e2e_db.exec(
        select(func.count()).select_from(Tenant).where(Tenant.status == "active")
    ).one()
    page.goto("/")
    tenants = page.locator('[data-stat="tenants"]')
    expect(tenants).to_have_text(str(before))
    owner_id = e2e_db.exec(select(Tenant.owner_id)).first()
    bakery = Tenant(name="Пекарня", slug=f"bakery-{uuid.uuid4().hex[:6]}", owner_id=owner_id)
    e2e_db.add(bakery)
    e2e_db.commit()
    try:
        page.reload()
        expect(tenants).to_have_text(str(before + 1))
    finally:
        e2e_db.delete(bakery)
        e2e_db.commit()


def test_pricing_shows_public_tariffs_with_limits(page: Page, e2e_db):
    page.goto("/")
    cards = page.locator(".tariff-card")
    expect(cards).to_have_count(3)
    start = page.locator('.tariff-card[data-code="start"]')
    expect(start).to_contain_text("Старт")
    expect(start.locator(".tariff-price")).to_have_text(re.compile(r"^990\s₽$"))
    expect(start).to_contain_text("2 модуля")
    expect(start).to_contain_text("3 сотрудника")
    expect(page.locator('.tariff-card[data-code="pro"]')).to_contain_text(
        "Все модули без ограничений"
    )

    tariff = e2e_db.exec(select(Tariff).where(Tariff.code == "start")).one()
    tariff.price_month_kopecks, tariff.updated_at = 149_000, utcnow()
    e2e_db.add(tariff)
    e2e_db.commit()
    try:
        page.reload()
        expect(start.locator(".tariff-price")).to_have_text(re.compile(r"^1\s490\s₽$"))
    finally:
        tariff.price_month_kopecks = 99_000
        e2e_db.add(tariff)
        e2e_db.commit()


def test_module_showcase_does_not_sell_what_is_not_there(page: Page):
    """The landing follows the same availability rule as the app: «Скоро», no «Входит в тариф»."""
    page.goto("/")
    soon = page.locator('#modules .module-card[data-code="tasks"]')
    expect(soon).to_contain_text("Задачи")
    expect(soon.locator(".module-badge")).to_have_text("Скоро")
    expect(soon).not_to_contain_text("Входит в тариф")
    expect(page.locator('#modules .module-card[data-code="pages"] .module-badge')).to_have_text(
        "Входит в тариф"
    )
    for card in page.locator('#modules .module-card[data-available="no"]').all():
        expect(card.locator(".module-badge")).to_have_text("Скоро")


def test_language_switch_translates_and_persists(page: Page):
    page.goto("/")
    expect(page.locator("#hero-title")).to_have_text("Ваш бизнес онлайн за один вечер")
    page.locator("#lang-switch").get_by_role("radio", name="EN").click()
    expect(page.locator("#hero-title")).to_have_text("Your business online in one evening")
    expect(page.locator('.tariff-card[data-code="start"]')).to_contain_text("2 modules")
    expect(page.get_by_role("button", name="Get started").first).to_be_visible()

    page.reload()  # the choice is kept in the browser
    expect(page.locator("#hero-title")).to_have_text("Your business online in one evening")
    page.goto("/marketplace")
    expect(page.get_by_role("heading", name="Module marketplace")).to_be_visible()

    page.locator("#lang-switch").get_by_role("radio", name="RU").click()
    expect(page.get_by_role("heading", name="Маркетплейс модулей")).to_be_visible()


def test_theme_toggle_switches_dark_and_light(page: Page):
    page.goto("/")
    html = page.locator("html")
    expect(page.locator("#hero-title")).to_be_visible()
    initially_dark = "dark" in (html.get_attribute("class") or "")
    page.locator("#theme-toggle").click()
    if initially_dark:
        expect(html).not_to_have_class(re.compile(r"\bdark\b"))
    else:
        expect(html).to_have_class(re.compile(r"\bdark\b"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("device", "width"), [("phone", 375), ("desktop", 1440)])
@pytest.mark.parametrize(
    ("name", "path", "ready"),
    [
        ("landing", "/", ".module-card"),
        ("marketplace", "/marketplace", ".module-card"),
        ("login", "/login", "#phone"),
        ("admin-login", "/admin/login", "#admin-phone"),
    ],
)
def test_pages_fit_the_screen(
    browser, base_url, screenshot_dir, name, path, ready, device, width, scheme
):
    context = browser.new_context(
        viewport={"width": width, "height": 812}, color_scheme=scheme, base_url=base_url
    )
    page = context.new_page()
    try:
        page.goto(path)
        expect(page.locator(ready).first).to_be_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        page.screenshot(path=screenshot_dir / f"{name}-{device}-{scheme}.png", full_page=True)
    finally:
        context.close()


def test_health_endpoint_checks_the_database(app_url):
    response = httpx.get(f"{app_url}/health", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
