"""Proration in integer kopecks. Credit for the unused part of a paid period is rounded down, so
the platform never gives back more than was paid."""

from datetime import datetime


def unused_credit(
    price_kopecks: int, period_start: datetime, period_end: datetime, now: datetime
) -> int:
    """The unused share of a paid period's price, floor-rounded; 0 outside the period."""
    total = int((period_end - period_start).total_seconds())
    left = int((period_end - now).total_seconds())
    if price_kopecks <= 0 or total <= 0 or left <= 0:
        return 0
    return price_kopecks * min(left, total) // total


def upgrade_charge(new_price_kopecks: int, credit_kopecks: int) -> int:
    """What an immediate upgrade costs now: the new period's price minus the credit, never < 0."""
    return max(0, new_price_kopecks - credit_kopecks)
