"""Addresses suggested while typing: the workspace address from a Cyrillic company name during
onboarding, and a page's address from its title, with the real link shown; what the user typed
into an address field themselves is never overwritten."""

from playwright.sync_api import Page, expect

from tests.e2e.auth_helpers import new_phone, sign_in_by_phone


def test_workspace_and_page_addresses_follow_the_names(
    page: Page, app_url, fake_telegram, screenshot_dir
):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7961)
    page.wait_for_url("**/onboarding")
    page.fill("#name", "Вера")
    page.locator("#company").press_sequentially("ООО «Ромашка»", delay=30)
    expect(page.locator("#slug")).to_have_value("romashka")
    expect(page.locator("#site-preview")).to_contain_text(f"{app_url}/s/romashka")

    page.fill("#slug", "romashka-flowers")  # the user's own address from here on
    page.fill("#company", "ООО «Ромашка» и Ко")
    expect(page.locator(".slug-suggestion")).to_have_text("romashka-i-ko")  # only offered
    expect(page.locator("#slug")).to_have_value("romashka-flowers")
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=screenshot_dir / "onboarding-suggestion-375.png", full_page=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.click("#create-workspace")
    page.wait_for_url("**/app")
    expect(page.locator("#tenant-name")).to_have_text("ООО «Ромашка» и Ко")

    page.goto("/app/marketplace")
    card = page.locator('.tenant-module[data-code="pages"]')
    card.locator(".enable-module").click()
    expect(card).to_have_attribute("data-state", "enabled")
    page.goto("/app/m/pages")
    site = f"{app_url}/s/romashka-flowers"
    expect(page.locator("#site-base")).to_have_text(site)
    expect(page.locator("#page-link")).not_to_contain_text("/p/")
    page.locator("#page-title").press_sequentially("Доставка и оплата", delay=30)
    expect(page.locator("#page-slug")).to_have_value("dostavka-i-oplata")
    expect(page.locator("#page-link")).to_contain_text(f"{site}/p/dostavka-i-oplata")
    page.fill("#page-content", "Курьером по городу.")
    page.check("#page-published")
    page.click("#page-save")
    expect(page.locator(".page-row")).to_have_count(1)
    page.screenshot(path=screenshot_dir / "pages-address-1440.png", full_page=True)

    page.get_by_role("button", name="Новая страница").click()
    expect(page.locator("#page-slug")).to_have_value("")  # the new, empty form is there
    page.fill("#page-slug", "contacts")  # typed first: the title does not change it
    page.locator("#page-title").press_sequentially("Как нас найти", delay=30)
    page.wait_for_timeout(600)  # longer than the typing debounce and a round trip
    expect(page.locator("#page-slug")).to_have_value("contacts")
    expect(page.locator("#page-link")).to_contain_text(f"{site}/p/contacts")

    page.goto(f"{site}/p/dostavka-i-oplata")
    expect(page.locator("#site-page-title")).to_have_text("Доставка и оплата")
