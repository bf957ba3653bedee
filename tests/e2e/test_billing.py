"""Billing in Chromium against the local YooKassa: a trial upgrades through the checkout page,
a declined payment changes nothing, the renewal job charges the saved card, downgrade / cancel /
resume, receipts, and the staff-seat limit leading to the upgrade prompt."""

import os
import re
import subprocess
import sys
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.e2e.auth_helpers import create_workspace, new_phone, sign_in_by_phone
from tests.support.app_process import ROOT
from tochka_app.models import Subscription, Tenant


def _option(page: Page, code: str):
    return page.locator(f'.billing-option[data-code="{code}"]')


def _checkout(page: Page, code: str, button: str) -> None:
    _option(page, code).locator(".billing-pay").click()
    page.wait_for_url("**/checkout/**")
    expect(page.locator("#checkout-amount")).to_be_visible()
    page.click(button)
    page.wait_for_url(re.compile(r"/app/billing/?\?payment=\d+$"))


def _run_billing_tick(app_env, e2e_database_url) -> str:
    env = {**os.environ, **app_env, "DATABASE_URL": e2e_database_url}
    done = subprocess.run([sys.executable, "-m", "tochka_app.cli", "billing-tick"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def test_trial_upgrades_renews_downgrades_cancels(page: Page, app_url, fake_telegram, e2e_db,
                                                  app_env, e2e_database_url, screenshot_dir):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7701)
    create_workspace(page, "Оплата Тест", "billing-e2e")
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto("/app/billing")
    expect(page.locator("#billing-status")).to_have_text("Пробный период")
    expect(_option(page, "business")).to_contain_text("Сейчас к оплате 2 990 ₽")

    _checkout(page, "business", "#pay")
    expect(page.locator("#billing-notice")).to_contain_text("Оплата прошла")
    expect(page.locator("#billing-tariff")).to_have_text("Бизнес")
    expect(page.locator("#billing-status")).to_have_text("Активна")
    expect(page.locator("#billing-method")).to_contain_text("Банковская карта *4444")
    expect(page.locator('.payment-row[data-status="succeeded"]')).to_have_count(1)
    expect(_option(page, "business")).to_have_attribute("data-action", "current")
    page.screenshot(path=screenshot_dir / "billing-1440.png", full_page=True)

    page.locator(".receipt-link").first.click()
    expect(page.locator("#receipt-number")).to_contain_text("TR-")
    expect(page.locator("#receipt")).to_contain_text("2 990 ₽")
    expect(page.locator("#receipt")).to_contain_text("Оплата Тест")

    # The period ends: the renewal job charges the saved card for another 30 days.
    tenant = e2e_db.exec(select(Tenant).where(Tenant.slug == "billing-e2e")).one()
    sub = e2e_db.exec(select(Subscription).where(Subscription.tenant_id == tenant.id,
                                                 Subscription.status == "active")).one()
    old_end = sub.period_end
    sub.period_start, sub.period_end = old_end - timedelta(days=31), sub.period_start - timedelta(
        minutes=1)
    e2e_db.add(sub)
    e2e_db.commit()
    assert "renewed" in _run_billing_tick(app_env, e2e_database_url)
    page.goto("/app/billing")
    expect(page.locator('.payment-row[data-status="succeeded"]')).to_have_count(2)
    expect(page.locator("#billing-status")).to_have_text("Активна")

    _option(page, "start").locator(".billing-downgrade").click()
    page.locator(".confirm-action").click()
    expect(page.locator("#billing-pending")).to_contain_text("Старт")
    expect(_option(page, "start")).to_have_attribute("data-action", "scheduled")

    page.locator("#billing-cancel").click()
    page.locator(".confirm-action").click()
    expect(page.locator("#billing-period")).to_contain_text("Закончится")
    page.click("#billing-resume")
    expect(page.locator("#billing-period")).to_contain_text("Оплачено до")


def test_declined_payment_leaves_the_tariff(page: Page, app_url, fake_telegram, e2e_db):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7702)
    create_workspace(page, "Отказ Тест", "declined-e2e")
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto("/app/billing")
    _checkout(page, "pro", "#decline")
    expect(page.locator("#billing-notice")).to_contain_text(
        "Платёж отклонён (недостаточно средств)")
    expect(page.locator("#billing-tariff")).to_have_text("Старт")
    expect(page.locator("#billing-status")).to_have_text("Пробный период")
    expect(page.locator('.payment-row[data-status="canceled"]')).to_have_count(1)
    expect(page.locator(".receipt-link")).to_have_count(0)

    # The trial runs out unpaid: the workspace turns read-only, paying stays open.
    tenant = e2e_db.exec(select(Tenant).where(Tenant.slug == "declined-e2e")).one()
    sub = e2e_db.exec(select(Subscription).where(Subscription.tenant_id == tenant.id)).one()
    sub.status = "expired"
    e2e_db.add(sub)
    e2e_db.commit()
    page.goto("/app/marketplace")
    expect(page.locator("#read-only-banner")).to_be_visible()
    expect(page.locator(".tenant-module").first).to_be_visible()
    expect(page.locator(".enable-module")).to_have_count(0)  # nothing can be switched on
    page.goto("/app/billing")
    expect(page.locator("#billing-read-only")).to_be_visible()
    expect(_option(page, "start")).to_have_attribute("data-action", "pay")


def test_staff_seat_limit_shows_the_upgrade_prompt(page: Page, app_url, fake_telegram):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7703)
    create_workspace(page, "Места Тест", "seats-e2e")
    page.goto("/app/team")
    for sent in (1, 2):  # Старт: 3 seats, the owner holds one
        page.fill("#invite-phone", new_phone())
        page.click("#invite-submit")
        expect(page.locator(".invite-row")).to_have_count(sent)
        expect(page.locator("#invite-phone")).to_have_value("")  # ready for the next one
    page.fill("#invite-phone", new_phone())
    page.click("#invite-submit")
    expect(page.locator("#invite-error")).to_be_visible()
    page.locator(".upgrade-prompt").click()
    page.wait_for_url("**/app/billing")
    expect(_option(page, "business")).to_have_attribute("data-action", "pay")
