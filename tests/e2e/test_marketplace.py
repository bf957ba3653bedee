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


def test_badges_show_what_a_module_needs(page: Page):
    page.goto("/marketplace")
    expect(page.locator('.module-card[data-code="tasks"]')).to_contain_text(
        "Нужен тариф «Бизнес»")
    expect(page.locator('.module-card[data-code="shop"]')).to_contain_text("Входит в тариф")
