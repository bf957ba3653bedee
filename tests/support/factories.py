"""The rows tests build again and again — a user, a workspace, a member, a subscription, an
enabled module — written once. Each factory adds its rows to the test's session and flushes, so
they have ids and are rolled back with the test; defaults are valid and unique per call."""

from datetime import timedelta
from itertools import count

from sqlmodel import Session, select

from tochka_app.models import Membership, Role, Subscription, Tariff, Tenant, User
from tochka_app.models._types import utcnow
from tochka_app.models.billing import SubscriptionStatus
from tochka_app.services import marketplace
from tochka_app.services.access import Actor
from tochka_app.services.auth import sessions
from tochka_app.settings import get_settings

_serial = count(1)


def user(db: Session, *, phone: str | None = None, name: str = "Тест", **fields) -> User:
    """A user with a fresh phone (+7 909 …) unless one is given."""
    row = User(phone=phone or f"+7909{next(_serial):07d}", name=name, **fields)
    db.add(row)
    db.flush()
    return row


def membership(db: Session, tenant: Tenant, member: User, role: str = Role.staff) -> Membership:
    row = Membership(user_id=member.id, tenant_id=tenant.id, role=role)
    db.add(row)
    db.flush()
    return row


def subscription(
    db: Session,
    tenant: Tenant,
    *,
    tariff: str = "start",
    status: str = SubscriptionStatus.trial,
    days: int = 14,
) -> Subscription:
    """The workspace's subscription to `tariff` (seeded tariffs), running for `days` more."""
    plan = db.exec(select(Tariff).where(Tariff.code == tariff)).one()
    now = utcnow()
    row = Subscription(
        tenant_id=tenant.id,
        tariff_id=plan.id,
        status=status,
        period_start=now,
        period_end=now + timedelta(days=days),
    )
    db.add(row)
    db.flush()
    return row


def tenant(
    db: Session,
    owner: User | None = None,
    *,
    slug: str | None = None,
    name: str | None = None,
    tariff: str | None = "start",
    **fields,
) -> Tenant:
    """A workspace with its owner's membership and (unless `tariff` is None) a trial
    subscription, as onboarding leaves it."""
    owner = owner or user(db)
    serial = next(_serial)
    row = Tenant(
        name=name or f"Workspace {serial}", slug=slug or f"ws-{serial}", owner_id=owner.id, **fields
    )
    db.add(row)
    db.flush()
    membership(db, row, owner, Role.owner)
    if tariff is not None:
        subscription(db, row, tariff=tariff)
    return row


def actor(db: Session, tenant_row: Tenant, role: str = Role.owner, **fields) -> Actor:
    """An Actor for the member of `tenant_row` with `role` (the owner: the tenant's owner)."""
    if role == Role.owner:
        return Actor(tenant_row.owner_id, tenant_row.id, Role.owner, **fields)
    row = db.exec(
        select(Membership).where(Membership.tenant_id == tenant_row.id, Membership.role == role)
    ).first()
    if row is None:
        row = membership(db, tenant_row, user(db), role)
    return Actor(row.user_id, tenant_row.id, role, **fields)


def team(db: Session, tenant_row: Tenant) -> dict[str, Actor]:
    """An Actor per role of the workspace's members (role -> Actor)."""
    return {
        m.role: Actor(m.user_id, tenant_row.id, m.role)
        for m in db.exec(select(Membership).where(Membership.tenant_id == tenant_row.id))
    }


def enable_module(db: Session, by: Actor, code: str) -> None:
    """Enable module `code` for the actor's workspace through the marketplace's own rules."""
    refused = marketplace.enable(db, by, code)  # raises, or (older contract) returns an error id
    assert refused is None, refused


def session_token(db: Session, member: Actor) -> str:
    """A signed-in session of the member in their workspace: what the browser's cookie holds."""
    return sessions.start(
        db, get_settings(), db.get(User, member.user_id), tenant_id=member.tenant_id
    )
