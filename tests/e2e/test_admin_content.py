"""Editing the landing's hero in both languages: draft, preview, publish; then the audit log."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.auth_helpers import admin_login
from tochka_app.services import content


def _edit_title(page: Page, text: str) -> None:
    page.locator('textarea[name="title"]').fill(text)
    page.click("#content-save")
    expect(page.locator("#content-draft-badge")).to_be_visible()


@pytest.fixture
def restore_hero(e2e_db):
    """Put the seeded hero back afterwards: other tests read the landing."""
    original = {
        lang: content.get_blocks(e2e_db, lang, keys=("hero",))["hero"] for lang in ("ru", "en")
    }
    yield
    for lang, value in original.items():
        content.set_block(e2e_db, "hero", lang, value)
    e2e_db.commit()


def test_hero_in_both_languages_preview_then_publish(page: Page, browser, base_url, restore_hero):
    page.set_viewport_size({"width": 1600, "height": 1000})
    admin_login(page)
    page.goto("/admin/content")
    expect(page.locator('textarea[name="title"]')).to_be_visible()
    _edit_title(page, "Черновик: бизнес растёт с нами")
    preview = page.frame_locator("#content-preview")
    expect(preview.locator("#preview-banner")).to_be_visible()
    expect(preview.locator("#hero-title")).to_have_text("Черновик: бизнес растёт с нами")

    visitor_ctx = browser.new_context(base_url=base_url)
    try:
        visitor = visitor_ctx.new_page()
        visitor.goto("/")
        expect(visitor.locator("#hero-title")).not_to_have_text("Черновик: бизнес растёт с нами")
        expect(visitor.locator("#preview-banner")).to_have_count(0)
        visitor.goto("/?preview=ru")  # not an admin: the published landing
        expect(visitor.locator("#preview-banner")).to_have_count(0)

        page.click("#content-publish")
        expect(page.locator("#content-draft-badge")).to_have_count(0)
        expect(page.locator(".content-version")).to_have_count(2)
        visitor.goto("/")
        expect(visitor.locator("#hero-title")).to_have_text("Черновик: бизнес растёт с нами")

        page.locator("#content-locale").get_by_role("radio", name="EN").click()
        expect(page.locator('textarea[name="title"]')).not_to_have_value(
            "Черновик: бизнес растёт с нами"
        )
        _edit_title(page, "Draft: business grows with us")
        expect(preview.locator("#hero-title")).to_have_text("Draft: business grows with us")
        page.click("#content-publish")
        expect(page.locator("#content-draft-badge")).to_have_count(0)
        visitor.locator("#lang-switch").get_by_role("radio", name="EN").click()
        expect(visitor.locator("#hero-title")).to_have_text("Draft: business grows with us")
    finally:
        visitor_ctx.close()

    page.goto("/admin/audit")
    page.fill("#table-search", "content_published")
    expect(page.locator(".table-row")).to_have_count(2)
    expect(page.locator('.table-row td[data-col="changes"]').first).to_contain_text("→")
