"""Telegram Login and VK ID in Chromium, against local fakes of Telegram and VK ID."""

import time
from urllib.parse import urlencode

from playwright.sync_api import Page, expect
from sqlalchemy import text

from tests.e2e.auth_helpers import last_code, new_phone, request_code, sign_in_by_phone
from tests.e2e.conftest import BOT_TOKEN
from tochka_app.services.auth.external import telegram_widget_hash


def test_vk_login_links_only_after_the_phone_is_proven(page: Page, app_url, fake_telegram):
    page.goto("/login")
    page.click("#vk-login")  # -> fake VK ID approves -> back to our callback
    page.wait_for_url("**/login")
    expect(page.locator("#auth-error")).to_contain_text("Этот аккаунт ещё не привязан")

    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7101)
    page.wait_for_url("**/auth/confirm")  # proving the phone alone links nothing
    expect(page.locator("#link-question")).to_have_text(
        "Привязать аккаунт VK ID «Иван Петров» к вашему аккаунту?"
    )
    page.click("#confirm-link")
    page.wait_for_url("**/onboarding")
    page.fill("#name", "Иван")
    page.fill("#company", "ВК Тест")
    page.fill("#slug", "vk-test-e2e")
    page.click("#create-workspace")
    page.wait_for_url("**/app")
    page.goto("/app/profile")
    expect(page.locator(".linked-account")).to_contain_text("VK ID")
    expect(page.locator(".linked-account")).to_contain_text("Иван Петров")

    page.click("#user-menu")
    page.click("#logout")
    page.wait_for_url("**/login")
    page.click("#vk-login")  # now a one-click login
    page.wait_for_url("**/app")
    expect(page.locator("#overview-subtitle")).to_contain_text("ВК Тест")


def test_vk_callback_with_a_forged_state_is_refused(page: Page):
    page.goto("/auth/vk/callback?code=stolen&state=forged&device_id=x")
    expect(page.locator("#auth-error")).to_contain_text("ссылка устарела")
    page.goto("/app")
    page.wait_for_url("**/login")


def signed_widget_query(**fields) -> str:
    data = {
        "id": "424242",
        "first_name": "Мария",
        "username": "maria",
        "auth_date": str(int(time.time())),
        **fields,
    }
    data["hash"] = telegram_widget_hash(data, BOT_TOKEN)
    return urlencode(data)


def started_callback(page: Page, telegram_login) -> str:
    """Press "Telegram" on the login page; the callback URL (with this tab's flow) the Telegram
    page would return to, captured before it is opened."""
    telegram_login.capture, telegram_login.captured = True, None
    page.goto("/login")
    page.click("#telegram-login")
    expect(page.locator("#captured")).to_be_visible()
    return telegram_login.captured.partition("#")[0]


def test_telegram_widget_login_checks_the_signature(page: Page, telegram_login):
    telegram_login.mode = "query"
    page.goto(started_callback(page, telegram_login))
    page.wait_for_url("**/login")
    expect(page.locator("#auth-error")).to_contain_text("Этот аккаунт ещё не привязан")

    stale = signed_widget_query(auth_date=str(int(time.time()) - 3600))
    page.goto(started_callback(page, telegram_login).partition("&")[0] + "&" + stale)
    expect(page.locator("#auth-error")).to_contain_text("Не удалось войти")

    tampered = signed_widget_query().replace("maria", "eve")
    page.goto(started_callback(page, telegram_login).partition("&")[0] + "&" + tampered)
    expect(page.locator("#auth-error")).to_contain_text("Не удалось войти")


def test_log_out_other_sessions(browser, base_url, app_url, fake_telegram, e2e_db):
    phone = new_phone()
    first = browser.new_context(base_url=base_url)
    second = browser.new_context(base_url=base_url)
    try:
        a, b = first.new_page(), second.new_page()
        sign_in_by_phone(a, app_url, fake_telegram, phone, 7102)
        a.wait_for_url("**/onboarding")
        a.fill("#name", "Два Окна")
        a.fill("#company", "Два Окна")
        a.fill("#slug", "two-windows-e2e")
        a.click("#create-workspace")
        a.wait_for_url("**/app")
        # The same person on a second device, a minute later (past the resend cooldown).
        e2e_db.exec(
            text(
                "UPDATE login_codes SET created_at = created_at - interval '2 minutes' "
                "WHERE phone = :phone"
            ).bindparams(phone=phone)
        )
        e2e_db.commit()
        request_code(b, phone)
        expect(b.locator("#code-sent")).to_be_visible()
        b.fill("#code", last_code(fake_telegram, 7102))
        b.click("#verify")
        b.wait_for_url("**/app")

        a.goto("/app/profile")
        expect(a.locator(".session-row")).to_have_count(2)
        a.click("#end-other-sessions")
        expect(a.locator(".session-row")).to_have_count(1)
        b.goto("/app")
        b.wait_for_url("**/login")
    finally:
        first.close()
        second.close()
