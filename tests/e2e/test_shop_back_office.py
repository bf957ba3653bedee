"""The shop's back office in Chromium: a category tree, a product with variants and photos (upload,
reorder, the first is the main one), a refused save that keeps what was typed, the products table
(search, bulk archive) and what the storefront shows of it."""

import io
import re

from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.shop_helpers import open_shop

SLUG = "zerno-office"


def _photo(path, colour) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1600), colour).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def _variant(page: Page, index: int, size: str, stock: str) -> None:
    row = page.locator(".variant-row").nth(index)
    row.get_by_label("Размер", exact=True).fill(size)
    row.get_by_label("Суффикс", exact=True).fill(f"-{size}")
    row.get_by_label("Остаток", exact=True).fill(stock)


def test_category_product_with_variants_and_photos(
    page: Page, app_url, fake_telegram, e2e_db, tmp_path, screenshot_dir
):
    open_shop(page, app_url, fake_telegram, e2e_db, SLUG, 7811)

    page.goto("/app/m/shop/categories")
    page.fill("#category-name", "Одежда")
    page.fill("#category-slug", "clothes")
    page.click("#category-save")
    expect(page.locator(".category-row")).to_have_count(1)
    page.fill("#category-name", "Футболки")
    page.fill("#category-slug", "t-shirts")
    page.click("#category-parent")
    page.get_by_role("option", name="Одежда").click()
    page.click("#category-save")
    expect(page.locator(".category-row").nth(1)).to_contain_text("— Футболки")

    page.goto("/app/m/shop")
    page.click("#new-product")
    page.wait_for_url("**/app/m/shop/products/new")
    page.fill("#product-name", "Футболка «Колос»")
    page.fill("#product-sku", "KL-1")
    page.fill("#product-price", "сто")
    page.click("#product-category")
    page.get_by_role("option", name="— Футболки").click()
    page.fill("#product-description", "Хлопок **100 %**.")
    page.fill("#product-size-table", "Размер; Грудь\nS; 96\nM; 102")
    _variant(page, 0, "S", "3")
    page.click("#variant-add")
    _variant(page, 1, "M", "0")
    page.click("#product-save")
    expect(page.get_by_text("Укажите цену числом")).to_be_visible()  # refused: all kept
    expect(page.locator("#product-name")).to_have_value("Футболка «Колос»")
    expect(page.locator(".variant-row")).to_have_count(2)
    page.fill("#product-price", "1 990,50")
    page.click("#product-save")
    page.wait_for_url(re.compile(r".*/app/m/shop/products/\d+$"))
    product_id = page.url.rsplit("/", 1)[1]

    page.set_input_files(
        "#photo-upload input[type=file]",
        [
            _photo(tmp_path / "green.png", (40, 160, 90)),
            _photo(tmp_path / "red.png", (190, 50, 60)),
        ],
    )
    photos = page.locator("#photos .photo")
    expect(photos).to_have_count(2)
    first, second = photos.nth(0).get_attribute("data-id"), photos.nth(1).get_attribute("data-id")
    photos.nth(1).locator(".photo-left").click()  # the red one becomes the main photo
    expect(photos.nth(0)).to_have_attribute("data-id", second)
    expect(photos.nth(1)).to_have_attribute("data-id", first)
    expect(photos.nth(0)).to_contain_text("Главное")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.screenshot(path=screenshot_dir / "shop-product-form-1440.png", full_page=True)
    page.reload()  # saved, not only shown
    expect(page.locator(".variant-row")).to_have_count(2)
    expect(page.locator("#product-price")).to_have_value("1990,50")
    expect(photos.nth(0)).to_have_attribute("data-id", second)

    # The storefront shows it with its main photo, re-encoded and no larger than 2000 px.
    page.goto(f"/s/{SLUG}/shop/p/{product_id}")
    expect(page.locator("#product-name")).to_have_text("Футболка «Колос»")
    expect(page.locator("#product-price")).to_contain_text("1 990,50")
    size = page.locator("#product-photo").evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert max(size) <= 2000 and size[0] > size[1]
    expect(page.locator(".size-option", has_text="M")).to_be_disabled()

    # The products table: found by SKU, archived in bulk, gone from the storefront.
    page.goto("/app/m/shop")
    page.fill("#table-search", "KL-1")
    row = page.locator(".table-row", has_text="KL-1")
    expect(row).to_have_count(1)
    with page.expect_download() as download:
        page.click("#table-export-xlsx")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert [c.value for c in next(sheet.iter_rows(min_row=2))][:2] == ["Футболка «Колос»", "KL-1"]
    row.locator(".row-select").click()
    page.locator(".bulk-action", has_text="Снять с продажи").click()
    expect(row).to_contain_text("Снят с продажи")
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=screenshot_dir / "shop-products-375.png", full_page=True)
    page.goto(f"/s/{SLUG}/shop")
    expect(page.locator("#store-empty")).to_be_visible()
