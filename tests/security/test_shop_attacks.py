"""Attacks on the shop: two shops, A (the victim) and B (the attacker's own, real account).

- B's owner points every back-office page (product form, order page, packing slip) at A's ids;
- a storefront on B's site asks for A's products and orders, and carries A's customer cookie;
- the customer's session ticket replayed, or opened from another site's link;
- forged notifications to the shop's URL: a guessed token, A's payment sent to B's URL (B's key
  cannot see it at YooKassa), an invented payment id;
- CSV exports of products and orders whose cells start a spreadsheet formula;
- a photo that is also an HTML page (a polyglot): re-encoded, its payload gone;
- B's owner moving A's preorder wave; queueing for A's product from B or without a login."""

import csv
import io
import re

import pytest
from PIL import Image
from sqlmodel import select
from starlette.testclient import TestClient

from tests.support import factories
from tests.support.async_run import finish
from tests.support.browser_state import in_browser
from tochka_app.api import build_api, session_cookies
from tochka_app.api.auth import SESSION_COOKIE
from tochka_app.devtools.fake_yookassa import FakeYooKassa
from tochka_app.integrations import dev_inbox
from tochka_app.modules.shop import api as shop_api
from tochka_app.modules.shop import (
    catalog,
    checkout,
    customers,
    payment_account,
    payments,
    photos,
    routes,
    site,
    storefront,
)
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import (
    PaymentStatus,
    ShopOrder,
    ShopOrderEvent,
    ShopPaymentAccount,
    ShopProduct,
    ShopVariant,
)
from tochka_app.modules.shop.pages.account import ShopAccountState
from tochka_app.modules.shop.pages.order import ShopOrderState
from tochka_app.modules.shop.pages.product_state import ShopProductFormState
from tochka_app.modules.shop.pages.store_order import ShopStoreOrderState
from tochka_app.modules.shop.pages.store_product import ShopProductState
from tochka_app.modules.shop.rules import ShopError
from tochka_app.services import csv_safe
from tochka_app.services.errors import ServiceError

PHONE = "+79005557788"
A_KASSA, B_KASSA = ("700101", "test_VictimShopKey0001"), ("700202", "test_AttackerKey00002")


@pytest.fixture
def kassa():
    with FakeYooKassa(*A_KASSA) as fake:
        fake.add_account(*B_KASSA)
        yield fake


@pytest.fixture
def shops(db, seeded, dev_settings, kassa):
    """A with a product, an order and a signed-in customer; B, the attacker's own shop."""
    a = factories.tenant(db, slug="shop-a", name="Магазин A")
    b = factories.tenant(db, slug="shop-b", name="Магазин B")
    owner_a, owner_b = factories.actor(db, a), factories.actor(db, b)
    for owner in (owner_a, owner_b):
        factories.enable_module(db, owner, "shop")
    payment_account.save(db, owner_a, dev_settings, *A_KASSA)
    payment_account.save(db, owner_b, dev_settings, *B_KASSA)
    product_id = catalog.save_product(
        db,
        owner_a,
        None,
        ProductInput(
            '=HYPERLINK("http://evil.test","Open")',
            "SECRET-A",
            150_000,
            variants=(VariantInput("M", stock=5),),
        ),
    )
    variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).one()
    customers.request_code(db, dev_settings, PHONE, None)
    code = re.search(r"\d{6}", next(m for m in dev_inbox.messages() if m.phone == PHONE).text)
    assert code is not None
    ticket = customers.sign_in(db, a.id, PHONE, code.group(0), None, "/s/shop-a/shop")
    redeemed = customers.redeem(db, ticket)
    assert redeemed is not None
    customer = customers.resolve(db, a.id, redeemed.token)
    assert customer is not None
    contact = Contact("@SUM(1)", PHONE, comment="+cmd|' /C calc'!A0", delivery_address="-2+3")
    placed = checkout.place_order(
        db,
        a.id,
        [CartLine(variant.id, 1)],
        contact,
        dev_settings.signing_key,
        customer_id=customer.id,
    )
    db.flush()
    return {
        "a": a,
        "b": b,
        "owner_a": owner_a,
        "owner_b": owner_b,
        "product_id": product_id,
        "placed": placed,
        "customer_token": redeemed.token,
        "b_session": factories.session_token(db, owner_b),
        "a_session": factories.session_token(db, owner_a),
    }


def _fingerprint(db, tenant_id: int) -> list:
    db.expire_all()
    rows: list = []
    for model in (ShopProduct, ShopVariant, ShopOrder, ShopOrderEvent):
        rows += [
            sorted(r.model_dump().items())
            for r in db.exec(select(model).where(model.tenant_id == tenant_id))
        ]
    return rows


