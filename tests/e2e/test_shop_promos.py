"""Promo codes in Chromium: the owner adds one on the Промокоды page; at checkout a customer
hears each refusal in words (unknown, expired, used up, not for these items, below the minimum),
then the owner's code takes 10 % off, YooKassa is asked for the discounted sum, and the promo
table counts the paid order and its revenue."""

import re
from datetime import timedelta

from playwright.sync_api import Browser, Page, expect

from tests.e2e.auth_helpers import new_phone
from tests.e2e.shop_helpers import add_tshirt, connect_kassa, customer_signs_in, open_shop
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import catalog, promos
from tochka_app.modules.shop.promos import PromoInput

SLUG = "zerno-promo"


def test_codes_refused_in_words_then_one_applied_and_paid(
    page: Page, browser: Browser, app_url, fake_telegram, fake_kassa, e2e_db, screenshot_dir
):
    shop = open_shop(page, app_url, fake_telegram, e2e_db, SLUG, 7831)
    product_id = add_tshirt(e2e_db, shop, {"M": 5}, sku="PROMO-TEE")
    hats = catalog.save_category(e2e_db, shop.owner, None, "Шапки", "hats", None)
    for data in (
        PromoInput("GONE", percent=10, valid_until=utcnow() - timedelta(days=1)),
        PromoInput("ONCE", percent=10, max_uses=1),
        PromoInput("HATS", percent=10, category_ids=(hats,)),
        PromoInput("BIG", percent=10, min_order_kopecks=500_000),
    ):
        promos.save(e2e_db, shop.owner, None, data)
    once = promos.table(e2e_db, shop.owner)[2].promo  # newest first: BIG, HATS, ONCE, GONE
    once.uses = 1
    e2e_db.add(once)
    e2e_db.commit()
    connect_kassa(page, fake_kassa, app_url, "700400", "test_ZernoPromoKey00001")

    # The owner's own code, through the form.
    page.goto("/app/m/shop/promos")
    page.fill("#promo-code", "leto10")
    page.fill("#promo-value", "10")
    page.fill("#promo-description", "Летняя скидка")
    page.click("#promo-save")
    expect(page.locator('.promo-row[data-code="LETO10"]')).to_contain_text("10 %")

    customer = browser.new_context(base_url=app_url, viewport={"width": 375, "height": 812})
    buyer = customer.new_page()
    buyer.goto(f"/s/{SLUG}/shop/p/{product_id}")
    buyer.click("#add-to-cart")
    buyer.click("#go-to-cart")
    buyer.click("#to-checkout")
    customer_signs_in(buyer, app_url, fake_telegram, new_phone(), 7832)
    for code, said in (
        ("NOPE", "Такого промокода нет или он выключен"),
        ("gone", "Срок действия промокода закончился"),
        ("ONCE", "Промокод уже использован максимальное число раз"),
        ("HATS", "Промокод не действует на товары в корзине"),
        ("BIG", "Промокод действует на заказ от 5000 ₽"),
    ):
        buyer.fill("#promo-code", code)
        buyer.click("#promo-apply")
        expect(buyer.locator("#promo-error")).to_have_text(said)
        expect(buyer.locator("#checkout-total")).to_have_text("1 490 ₽")
    buyer.fill("#promo-code", "Leto10")
    buyer.click("#promo-apply")
    expect(buyer.locator("#promo-applied")).to_have_text("Промокод LETO10: скидка 149 ₽")
    expect(buyer.locator("#checkout-total")).to_have_text("1 341 ₽")
    buyer.fill("#checkout-name", "Лето Покупатель")
    buyer.fill("#checkout-delivery_address", "Сочи")
    buyer.screenshot(path=screenshot_dir / "shop-checkout-promo-375.png", full_page=True)
    buyer.click("#checkout-pay")
    expect(buyer.locator("#checkout-amount")).to_have_text("1341.00 ₽")
    buyer.click("#pay")
    buyer.wait_for_url("**/shop/order/**")
    expect(buyer.locator("#store-order-status")).to_have_text("Оплачен")
    expect(buyer.locator("#store-order-discount")).to_have_text("−149 ₽ (LETO10)")

    page.goto("/app/m/shop/promos")
    row = page.locator('.promo-row[data-code="LETO10"]')
    expect(row).to_contain_text("1 / ∞")
    expect(row).to_contain_text("1 341 ₽")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.screenshot(path=screenshot_dir / "shop-promos-1440.png", full_page=True)

    # The dashboard counts the paid order and the customer's way to it.
    page.goto("/app/m/shop/analytics")
    expect(page.locator('.kpi[data-key="revenue"]')).to_contain_text(re.compile(r"1\s341"))
    expect(page.locator('.kpi[data-key="orders"]')).to_contain_text("1")
    expect(page.locator("#top-products")).to_contain_text("Футболка «Зерно»")
    funnel = page.locator("#funnel")
    expect(funnel).to_contain_text("Просмотры товаров")
    expect(funnel.locator("tr", has_text="Просмотры товаров")).to_contain_text("1")
    expect(funnel.locator("tr", has_text="Заказ оформлен")).to_contain_text("1")
    page.locator("#analytics-period").get_by_role("radio", name="Месяц").click()
    expect(page.locator('.kpi[data-key="revenue"]')).to_contain_text(re.compile(r"1\s341"))
    page.screenshot(path=screenshot_dir / "shop-analytics-1440.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=screenshot_dir / "shop-analytics-375.png", full_page=True)
    customer.close()
