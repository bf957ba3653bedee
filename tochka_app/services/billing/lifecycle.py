"""The subscription state machine. Status changes happen only through `transition`, which knows
every allowed move; anything else is a bug and raises.

    trial ──pay──▶ active ──renewal_failed──▶ past_due ──grace_over──▶ expired
      │              ▲  │                        │                       │
      │              └──┼────────pay─────────────┘◀──────────pay─────────┘
      ├──trial_over──▶ expired           active ──ended_cancelled──▶ cancelled ──pay──▶ active
"""

from datetime import datetime, timedelta

from tochka_app.models import Subscription
from tochka_app.models import SubscriptionStatus as S
from tochka_app.models._types import utcnow

PERIOD = timedelta(days=30)

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.trial, "pay"): S.active,
    (S.active, "pay"): S.active,  # upgrade or renewal
    (S.past_due, "pay"): S.active,
    (S.expired, "pay"): S.active,
    (S.cancelled, "pay"): S.active,
    (S.trial, "trial_over"): S.expired,
    (S.trial, "ended_cancelled"): S.cancelled,
    (S.active, "renewal_failed"): S.past_due,
    (S.active, "ended_cancelled"): S.cancelled,
    (S.past_due, "grace_over"): S.expired,
    (S.past_due, "ended_cancelled"): S.cancelled,
}


class InvalidTransitionError(ValueError):
    pass


def transition(subscription: Subscription, event: str, now: datetime | None = None) -> str:
    """Move `subscription` by `event`; returns the new status."""
    target = TRANSITIONS.get((subscription.status, event))
    if target is None:
        raise InvalidTransitionError(f"{subscription.status} --{event}-->")
    now = now or utcnow()
    subscription.status = target
    subscription.updated_at = now
    if target == S.past_due:
        subscription.past_due_since = now
    elif target == S.active:
        subscription.past_due_since = None
    if target in (S.cancelled, S.expired):
        subscription.cancel_at_period_end = False
    return target


def paid_period(
    subscription: Subscription, purpose: str, now: datetime
) -> tuple[datetime, datetime]:
    """When a period paid now starts and ends. A renewal follows the period it renews; paying
    during a trial keeps the trial days (the paid period starts when the trial would end); an
    upgrade replaces the running period from now (or from where an already paid, not yet started
    period would start); a second payment for a subscription that is already paid (two tabs)
    buys the period after it; after an ended subscription the period starts now."""
    if purpose == "renewal":
        starts = subscription.period_end
    elif subscription.status == S.trial:
        starts = max(now, subscription.period_end)
    elif subscription.status in (S.active, S.past_due):
        anchor = subscription.period_start if purpose == "upgrade" else subscription.period_end
        starts = max(now, anchor)
    else:
        starts = now
    return starts, starts + PERIOD


def can_cancel(subscription: Subscription) -> bool:
    return (
        subscription.status in (S.trial, S.active, S.past_due)
        and not subscription.cancel_at_period_end
    )


def can_resume(subscription: Subscription) -> bool:
    return (
        subscription.status in (S.trial, S.active, S.past_due) and subscription.cancel_at_period_end
    )
