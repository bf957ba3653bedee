"""Editing a tariff in the admin panel and seeing it on the landing at once."""

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.e2e.auth_helpers import admin_login
from tochka_app.models import Tariff


@pytest.fixture
def restore_pro(e2e_db):
    """Put the seeded tariff back afterwards: other tests read the landing and pay for it."""
    pro = e2e_db.exec(select(Tariff).where(Tariff.code == "pro")).one()
    name, price = dict(pro.name), pro.price_month_kopecks
    yield
    e2e_db.expire_all()
    pro = e2e_db.exec(select(Tariff).where(Tariff.code == "pro")).one()
    pro.name, pro.price_month_kopecks = name, price
    e2e_db.add(pro)
    e2e_db.commit()


def test_edit_tariff_then_landing_shows_it(page: Page, app_url, restore_pro):
    page.set_viewport_size({"width": 1440, "height": 1000})
    admin_login(page)
    page.goto("/admin/tariffs")
    page.locator('.tariff-row[data-code="pro"] .tariff-edit').click()
    page.fill("#tariff-price", "оч дорого")
    page.click("#tariff-save")
    expect(page.locator("#price-error")).to_be_visible()
    expect(page.locator("#tariff-name_ru")).to_have_value("Про")  # nothing typed is lost
    page.fill("#tariff-price", "8 490")
    page.fill("#tariff-name_ru", "Про Плюс")
    page.click("#tariff-save")
    confirm = page.locator("#tariff-confirm")
    page.wait_for_function(
        "() => !document.querySelector('#tariff-save') || document.querySelector('#tariff-confirm')"
    )
    if confirm.count():  # the tariff has subscribers: the count is shown and confirmed
        expect(page.locator("#tariff-confirm-text")).to_contain_text("пространств")
        confirm.click()
    expect(page.locator("#tariff-save")).to_have_count(0)
    expect(page.locator('.tariff-row[data-code="pro"]')).to_contain_text("8 490")

    page.goto("/")
    expect(page.locator(".tariff-card", has_text="Про Плюс")).to_contain_text("8 490")


def test_new_price_is_confirmed_as_from_the_next_period(page: Page, e2e_db):
    """The seeded demo workspace is on Старт: a new price there names the affected tenants and
    says they pay it from their next period. Cancelled here, so nothing changes."""
    page.set_viewport_size({"width": 1440, "height": 1000})
    admin_login(page)
    page.goto("/admin/tariffs")
    page.locator('.tariff-row[data-code="start"] .tariff-edit').click()
    page.fill("#tariff-price", "1 090")
    page.click("#tariff-save")
    expect(page.locator("#tariff-confirm-text")).to_contain_text("пространств")
    expect(page.locator("#tariff-confirm-note")).to_contain_text(
        "Новая цена действует для подписчиков с их следующего периода"
    )
    expect(page.locator("#tariff-confirm-note")).to_contain_text("продление спишет новую цену")
    page.click("#tariff-confirm-cancel")
    expect(page.locator("#tariff-confirm")).to_have_count(0)
    page.fill("#tariff-price", "990")
    page.fill("#tariff-name_ru", "Старт")
    page.click("#tariff-save")  # only the price differed: the same form now confirms without a note
    expect(page.locator("#tariff-confirm-text")).to_be_visible()
    expect(page.locator("#tariff-confirm-note")).to_have_count(0)
    page.click("#tariff-confirm-cancel")
    e2e_db.expire_all()
    start = e2e_db.exec(select(Tariff).where(Tariff.code == "start")).one()
    assert start.price_month_kopecks == 99_000
