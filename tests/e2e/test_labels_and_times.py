"""What a person reads (issue 10): the admin panel in words and in the admin's own time zone, with
a RU/EN switch; plural stats on the landing; device names and workspace-zone times on the profile
and team pages; the brand declined in the site footer; seconds with their Russian unit."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import func, select

from tests.e2e.auth_helpers import (
    admin_login,
    create_workspace,
    last_code,
    link_telegram,
    new_phone,
    request_code,
)
from tochka_app.models import AuditEvent, Tenant, User, UserSession

CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
AT = datetime(2026, 11, 20, 10, 5, tzinfo=UTC)
PAGES = (
    "/admin",
    "/admin/users",
    "/admin/tenants",
    "/admin/modules",
    "/admin/content",
    "/admin/audit",
)


@pytest.fixture
def published_event(e2e_db):
    """A landing publication in the log, as the content editor records it."""
    event = AuditEvent(
        action="admin.content_published",
        target_type="content",
        target_id="hero:ru",
        created_at=AT,
        details={
            "before": {"title": "Старый заголовок", "badge": "Та же"},
            "after": {"title": "Новый заголовок", "badge": "Та же"},
            "version": 7,
        },
    )
    e2e_db.add(event)
    e2e_db.commit()
    yield event
    e2e_db.delete(event)
    e2e_db.commit()


def test_admin_audit_in_words_in_the_browsers_zone(
    browser, base_url, published_event, screenshot_dir
):
    ctx = browser.new_context(
        base_url=base_url,
        timezone_id="Asia/Yekaterinburg",
        viewport={"width": 1440, "height": 1000},
    )
    try:
        page = ctx.new_page()
        admin_login(page)
        page.goto("/admin/audit")
        page.fill("#table-search", "content_published")
        row = page.locator(f'.table-row[data-id="{published_event.id}"]')
        expect(row.locator('td[data-col="action"]')).to_have_text("Контент опубликован")
        expect(row.locator('td[data-col="changes"]')).to_have_text(
            "Заголовок: Старый заголовок → Новый заголовок"
        )  # the unchanged badge is not listed
        expect(row.locator('td[data-col="target"]')).to_have_text("Лендинг · Главный экран · RU")
        expect(row.locator('td[data-col="details"]')).to_have_text("Версия: 7")
        expect(row.locator('td[data-col="when"]')).to_have_text("20.11.2026, 15:05")
        expect(page.locator(".zone-note").first).to_have_text("время: Екатеринбург (UTC+5)")
        expect(row).not_to_contain_text("{")
        expect(row).not_to_contain_text("admin.content_published")

        page.locator("#lang-switch").get_by_role("radio", name="EN").click()
        expect(row.locator('td[data-col="action"]')).to_have_text("Content published")
        expect(row.locator('td[data-col="changes"]')).to_have_text(
            "Title: Старый заголовок → Новый заголовок"
        )
        expect(row.locator('td[data-col="when"]')).to_have_text("11/20/26, 3:05\u202fPM")
        expect(page.locator(".zone-note").first).to_have_text("time: Yekaterinburg (UTC+5)")
        page.locator("#lang-switch").get_by_role("radio", name="RU").click()
        expect(row.locator('td[data-col="action"]')).to_have_text("Контент опубликован")
    finally:
        ctx.close()


def test_admin_pages_show_labels_not_codes(browser, base_url, screenshot_dir):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1440, "height": 1000})
    try:
        page = ctx.new_page()
        admin_login(page)
        expect(page.locator("#admin-name")).to_have_text("Администратор платформы")
        page.goto("/admin/tenants")
        demo = page.locator(".table-row", has_text="demo")
        expect(demo.locator('td[data-col="subscription"]')).to_have_text("Пробный период")
        expect(demo.locator('td[data-col="status"]')).to_have_text("Работает")
        page.goto("/admin/users")
        page.fill("#table-search", "79000000001")  # other tests add users before this one
        expect(
            page.locator('.table-row td[data-col="status"]', has_text="Суперадмин")
        ).to_have_count(1)
        expect(
            page.locator('td[data-col="status"]', has_text=re.compile("^(admin|active)$"))
        ).to_have_count(0)
        page.goto("/admin/content")
        labels = page.locator(".content-field-label")
        expect(labels.first).to_have_text("Плашка над заголовком")
        expect(labels.filter(has_text="Главная кнопка")).to_have_count(1)
        expect(labels.filter(has_text=re.compile("^(badge|cta_primary)$"))).to_have_count(0)
        expect(page.locator("#content-block")).to_have_text("Главный экран")
        page.goto("/admin")
        expect(page.locator("#figure-users")).to_be_visible()
        for width in (1440, 375):
            page.set_viewport_size({"width": width, "height": 900})
            for path in PAGES:
                page.goto(path)
                page.wait_for_timeout(700)
                name = path.strip("/").replace("/", "-")
                page.screenshot(path=screenshot_dir / f"{name}-{width}.png", full_page=True)
                # Nothing wider than the screen (the header's RU/EN switch fits a phone).
                assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, path
                box = page.locator("#admin-logout").bounding_box()
                assert box and box["x"] + box["width"] <= width, path  # not cut off either
                expect(page.locator("#lang-switch")).to_be_visible()
    finally:
        ctx.close()


def _plural_target(start: int, form: str) -> int:
    def kind(n: int) -> str:
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"

    return next(n for n in range(start, start + 30) if kind(n) == form)


def test_landing_stats_agree_with_their_numbers(page: Page, e2e_db):
    active = e2e_db.exec(
        select(func.count()).select_from(Tenant).where(Tenant.status == "active")
    ).one()
    owner_id = e2e_db.exec(select(Tenant.owner_id)).first()
    added: list[Tenant] = []
    expected = {
        "one": "компания работает на платформе",
        "few": "компании работают на платформе",
        "many": "компаний работают на платформе",
    }
    try:
        for form in ("one", "few", "many"):  # e.g. 1, 2, 5 — or 21, 22, 25 on a busier database
            target = _plural_target(active + len(added), form)
            while active + len(added) < target:
                added.append(
                    Tenant(name="Счётчик", slug=f"count-{uuid.uuid4().hex[:8]}", owner_id=owner_id)
                )
                e2e_db.add(added[-1])
            e2e_db.commit()
            page.goto("/")
            expect(page.locator('[data-stat="tenants"]')).to_have_text(str(target))
            expect(page.locator("#stat-tenants-label")).to_have_text(expected[form])
        page.locator("#lang-switch").get_by_role("radio", name="EN").click()
        expect(page.locator("#stat-tenants-label")).to_have_text("companies on the platform")
        page.locator("#lang-switch").get_by_role("radio", name="RU").click()
    finally:
        for tenant in added:
            e2e_db.delete(tenant)
        e2e_db.commit()


def test_profile_and_team_speak_the_workspaces_zone(
    browser, base_url, app_url, fake_telegram, e2e_db
):
    ctx = browser.new_context(
        base_url=base_url, user_agent=CHROME_LINUX, timezone_id="America/New_York"
    )  # the browser's zone is not used
    try:
        page = ctx.new_page()
        phone = new_phone()
        request_code(page, phone)
        link_telegram(page, app_url, phone, 7951)
        page.click("#linked-retry")
        expect(page.locator("#resend-countdown")).to_have_text(
            re.compile(r"^Повторная отправка через \d{1,2} с$")
        )
        page.fill("#code", last_code(fake_telegram, 7951))
        page.click("#verify")
        create_workspace(page, "Часовой пояс", "zone-e2e")
        tenant = e2e_db.exec(select(Tenant).where(Tenant.slug == "zone-e2e")).one()
        tenant.timezone = "Asia/Yekaterinburg"
        e2e_db.add(tenant)
        e2e_db.commit()

        page.goto("/app/profile")
        row = page.locator(".session-row").first
        expect(row.locator(".session-device")).to_have_text("Chrome 131 · Linux")
        expect(page.locator(".zone-note")).to_have_text("время: Екатеринбург (UTC+5)")
        user = e2e_db.exec(select(User).where(User.phone == phone)).one()
        e2e_db.expire_all()
        seen = e2e_db.exec(
            select(UserSession.last_seen_at).where(UserSession.user_id == user.id)
        ).first()
        local = seen.astimezone(ZoneInfo("Asia/Yekaterinburg"))
        shown = row.inner_text()
        assert (
            local.strftime("%d.%m.%Y, %H:%M") in shown
            or (local + timedelta(minutes=1)).strftime("%d.%m.%Y, %H:%M") in shown
        ), shown

        page.goto("/app/team")
        me = page.locator(f'.member-row[data-phone="{phone}"]')
        login = user.last_login_at.astimezone(ZoneInfo("Asia/Yekaterinburg"))
        expect(me).to_contain_text(login.strftime("%d.%m.%Y, %H:%M"))
        expect(page.locator(".zone-note")).to_have_text("время: Екатеринбург (UTC+5)")

        page.goto("/s/zone-e2e")
        expect(page.locator("#made-with-brand")).to_have_text("Точке Роста")
        expect(page.locator("#made-with-brand").locator("..")).to_have_text(
            "Сайт сделан на Точке Роста"
        )
    finally:
        ctx.close()


def test_impersonation_banner_names_the_zone(browser, base_url, e2e_db):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1440, "height": 1000})
    try:
        page = ctx.new_page()
        admin_login(page)
        demo = e2e_db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
        page.goto(f"/admin/tenants/{demo.id}")
        page.fill("#impersonate-reason", "проверка часового пояса")
        page.click("#impersonate")
        page.wait_for_url("**/app")
        expect(page.locator("#impersonation-banner")).to_contain_text("время: Москва (UTC+3)")
        page.click("#impersonation-end")
        page.wait_for_url(re.compile(r"/admin/tenants/\d+$"))
        expect(page.locator(".tenant-visit").first).to_contain_text("только чтение")
    finally:
        ctx.close()
