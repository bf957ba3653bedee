"""A tenant's audit log as its admins read it: filtered by user, action and date, newest first,
paged by id (keyset), so turning pages costs the same on page 1 and page 1000."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models import AuditEvent, Membership, Tenant, User
from tochka_app.services.access import Actor
from tochka_app.services.permissions import Permission, require

PAGE_SIZE = 50


@dataclass
class AuditFilter:
    user_id: int | None = None
    action: str | None = None  # exact action or a prefix ending with "." ("team.")
    date_from: date | None = None  # inclusive, in the tenant's timezone
    date_to: date | None = None  # inclusive


@dataclass
class AuditRow:
    id: int
    created_at: datetime
    action: str
    actor_name: str
    actor_phone: str
    target: str
    details: dict
    target_type: str | None = None
    target_id: str | None = None


@dataclass
class AuditPage:
    rows: list[AuditRow]
    next_before_id: int | None  # pass as before_id for the next (older) page


def _day_start(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def events(
    session: Session,
    actor: Actor,
    flt: AuditFilter,
    before_id: int | None = None,
    page_size: int = PAGE_SIZE,
) -> AuditPage:
    """One page of the actor's tenant's events (refused to whom the table denies the log)."""
    require(actor, Permission.view_audit)
    tz = ZoneInfo(session.get_one(Tenant, actor.tenant_id).timezone)
    query = (
        select(AuditEvent, User)
        .join(User, col(User.id) == AuditEvent.actor_user_id, isouter=True)
        .where(AuditEvent.tenant_id == actor.tenant_id)
    )
    if flt.user_id is not None:
        query = query.where(AuditEvent.actor_user_id == flt.user_id)
    if flt.action:
        query = query.where(
            col(AuditEvent.action).startswith(flt.action, autoescape=True)
            if flt.action.endswith(".")
            else AuditEvent.action == flt.action
        )
    if flt.date_from:
        query = query.where(AuditEvent.created_at >= _day_start(flt.date_from, tz))
    if flt.date_to:
        query = query.where(AuditEvent.created_at < _day_start(flt.date_to + timedelta(days=1), tz))
    if before_id is not None:
        query = query.where(col(AuditEvent.id) < before_id)
    rows = list(session.exec(query.order_by(col(AuditEvent.id).desc()).limit(page_size + 1)))
    more = len(rows) > page_size
    rows = rows[:page_size]
    return AuditPage([_row(e, u) for e, u in rows], rows[-1][0].id if more else None)


def _row(e: AuditEvent, u: User | None) -> AuditRow:
    assert e.id is not None  # a loaded row
    return AuditRow(
        e.id,
        e.created_at,
        e.action,
        u.name if u else "",
        u.phone if u else "",
        f"{e.target_type or ''} {e.target_id or ''}".strip(),
        e.details or {},
        e.target_type,
        e.target_id,
    )


def action_groups(session: Session, tenant_id: int) -> list[str]:
    """Action prefixes present in the tenant's log ("module.", "team."...) for the filter."""
    actions = session.exec(
        select(AuditEvent.action)
        .where(AuditEvent.tenant_id == tenant_id)
        .group_by(AuditEvent.action)
    )
    return sorted({a.split(".", 1)[0] + "." for a in actions if "." in a})


def people(session: Session, tenant_id: int) -> list[tuple[int, str]]:
    """(user id, name) of everyone who acted in the tenant, current members first."""
    members = session.exec(
        select(Membership.user_id, User.name, User.phone)
        .select_from(User)
        .join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.tenant_id == tenant_id)
    )
    return [(uid, name or phone) for uid, name, phone in members]


def activity_by_day(
    session: Session, tenant_id: int, days: int, tz_name: str
) -> list[tuple[date, int]]:
    """Events per day for the last `days` days in the tenant's timezone (zeros included)."""
    tz = ZoneInfo(tz_name)
    today = datetime.now(tz).date()
    first = today - timedelta(days=days - 1)
    recent = (AuditEvent.tenant_id == tenant_id, AuditEvent.created_at >= _day_start(first, tz))
    counts: dict[date, int]
    if session.get_bind().dialect.name == "postgresql":
        local_day = func.date(func.timezone(tz_name, AuditEvent.created_at))
        counts = {
            day: n
            for day, n in session.exec(
                select(local_day, func.count()).where(*recent).group_by(local_day)
            )
        }
    else:  # SQLite (local runs) has no time zones: count in Python
        counts = {}
        for created in session.exec(select(AuditEvent.created_at).where(*recent)):
            day = created.astimezone(tz).date()
            counts[day] = counts.get(day, 0) + 1
    return [
        (first + timedelta(days=n), int(counts.get(first + timedelta(days=n), 0)))
        for n in range(days)
    ]
