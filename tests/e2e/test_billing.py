"""Billing in Chromium against the local YooKassa: a trial upgrades through the checkout page
(keeping its trial days), a declined payment changes nothing, the renewal job charges the saved
card, downgrade / cancel / resume, receipts, a price change that reaches a subscriber at their
next period, and the staff-seat limit leading to the upgrade prompt."""

import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.e2e.auth_helpers import create_workspace, new_phone, sign_in_by_phone
from tests.support.app_process import ROOT
from tochka_app.models import PaymentMethod, Subscription, Tariff, Tenant


def _option(page: Page, code: str):
    return page.locator(f'.billing-option[data-code="{code}"]')


def _checkout(page: Page, code: str, button: str) -> None:
    _option(page, code).locator(".billing-pay").click()
    page.wait_for_url("**/checkout/**")
    expect(page.locator("#checkout-amount")).to_be_visible()
    page.click(button)
    page.wait_for_url(re.compile(r"/app/billing/?\?payment=\d+$"))


def _fits_a_phone(page: Page, path) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the billing page scrolls sideways by {overflow}px at 375px"
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size({"width": 1440, "height": 1000})


def _subscription(e2e_db, slug: str) -> Subscription:
    e2e_db.expire_all()
    tenant = e2e_db.exec(select(Tenant).where(Tenant.slug == slug)).one()
    return e2e_db.exec(
        select(Subscription)
        .where(Subscription.tenant_id == tenant.id)
        .order_by(Subscription.id.desc())
    ).first()


def _end_period_now(e2e_db, sub: Subscription) -> None:
    """Time passes: the paid period is over a minute ago, so the renewal job picks it up."""
    sub.period_start, sub.period_end = (
        sub.period_start - timedelta(days=60),
        sub.period_start - timedelta(days=30, minutes=1),
    )
    e2e_db.add(sub)
    e2e_db.commit()


def _run_billing_tick(app_env, e2e_database_url) -> str:
    env = {**os.environ, **app_env, "DATABASE_URL": e2e_database_url}
    done = subprocess.run(
        [sys.executable, "-m", "tochka_app.cli", "billing-tick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_trial_upgrades_renews_downgrades_cancels(
    page: Page, app_url, fake_telegram, e2e_db, app_env, e2e_database_url, screenshot_dir
):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7701)
    create_workspace(page, "Оплата Тест", "billing-e2e")
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto("/app/billing")
    expect(page.locator("#billing-status")).to_have_text("Пробный период")
    expect(page.locator("#billing-period")).to_contain_text("Пробный период до")
    expect(page.locator("#billing-period")).not_to_contain_text("Оплачено")
    # The trial's tariff is marked as the current one and can be paid for to keep it.
    expect(_option(page, "start").locator(".billing-current")).to_have_text("Текущий тариф")
    expect(_option(page, "start")).to_have_attribute("data-action", "pay")
    expect(_option(page, "business").locator(".billing-current")).to_have_count(0)
    expect(_option(page, "business")).to_contain_text("Сейчас к оплате 2 990 ₽")
    expect(_option(page, "business")).to_contain_text(
        re.compile(r"Оплаченный период начнётся после пробного: с \d+\s\S+ по \d+\s\S+\.")
    )
    page.screenshot(path=screenshot_dir / "billing-trial-1440.png", full_page=True)
    _fits_a_phone(page, screenshot_dir / "billing-trial-375.png")

    _checkout(page, "business", "#pay")
    expect(page.locator("#billing-notice")).to_contain_text("Оплата прошла")
    expect(page.locator("#billing-tariff")).to_have_text("Бизнес")
    expect(page.locator("#billing-status")).to_have_text("Активна")
    # 14 trial days kept + 30 paid ones.
    expect(page.locator("#billing-period")).to_contain_text("Оплачено до")
    expect(page.locator("#billing-period")).to_contain_text("(44 дн.)")
    expect(page.locator("#billing-period-price")).to_contain_text(
        "Оплачено за период: 2 990 ₽. Он начнётся"
    )
    expect(page.locator("#billing-method")).to_contain_text("Банковская карта *4444")
    expect(page.locator('.payment-row[data-status="succeeded"]')).to_have_count(1)
    expect(_option(page, "business")).to_have_attribute("data-action", "current")
    expect(_option(page, "business").locator(".billing-current")).to_be_visible()
    expect(_option(page, "business").locator(".billing-pay")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "billing-1440.png", full_page=True)
    _fits_a_phone(page, screenshot_dir / "billing-375.png")

    page.locator(".receipt-link").first.click()
    expect(page.locator("#receipt-number")).to_contain_text("TR-")
    expect(page.locator("#receipt")).to_contain_text("2 990 ₽")
    expect(page.locator("#receipt")).to_contain_text("Оплата Тест")

    # The period ends: the renewal job charges the saved card for another 30 days.
    _end_period_now(e2e_db, _subscription(e2e_db, "billing-e2e"))
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


