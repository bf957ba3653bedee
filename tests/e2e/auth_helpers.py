"""Steps shared by the e2e login tests: a visitor linking Telegram and receiving codes."""

import itertools
import re
from urllib.parse import parse_qs, urlparse

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WEBHOOK_SECRET

_update_ids = itertools.count(1)
_phones = (f"+7903{n:07d}" for n in itertools.count(1000001))


def new_phone() -> str:
    return next(_phones)


def send_update(app_url: str, message: dict) -> dict:
    response = httpx.post(
        f"{app_url}/api/telegram/webhook",
        json={"update_id": next(_update_ids), "message": message},
        headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()


def link_telegram(page: Page, app_url: str, phone: str, chat_id: int) -> None:
    """The user opens the deep link, presses Start and shares their contact."""
    link = page.locator("#telegram-deep-link")
    expect(link).to_be_visible()
    nonce = parse_qs(urlparse(link.get_attribute("href")).query)["start"][0]
    who = {"id": chat_id, "is_bot": False, "first_name": "Тест"}
    chat = {"id": chat_id, "type": "private"}
    assert (
        send_update(
            app_url, {"message_id": 1, "from": who, "chat": chat, "text": f"/start {nonce}"}
        )["outcome"]
        == "asked_contact"
    )
    contact = {"phone_number": phone.lstrip("+"), "first_name": "Тест", "user_id": chat_id}
    assert (
        send_update(app_url, {"message_id": 2, "from": who, "chat": chat, "contact": contact})[
            "outcome"
        ]
        == "linked"
    )


def last_code(fake_telegram, chat_id: int) -> str:
    for text in reversed(fake_telegram.messages_to(chat_id)):
        if match := re.search(r"\b(\d{6})\b", text):
            return match.group(1)
    raise AssertionError(f"no code sent to chat {chat_id}")


def request_code(page: Page, phone: str) -> None:
    page.goto("/login")
    page.fill("#phone", phone)
    page.click("#get-code")


def sign_in_by_phone(page: Page, app_url: str, fake_telegram, phone: str, chat_id: int) -> None:
    """A first-time visitor: request code, link Telegram, type the code from the bot."""
    request_code(page, phone)
    link_telegram(page, app_url, phone, chat_id)
    page.click("#linked-retry")
    expect(page.locator("#code-sent")).to_be_visible()
    page.fill("#code", last_code(fake_telegram, chat_id))
    page.click("#verify")


def create_workspace(page: Page, name: str, slug: str) -> None:
    page.wait_for_url("**/onboarding")
    page.fill("#name", name)
    page.fill("#company", name)
    page.fill("#slug", slug)
    page.click("#create-workspace")
    page.wait_for_url("**/app")


def admin_login(page: Page) -> None:
    from tests.e2e.conftest import SUPER_ADMIN_PASSWORD

    page.goto("/admin/login")
    page.fill("#admin-phone", "+79000000001")
    page.fill("#admin-password", SUPER_ADMIN_PASSWORD)
    page.click("#admin-submit")
    page.wait_for_url("**/admin")
