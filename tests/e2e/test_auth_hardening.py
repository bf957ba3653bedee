"""Issue 11 items 1-2 in Chromium: session cookies no script can read, and a Telegram callback
captured by an attacker that links nothing in the victim's browser."""

from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import text

from tests.e2e.auth_helpers import (
    admin_login,
    create_workspace,
    new_phone,
    sign_in_by_phone,
)


def _cookie(context: BrowserContext, name: str) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == name), None)


def test_session_cookie_not_readable_by_script(page: Page, app_url, fake_telegram):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7201)
    create_workspace(page, "Куки Тест", "cookie-test-e2e")
    cookie = _cookie(page.context, "tr_session")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert "tr_session" not in page.evaluate("document.cookie")
    assert cookie["value"] not in page.content()

    page.reload()  # the backend still knows the user, from the cookie of the handshake
    expect(page.locator("#overview-subtitle")).to_contain_text("Куки Тест")

    page.click("#user-menu")
    page.click("#logout")
    page.wait_for_url("**/login")
    assert _cookie(page.context, "tr_session") is None
    page.goto("/app")
    page.wait_for_url("**/login")


def test_admin_cookie_not_readable_by_script(page: Page):
    admin_login(page)
    cookie = _cookie(page.context, "tr_admin")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert "tr_admin" not in page.evaluate("document.cookie")
    page.reload()  # still the admin, from the cookie of the handshake
    expect(page.locator("#admin-title")).to_be_visible()
    page.click("#admin-logout")
    page.wait_for_url("**/admin/login")
    assert _cookie(page.context, "tr_admin") is None
    page.goto("/admin")
    page.wait_for_url("**/admin/login")


def test_forced_telegram_callback_links_nothing(
    browser, base_url, app_url, fake_telegram, telegram_login, e2e_db
):
    attacker = browser.new_context(base_url=base_url)
    victim = browser.new_context(base_url=base_url)
    try:
        # The attacker starts a Telegram login with their own account and keeps the URL.
        telegram_login.capture, telegram_login.mode = True, "query"
        telegram_login.user = {"id": "666001", "first_name": "Ева", "username": "eve"}
        evil = attacker.new_page()
        evil.goto("/login")
        evil.click("#telegram-login")
        expect(evil.locator("#captured")).to_be_visible()
        captured = telegram_login.captured

        page = victim.new_page()
        sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7202)
        create_workspace(page, "Жертва", "victim-e2e")
        page.goto(captured)  # the victim, logged in, opens the attacker's link
        expect(page.locator("#auth-error")).to_contain_text("Вход не завершён")
        page.goto("/auth/confirm")
        expect(page.locator("#auth-error")).to_be_visible()
        expect(page.locator("#confirm-link")).to_have_count(0)
        page.goto("/app/profile")
        expect(page.locator("#link-telegram")).to_be_visible()
        expect(page.locator(".linked-account")).to_have_count(0)
        assert (
            e2e_db.exec(
                text(
                    "SELECT count(*) FROM user_external_accounts WHERE provider_user_id = '666001'"
                )
            ).one()[0]
            == 0
        )
    finally:
        attacker.close()
        victim.close()


def test_telegram_link_needs_the_users_confirmation(
    page: Page, app_url, fake_telegram, telegram_login, e2e_db
):
    telegram_login.user = {"id": "777001", "first_name": "Мария", "username": "maria"}
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7203)
    create_workspace(page, "Привязка", "link-telegram-e2e")
    page.goto("/app/profile")
    page.click("#link-telegram")  # -> fake Telegram Login approves -> back to our callback
    page.wait_for_url("**/auth/confirm")
    expect(page.locator("#link-question")).to_have_text(
        "Привязать аккаунт Telegram «Мария» (@maria) к вашему аккаунту?"
    )
    assert (
        e2e_db.exec(
            text("SELECT count(*) FROM user_external_accounts WHERE provider_user_id = '777001'")
        ).one()[0]
        == 0
    )
    page.click("#confirm-link")
    page.wait_for_url("**/app/profile")
    expect(page.locator(".linked-account")).to_contain_text("Telegram")
