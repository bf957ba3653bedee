"""A new workspace's overview (first steps, usage meters, activity chart) and its audit log."""

from playwright.sync_api import Page, expect

from tests.e2e.auth_helpers import create_workspace, new_phone, sign_in_by_phone


def test_overview_first_steps_then_audit_log_filters(
    page: Page, app_url, fake_telegram, screenshot_dir
):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7501)
    create_workspace(page, "Журнал Тест", "audit-e2e")
    expect(page.locator("#first-steps")).to_be_visible()
    expect(page.locator(".usage-meter")).to_have_count(2)
    seats = page.locator(".usage-meter").first
    expect(seats).to_contain_text("1 / 3")  # the Старт tariff has 3 seats
    expect(seats.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "33")
    expect(page.locator("#activity-chart .recharts-area")).to_have_count(1)
    page.screenshot(path=screenshot_dir / "overview-new-1440.png", full_page=True)

    page.locator("#first-step-module").click()
    page.wait_for_url("**/app/marketplace")
    page.locator('.tenant-module[data-code="pages"] .enable-module').click()
    expect(page.locator('.tenant-module[data-code="pages"]')).to_have_attribute(
        "data-state", "enabled"
    )
    page.goto("/app")
    expect(page.locator("#overview-modules")).to_have_text("1")
    expect(page.locator("#first-steps")).to_have_count(0)

    page.goto("/app/audit")
    expect(page.locator('.audit-row[data-action="tenant.created"]')).to_have_count(1)
    expect(page.locator('.audit-row[data-action="module.enabled"]')).to_contain_text(
        "Модуль подключён"
    )
    page.click("#audit-action")
    page.get_by_role("option", name="Модули", exact=True).click()  # the area, in words
    page.click("#audit-apply")
    expect(page.locator('.audit-row[data-action="tenant.created"]')).to_have_count(0)
    expect(page.locator(".audit-row")).to_have_count(1)
    page.fill("#audit-from", "2020-01-01")
    page.fill("#audit-to", "2020-01-02")
    page.click("#audit-apply")
    expect(page.locator("#audit-empty")).to_be_visible()
    expect(page.locator("#audit-older")).to_be_disabled()
