"""Checkout, applying confirmed payments, upgrades with proration, downgrade/cancel/resume and the
renewal pass, against the local fake YooKassa."""

from datetime import timedelta

import pytest
from sqlalchemy import func
from sqlmodel import select

from tests.support.errors import refusal
from tests.unit.services.billing.conftest import (
    RETURN,
    ledger_total,
    pay,
    subscription_of,
)
from tochka_app import db as app_db
from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.yookassa import parse_payment
from tochka_app.models import Payment, PaymentMethod, PeriodGrant
from tochka_app.models._types import utcnow
from tochka_app.services import entitlements
from tochka_app.services.billing import changes, payments, renewal
from tochka_app.services.billing.errors import BillingError
from tochka_app.services.errors import ServiceError

GRACE = timedelta(days=7)


def test_trial_to_business_then_duplicate_and_late_cancel(
    db, demo_team, tariffs, fake_kassa, provider
):
    tenant, actors = demo_team
    assert subscription_of(db, tenant.id).status == "trial"
    payment, outcome = pay(db, fake_kassa, provider, actors["owner"], "business")
    assert outcome == "applied" and payment.amount_kopecks == 299000
    assert fake_kassa.payments[payment.provider_payment_id]["amount"]["value"] == "2990.00"
    sub = subscription_of(db, tenant.id)
    assert (sub.status, sub.tariff_id) == ("active", tariffs["business"].id)
    assert sub.period_end - sub.period_start == timedelta(days=30)
    assert entitlements.limits(db, tenant.id).max_staff == tariffs["business"].max_staff
    assert db.get(PaymentMethod, sub.payment_method_id).title == "Bank card *4444"
    assert payments.sync(db, payment, provider) == "duplicate"
    late_cancel = parse_payment(
        {**fake_kassa.payments[payment.provider_payment_id], "status": "canceled"}
    )
    assert payments.apply(db, payment.id, late_cancel) == "duplicate"
    assert ledger_total(db, tenant.id) == 299000
    assert len(db.exec(select(PeriodGrant)).all()) == 1


