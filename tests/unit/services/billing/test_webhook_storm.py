"""Notifications under fire, on committed data: the same `payment.succeeded` 50 times at once plus
an out-of-order `payment.canceled` → one payment recorded, one period, ledger totals exact."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import delete, func
from sqlmodel import Session, select
from starlette.testclient import TestClient

from tests.conftest import truncate_all
from tochka_app import db as app_db
from tochka_app.api import build_api
from tochka_app.api import payments as payments_api
from tochka_app.integrations.yookassa import YooKassa
from tochka_app.models import (
    BillingEvent,
    LedgerEntry,
    Payment,
    PeriodGrant,
    Subscription,
    User,
)
from tochka_app.services.auth import onboarding
from tochka_app.services.billing import notifications, payments
from tochka_app.services.seed import seed_demo_data
from tochka_app.services.team import Actor
from tochka_app.settings import get_settings

PHONE = "+79005554400"


@pytest.fixture
def paid_checkout(migrated_engine, fake_kassa, provider):
    with Session(migrated_engine) as session:
        seed_demo_data(session, get_settings())  # committed: concurrent workers must see it
        user = User(phone=PHONE, name="Storm")
        session.add(user)
        session.flush()
        tenant = onboarding.complete(session, user, "Storm", "Storm shop", "storm-shop")
        checkout = payments.start_checkout(
            session,
            Actor(user.id, tenant.id, "owner"),
            "business",
            provider,
            "http://app.test/app/billing",
        )
        payment = session.get(Payment, checkout.payment_id)
        session.commit()
        ids = (tenant.id, user.id, payment.id, payment.provider_payment_id, payment.amount_kopecks)
    fake_kassa.decide(ids[3], True)
    yield ids
    with Session(migrated_engine) as session:  # back to an empty database for the other tests
        session.exec(delete(BillingEvent))
        truncate_all(session)
        session.commit()


def body(event, provider_id, **extra):
    return {"type": "notification", "event": event, "object": {"id": provider_id, **extra}}


def test_storm_books_one_payment_and_one_period(
    migrated_engine, paid_checkout, fake_kassa, provider
):
    tenant_id, _, payment_id, provider_id, amount = paid_checkout
    deliveries = [body("payment.succeeded", provider_id, status="succeeded")] * 50 + [
        body("payment.canceled", provider_id, status="canceled")
    ]  # stale or forged
    barrier = threading.Barrier(len(deliveries))
    outcomes, errors = [], []

    def deliver(notification):
        try:
            barrier.wait()
            outcomes.append(
                notifications.handle(app_db.session_scope, provider, notification).outcome
            )
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=deliver, args=(d,)) for d in deliveries]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert outcomes.count("applied") == 1 and outcomes.count("duplicate") == 50
    with Session(migrated_engine) as session:
        payment = session.get(Payment, payment_id)
        ledger = session.exec(select(LedgerEntry).where(LedgerEntry.tenant_id == tenant_id)).all()
        grants = session.exec(select(PeriodGrant).where(PeriodGrant.payment_id == payment_id)).all()
        sub = session.get(Subscription, payment.subscription_id)
        events = session.exec(
            select(BillingEvent).where(BillingEvent.object_id == provider_id)
        ).all()
    # Ledger invariants: one entry per booked fact; the balance equals what succeeded payments
    # brought in minus refunds; one period per succeeded payment, exactly 30 days long.
    assert payment.status == "succeeded" and [e.amount_kopecks for e in ledger] == [amount]
    assert (
        sum(e.amount_kopecks for e in ledger) == payment.amount_kopecks - payment.refunded_kopecks
    )
    assert len(grants) == 1 and grants[0].ends_at - grants[0].starts_at == timedelta(days=30)
    assert (sub.status, sub.period_end) == ("active", grants[0].ends_at)
    assert len(events) == 51


def test_refund_is_booked_once(migrated_engine, paid_checkout, fake_kassa, provider):
    tenant_id, _, payment_id, provider_id, amount = paid_checkout
    assert (
        notifications.handle(
            app_db.session_scope, provider, body("payment.succeeded", provider_id)
        ).outcome
        == "applied"
    )
    refund = provider.create_refund(
        payment_id=provider_id, amount_kopecks=100000, idempotence_key="refund-1"
    )
    for _ in range(3):
        notifications.handle(app_db.session_scope, provider, body("refund.succeeded", refund.id))
    with Session(migrated_engine) as session:
        total = session.exec(
            select(func.sum(LedgerEntry.amount_kopecks)).where(LedgerEntry.tenant_id == tenant_id)
        ).one()
        assert total == amount - 100000
        assert session.get(Payment, payment_id).refunded_kopecks == 100000


def test_unknown_and_unverifiable_notifications_are_rejected(
    migrated_engine, paid_checkout, provider
):
    _, _, _, provider_id, _ = paid_checkout
    handle = lambda b: notifications.handle(app_db.session_scope, provider, b)  # noqa: E731
    assert handle({"event": "payment.succeeded"}).outcome == "rejected"
    assert handle(body("payment.refunded_twice", provider_id)).outcome == "rejected"
    assert handle(body("payment.succeeded", "not-ours-123")).reason == "unknown payment id"
    assert handle(body("refund.succeeded", "refund-404")).outcome == "rejected"
    assert handle(["not", "a", "dict"]).outcome == "rejected"


def test_webhook_endpoint_status_codes(monkeypatch, paid_checkout, provider):
    _, _, _, provider_id, _ = paid_checkout
    client = TestClient(build_api())
    assert client.post("/api/payments/webhook", content=b"{not json").status_code == 400
    monkeypatch.setattr(
        payments_api,
        "get_provider",
        lambda _settings: YooKassa(
            "500100",
            "test_key",
            base_url="http://127.0.0.1:9/v3",
            timeout=0.5,
            sleep=lambda _s: None,
        ),
    )
    # The provider cannot be reached to confirm: YooKassa is asked to deliver again.
    response = client.post("/api/payments/webhook", json=body("payment.succeeded", provider_id))
    assert response.status_code == 503
    monkeypatch.setattr(payments_api, "get_provider", lambda _settings: provider)
    response = client.post("/api/payments/webhook", json=body("payment.succeeded", provider_id))
    assert response.status_code == 200 and response.json()["outcome"] == "applied"