def test_back_office_pages_pointed_at_another_shops_ids_show_and_change_nothing(
    db, shops, make_state
):
    before = _fingerprint(db, shops["a"].id)
    product_id, order_id = str(shops["product_id"]), str(shops["placed"].order_id)

    def as_b(state_cls, route, **params):
        return in_browser(
            make_state(state_cls), session=shops["b_session"], route=route, params=params
        )

    form = as_b(ShopProductFormState, routes.PRODUCT, product=product_id)
    finish(form.load())
    assert form.name == "" and "SECRET-A" not in str(form.dict())
    form.product_id = product_id  # as a forged `setvar` would
    finish(form.save({"name": "Взлом", "sku": "HACK-1", "price": "1"}))
    assert form.refused_code == ShopError.not_found
    order = as_b(ShopOrderState, routes.ORDER, order=order_id)  # the packing slip's state too
    finish(order.load())
    assert order.found is False and PHONE not in str(order.dict())
    order.order_id = order_id
    finish(order.move({"status": "canceled"}))
    assert order.refused_code == ShopError.not_found
    finish(order.add_note({"note": "взлом"}))
    assert order.refused_code == ShopError.not_found
    assert _fingerprint(db, shops["a"].id) == before


def test_another_shops_site_shows_none_of_its_products_or_orders(
    db, shops, dev_settings, make_state
):
    a, b, placed = shops["a"], shops["b"], shops["placed"]
    assert storefront.product_page(db, b.id, shops["product_id"]) is None
    assert site.site_page(db, b.id, f"/shop/p/{shops['product_id']}") is None  # a 404 page
    key = dev_settings.signing_key
    assert checkout.find_order(db, b.id, placed.number, secret=placed.secret, key=key) is None
    assert checkout.find_order(db, a.id, placed.number, secret=placed.secret, key=key)
    product = in_browser(
        make_state(ShopProductState),
        route=routes.STORE_PRODUCT,
        params={"tenant": b.slug, "product": str(shops["product_id"])},
    )
    finish(product.load())
    assert product.product_found is False and "SECRET-A" not in str(product.dict())
    status = in_browser(
        make_state(ShopStoreOrderState),
        route=routes.STORE_ORDER,
        params={"tenant": b.slug, "order": str(placed.number), "key": placed.secret},
    )
    finish(status.load())
    assert status.order_found is False and PHONE not in str(status.dict())
    # The right site, but no key or a wrong one: nothing either.
    for key in ("", "0" * len(placed.secret)):
        wrong = in_browser(
            make_state(ShopStoreOrderState),
            route=routes.STORE_ORDER,
            params={"tenant": a.slug, "order": str(placed.number), "key": key},
        )
        finish(wrong.load())
        assert wrong.order_found is False


def test_a_customer_cookie_of_one_shop_is_nobody_at_another(db, shops, make_state):
    a, b, token = shops["a"], shops["b"], shops["customer_token"]
    for name in (customers.cookie_name(a.id), customers.cookie_name(b.id)):
        account = in_browser(
            make_state(ShopAccountState),
            cookies={name: token},
            route=routes.ACCOUNT,
            params={"tenant": b.slug},
        )
        finish(account.load())
        assert account.signed_in is False and account.my_orders == []
    home = in_browser(
        make_state(ShopAccountState),
        cookies={customers.cookie_name(a.id): token},
        route=routes.ACCOUNT,
        params={"tenant": a.slug},
    )
    finish(home.load())
    assert home.signed_in is True and len(home.my_orders) == 1
    # Nor does it open a workspace: it is not a platform session.
    member = TestClient(build_api(), cookies={SESSION_COOKIE: token})
    assert member.get(routes.EXPORT.format(name="orders")).status_code == 401


def _ticket(db, dev_settings, tenant_id: int, phone: str = "+79005557799") -> str:
    customers.request_code(db, dev_settings, phone, None)
    code = re.search(r"\d{6}", next(m for m in dev_inbox.messages() if m.phone == phone).text)
    assert code is not None
    return customers.sign_in(db, tenant_id, phone, code.group(0), None, "/s/shop-a/shop")


def _exchange(ticket: str, fetch_site: str):
    client = TestClient(build_api(), base_url="http://shop-a.tochka.test")
    return client.get(
        routes.SESSION,
        params={"ticket": ticket, "back": "/s/shop-a/shop"},
        headers={"sec-fetch-site": fetch_site},
        follow_redirects=False,
    )