@pytest.fixture
def restore_business(e2e_db):
    business = e2e_db.exec(select(Tariff).where(Tariff.code == "business")).one()
    price = business.price_month_kopecks
    yield business
    e2e_db.expire_all()
    business = e2e_db.exec(select(Tariff).where(Tariff.code == "business")).one()
    business.price_month_kopecks = price
    e2e_db.add(business)
    e2e_db.commit()


def test_price_change_reaches_a_subscriber_at_the_next_period(
    page: Page,
    app_url,
    fake_telegram,
    e2e_db,
    app_env,
    e2e_database_url,
    screenshot_dir,
    restore_business,
):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7704)
    create_workspace(page, "Цена Тест", "price-e2e")
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto("/app/billing")
    _checkout(page, "business", "#pay")  # 2 990 ₽
    expect(page.locator("#billing-status")).to_have_text("Активна")

    restore_business.price_month_kopecks = 349_000  # the super admin raises Бизнес
    e2e_db.add(restore_business)
    e2e_db.commit()
    page.goto("/app/billing")
    business = _option(page, "business")
    expect(business).to_contain_text("2 990 ₽")  # what this period cost, not today's price
    expect(business).to_contain_text("3 490 ₽ в месяц: новая цена действует со следующего периода")
    expect(page.locator("#billing-period-price")).to_contain_text("Оплачено за период: 2 990 ₽")
    expect(page.locator("#billing-next-period")).to_contain_text("3 490 ₽ в месяц")
    expect(page.locator("#billing-next-period")).to_contain_text("не пересчитывается")
    # The paid period has not begun (the trial runs): all 2 990 ₽ count, never more.
    expect(_option(page, "pro")).to_contain_text("Сейчас к оплате 4 910 ₽. Учтено 2 990 ₽")
    page.screenshot(path=screenshot_dir / "billing-price-change-1440.png", full_page=True)
    _fits_a_phone(page, screenshot_dir / "billing-price-change-375.png")

    # A saved card the provider gave no title is still a saved card.
    sub = _subscription(e2e_db, "price-e2e")
    method = e2e_db.get(PaymentMethod, sub.payment_method_id)
    method.title = ""
    e2e_db.add(method)
    e2e_db.commit()
    page.goto("/app/billing")
    expect(page.locator("#billing-method")).to_have_text(
        "Способ оплаты для продления: Банковская карта"
    )

    # The period ends: the renewal charges the new price.
    _end_period_now(e2e_db, sub)
    assert "renewed" in _run_billing_tick(app_env, e2e_database_url)
    page.goto("/app/billing")
    expect(page.locator('.payment-row[data-status="succeeded"]').first).to_contain_text("3 490 ₽")
    expect(business).to_contain_text("3 490 ₽")
    expect(page.locator("#billing-period-price")).to_contain_text("Оплачено за период: 3 490 ₽")
    expect(page.locator("#billing-next-period")).not_to_contain_text("не пересчитывается")


def test_declined_payment_leaves_the_tariff(page: Page, app_url, fake_telegram, e2e_db):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7702)
    create_workspace(page, "Отказ Тест", "declined-e2e")
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto("/app/billing")
    _checkout(page, "pro", "#decline")
    expect(page.locator("#billing-notice")).to_contain_text(
        "Платёж отклонён (недостаточно средств)"
    )
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
