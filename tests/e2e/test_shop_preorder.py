"""Preorder waves in Chromium: the first buyer takes wave 1's last place, the next lands in wave 2,
staff move wave 1 to "shipping" with a message and its buyer sees it on the order page; when every
wave is full, the product page offers the waiting list instead of the cart."""

import re

from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from tests.e2e.auth_helpers import new_phone
from tests.e2e.shop_helpers import buy_now, connect_kassa, open_shop
from tochka_app.modules.shop import catalog, waves
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.models import ShopPreorderWave

SLUG = "zerno-pre"


def test_buyers_fill_wave_one_then_two_and_see_staff_move_it(
    page: Page, browser: Browser, app_url, fake_telegram, fake_kassa, e2e_db, screenshot_dir
):
    shop = open_shop(page, app_url, fake_telegram, e2e_db, SLUG, 7821)
    product_id = catalog.save_product(
        e2e_db,
        shop.owner,
        None,
        ProductInput(
            "Худи «Волна»",
            "WAVE-E2E",
            529_000,
            order_type="preorder",
            variants=(VariantInput("M", sku_suffix="-M"), VariantInput("L", sku_suffix="-L")),
            waves=(1, 5),
        ),
    )
    e2e_db.commit()
    connect_kassa(page, fake_kassa, app_url, "700300", "test_ZernoPreorderKey01")
    product_page = f"/s/{SLUG}/shop/p/{product_id}"

    first = browser.new_context(base_url=app_url).new_page()
    first.goto(product_page)
    expect(first.locator("#product-badge")).to_have_text(
        "Предзаказ · волна 1 из 2 · осталось 1 место"
    )
    first_order = buy_now(first, app_url, fake_telegram, "M", new_phone(), 7822)
    expect(first.locator(".wave-note")).to_have_text("Предзаказ, волна 1: Сбор предзаказов")

    second = browser.new_context(
        base_url=app_url, viewport={"width": 375, "height": 812}, color_scheme="dark"
    )
    buyer = second.new_page()
    buyer.goto(product_page)
    expect(buyer.locator("#product-badge")).to_have_text(
        "Предзаказ · волна 2 из 2 · осталось 5 мест"
    )
    buyer.screenshot(path=screenshot_dir / "shop-preorder-375-dark.png", full_page=True)
    buy_now(buyer, app_url, fake_telegram, "L", new_phone(), 7823)
    expect(buyer.locator(".wave-note")).to_have_text("Предзаказ, волна 2: Сбор предзаказов")

    # Staff see the waves on the product's page and move wave 1 on to shipping.
    page.goto(f"/app/m/shop/products/{product_id}")
    rows = page.locator("#waves .wave-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("1 / 1")
    expect(rows.nth(1)).to_contain_text("1 / 5")
    page.fill("#wave-message", "Шьём, отправим к 20 декабря")
    rows.nth(0).locator(".wave-next").click()
    expect(rows.nth(0)).to_have_attribute("data-status", "production")
    page.fill("#wave-message", "Отправляем СДЭК")
    rows.nth(0).locator(".wave-next").click()
    expect(rows.nth(0)).to_have_attribute("data-status", "shipping")
    expect(rows.nth(0)).to_contain_text("Отправляем СДЭК")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.locator("#waves").screenshot(path=screenshot_dir / "shop-waves-1440.png")

    first.goto(first_order)
    expect(first.locator(".wave-note")).to_have_text(
        "Предзаказ, волна 1: Отправка · Отправляем СДЭК"
    )

    # Every wave full: the product page offers the waiting list, which needs a login.
    wave_two = e2e_db.exec(
        select(ShopPreorderWave).where(
            ShopPreorderWave.product_id == product_id, ShopPreorderWave.number == 2
        )
    ).one()
    wave_two.taken = wave_two.capacity
    e2e_db.add(wave_two)
    e2e_db.commit()
    assert waves.summary_of(waves.waves_of(e2e_db, product_id)).full
    buyer.goto(product_page)
    expect(buyer.locator("#product-badge")).to_have_text("Лист ожидания")
    expect(buyer.locator("#add-to-cart")).to_have_count(0)
    buyer.locator(".size-option", has_text="M").click()
    buyer.click("#join-waitlist")
    expect(buyer.get_by_text(re.compile("Вы в листе ожидания"))).to_be_visible()
    second.close()
