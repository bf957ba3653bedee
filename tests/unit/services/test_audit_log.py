from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.models import AuditEvent, Tenant
from tochka_app.services import audit, audit_log
from tochka_app.services.audit_log import AuditFilter
from tochka_app.services.team import Actor


def _events(db, tenant_id, user_id, n, action="pages.saved", at=None):
    for _ in range(n):
        event = audit.record(db, action, actor=audit.By(user_id=user_id), tenant_id=tenant_id)
        if at is not None:
            event.created_at = at
    db.flush()


def test_keyset_pages_cover_every_event_once(db, demo_team):
    tenant, actors = demo_team
    _events(db, tenant.id, actors["owner"].user_id, 120)
    seen, before = [], None
    while True:
        page = audit_log.events(db, actors["admin"], AuditFilter(), before, page_size=50)
        seen += [r.id for r in page.rows]
        if page.next_before_id is None:
            break
        before = page.next_before_id
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen))
    total = db.exec(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.tenant_id == tenant.id)
    ).one()
    assert len(seen) == total


def test_filters_and_permissions(db, demo_team):
    tenant, actors = demo_team
    other = Tenant(name="Other", slug="other-audit", owner_id=actors["owner"].user_id)
    db.add(other)
    db.flush()
    _events(db, other.id, actors["owner"].user_id, 3, "team.invited")  # someone else's log
    _events(db, tenant.id, actors["staff"].user_id, 2, "team.left")
    _events(
        db,
        tenant.id,
        actors["owner"].user_id,
        1,
        "module.enabled",
        at=datetime(2026, 1, 10, 22, 30, tzinfo=UTC),
    )  # 11 Jan in Moscow
    admin = actors["admin"]
    assert refusal(audit_log.events, db, actors["staff"], AuditFilter()) == "app.forbidden"
    by_staff = audit_log.events(db, admin, AuditFilter(user_id=actors["staff"].user_id)).rows
    assert {r.action for r in by_staff} >= {"team.left"}
    assert all(r.actor_phone for r in by_staff)
    team_rows = audit_log.events(db, admin, AuditFilter(action="team.")).rows
    assert team_rows and all(r.action.startswith("team.") for r in team_rows)
    foreign_ids = set(db.exec(select(AuditEvent.id).where(AuditEvent.tenant_id == other.id)))
    assert not foreign_ids & {r.id for r in audit_log.events(db, admin, AuditFilter()).rows}
    jan = audit_log.events(
        db,
        admin,
        AuditFilter(date_from=datetime(2026, 1, 11).date(), date_to=datetime(2026, 1, 11).date()),
    ).rows
    assert [r.action for r in jan] == ["module.enabled"]
    assert audit_log.events(db, admin, AuditFilter(date_to=datetime(2026, 1, 10).date())).rows == []
    assert audit_log.events(db, admin, AuditFilter(action="%")).rows == []  # no wildcard
    assert "module." in audit_log.action_groups(db, tenant.id)
    stranger = Actor(actors["owner"].user_id, other.id, "owner")
    assert {r.action for r in audit_log.events(db, stranger, AuditFilter()).rows} == {
        "team.invited"
    }


def test_activity_by_day_fills_gaps(db, demo_team):
    tenant, actors = demo_team
    _events(db, tenant.id, actors["owner"].user_id, 4, at=datetime.now(UTC) - timedelta(days=2))
    days = audit_log.activity_by_day(db, tenant.id, 30, "Europe/Moscow")
    assert len(days) == 30
    assert days[-1][0] == datetime.now(ZoneInfo("Europe/Moscow")).date()
    assert [d - days[0][0] for d, _ in days] == [timedelta(days=n) for n in range(30)]
    assert any(count >= 4 for _, count in days[-4:-1])
