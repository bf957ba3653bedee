"""Tenants in the admin panel: find a tenant, change its tariff with a reason, impersonate it
read-only (banner, refused write, entry in the tenant's own log), end the visit; suspension."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.auth_helpers import admin_login, create_workspace, new_phone, sign_in_by_phone


def test_impersonate_read_only_and_suspend(
    browser, base_url, app_url, fake_telegram, console_errors
):
    owner_ctx, admin_ctx = (
        browser.new_context(base_url=base_url),
        browser.new_context(base_url=base_url),
    )
    try:
        owner = owner_ctx.new_page()
        sign_in_by_phone(owner, app_url, fake_telegram, new_phone(), 7901)
        create_workspace(owner, "Визит Тест", "visit-e2e")

        admin: Page = admin_ctx.new_page()
        admin.set_viewport_size({"width": 1440, "height": 1000})
        admin_login(admin)
        admin.goto("/admin/tenants")
        admin.fill("#table-search", "visit-e2e")
        expect(admin.locator(".table-row")).to_have_count(1)
        admin.locator(".table-row a").first.click()
        admin.wait_for_url(re.compile(r"/admin/tenants/\d+$"))
        tenant_url = admin.url
        expect(admin.locator("#tenant-title")).to_have_text("Визит Тест")

        admin.click("#change-tariff")  # no reason: refused
        expect(admin.locator("#tenant-error")).to_have_text("Укажите причину")
        admin.fill("#change-tariff-reason", "пилотный проект")
        admin.click("#change-tariff")
        expect(admin.locator("#tenant-tariff")).to_contain_text("Бизнес")

        admin.fill("#impersonate-reason", "клиент просит проверить настройки")
        admin.click("#impersonate")
        admin.wait_for_url("**/app")
        expect(admin.locator("#impersonation-banner")).to_contain_text("только чтение")
        admin.goto("/app/team")
        expect(admin.locator(".member-row, table").first).to_be_visible()
        expect(admin.locator("#invite-phone")).to_have_count(0)  # read-only: no invite form
        admin.goto("/app/profile")  # the owner's own account is out of reach too
        admin.click("#end-other-sessions")
        expect(
            admin.get_by_text("Это визит только для просмотра: изменения не сохранены.")
        ).to_be_visible()
        owner.goto("/app/team")  # the owner's own browser is still signed in
        expect(owner.locator(".member-row, table").first).to_be_visible()
        assert "/login" not in owner.url
        admin.goto("/app/audit")
        expect(
            admin.locator('.audit-row[data-action="admin.impersonation_started"]')
        ).to_have_count(1)
        admin.click("#impersonation-end")
        admin.wait_for_url(tenant_url)
        expect(admin.locator(".tenant-visit")).to_have_count(1)

        admin.fill("#suspend-reason", "неоплаченный счёт")
        admin.click("#suspend")
        expect(admin.locator("#tenant-status")).to_have_text("Приостановлено")
        owner.goto("/app")
        expect(owner.locator("#suspended-banner")).to_be_visible()
        console_errors.allow(r"/s/visit-e2e: Failed to load resource: .* 410")
        assert owner.goto("/s/visit-e2e").status == 410  # a suspended site is gone for crawlers
        expect(owner.locator("#not-found")).to_be_visible()
        admin.click("#reactivate")
        expect(admin.locator("#tenant-status")).to_have_text("Работает")

        admin.goto("/admin/audit")  # the admin's side of the same visit
        admin.fill("#table-search", "admin.impersonation")
        expect(
            admin.locator('.table-row td[data-col="tenant"]', has_text="Визит Тест")
        ).to_have_count(2)
    finally:
        owner_ctx.close()
        admin_ctx.close()