def test_a_replayed_session_ticket_sets_no_cookie(db, dev_settings, shops):
    ticket = _ticket(db, dev_settings, shops["a"].id)
    first = _exchange(ticket, "same-origin")
    assert first.status_code == 303 and "tr_shop_" in first.headers.get("set-cookie", "")
    again = _exchange(ticket, "same-origin")
    assert again.status_code == 303 and "set-cookie" not in again.headers


def test_a_ticket_opened_from_another_sites_link_signs_nobody_in(
    db, dev_settings, shops, monkeypatch
):
    # In production another tenant's subdomain is "same-site" too: refused like any other site.
    production = dev_settings.model_copy(update={"app_env": "production"})
    monkeypatch.setattr(session_cookies, "get_settings", lambda: production)
    ticket = _ticket(db, dev_settings, shops["a"].id)
    for fetch_site in ("cross-site", "none", "same-site"):
        refused = _exchange(ticket, fetch_site)
        assert refused.status_code == 303 and "set-cookie" not in refused.headers
    assert "tr_shop_" in _exchange(ticket, "same-origin").headers.get("set-cookie", "")


def test_forged_notifications_to_the_shop_url_change_nothing(
    db, shops, dev_settings, kassa, monkeypatch
):
    a, b, placed = shops["a"], shops["b"], shops["placed"]
    monkeypatch.setattr(
        shop_api,
        "get_settings",
        lambda: dev_settings.model_copy(update={"yookassa_base_url": f"{kassa.url}/v3"}),
    )
    connect = lambda s, t, st: payment_account.client_for(s, t, st, base_url=f"{kassa.url}/v3")  # noqa: E731
    payments.start(db, a.id, placed.order_id, dev_settings, "http://shop-a.test/r", connect)
    [payment_id] = kassa.payments
    kassa.decide(payment_id, True)
    client = TestClient(build_api())
    token_of = {t.id: db.get(ShopPaymentAccount, t.id).notify_token for t in (a, b)}
    paid = {"type": "notification", "event": "payment.succeeded", "object": {"id": payment_id}}
    forged = {**paid, "object": {"id": "fake-999999-deadbeef"}}
    for token, body in (
        ("guessed-token", paid),
        (token_of[b.id], paid),  # A's payment at B's URL: B's key does not see it
        (token_of[a.id], forged),
    ):
        answer = client.post(routes.NOTIFY.format(token=token), json=body)
        assert answer.status_code < 500 and answer.json().get("outcome") != "applied", token
    db.expire_all()
    assert db.get(ShopOrder, placed.order_id).payment_status == PaymentStatus.pending
    # The genuine one, to A's own URL, is applied (the test can fail).
    answer = client.post(routes.NOTIFY.format(token=token_of[a.id]), json=paid)
    assert answer.json()["outcome"] == "applied"


def _cells(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_formulas_in_shop_exports_reach_the_spreadsheet_as_text(db, shops):
    client = TestClient(build_api(), cookies={SESSION_COOKIE: shops["a_session"]})
    files = {
        name: _cells(client.get(routes.EXPORT.format(name=name))) for name in ("products", "orders")
    }
    cells = [cell for rows in files.values() for row in rows for cell in row]
    assert [c for c in cells if c.startswith(csv_safe.FORMULA_START)] == []
    assert "'" + '=HYPERLINK("http://evil.test","Open")' in cells  # shown, as text
    assert "'@SUM(1)" in cells


def test_a_photo_that_is_also_a_web_page_loses_its_payload(db, shops, tmp_path):
    picture = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 120, 60)).save(picture, format="PNG")
    polyglot = picture.getvalue() + b"<html><script>alert(document.cookie)</script></html>"
    photos.add_photo(db, shops["owner_a"], shops["product_id"], polyglot, tmp_path)
    [stored] = photos.photos_of(db, shops["product_id"])
    for path in (stored.path, stored.thumb_path):
        data = (tmp_path / path).read_bytes()
        assert b"<script" not in data and data[8:12] == b"WEBP"


