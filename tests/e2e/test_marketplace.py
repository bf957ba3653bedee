from playwright.sync_api import Page, expect


def test_search_and_category_filter(page: Page):
    page.goto("/marketplace")
    cards = page.locator(".module-card")
    expect(cards).to_have_count(7)

    page.locator("#module-search").fill("магазин")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Интернет-магазин")

    page.locator("#module-search").fill("нет такого модуля")
    expect(page.locator("#marketplace-empty")).to_be_visible()
    expect(page.locator("#marketplace-empty")).to_contain_text("Ничего не нашлось")
    page.get_by_role("button", name="Сбросить фильтры").click()
    expect(cards).to_have_count(7)
    expect(page.locator("#module-search")).to_have_value("")

    page.locator("#category-filter").click()
    page.get_by_role("option", name="Контент").click()
    expect(cards).to_have_count(3)
    expect(page.locator('.module-card[data-code="pages"]')).to_be_visible()
    expect(page.locator('.module-card[data-code="shop"]')).to_have_count(0)


def test_badges_say_honestly_what_is_not_there_yet(page: Page):
    """A module without a package yet is «Скоро», never «Входит в тариф» (issue 10)."""
    page.goto("/marketplace")
    for code in ("tasks", "blog", "community", "analytics"):
        card = page.locator(f'.module-card[data-code="{code}"]')
        expect(card.locator(".module-badge")).to_have_text("Скоро")
        expect(card).to_have_attribute("data-available", "no")
    expect(page.locator('.module-card[data-available="no"]')).to_have_count(4)
    pages = page.locator('.module-card[data-code="pages"]')
    expect(pages.locator(".module-badge")).to_have_text("Входит в тариф")
    expect(pages).to_have_attribute("data-available", "yes")

    page.goto("/marketplace/tasks")
    expect(page.locator("#module-name")).to_have_text("Задачи и канбан")
    expect(page.locator("#module-badge")).to_have_text("Скоро")
    expect(page.locator("#module-soon")).to_be_visible()
    expect(page.locator("#module-enable")).to_have_count(0)
    page.goto("/marketplace/pages")
    expect(page.locator("#module-badge")).to_have_text("Входит в тариф")
    expect(page.locator("#module-enable")).to_be_visible()

    page.goto("/marketplace")
    expect(page.locator('.module-card[data-code="tasks"] .module-badge')).to_have_text("Скоро")
    page.locator("#lang-switch").get_by_role("radio", name="EN").click()
    expect(page.locator('.module-card[data-code="tasks"] .module-badge')).to_have_text(
        "Coming soon"
    )
    expect(page.locator('.module-card[data-code="pages"] .module-badge')).to_have_text(
        "Included in plan"
    )
