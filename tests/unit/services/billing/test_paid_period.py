"""Issue 10: the upgrade credit comes from what was paid for the running period (not from today's
price of the tariff), a price change reaches a subscriber at their next period, and paying during
the trial keeps the trial days."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from tests.support.errors import refusal
from tests.unit.services.billing.conftest import ledger_total, pay, subscription_of
from tochka_app import db as app_db
from tochka_app.i18n import format_day_month
from tochka_app.integrations.yookassa import parse_payment
from tochka_app.models import Payment, PaymentMethod, PeriodGrant, Subscription, Tariff
from tochka_app.models._types import utcnow
from tochka_app.services.billing import changes, lifecycle, overview, payments, renewal
from tochka_app.services.billing.errors import BillingError
from tochka_app.services.errors import ServiceError

GRACE = timedelta(days=7)


def _set_price(db, tariff: Tariff, kopecks: int) -> None:
    tariff.price_month_kopecks = kopecks
    db.add(tariff)
    db.flush()


def _mid_period(db, sub: Subscription, days_used: int, days_left: int) -> None:
    """Move the running period so that `days_used` are gone and `days_left` remain."""
    sub.period_start = utcnow() - timedelta(days=days_used)
    sub.period_end = utcnow() + timedelta(days=days_left)
    db.add(sub)
    db.flush()


def _option(view, code):
    return next(o for o in view.options if o.code == code)


def test_price_rise_credit_comes_from_what_was_paid(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    pay(db, fake_kassa, provider, actors["owner"], "business")  # 2 990 ₽
    sub = subscription_of(db, tenant.id)
    _mid_period(db, sub, 10, 20)
    _set_price(db, tariffs["business"], 349_000)  # the admin raises Бизнес to 3 490 ₽
    assert payments.period_paid(db, sub) == 299_000

    offer = payments.quote(db, sub, tariffs["pro"])
    assert offer.purpose == "upgrade"
    assert abs(offer.credit_kopecks - 299_000 * 20 // 30) <= 1  # not 3 490 × 2/3
    assert offer.credit_kopecks < 299_000 and offer.charge_kopecks == 790_000 - offer.credit_kopecks

    view = overview.view(db, tenant.id, "ru")
    card = _option(view, "business")
    assert (card.current, card.action, card.price) == (True, "current", "2\xa0990\xa0₽")
    assert "3\xa0490\xa0₽" in card.note and "со следующего периода" in card.note
    assert view.period_price == "Оплачено за период: 2\xa0990\xa0₽."
    assert "3\xa0490\xa0₽" in view.next_period and "не пересчитывается" in view.next_period
    # A moment has passed since the quote above: the credit may be a kopeck smaller.
    assert re.search(r"Учтено 1\xa0993,3\d\xa0₽", _option(view, "pro").note)


def test_renewal_charges_the_new_price(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    pay(db, fake_kassa, provider, actors["owner"], "business")
    _set_price(db, tariffs["business"], 349_000)
    sub = subscription_of(db, tenant.id)
    old_end = sub.period_end
    assert renewal.run_once(
        app_db.session_scope, provider, GRACE, old_end + timedelta(minutes=1)
    ) == {"renewed": 1}
    sub = subscription_of(db, tenant.id)
    renewal_payment = db.exec(select(Payment).where(Payment.purpose == "renewal")).one()
    assert renewal_payment.amount_kopecks == 349_000
    assert (sub.period_start, payments.period_paid(db, sub)) == (old_end, 349_000)
    assert ledger_total(db, tenant.id) == 299_000 + 349_000
    view = overview.view(db, tenant.id, "ru")
    assert _option(view, "business").price == "3\xa0490\xa0₽"
    assert _option(view, "business").note == "" and "не пересчитывается" not in view.next_period


def test_paying_during_the_trial_keeps_the_trial_days(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    trial = subscription_of(db, tenant.id)
    trial_end = trial.period_end
    before = overview.view(db, tenant.id, "ru")
    assert before.period_label == "Пробный период до" and before.period_price == ""
    start = _option(before, "start")  # the trial's own tariff: marked, and payable
    assert (start.current, start.action) == (True, "pay")
    assert not _option(before, "business").current
    assert start.note.endswith(
        f"Оплаченный период начнётся после пробного: с {format_day_month(trial_end, 'ru')} "
        f"по {format_day_month(trial_end + lifecycle.PERIOD, 'ru')}."
    )

    pay(db, fake_kassa, provider, actors["owner"], "start")
    sub = subscription_of(db, tenant.id)
    assert (sub.status, sub.period_start, sub.period_end) == (
        "active",
        trial_end,
        trial_end + lifecycle.PERIOD,
    )
    after = overview.view(db, tenant.id, "ru")
    assert after.period_label == "Оплачено до" and after.days_left == 44  # 14 trial + 30 paid
    assert "когда закончится пробный период" in after.period_price
    assert _option(after, "start").action == "current"

    # An upgrade before the paid period starts: all of it is credited, the trial days stay.
    offer = payments.quote(db, sub, tariffs["business"])
    assert (offer.credit_kopecks, offer.charge_kopecks, offer.starts_at) == (
        99_000,
        200_000,
        trial_end,
    )
    pay(db, fake_kassa, provider, actors["owner"], "business")
    sub = subscription_of(db, tenant.id)
    assert (sub.tariff_id, sub.period_start) == (tariffs["business"].id, trial_end)
    assert payments.period_paid(db, sub) == 299_000 == ledger_total(db, tenant.id)


def test_period_given_by_hand_earns_no_credit(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    pay(db, fake_kassa, provider, actors["owner"], "start")
    sub = subscription_of(db, tenant.id)
    sub.period_grant_id = None  # as when a super admin reopens a subscription for free
    db.add(sub)
    db.flush()
    assert payments.period_paid(db, sub) == 0
    assert payments.quote(db, sub, tariffs["business"]).credit_kopecks == 0


def test_refund_lowers_what_the_period_is_worth(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    payment, _ = pay(db, fake_kassa, provider, actors["owner"], "start")
    payment.refunded_kopecks = 40_000
    db.add(payment)
    db.flush()
    assert payments.period_paid(db, subscription_of(db, tenant.id)) == 59_000


def test_next_period_switch_follows_what_was_paid(db, demo_team, tariffs, fake_kassa, provider):
    """Paid 2 990 ₽ for Бизнес, then Про is cut to 2 500 ₽: an immediate move would cost
    nothing, so it is a switch from the next period instead."""
    tenant, actors = demo_team
    pay(db, fake_kassa, provider, actors["owner"], "business")
    _set_price(db, tariffs["business"], 199_000)
    _set_price(db, tariffs["pro"], 250_000)
    sub = subscription_of(db, tenant.id)
    assert refusal(payments.quote, db, sub, tariffs["pro"]) == "billing.not_an_upgrade"
    assert _option(overview.view(db, tenant.id, "ru"), "pro").action == "downgrade"
    assert refusal(changes.schedule_downgrade, db, actors["owner"], "pro") is None


NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "status, purpose, start, end, expected",
    [
        ("trial", "subscribe", NOW, NOW + timedelta(days=9), NOW + timedelta(days=9)),
        ("trial", "subscribe", NOW - timedelta(days=20), NOW - timedelta(days=6), NOW),  # run out
        ("active", "renewal", NOW - timedelta(days=30), NOW, NOW),
        ("active", "upgrade", NOW - timedelta(days=5), NOW + timedelta(days=25), NOW),
        (
            "active",
            "upgrade",
            NOW + timedelta(days=9),
            NOW + timedelta(days=39),
            NOW + timedelta(days=9),
        ),
        ("active", "subscribe", NOW, NOW + timedelta(days=30), NOW + timedelta(days=30)),  # 2nd tab
        ("expired", "subscribe", NOW - timedelta(days=40), NOW - timedelta(days=10), NOW),
    ],
)
def test_which_period_a_payment_buys(status, purpose, start, end, expected):
    sub = Subscription(tenant_id=1, tariff_id=1, status=status, period_start=start, period_end=end)
    assert lifecycle.paid_period(sub, purpose, NOW) == (expected, expected + lifecycle.PERIOD)


def test_saved_card_without_a_title_is_still_saved(db, demo_team, fake_kassa, provider):
    body = {
        "id": "p1",
        "status": "succeeded",
        "amount": {"value": "990.00", "currency": "RUB"},
        "payment_method": {
            "type": "bank_card",
            "id": "pm-1",
            "saved": True,
            "card": {"last4": "1234", "card_type": "Mir"},
        },
    }
    assert parse_payment(body).method_title == "Mir *1234"
    body["payment_method"]["card"] = {"card_type": "Unknown"}
    assert parse_payment(body).method_title == ""
    tenant, actors = demo_team
    pay(db, fake_kassa, provider, actors["owner"], "start")
    method = db.get(PaymentMethod, subscription_of(db, tenant.id).payment_method_id)
    method.title = ""
    db.add(method)
    db.flush()
    assert overview.view(db, tenant.id, "ru").method == "Банковская карта"
    assert overview.view(db, tenant.id, "en").method == "Bank card"


@pytest.fixture
def paid_start(db, demo_team, tariffs, fake_kassa, provider):
    tenant, actors = demo_team
    pay(db, fake_kassa, provider, actors["owner"], "start")
    sub = subscription_of(db, tenant.id)
    return sub, db.get(Payment, db.get(PeriodGrant, sub.period_grant_id).payment_id)


money = st.integers(min_value=1, max_value=10**8)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    paid=money,
    carried=st.integers(min_value=0, max_value=10**8),
    refunded_share=st.floats(min_value=0, max_value=1),
    rise=st.integers(min_value=-(10**8), max_value=10**8),  # the admin's price change
    above=st.integers(min_value=-(10**7), max_value=10**8),  # the target against the dearer one
    length=st.integers(min_value=1, max_value=90 * 86400),
    used=st.floats(min_value=-0.5, max_value=1.5),
)  # share of the period gone (<0: not begun)
def test_credit_never_exceeds_what_was_paid_whatever_the_prices(
    db, tariffs, paid_start, paid, carried, refunded_share, rise, above, length, used
):
    """Any price paid, any later price of the current and of the target tariff, any moment."""
    sub, payment = paid_start
    payment.amount_kopecks, payment.credit_kopecks = paid, carried
    payment.refunded_kopecks = int(paid * refunded_share)
    worth = paid - payment.refunded_kopecks + carried
    new_current = max(1, paid + rise)
    target = max(1, max(new_current, worth) + above)
    _set_price(db, tariffs["start"], new_current)
    _set_price(db, tariffs["pro"], target)
    now = utcnow()
    sub.period_start = now - timedelta(seconds=int(length * used))
    sub.period_end = sub.period_start + timedelta(seconds=length)
    db.add_all([payment, sub])
    db.flush()
    assert payments.period_paid(db, sub) == worth
    try:
        offer = payments.quote(db, sub, tariffs["pro"], now)
    except ServiceError as refused:
        assert refused.code == BillingError.not_an_upgrade and target <= max(new_current, worth)
        return
    assert 0 <= offer.credit_kopecks <= worth
    assert offer.charge_kopecks > 0 and offer.charge_kopecks + offer.credit_kopecks == target
