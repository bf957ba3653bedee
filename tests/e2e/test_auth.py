"""Sign-up and login in Chromium, with codes delivered by the (fake) Telegram Bot API."""

import re

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.auth_helpers import last_code, link_telegram, new_phone, request_code
from tests.e2e.conftest import SUPER_ADMIN_PASSWORD


def test_sign_up_through_the_telegram_bot(page: Page, app_url, fake_telegram):
    phone, chat_id = new_phone(), 7001
    request_code(page, phone)
    expect(page.locator("#auth-error")).to_contain_text("Коды приходят в Telegram")

    link_telegram(page, app_url, phone, chat_id)
    assert "подтверждён" in fake_telegram.messages_to(chat_id)[-1]
    page.click("#linked-retry")
    expect(page.locator("#code-sent")).to_contain_text(phone)
    expect(page.locator("#resend-countdown")).to_be_visible()

    page.fill("#code", last_code(fake_telegram, chat_id))
    page.click("#verify")
    page.wait_for_url("**/onboarding")
    page.fill("#name", "Ольга")
    page.fill("#company", "Цветы у дома")
    page.fill("#slug", "flowers-e2e")
    page.click("#create-workspace")
    page.wait_for_url("**/app")
    expect(page.locator("#overview-tariff")).to_have_text("Старт")
    expect(page.locator("#overview-days-left")).to_have_text("14")
    expect(page.locator("#overview-subtitle")).to_have_text("Цветы у дома · Владелец")

    page.click("#user-menu")
    page.click("#logout")
    page.wait_for_url("**/login")
    page.goto("/app")
    page.wait_for_url("**/login")

    # Existing user: straight to the workspace, no onboarding.
    page.goto("/login")
    page.fill("#phone", phone)
    fake_telegram.sent.clear()
    page.click("#get-code")
    expect(page.locator("#auth-error")).to_contain_text("Новый код можно запросить")  # cooldown


def test_existing_user_logs_in_and_five_wrong_codes_lock_the_code(
    page: Page, app_url, fake_telegram
):
    phone, chat_id = new_phone(), 7002
    request_code(page, phone)
    link_telegram(page, app_url, phone, chat_id)
    page.click("#linked-retry")
    expect(page.locator("#code-sent")).to_be_visible()
    right = last_code(fake_telegram, chat_id)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        page.fill("#code", wrong)
        page.click("#verify")
        expect(page.locator("#auth-error")).to_have_text("Код неверный или устарел")
    page.fill("#code", right)  # the right code no longer works: the code is locked
    page.click("#verify")
    expect(page.locator("#auth-error")).to_have_text("Код неверный или устарел")
    expect(page).to_have_url(re.compile(r"/login/?$"))
    expect(page.locator("#code")).to_be_visible()


def test_anonymous_visitor_cannot_open_the_workspace(page: Page):
    page.goto("/app")
    page.wait_for_url("**/login")
    expect(page.locator("#phone")).to_be_visible()


def test_super_admin_login_and_tenant_user_is_kept_out(page: Page, app_url, fake_telegram):
    page.goto("/admin")
    page.wait_for_url("**/admin/login")
    page.fill("#admin-phone", "+7 900 000-00-01")
    page.fill("#admin-password", "wrong password")
    page.click("#admin-submit")
    expect(page.locator("#auth-error")).to_have_text("Неверный телефон или пароль")
    expect(page.locator("#admin-phone")).to_have_value("+7 900 000-00-01")
    page.fill("#admin-password", SUPER_ADMIN_PASSWORD)
    page.click("#admin-submit")
    page.wait_for_url("**/admin")
    expect(page.locator("#admin-title")).to_be_visible()
    page.click("#admin-logout")
    page.wait_for_url("**/admin/login")

    # A tenant owner with a valid workspace session gets nothing under /admin.
    phone, chat_id = new_phone(), 7003
    request_code(page, phone)
    link_telegram(page, app_url, phone, chat_id)
    page.click("#linked-retry")
    expect(page.locator("#code-sent")).to_be_visible()
    page.fill("#code", last_code(fake_telegram, chat_id))
    page.click("#verify")
    page.wait_for_url("**/onboarding")
    page.goto("/admin")
    page.wait_for_url("**/admin/login")
    expect(page.locator("#admin-title")).to_have_count(0)


def test_dev_pages_do_not_exist_in_production(page: Page, console_errors):
    console_errors.allow(r"/dev/(login|inbox): Failed to load resource: .* 404")
    for path in ("/dev/login", "/dev/inbox"):
        page.goto(path)
        expect(page.locator("#phone")).to_have_count(0)
        expect(page.get_by_text("Dev login")).to_have_count(0)
        expect(page.get_by_text("Входящие разработчика")).to_have_count(0)


def test_webhook_refuses_requests_without_the_secret(app_url):
    response = httpx.post(f"{app_url}/api/telegram/webhook", json={"update_id": 1}, timeout=10)
    assert response.status_code == 401
    response = httpx.post(
        f"{app_url}/api/telegram/webhook",
        json={"update_id": 1},
        timeout=10,
        headers={"X-Telegram-Bot-Api-Secret-Token": "guess"},
    )
    assert response.status_code == 401