def test_declined_payment_leaves_the_tariff(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    before = subscription_of(db, tenant.id)
    status, tariff_id = before.status, before.tariff_id
    payment, outcome = pay(db, fake_kassa, provider, actors["owner"], "business", ok=False)
    db.refresh(payment)
    assert (outcome, payment.status, payment.cancel_reason) == (
        "applied",
        "canceled",
        "insufficient_funds",
    )
    sub = subscription_of(db, tenant.id)
    assert (sub.status, sub.tariff_id) == (status, tariff_id)
    assert ledger_total(db, tenant.id) == 0


def test_upgrade_with_proration(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    pay(db, fake_kassa, provider, actors["owner"], "start")
    sub = subscription_of(db, tenant.id)
    sub.period_start, sub.period_end = utcnow() - timedelta(days=10), utcnow() + timedelta(days=20)
    db.add(sub)
    db.flush()
    offer = payments.quote(db, sub, tariffs["business"])
    assert offer.purpose == "upgrade" and abs(offer.credit_kopecks - 66000) <= 1
    assert offer.charge_kopecks == 299000 - offer.credit_kopecks
    payment, outcome = pay(db, fake_kassa, provider, actors["owner"], "business")
    assert outcome == "applied" and payment.credit_kopecks == offer.credit_kopecks
    sub = subscription_of(db, tenant.id)
    assert sub.tariff_id == tariffs["business"].id and sub.period_end > utcnow() + timedelta(
        days=29
    )
    assert refusal(payments.start_checkout, db, actors["owner"], "start", provider, RETURN) == (
        "billing.not_an_upgrade"
    )


def test_rules_without_money(db, demo_team, tariffs, provider):
    _tenant, actors = demo_team
    owner = actors["owner"]
    assert (
        refusal(payments.start_checkout, db, actors["admin"], "business", provider, RETURN)
        == "app.forbidden"
    )  # the owner pays
    assert refusal(payments.start_checkout, db, owner, "business", None, RETURN) == (
        "billing.not_configured"
    )
    assert refusal(payments.start_checkout, db, owner, "nope", provider, RETURN) == (
        "billing.tariff_unavailable"
    )
    assert db.exec(select(Payment)).all() == []  # a refused checkout leaves no payment row
    assert refusal(changes.schedule_downgrade, db, owner, "start") == (
        "billing.trial_pick_by_paying"
    )
    assert refusal(changes.cancel, db, actors["owner"]) is None
    assert refusal(changes.cancel, db, actors["owner"]) == "billing.already_cancelled"
    assert refusal(changes.resume, db, actors["owner"]) is None
    assert refusal(changes.resume, db, actors["staff"]) == "app.forbidden"


def test_a_provider_that_does_not_answer_leaves_nothing_behind(db, demo_team, tariffs):
    class Down:
        def create_payment(self, **_kwargs):
            raise IntegrationError("timeout", "no answer")

    _tenant, actors = demo_team
    with pytest.raises(ServiceError) as refused, app_db.session_scope() as session:  # as the guard
        payments.start_checkout(session, actors["owner"], "business", Down(), RETURN)
    assert refused.value.code == BillingError.provider_failed
    assert db.exec(select(Payment)).all() == []  # the refusal rolled the attempt back


def test_renewal_downgrade_and_failures(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    pay(db, fake_kassa, provider, actors["owner"], "business")
    assert refusal(changes.schedule_downgrade, db, actors["owner"], "pro") == (
        "billing.not_a_downgrade"
    )
    assert refusal(changes.schedule_downgrade, db, actors["owner"], "start") is None
    sub = subscription_of(db, tenant.id)
    old_end = sub.period_end
    later = old_end + timedelta(minutes=1)
    assert renewal.run_once(app_db.session_scope, provider, GRACE, later) == {"renewed": 1}
    sub = subscription_of(db, tenant.id)
    assert (sub.status, sub.tariff_id, sub.pending_tariff_id) == (
        "active",
        tariffs["start"].id,
        None,
    )
    assert sub.period_start == old_end and sub.period_end == old_end + timedelta(days=30)
    assert ledger_total(db, tenant.id) == 299000 + 99000
    # The card stops working: past_due, one attempt a day, then expired after the grace period.
    method = db.get(PaymentMethod, sub.payment_method_id)
    fake_kassa.saved_methods[method.provider_method_id] = False
    due = sub.period_end + timedelta(minutes=1)
    assert renewal.run_once(app_db.session_scope, provider, GRACE, due) == {"past_due": 1}
    # Later the same day: today's attempt exists, so nothing is charged; still past_due.
    assert renewal.run_once(app_db.session_scope, provider, GRACE, due) == {"waiting": 1}
    assert subscription_of(db, tenant.id).status == "past_due"
    attempts = db.exec(
        select(func.count())
        .select_from(Payment)
        .where(Payment.purpose == "renewal", Payment.status == "canceled")
    ).one()
    assert attempts == 1  # the same day is not charged again
    assert renewal.run_once(app_db.session_scope, provider, GRACE, due + GRACE) == {"expired": 1}
    assert subscription_of(db, tenant.id).status == "expired"
    assert entitlements.limits(db, tenant.id).max_modules == 0  # read-only: nothing new
    pay(db, fake_kassa, provider, actors["owner"], "business")  # paying again reopens it
    assert subscription_of(db, tenant.id).status == "active"


def test_trial_end_and_cancel_at_period_end(db, demo_team, fake_kassa, provider):
    tenant, actors = demo_team
    sub = subscription_of(db, tenant.id)
    after_trial = sub.period_end + timedelta(seconds=1)
    assert renewal.run_once(app_db.session_scope, provider, GRACE, after_trial) == {"expired": 1}
    pay(db, fake_kassa, provider, actors["owner"], "start")
    assert refusal(changes.cancel, db, actors["owner"]) is None
    sub = subscription_of(db, tenant.id)
    assert renewal.run_once(
        app_db.session_scope, provider, GRACE, sub.period_end + timedelta(seconds=1)
    ) == {"cancelled": 1}
    assert subscription_of(db, tenant.id).status == "cancelled"


def test_owner_is_reminded_in_telegram_when_renewal_fails(
    db, demo_team, fake_kassa, provider, settings
):
    from tests.support.fake_telegram import FakeTelegramBotApi
    from tochka_app.models import AuditEvent, TelegramLink, User
    from tochka_app.services.billing.reminders import Reminder

    tenant, actors = demo_team
    owner = db.get(User, actors["owner"].user_id)
    db.add(TelegramLink(chat_id=777, telegram_user_id=777, phone=owner.phone))
    pay(db, fake_kassa, provider, actors["owner"], "start")
    sub = subscription_of(db, tenant.id)
    fake_kassa.saved_methods[db.get(PaymentMethod, sub.payment_method_id).provider_method_id] = (
        False
    )
    with FakeTelegramBotApi("1:remind") as bot:
        remind = Reminder(
            settings.model_copy(
                update={"telegram_bot_token": "1:remind", "telegram_api_base": bot.url}
            )
        )
        due = sub.period_end + timedelta(minutes=1)
        assert renewal.run_once(app_db.session_scope, provider, GRACE, due, remind=remind) == {
            "past_due": 1
        }
        assert renewal.run_once(
            app_db.session_scope, provider, GRACE, due + GRACE, remind=remind
        ) == {"expired": 1}
        texts = bot.messages_to(777)
    assert len(texts) == 2 and "не удалось списать" in texts[0] and "только для чтения" in texts[1]
    kinds = [
        e.details["kind"]
        for e in db.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "billing.reminder")
            .order_by(AuditEvent.id)
        )
    ]
    assert kinds == ["past_due", "expired"]
