"""The knowledge base in Chromium: enable and configure, import a cp1251 `;` CSV whose bad row the
dry run marks, import the valid rows, download the bad one, fix it and import it, search, edit,
export and compare with what was imported."""

import csv
import io

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from tests.e2e.auth_helpers import create_workspace, new_phone, sign_in_by_phone

HEADER = "Название товара;Артикул;Цена, руб.;Остаток;Группа\r\n"
GOOD_ROWS = "Чай зелёный «Сенча»;T-1;1 234,50;10;Чай\r\nКофе в зёрнах;C-1;990;;\r\n"
BAD_ROW = "Сахар;S-1;сто рублей;5;Бакалея\r\n"


def _upload(page: Page, path) -> None:
    page.set_input_files("#kb-upload input[type=file]", str(path))


def test_import_search_edit_export(page: Page, app_url, fake_telegram, tmp_path, screenshot_dir):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7601)
    create_workspace(page, "База Тест", "kb-e2e")
    page.goto("/app/marketplace")
    card = page.locator('.tenant-module[data-code="knowledge"]')
    card.locator(".enable-module").click()
    expect(card).to_have_attribute("data-state", "enabled")
    card.locator(".configure-module").click()
    page.locator('input[name="default_category"]').fill("Разное")
    page.click("#settings-save")
    expect(page.locator("#settings-save")).to_have_count(0)

    page.locator(".app-nav-link", has_text="База знаний").first.click()
    page.wait_for_url("**/app/m/knowledge")
    expect(page.locator("#breadcrumbs")).to_have_text("База Тест" + "База знаний")
    expect(page.locator("#kb-empty")).to_be_visible()

    bad = tmp_path / "price-bad.csv"
    bad.write_bytes((HEADER + GOOD_ROWS + BAD_ROW).encode("cp1251"))
    _upload(page, bad)
    expect(page.locator("#kb-import-summary")).to_contain_text("2 / 1")
    error = page.locator('.kb-import-error[data-line="4"]')
    expect(error).to_contain_text("Цена")
    expect(error).to_contain_text("сто рублей")
    bad_row = page.locator('.kb-preview-row[data-line="4"]')
    expect(bad_row).to_have_attribute("data-bad", "yes")
    expect(bad_row.locator(".kb-bad-cell")).to_have_text("сто рублей")
    expect(page.locator('.kb-preview-row[data-line="2"]')).to_have_attribute("data-bad", "")
    expect(page.locator("#kb-skip-note")).to_contain_text("1 строка с ошибками не загрузится")
    expect(page.locator("#kb-empty")).to_be_visible()  # the dry run wrote nothing
    page.set_viewport_size({"width": 1440, "height": 900})
    page.locator("#kb-preview").screenshot(path=screenshot_dir / "kb-import-preview-1440.png")
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=screenshot_dir / "kb-import-preview-375.png", full_page=True)

    with page.expect_download() as download_info:
        page.click("#kb-download-skipped")
    skipped = download_info.value.path().read_bytes()
    rows = list(csv.reader(io.StringIO(skipped.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Название товара", "Артикул", "Цена, руб.", "Остаток", "Группа", "Ошибка"]
    assert rows[1][:5] == ["Сахар", "S-1", "сто рублей", "5", "Бакалея"]
    assert rows[1][5].startswith("Цена: ") and len(rows) == 2

    run = page.locator("#kb-run-import")
    expect(run).to_have_text("Загрузить строки без ошибок (2)")
    run.click()
    expect(
        page.get_by_text("Загружено: новых 2, обновлено 0; пропущено строк с ошибками: 1")
    ).to_be_visible()
    expect(page.locator(".kb-row")).to_have_count(2)
    expect(page.locator("#kb-skip-note")).to_contain_text("1 строка с ошибками не загружена")

    # The user fixes the downloaded file and imports it: the last row joins the others.
    fixed = tmp_path / "price-fixed.csv"
    fixed.write_bytes(skipped.replace("сто рублей".encode(), b"100"))
    _upload(page, fixed)
    expect(page.locator("#kb-import-summary")).to_contain_text("1 / 0")
    expect(page.locator("#kb-download-skipped")).to_have_count(0)
    expect(page.locator("#kb-run-import")).to_have_text("Загрузить (1)")
    page.click("#kb-run-import")
    expect(page.get_by_text("Загружено: новых 1, обновлено 0")).to_be_visible()
    expect(page.locator(".kb-row")).to_have_count(3)
    expect(page.locator('.kb-row[data-sku="C-1"]')).to_contain_text("Разное")  # default category

    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=screenshot_dir / "module-knowledge.png")
    page.fill("#kb-search", "сенча")
    expect(page.locator(".kb-row")).to_have_count(1)
    expect(page.locator(".kb-row").first).to_contain_text("1 234,50")
    page.fill("#kb-search", "")
    expect(page.locator(".kb-row")).to_have_count(3)

    page.locator('.kb-row[data-sku="S-1"]').get_by_role("button", name="Изменить").click()
    page.fill("#kb-price", "-1")
    page.click("#kb-save")
    expect(page.locator("#price-error")).to_be_visible()
    expect(page.locator("#kb-name")).to_have_value("Сахар")  # nothing typed is lost
    page.fill("#kb-price", "120")
    page.click("#kb-save")
    expect(page.locator('.kb-row[data-sku="S-1"]')).to_contain_text("120")

    with page.expect_download() as download_info:
        page.click("#kb-export")
    exported = download_info.value.path().read_bytes()
    assert exported.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Название", "Артикул", "Категория", "Цена", "Количество", "Описание"]
    assert sorted(rows[1:]) == sorted(
        [
            ["Чай зелёный «Сенча»", "T-1", "Чай", "1234,50", "10", ""],
            ["Кофе в зёрнах", "C-1", "Разное", "990,00", "", ""],
            ["Сахар", "S-1", "Бакалея", "120,00", "5", ""],
        ]
    )


def test_zip_bomb_and_oversized_upload_are_refused(page: Page, app_url, fake_telegram, tmp_path):
    """Issue 11: a 55 KiB XLSX holding a 50 MiB cell gets a clear message and no preview; a body
    over UPLOAD_MAX_BYTES sent straight to Reflex's /_upload gets 413 from the production build."""
    from tests.security.test_import_limits import _bomb

    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7602)
    create_workspace(page, "База Бомба", "kb-bomb-e2e")
    page.goto("/app/marketplace")
    card = page.locator('.tenant-module[data-code="knowledge"]')
    card.locator(".enable-module").click()
    expect(card).to_have_attribute("data-state", "enabled")
    page.goto("/app/m/knowledge")
    expect(page.locator("#kb-empty")).to_be_visible()
    bomb = tmp_path / "price.xlsx"
    bomb.write_bytes(_bomb())
    _upload(page, bomb)
    expect(page.get_by_text("Файл XLSX распаковывается больше чем в 50 МБ")).to_be_visible()
    expect(page.locator("#kb-preview")).to_have_count(0)
    # The server answers 413 from the headers and closes without reading the body; a client still
    # writing then sees the connection close (EPIPE / reset) instead of the answer. Both refuse.
    try:
        response = page.request.post(
            app_url.rstrip("/") + "/_upload",
            data=b"x" * (7 * 1024 * 1024),
            headers={"content-type": "application/octet-stream"},
        )
    except PlaywrightError as error:
        assert "EPIPE" in str(error) or "ECONNRESET" in str(error), error
    else:
        assert response.status == 413
