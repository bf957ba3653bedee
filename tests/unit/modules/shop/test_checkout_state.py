"""The checkout page's "pay" as a browser tab runs it: no order while the shop cannot take money;
when YooKassa refuses or is down, the order is kept (reserved) and its page offers to pay again;
otherwise the customer goes to YooKassa's page of a payment made with the tenant's key."""

import json
import re

import pytest
from sqlmodel import select

from tests.support import factories
from tests.support.async_run import finish
from tests.support.browser_state import in_browser
from tests.unit.modules.shop.conftest import KASSA_SECRET, KASSA_SHOP_ID
from tochka_app.integrations import dev_inbox
from tochka_app.modules.shop import catalog, customers, payment_account, routes
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.models import OrderStatus, ShopOrder, ShopVariant
from tochka_app.modules.shop.pages import checkout as checkout_page
from tochka_app.modules.shop.pages.checkout import ShopCheckoutState
from tochka_app.modules.shop.pages.store_order import ShopStoreOrderState
from tochka_app.modules.shop.rules import ShopError

PHONE = "+79005553311"
FORM = {"name": "Ольга", "email": "", "delivery_address": "Тверь", "comment": ""}


@pytest.fixture
def tab(db, shop, dev_settings, make_state):
    """A signed-in customer's checkout tab with one line in the cart."""
    tenant, actors = shop
    factories.enable_module(db, actors["owner"], "shop")
    product_id = catalog.save_product(
        db,
        actors["admin"],
        None,
        ProductInput("Шарф", "SC-1", 99_000, variants=(VariantInput(stock=3),)),
    )
    variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).one()
    customers.request_code(db, dev_settings, PHONE, None)
    code = re.search(r"\d{6}", next(m for m in dev_inbox.messages() if m.phone == PHONE).text)
    assert code is not None
    redeemed = customers.redeem(
        db, customers.sign_in(db, tenant.id, PHONE, code.group(0), None, "/")
    )
    assert redeemed is not None

    def build(state_cls=ShopCheckoutState, route=routes.CHECKOUT, **params):
        state = in_browser(
            make_state(state_cls),
            cookies={customers.cookie_name(tenant.id): redeemed.token},
            route=route,
            params={"tenant": tenant.slug, **params},
            origin="http://zerno-shop.tochka.test",
        )
        state.cart_saved = json.dumps({tenant.slug: [[variant.id, 1, 99_000]]})
        return state

    return build, tenant, variant


def _orders(db, tenant_id: int) -> list[ShopOrder]:
    db.expire_all()
    return list(db.exec(select(ShopOrder).where(ShopOrder.tenant_id == tenant_id)))


def test_no_order_while_the_shop_has_no_checkout_connected(db, tab):
    build, tenant, variant = tab
    state = build()
    finish(state.load())
    finish(state.pay(FORM))
    assert state.refused_code == ShopError.kassa_not_set
    assert _orders(db, tenant.id) == [] and db.get(ShopVariant, variant.id).reserved == 0
    assert state.name == "Ольга"  # what was typed stays


def test_a_refusing_yookassa_keeps_the_order_and_its_page_offers_to_pay(
    db, tab, shop, settings, kassa, monkeypatch
):
    build, tenant, variant = tab
    _, actors = shop
    # The tenant typed a key YooKassa does not know: the fake answers 401 at once.
    payment_account.save(db, actors["admin"], settings, KASSA_SHOP_ID, "test_WrongKey000000")
    at_fake = settings.model_copy(update={"yookassa_base_url": f"{kassa.url}/v3"})
    monkeypatch.setattr(checkout_page, "get_settings", lambda: at_fake)
    state = build()
    finish(state.load())
    events = finish(state.pay(FORM))
    [order] = _orders(db, tenant.id)
    assert order.status == OrderStatus.awaiting_payment and order.reserved_until is not None
    assert db.get(ShopVariant, variant.id).reserved == 1
    assert f"/shop/order/{order.number}?key=" in str(events)  # to the order's own page
    assert state.refused_code == ShopError.kassa_unreachable
    # The key is fixed; the order's page takes the customer to YooKassa.
    payment_account.save(db, actors["admin"], settings, KASSA_SHOP_ID, KASSA_SECRET)
    page = build(ShopStoreOrderState, routes.STORE_ORDER, order=str(order.number))
    finish(page.load())
    assert page.can_pay is True and page.status == OrderStatus.awaiting_payment
    assert f"{kassa.url}/checkout/" in str(finish(page.pay()))
    [payment] = kassa.payments.values()
    assert payment["amount"]["value"] == "990.00"
