"""The tenant's own YooKassa shop: key sealed and never shown, fields checked, the connection
checked against a YooKassa fake on 127.0.0.1 (right key, wrong key), admins only."""

from tests.support.errors import form_refusal, refusal
from tests.unit.modules.shop.conftest import KASSA_SECRET, KASSA_SHOP_ID, connect_to
from tochka_app.modules.shop import payment_account
from tochka_app.modules.shop.models import ShopPaymentAccount
from tochka_app.modules.shop.rules import ShopError
from tochka_app.services.errors import CommonError

SHOP_ID, SECRET = KASSA_SHOP_ID, KASSA_SECRET


def test_the_key_is_sealed_and_only_its_mask_is_shown(db, shop, settings):
    tenant, actors = shop
    payment_account.save(db, actors["admin"], settings, SHOP_ID, SECRET)
    row = db.get(ShopPaymentAccount, tenant.id)
    assert SECRET not in row.secret_sealed
    shown = payment_account.view(db, actors["admin"])
    assert SECRET not in repr(shown) and shown.secret_hint.endswith(SECRET[-4:])
    assert shown.notify_path.startswith("/api/shop/payments/") and len(row.notify_token) >= 32
    payment_account.save(db, actors["admin"], settings, SHOP_ID, "")  # empty: the key stays
    assert payment_account.client_for(db, tenant.id, settings)._client.auth is not None


def test_wrong_fields_are_named(db, shop, settings):
    _, actors = shop
    assert form_refusal(payment_account.save, db, actors["admin"], settings, "abc", "nope") == {
        "kassa_shop_id": ShopError.kassa_shop_id,
        "kassa_secret": ShopError.kassa_secret,
    }


def test_staff_cannot_see_or_change_the_account(db, shop, settings):
    _, actors = shop
    assert refusal(payment_account.view, db, actors["staff"]) == CommonError.forbidden
    assert (
        refusal(payment_account.save, db, actors["staff"], settings, SHOP_ID, SECRET)
        == CommonError.forbidden
    )


def test_check_connection_asks_yookassa_who_the_shop_is(db, shop, settings, kassa):
    tenant, actors = shop
    payment_account.save(db, actors["admin"], settings, SHOP_ID, SECRET)
    assert payment_account.check(db, actors["admin"], settings, connect_to(kassa)) == SHOP_ID
    assert db.get(ShopPaymentAccount, tenant.id).checked_ok is True
    assert ("GET", "/v3/me", None) in kassa.requests


def test_a_wrong_key_is_refused_by_yookassa(db, shop, settings, kassa):
    _, actors = shop
    payment_account.save(db, actors["admin"], settings, SHOP_ID, "test_SomebodyElsesKey000")
    assert (
        refusal(payment_account.check, db, actors["admin"], settings, connect_to(kassa))
        == ShopError.kassa_rejected
    )


def test_no_account_yet_says_so(db, shop, settings):
    tenant, _ = shop
    assert refusal(payment_account.client_for, db, tenant.id, settings) == ShopError.kassa_not_set
