"""Issue 11 item 10: the unauthenticated payment webhook cannot be used to flood the database or
to make the app call the provider over and over."""

import pytest
from sqlalchemy import func
from sqlmodel import select
from starlette.testclient import TestClient

from tests.unit.services.billing import conftest as billing
from tochka_app.api import build_api
from tochka_app.api import payments as payments_api
from tochka_app.models import BillingEvent
from tochka_app.services.billing import notifications
from tochka_app.settings import get_settings

# The billing fixtures under their own names, so pytest finds them for this module only (in the
# package conftest they would shadow the e2e tests' session-scoped fake YooKassa).
fake_kassa, provider, tariffs, pay = (
    billing.fake_kassa,
    billing.provider,
    billing.tariffs,
    billing.pay,
)

WEBHOOK = "/api/payments/webhook"
JUNK = {"type": "notification", "event": "payment.succeeded", "object": {"id": "nope"}}


@pytest.fixture
def configure(monkeypatch):
    payments_api._limiters.clear()

    def apply(**changes):
        changed = get_settings().model_copy(update=changes)
        monkeypatch.setattr(payments_api, "get_settings", lambda: changed)

    yield apply
    payments_api._limiters.clear()


def _rows(db) -> int:
    return db.exec(select(func.count()).select_from(BillingEvent)).one()


def test_flood_from_one_address_is_cut_off_before_writing_rows(db, configure):
    configure(payments_webhook_per_minute=5, yookassa_notify_allowlist=[])
    before = _rows(db)
    attacker = TestClient(build_api(), client=("203.0.113.9", 4000))
    codes = [attacker.post(WEBHOOK, json=JUNK).status_code for _ in range(12)]
    assert codes == [200] * 5 + [429] * 7
    assert _rows(db) == before + 5
    # Someone else is not affected by the attacker's flood.
    other = TestClient(build_api(), client=("198.51.100.7", 4000))
    assert other.post(WEBHOOK, json=JUNK).status_code == 200


def test_forged_notification_from_outside_the_allowlist_is_refused(db, configure):
    configure(
        yookassa_notify_allowlist=list(payments_api.YOOKASSA_NOTIFY_ALLOWLIST_PUBLISHED),
        payments_webhook_per_minute=1,
    )
    before = _rows(db)
    attacker = TestClient(build_api(), client=("203.0.113.9", 4000))
    assert attacker.post(WEBHOOK, json=JUNK).status_code == 403
    assert _rows(db) == before
    for address in ("185.71.76.7", "77.75.156.35", "2a02:5180::1", "77.75.154.200"):
        yookassa = TestClient(build_api(), client=(address, 443))
        for _ in range(3):  # the provider's own addresses are not throttled
            assert yookassa.post(WEBHOOK, json=JUNK).status_code == 200
    assert _rows(db) == before + 12


def test_allowlist_is_off_by_default():
    assert get_settings().yookassa_notify_allowlist == []


def _fetches(fake) -> int:
    return sum(1 for method, _path, _key in fake.requests if method == "GET")


def test_replayed_notification_of_a_final_payment_makes_no_outbound_fetch(
    db,
    demo_team,
    tariffs,
    fake_kassa,
    provider,
):
    _tenant, actors = demo_team
    payment, outcome = pay(db, fake_kassa, provider, actors["owner"], "business")
    assert outcome == "applied"
    body = {
        "type": "notification",
        "event": "payment.succeeded",
        "object": {"id": payment.provider_payment_id},
    }
    before = _fetches(fake_kassa)
    for _ in range(20):
        result = notifications.handle(db_scope(db), provider, body)
        assert result.outcome == "duplicate"
    canceled = {**body, "event": "payment.canceled"}
    assert notifications.handle(db_scope(db), provider, canceled).outcome == "duplicate"
    assert _fetches(fake_kassa) == before


def test_replayed_refund_notification_makes_no_outbound_fetch(
    db,
    demo_team,
    tariffs,
    fake_kassa,
    provider,
):
    _tenant, actors = demo_team
    payment, _ = pay(db, fake_kassa, provider, actors["owner"], "business")
    refund = provider.create_refund(
        payment_id=payment.provider_payment_id, amount_kopecks=1000, idempotence_key="refund-key-1"
    )
    body = {"type": "notification", "event": "refund.succeeded", "object": {"id": refund.id}}
    assert notifications.handle(db_scope(db), provider, body).outcome == "applied"
    before = _fetches(fake_kassa)
    for _ in range(10):
        assert notifications.handle(db_scope(db), provider, body).outcome == "duplicate"
    assert _fetches(fake_kassa) == before


def db_scope(db):
    from tochka_app import db as app_db

    return app_db.session_scope  # the test's rolled-back session (see tests/conftest.py `db`)
