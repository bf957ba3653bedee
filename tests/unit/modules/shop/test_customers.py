"""Shop customers: a phone-code login that belongs to one shop's site, handed over once."""

import re

import pytest

from tests.support import factories
from tests.support.errors import refusal
from tochka_app.integrations import dev_inbox
from tochka_app.modules.shop import customers, tables
from tochka_app.modules.shop.cart import SavedLine
from tochka_app.services.admin.tables import TableQuery, page

PHONE = "+79005551234"


def _code() -> str:
    message = next(m for m in dev_inbox.messages() if m.phone == PHONE)
    found = re.search(r"\d{6}", message.text)
    assert found is not None
    return found.group(0)


def _signed_in(db, dev_settings, tenant_id: int) -> str:
    customers.request_code(db, dev_settings, PHONE, None)
    ticket = customers.sign_in(db, tenant_id, PHONE, _code(), None, "/s/x/shop/checkout")
    redeemed = customers.redeem(db, ticket)
    assert redeemed is not None and redeemed.next_path == "/s/x/shop/checkout"
    return redeemed.token


def test_a_login_at_one_shop_is_nobody_at_another(db, dev_settings, shop):
    tenant, _ = shop
    other = factories.tenant(db, slug="other-shop", name="Другой")
    token = _signed_in(db, dev_settings, tenant.id)
    customer = customers.resolve(db, tenant.id, token)
    assert customer is not None and customer.phone == PHONE and customer.tenant_id == tenant.id
    assert customers.resolve(db, other.id, token) is None
    customers.sign_out(db, tenant.id, token)
    assert customers.resolve(db, tenant.id, token) is None


def test_a_ticket_is_redeemed_once_and_a_wrong_code_signs_in_nobody(db, dev_settings, shop):
    tenant, _ = shop
    customers.request_code(db, dev_settings, PHONE, None)
    wrong = "000000" if _code() != "000000" else "111111"
    assert refusal(customers.sign_in, db, tenant.id, PHONE, wrong, None, "/") == "code.invalid"
    ticket = customers.sign_in(db, tenant.id, PHONE, _code(), None, "https://evil.example/")
    first = customers.redeem(db, ticket)
    assert first is not None and first.next_path == "/"  # never another host
    assert customers.redeem(db, ticket) is None


def test_the_guest_cart_joins_the_account_without_doubling(db, dev_settings, shop):
    server = [SavedLine(1, 2, 100), SavedLine(2, 1, 100)]
    browser = [SavedLine(2, 3, 100), SavedLine(3, 1, 50)]
    merged = {s.variant_id: s.quantity for s in customers.merged(server, browser)}
    assert merged == {1: 2, 2: 3, 3: 1}


def test_a_tenant_table_never_lists_without_its_tenant(db, shop):
    tenant, _ = shop
    with pytest.raises(ValueError, match="tenant_id"):
        page(db, tables.ORDERS_TABLE, TableQuery())
    assert page(db, tables.PRODUCTS_TABLE, TableQuery(tenant_id=tenant.id)).rows == []
