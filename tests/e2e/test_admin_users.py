"""The super admin's users table and user page in Chromium: search, filter, sort, columns, paging,
export, and blocking a user who is then logged out of an open browser session."""

import csv
import io
import re

from playwright.sync_api import Page, expect

from tests.e2e.auth_helpers import (
    admin_login,
    create_workspace,
    new_phone,
    sign_in_by_phone,
)
from tochka_app.models import User


def test_dashboard_users_table_and_blocking(browser, base_url, app_url, fake_telegram, e2e_db):
    phone = new_phone()
    for n in range(55):  # enough rows for two pages
        e2e_db.add(User(phone=f"+7966{n:07d}", name=f"Массовый {n:02d}"))
    e2e_db.commit()
    user_ctx, admin_ctx = (
        browser.new_context(base_url=base_url),
        browser.new_context(base_url=base_url),
    )
    try:
        victim = user_ctx.new_page()
        sign_in_by_phone(victim, app_url, fake_telegram, phone, 7801)
        create_workspace(victim, "Блок Тест", "block-e2e")

        admin: Page = admin_ctx.new_page()
        admin_login(admin)
        expect(admin.locator("#figure-users")).not_to_have_text("")
        expect(admin.locator(".admin-chart")).to_have_count(3)
        admin.locator(".admin-nav-link", has_text="Пользователи").first.click()
        admin.wait_for_url("**/admin/users")
        expect(admin.locator(".table-row")).to_have_count(50)
        admin.click("#page-next")
        expect(admin.locator("#page-number")).to_contain_text("2")
        expect(admin.locator(".table-row").first).to_be_visible()
        admin.click("#page-prev")
        expect(admin.locator("#page-number")).to_contain_text("1")

        admin.fill("#table-search", "массовый 0")
        expect(admin.locator(".table-row")).to_have_count(10)
        admin.locator('.sort-header[data-key="name"]').click()
        expect(admin.locator('.table-row td[data-col="name"]').first).to_have_text("Массовый 00")
        admin.locator('.sort-header[data-key="name"]').click()
        expect(admin.locator('.table-row td[data-col="name"]').first).to_have_text("Массовый 09")
        admin.click("#column-chooser")
        admin.locator('.column-toggle[data-key="tenants"]').click()
        admin.keyboard.press("Escape")
        expect(admin.locator('td[data-col="tenants"]')).to_have_count(0)
        with admin.expect_download() as download:
            admin.click("#table-export")
        rows = list(
            csv.reader(io.StringIO(download.value.path().read_text("utf-8-sig")), delimiter=";")
        )
        assert rows[0][:2] == ["Телефон", "Имя"] and len(rows) == 11

        admin.fill("#table-search", phone[-7:])
        expect(admin.locator(".table-row")).to_have_count(1)
        admin.locator(".table-row a").first.click()
        admin.wait_for_url(re.compile(r"/admin/users/\d+$"))
        expect(admin.locator(".user-membership")).to_contain_text("Блок Тест")
        admin.click("#user-block")
        admin.locator(".confirm-action").click()
        expect(admin.locator("#user-blocked")).to_be_visible()

        # The blocked user's open tab: the next step is refused and lands on the login page.
        victim.locator(".app-nav-link", has_text="Команда").click()
        victim.wait_for_url("**/login")
    finally:
        user_ctx.close()
        admin_ctx.close()
