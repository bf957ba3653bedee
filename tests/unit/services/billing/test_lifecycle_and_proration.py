from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tochka_app.models import Subscription, SubscriptionStatus
from tochka_app.services.billing import lifecycle, proration
from tochka_app.services.billing.lifecycle import TRANSITIONS, InvalidTransitionError

EVENTS = sorted({event for _, event in TRANSITIONS})
STATUSES = [s.value for s in SubscriptionStatus]
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def _sub(status: str, **extra) -> Subscription:
    return Subscription(tenant_id=1, tariff_id=1, status=status, period_end=NOW, **extra)


@pytest.mark.parametrize("status, event", [(s, e) for s in STATUSES for e in EVENTS])
def test_every_transition_one_by_one(status, event):
    sub = _sub(status, cancel_at_period_end=True)
    expected = TRANSITIONS.get((status, event))
    if expected is None:
        with pytest.raises(InvalidTransitionError):
            lifecycle.transition(sub, event, NOW)
        assert sub.status == status  # unchanged
        return
    assert lifecycle.transition(sub, event, NOW) == expected == sub.status
    if expected == "past_due":
        assert sub.past_due_since == NOW
    if expected == "active":
        assert sub.past_due_since is None
    if expected in ("cancelled", "expired"):
        assert sub.cancel_at_period_end is False


def test_the_documented_paths():
    sub = _sub("trial")
    for event, status in (
        ("pay", "active"),
        ("renewal_failed", "past_due"),
        ("pay", "active"),
        ("renewal_failed", "past_due"),
        ("grace_over", "expired"),
        ("pay", "active"),
        ("ended_cancelled", "cancelled"),
        ("pay", "active"),
    ):
        assert lifecycle.transition(sub, event, NOW) == status
    assert lifecycle.transition(_sub("trial"), "trial_over", NOW) == "expired"


def test_cancel_and_resume_flags():
    sub = _sub("active")
    assert lifecycle.can_cancel(sub) and not lifecycle.can_resume(sub)
    sub.cancel_at_period_end = True
    assert lifecycle.can_resume(sub) and not lifecycle.can_cancel(sub)
    assert not lifecycle.can_cancel(_sub("expired"))


def test_credit_examples():
    start, end = NOW - timedelta(days=10), NOW + timedelta(days=20)  # 2/3 of 30 days unused
    assert proration.unused_credit(99000, start, end, NOW) == 66000
    assert proration.unused_credit(100, start, end, NOW) == 66  # 66.67 rounded down
    assert proration.unused_credit(99000, start, end, end) == 0
    assert proration.unused_credit(99000, start, end, start - timedelta(days=1)) == 99000
    assert proration.upgrade_charge(299000, 66000) == 233000
    assert proration.upgrade_charge(100, 500) == 0


prices = st.integers(min_value=0, max_value=10**11)
seconds = st.integers(min_value=1, max_value=400 * 86400)


@given(price=prices, length=seconds, elapsed=st.integers(min_value=-86400, max_value=500 * 86400))
def test_credit_is_never_more_than_paid(price, length, elapsed):
    start = NOW
    credit = proration.unused_credit(
        price, start, start + timedelta(seconds=length), start + timedelta(seconds=elapsed)
    )
    assert isinstance(credit, int) and 0 <= credit <= price


@given(price=prices, length=seconds, a=seconds, b=seconds)
def test_credit_shrinks_as_time_passes(price, length, a, b):
    early, late = sorted((a, b))
    end = NOW + timedelta(seconds=length)
    assert proration.unused_credit(
        price, NOW, end, NOW + timedelta(seconds=early)
    ) >= proration.unused_credit(price, NOW, end, NOW + timedelta(seconds=late))


@given(new=prices, credit=prices)
def test_charge_plus_credit_covers_the_new_price(new, credit):
    charge = proration.upgrade_charge(new, credit)
    assert charge >= 0 and charge + credit >= new and (charge == 0 or charge + credit == new)
