"""Platform figures for the super admin: SQL aggregates only, never loaded rows."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models import (
    LedgerEntry,
    Module,
    Subscription,
    Tariff,
    Tenant,
    TenantModule,
    User,
)


@dataclass
class Dashboard:
    users: int
    tenants: int
    by_status: dict[str, int]  # subscriptions by status
    mrr_kopecks: int  # monthly price of active and past-due subscriptions
    signups: list[tuple[date, int]]  # users created per day in the range
    revenue: list[tuple[str, int]]  # ("2026-11", kopecks) by month in the range
    adoption: list[tuple[str, dict, int]]  # (module code, its name by locale, tenants using it)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _by_day(session: Session, column, start: date, end: date, where=()) -> dict[date, int]:
    bucket = func.date(column)
    rows = session.exec(
        select(bucket, func.count())
        .where(column >= _day_start(start), column < _day_start(end + timedelta(days=1)), *where)
        .group_by(bucket)
    )
    return {(d if isinstance(d, date) else date.fromisoformat(str(d))): n for d, n in rows}


def dashboard(session: Session, start: date, end: date) -> Dashboard:
    count = lambda model: session.exec(select(func.count()).select_from(model)).one()  # noqa: E731
    by_status = {
        s: n
        for s, n in session.exec(
            select(Subscription.status, func.count()).group_by(Subscription.status)
        )
    }
    mrr = session.exec(
        select(func.coalesce(func.sum(Tariff.price_month_kopecks), 0))
        .select_from(Subscription)
        .join(Tariff, col(Tariff.id) == Subscription.tariff_id)
        .where(col(Subscription.status).in_(("active", "past_due")))
    ).one()
    signups = _by_day(session, User.created_at, start, end)
    days = [
        (start + timedelta(days=n), signups.get(start + timedelta(days=n), 0))
        for n in range((end - start).days + 1)
    ]
    month = (
        func.to_char(LedgerEntry.created_at, "YYYY-MM")
        if session.get_bind().dialect.name == "postgresql"
        else func.strftime("%Y-%m", LedgerEntry.created_at)
    )
    revenue = [
        (m, int(v))
        for m, v in session.exec(
            select(month, func.sum(LedgerEntry.amount_kopecks))
            .where(
                LedgerEntry.created_at >= _day_start(start),
                LedgerEntry.created_at < _day_start(end + timedelta(days=1)),
            )
            .group_by(month)
            .order_by(month)
        )
    ]
    adoption = [
        (code, name, n)
        for code, name, n in session.exec(
            select(Module.code, col(Module.name), func.count(col(TenantModule.id)))
            .join(
                TenantModule,
                (col(TenantModule.module_id) == Module.id) & TenantModule.enabled,
                isouter=True,
            )
            .group_by(col(Module.id))
            .order_by(col(Module.sort_order))
        )
    ]
    return Dashboard(count(User), count(Tenant), by_status, int(mrr), days, revenue, adoption)
