"""A customer buys on the tenant's subdomain, end to end through the local fake YooKassa with the
tenant's own credentials: catalog → product → size → cart → checkout → phone code → pay → the
order page says paid → the owner moves the order to shipped with a tracking number → the
customer's order page and "my orders" show it."""

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.auth_helpers import new_phone
from tests.e2e.conftest import PLATFORM_DOMAIN
from tests.e2e.shop_helpers import add_tshirt, connect_kassa, customer_signs_in, open_shop

SLUG = "zerno-buy"
KASSA_SHOP_ID, KASSA_KEY = "700200", "test_ZernoBuyE2eKey0001"


def test_customer_buys_on_the_subdomain_and_sees_the_order_shipped(
    page: Page, browser: Browser, app_url, fake_telegram, fake_kassa, e2e_db, screenshot_dir
):
    shop = open_shop(page, app_url, fake_telegram, e2e_db, SLUG, 7801)
    add_tshirt(e2e_db, shop, {"S": 2, "M": 0, "L": 5})
    connect_kassa(page, fake_kassa, app_url, KASSA_SHOP_ID, KASSA_KEY)

    port = app_url.rsplit(":", 1)[1]
    site = f"http://{SLUG}.{PLATFORM_DOMAIN}:{port}"
    customer = browser.new_context(base_url=site, viewport={"width": 375, "height": 812})
    buyer = customer.new_page()
    buyer.goto("/")
    buyer.get_by_role("link", name="Магазин").first.click()
    buyer.wait_for_url(f"{site}/s/{SLUG}/shop")
    card = buyer.locator(".product-card", has_text="Футболка «Зерно»")
    expect(card).to_contain_text("1 490")
    buyer.screenshot(path=screenshot_dir / "shop-catalog-375.png", full_page=True)
    card.click()

    buyer.wait_for_url(re.compile(rf"{site}/s/{SLUG}/shop/p/\d+"))
    expect(buyer.locator("#product-name")).to_have_text("Футболка «Зерно»")
    expect(buyer.locator("#size-table")).to_contain_text("102")
    sizes = buyer.locator(".size-option")
    expect(sizes.filter(has_text="M")).to_be_disabled()  # sold out
    buyer.click("#add-to-cart")
    expect(buyer.locator("#size-error")).to_be_visible()  # no size chosen yet
    expect(sizes.filter(has_text="S")).to_contain_text("Осталось 2")
    sizes.filter(has_text="S").click()
    buyer.click("#add-to-cart")
    expect(buyer.locator("#cart-count")).to_have_text("1")
    buyer.screenshot(path=screenshot_dir / "shop-product-375.png", full_page=True)
    buyer.click("#go-to-cart")

    buyer.wait_for_url(f"{site}/s/{SLUG}/shop/cart")
    row = buyer.locator(".cart-row")
    row.locator(".cart-more").click()
    expect(row.locator(".cart-quantity")).to_have_text("2")
    expect(buyer.locator("#cart-total")).to_have_text(re.compile(r"2\s980"))
    buyer.reload()  # the guest's cart lives in the browser
    expect(buyer.locator(".cart-row .cart-quantity")).to_have_text("2")
    buyer.click("#to-checkout")

    buyer.wait_for_url(f"{site}/s/{SLUG}/shop/checkout")
    phone = new_phone()
    customer_signs_in(buyer, app_url, fake_telegram, phone, 7802)
    expect(buyer.locator("#checkout-phone")).to_contain_text(phone)
    assert "tr_shop" not in buyer.evaluate("document.cookie")  # HttpOnly
    buyer.fill("#checkout-name", "Анна Покупатель")
    buyer.fill("#checkout-email", "anna@example.test")
    buyer.fill("#checkout-delivery_address", "Москва, ул. Зерновая, 1")
    buyer.screenshot(path=screenshot_dir / "shop-checkout-375.png", full_page=True)
    buyer.click("#checkout-pay")

    # The fake YooKassa's checkout page: the sum of the order, in the tenant's shop.
    expect(buyer.locator("#checkout-amount")).to_have_text("2980.00 ₽")
    payment = fake_kassa.payments[max(fake_kassa.payments)]
    assert payment["_shop"] == KASSA_SHOP_ID
    # The customer leaves without paying and comes back by the order's link: it waits, reserved,
    # and "pay" opens the same payment again (no second charge).
    buyer.goto(payment["_return_url"])
    expect(buyer.locator("#store-order-status")).to_have_text("Ждёт оплаты")
    buyer.click("#order-pay")
    expect(buyer.locator("#checkout-amount")).to_have_text("2980.00 ₽")
    assert buyer.url.endswith(f"/checkout/{payment['id']}")  # the same payment
    buyer.click("#pay")
    buyer.wait_for_url(re.compile(rf"{site}/s/{SLUG}/shop/order/\d+\?key=.+"))
    expect(buyer.locator("#store-order-status")).to_have_text("Оплачен")
    number = buyer.locator("#store-order-number").inner_text().split()[-1]
    status_link = buyer.url

    # The owner sees the paid order and ships it.
    page.goto("/app/m/shop/orders")
    page.locator(".table-row", has_text=number).get_by_role("link").first.click()
    expect(page.locator("#order-status")).to_have_text("Оплачен")
    expect(page.locator("#order-items")).to_contain_text("Футболка «Зерно»")
    page.locator("#order-move").get_by_text("Собирается").click()
    page.click("#order-move-submit")
    expect(page.locator("#order-status")).to_have_text("Собирается")
    page.locator("#order-move").get_by_text("Отправлен").click()
    page.click("#order-move-submit")  # without a tracking number: refused, nothing changes
    expect(page.locator("#order-status")).to_have_text("Собирается")
    page.fill("#order-tracking-input", "CDEK-1234567890")
    page.click("#order-move-submit")
    expect(page.locator("#order-status")).to_have_text("Отправлен")
    expect(page.locator("#order-timeline")).to_contain_text("CDEK-1234567890")

    # The customer's status link and "my orders" show it.
    buyer.goto(status_link)
    expect(buyer.locator("#store-order-status")).to_have_text("Отправлен")
    expect(buyer.locator("#store-order-tracking")).to_contain_text("CDEK-1234567890")
    buyer.goto(f"/s/{SLUG}/shop/account")
    expect(buyer.locator(".my-order", has_text=number)).to_contain_text("Отправлен")

    # One of the two comes back: the owner refunds it through YooKassa, back on the shelf.
    refunds = page.locator("#refunds")
    refunds.get_by_label("Вернуть, шт.").first.fill("1")
    page.fill("#refund-reason", "Не подошёл размер")
    page.click("#refund-submit")
    expect(page.locator("#order-refunded")).to_have_text(re.compile(r"Возвращено: 1\s490\s₽"))
    expect(refunds.locator(".refund-row")).to_contain_text("проведён")
    expect(page.locator("#order-timeline")).to_contain_text("товар вернулся в остаток")
    [sent] = [r for r in fake_kassa.refunds.values() if r["_shop"] == KASSA_SHOP_ID]
    assert sent["amount"]["value"] == "1490.00"
    buyer.goto(status_link)
    expect(buyer.locator("#store-order-refunded")).to_contain_text(re.compile(r"1\s490"))
    customer.close()
