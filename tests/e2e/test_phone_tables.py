"""Tables on a 375 px phone: the page itself never scrolls sideways, a wide table scrolls inside
itself, row actions stay on screen, and the workspace header keeps the RU/EN switch."""

import uuid

from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.e2e.auth_helpers import admin_login, create_workspace, new_phone, sign_in_by_phone
from tochka_app.models import Payment, Subscription, Tariff, Tenant
from tochka_app.modules.knowledge.models import KnowledgeItem

PHONE = {"width": 375, "height": 812}
PAGE_OVERFLOW = "document.documentElement.scrollWidth"
# (scrollWidth, clientWidth) of the scrolling box of the table `#id`.
TABLE_WIDTHS = """(id) => { const v = document.querySelector('#' + id + ' .rt-ScrollAreaViewport');
  return [v.scrollWidth, v.clientWidth]; }"""


def _fill_workspace(e2e_db, slug: str) -> None:
    tenant = e2e_db.exec(select(Tenant).where(Tenant.slug == slug)).one()
    subscription = e2e_db.exec(
        select(Subscription).where(Subscription.tenant_id == tenant.id)
    ).one()
    tariff = e2e_db.get(Tariff, subscription.tariff_id)
    for n in range(3):
        name = f"Чайник заварочный стеклянный с ситечком №{n}"
        e2e_db.add(
            KnowledgeItem(
                tenant_id=tenant.id,
                name=name,
                sku=f"PH-{n}",
                category="Посуда для чайной церемонии",
                price_kopecks=129900,
                quantity=7,
                search_text=name.lower(),
            )
        )
    for status in ("succeeded", "canceled"):
        e2e_db.add(
            Payment(
                tenant_id=tenant.id,
                subscription_id=subscription.id,
                tariff_id=tariff.id,
                purpose="renewal",
                amount_kopecks=299000,
                description="Продление тарифа на 30 дней",
                status=status,
                idempotence_key=uuid.uuid4().hex,
            )
        )
    e2e_db.commit()


def _assert_fits(page: Page, table_id: str) -> None:
    assert page.evaluate(PAGE_OVERFLOW) <= PHONE["width"], "the page scrolls sideways"
    content, shown = page.evaluate(TABLE_WIDTHS, table_id)
    assert content > shown, f"#{table_id} fits without scrolling: nothing to check"


def _right_edge(locator) -> float:
    box = locator.bounding_box()
    return box["x"] + box["width"]


def test_tables_scroll_inside_and_actions_stay_reachable(
    page: Page, app_url, fake_telegram, e2e_db, screenshot_dir
):
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7951)
    create_workspace(page, "Чайная «Телефон»", "phone-e2e")
    page.goto("/app/marketplace")
    card = page.locator('.tenant-module[data-code="knowledge"]')
    card.locator(".enable-module").click()
    expect(card).to_have_attribute("data-state", "enabled")
    _fill_workspace(e2e_db, "phone-e2e")
    page.set_viewport_size(PHONE)

    page.goto("/app/m/knowledge")
    row = page.locator('.kb-row[data-sku="PH-1"]')
    expect(row).to_be_visible()
    _assert_fits(page, "kb-table")
    edit = row.locator(".kb-edit")
    assert _right_edge(edit) <= PHONE["width"], "the edit button is off screen"
    page.screenshot(path=screenshot_dir / "phone-knowledge.png", full_page=True)
    edit.click()
    expect(page.locator("#kb-name")).to_have_value("Чайник заварочный стеклянный с ситечком №1")
    page.keyboard.press("Escape")

    # The header keeps the language switch on a phone.
    page.locator("#lang-switch").get_by_role("radio", name="EN").click()
    expect(page.get_by_role("heading", name="Knowledge base")).to_be_visible()
    page.locator("#lang-switch").get_by_role("radio", name="RU").click()
    expect(page.get_by_role("heading", name="База знаний")).to_be_visible()

    page.goto("/app/billing")
    status = page.locator('.payment-row[data-status="canceled"] .payment-status')
    expect(status).to_be_visible()
    _assert_fits(page, "payment-history")
    history = page.locator("#payment-history")
    assert _right_edge(status) > _right_edge(history), "status was on screen before scrolling"
    history.hover()
    page.mouse.wheel(600, 0)  # a sideways swipe / shift-wheel over the table
    page.wait_for_function(
        "() => document.querySelector('#payment-history .rt-ScrollAreaViewport').scrollLeft > 0"
    )
    assert _right_edge(status) <= _right_edge(history), "status still hidden after scrolling"
    expect(status).not_to_be_empty()
    assert page.evaluate(PAGE_OVERFLOW) <= PHONE["width"]
    page.screenshot(path=screenshot_dir / "phone-billing.png", full_page=True)

    for path, table_id in (("/app/team", "members-table"), ("/app/audit", "audit-table")):
        page.goto(path)
        expect(page.locator(f"#{table_id}")).to_be_visible()
        _assert_fits(page, table_id)


def test_admin_tables_fit_a_phone(page: Page, screenshot_dir):
    page.set_viewport_size(PHONE)
    admin_login(page)
    for path in ("/admin/users", "/admin/tenants", "/admin/audit"):
        page.goto(path)
        expect(page.locator(".table-row").first).to_be_visible()
        _assert_fits(page, "data-table")
    page.screenshot(path=screenshot_dir / "phone-admin-audit.png", full_page=True)
