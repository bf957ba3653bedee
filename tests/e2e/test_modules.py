"""Marketplace and the Pages module in Chromium."""

from playwright.sync_api import Page, expect

from tests.e2e.auth_helpers import create_workspace, new_phone, sign_in_by_phone


def test_enable_pages_publish_and_disable(
    page: Page, app_url, fake_telegram, screenshot_dir, console_errors
):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7301)
    create_workspace(page, "Сайт Тест", "site-test-e2e")

    page.goto("/app/m/pages")  # not enabled yet: sent to the marketplace
    page.wait_for_url("**/app/marketplace")
    pages_card = page.locator('.tenant-module[data-code="pages"]')
    expect(pages_card).to_have_attribute("data-state", "available")
    expect(page.locator('.tenant-module[data-code="tasks"]')).to_have_attribute(
        "data-state", "coming_soon"
    )
    pages_card.locator(".enable-module").click()
    expect(pages_card).to_have_attribute("data-state", "enabled")
    menu_entry = page.locator(".app-nav-link", has_text="Страницы").first
    expect(menu_entry).to_be_visible()

    pages_card.locator(".configure-module").click()
    page.locator('input[name="site_title"]').fill("Цветочный сайт")
    page.click("#settings-save")
    expect(page.locator("#settings-save")).to_have_count(0)

    menu_entry.click()
    page.wait_for_url("**/app/m/pages")
    page.fill("#page-title", "Доставка")
    page.fill("#page-slug", "Bad Slug")
    page.fill(
        "#page-content",
        "## Условия\n\nПо городу **бесплатно**.\n\n"
        '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>',
    )
    page.check("#page-published")
    page.click("#page-save")
    expect(page.locator(".field-error")).to_contain_text("латиница")
    expect(page.locator("#page-title")).to_have_value("Доставка")  # nothing typed is lost
    page.fill("#page-slug", "delivery")
    page.click("#page-save")
    expect(page.locator(".page-row")).to_have_count(1)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=screenshot_dir / "module-pages.png")

    page.goto("/s/site-test-e2e")  # the site's home lists the published page
    page.locator(".site-home-link", has_text="Доставка").click()
    page.wait_for_url("**/s/site-test-e2e/p/delivery")
    expect(page.locator("#site-page-title")).to_have_text("Доставка")
    expect(page.locator("#site-name")).to_have_text("Цветочный сайт")
    expect(page.locator("#site-page-body strong")).to_have_text("бесплатно")
    assert page.evaluate("window.__xss") is None  # raw HTML is not executed

    page.goto("/app/marketplace")
    pages_card.locator(".disable-module").click()
    page.locator(".confirm-action").click()
    expect(pages_card).to_have_attribute("data-state", "available")
    expect(page.locator(".app-nav-link", has_text="Страницы")).to_have_count(0)
    # The page is gone with the module: a real 404 for crawlers, the app's own view for people.
    console_errors.allow(r"/s/site-test-e2e/p/delivery: Failed to load resource: .* 404")
    assert page.goto("/s/site-test-e2e/p/delivery").status == 404
    expect(page.locator("#not-found")).to_be_visible()
    page.goto("/app/m/pages")
    page.wait_for_url("**/app/marketplace")


def test_staff_cannot_manage_modules(page: Page, app_url, fake_telegram, e2e_db):
    from sqlmodel import select

    from tochka_app.models import Membership, User

    phone = new_phone()
    sign_in_by_phone(page, app_url, fake_telegram, phone, 7302)
    create_workspace(page, "Роли Тест", "roles-test-e2e")
    user = e2e_db.exec(select(User).where(User.phone == phone)).one()
    membership = e2e_db.exec(select(Membership).where(Membership.user_id == user.id)).one()
    membership.role = "staff"  # as if demoted
    e2e_db.add(membership)
    e2e_db.commit()
    page.goto("/app/marketplace")
    expect(page.locator(".tenant-module").first).to_be_visible()
    expect(page.locator(".enable-module")).to_have_count(0)


def test_module_detail_pages(page: Page, app_url, console_errors):
    page.goto("/marketplace")
    page.locator('.module-card[data-code="knowledge"] .module-details').click()
    page.wait_for_url("**/marketplace/knowledge")
    expect(page.locator("#module-name")).to_have_text("База знаний")
    expect(page.get_by_text("Строк на странице")).to_be_visible()  # a setting it uses
    expect(page.locator(".module-shot")).to_have_count(1)
    expect(page.locator("#module-enable")).to_be_visible()
    page.goto("/marketplace/tasks")
    expect(page.locator("#module-soon")).to_be_visible()
    console_errors.allow(r"/marketplace/no-such-module: Failed to load resource: .* 404")
    assert page.goto("/marketplace/no-such-module").status == 404
    expect(page.locator("#not-found")).to_be_visible()