def test_another_shops_wave_and_waiting_list_are_out_of_reach(db, shops, make_state):
    from tochka_app.modules.shop import waitlist, waves
    from tochka_app.modules.shop.models import ShopPreorderWave, ShopWaitlistEntry
    from tochka_app.modules.shop.pages.product_waves import ShopWavesState

    a, b = shops["a"], shops["b"]
    product_id = catalog.save_product(
        db,
        shops["owner_a"],
        None,
        ProductInput("Худи", "PRE-A", 100_000, order_type="preorder", waves=(5,)),
    )
    [wave] = waves.waves_of(db, product_id)
    variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).one()
    state = in_browser(
        make_state(ShopWavesState),
        session=shops["b_session"],
        route=routes.PRODUCT,
        params={"product": str(product_id)},
    )
    finish(state.load())
    assert state.wave_rows == []  # A's waves are not listed on B's page
    finish(state.move_wave(str(wave.id)))
    assert state.refused_code == ShopError.not_found
    db.refresh(wave)
    assert wave.status == "collecting"
    # A customer of B cannot queue for A's product, and nobody without a login can.
    b_customer = customers.resolve(db, a.id, shops["customer_token"])
    assert b_customer is not None
    b_customer_elsewhere = b_customer.model_copy(update={"tenant_id": b.id})
    for tenant_id, who in ((b.id, b_customer_elsewhere), (a.id, None)):
        with pytest.raises(ServiceError):
            waitlist.join(db, tenant_id, variant.id, who)
    assert db.exec(select(ShopWaitlistEntry)).all() == []
    assert db.get(ShopPreorderWave, wave.id).taken == 0


def test_another_shops_promo_code_is_unknown_here(db, shops):
    from tochka_app.modules.shop import promos
    from tochka_app.modules.shop.promos import PromoError, PromoInput

    b = shops["b"]
    promos.save(db, shops["owner_a"], None, PromoInput("VIPA", percent=50))
    b_product = catalog.save_product(
        db,
        shops["owner_b"],
        None,
        ProductInput("Плед", "B-1", 100_000, variants=(VariantInput(stock=3),)),
    )
    b_variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == b_product)).one()
    with pytest.raises(ServiceError) as refused:
        checkout.place_order(
            db,
            b.id,
            [CartLine(b_variant.id, 1)],
            Contact("X", "+79005550000", delivery_address="Тула"),
            b"k",
            promo_code="vipa",
        )
    assert refused.value.code == PromoError.unknown
    with pytest.raises(ServiceError):  # nor can B's owner open or edit it
        promos.own_promo(db, b.id, promos.table(db, shops["owner_a"])[0].promo.id or 0)


def test_another_shops_order_cannot_be_refunded_nor_its_refund_reported_here(
    db, shops, dev_settings, kassa
):
    from tochka_app import db as app_db
    from tochka_app.modules.shop import refunds

    db_scope = app_db.session_scope  # the test's own transaction (tests/conftest.py)
    from tochka_app.modules.shop.models import ShopOrderItem, ShopRefund

    placed = shops["placed"]
    item = db.exec(select(ShopOrderItem).where(ShopOrderItem.order_id == placed.order_id)).one()
    connect = lambda s, t, st: payment_account.client_for(s, t, st, base_url=f"{kassa.url}/v3")  # noqa: E731
    with pytest.raises(ServiceError) as refused:  # B's owner, A's order id
        refunds.refund(
            db_scope,
            shops["owner_b"],
            placed.order_id,
            {item.id: 1},
            True,
            "",
            dev_settings,
            connect,
        )
    assert refused.value.code == ShopError.not_found
    b_token = db.get(ShopPaymentAccount, shops["b"].id).notify_token
    body = {"type": "notification", "event": "refund.succeeded", "object": {"id": "refund-000001"}}
    assert payments.apply_notification(db_scope, b_token, body, dev_settings, connect).outcome == (
        "rejected"
    )
    assert db.exec(select(ShopRefund)).all() == []
    db.expire_all()
    assert db.get(ShopOrder, placed.order_id).refunded_kopecks == 0


def test_formulas_in_xlsx_exports_stay_text(db, shops):
    from openpyxl import load_workbook

    client = TestClient(build_api(), cookies={SESSION_COOKIE: shops["a_session"]})
    for name in ("products", "orders"):
        answer = client.get(routes.EXPORT.replace(".csv", ".xlsx").format(name=name))
        assert answer.status_code == 200, answer.text
        sheet = load_workbook(io.BytesIO(answer.content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert cells and all(cell.data_type == "s" for cell in cells if cell.value is not None)
        values = {cell.value for cell in cells}
        assert name != "products" or '=HYPERLINK("http://evil.test","Open")' in values
    outsider = TestClient(build_api(), cookies={SESSION_COOKIE: shops["customer_token"]})
    assert (
        outsider.get(routes.EXPORT.replace(".csv", ".xlsx").format(name="orders")).status_code
        == 401
    )
