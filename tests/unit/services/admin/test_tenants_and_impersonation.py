from datetime import timedelta

from sqlmodel import select

from tests.support.browser_state import in_browser
from tests.support.errors import refusal
from tochka_app.models import AuditEvent, Impersonation, Subscription, Tariff, Tenant, User
from tochka_app.models._types import utcnow
from tochka_app.pages.app.team_state import TeamState
from tochka_app.services.admin import AdminActor, impersonation, tables, tenants
from tochka_app.services.admin.tables import TableQuery
from tochka_app.services.auth import tickets
from tochka_app.services.tenant.resolution import tenant_by_slug


def _admin(db) -> AdminActor:
    return AdminActor(db.exec(select(User.id).where(User.is_super_admin)).one())


def test_tenants_table(db, demo_team):
    _tenant, _ = demo_team
    page = tables.page(db, tenants.TENANTS_TABLE, TableQuery(search="кофейня"))
    [row] = page.rows
    assert (row["slug"], row["tariff"], row["subscription"], row["members"]) == (
        "demo",
        "Старт",
        "Пробный период",
        "3",
    )
    assert (row["status"], row["status_code"]) == ("Работает", "active")
    english = tables.page(db, tenants.TENANTS_TABLE, TableQuery(search="кофейня"), "en").rows[0]
    assert (english["subscription"], english["status"]) == ("Trial", "Active")
    assert (
        tables.page(db, tenants.TENANTS_TABLE, TableQuery(filters={"status": "suspended"})).rows
        == []
    )


def test_suspend_reactivate_and_manual_tariff(db, demo_team):
    tenant, _ = demo_team
    admin = _admin(db)
    assert refusal(tenants.set_suspended, db, admin, tenant.id, True, "") == (
        "admin.reason_required"
    )
    tenants.set_suspended(db, admin, tenant.id, True, "жалоба")
    assert tenant_by_slug(db, "demo") is None  # the public site is off
    tenants.set_suspended(db, admin, tenant.id, False, "")
    assert refusal(tenants.change_tariff, db, admin, tenant.id, "pro", " ") == (
        "admin.reason_required"
    )
    tenants.change_tariff(db, admin, tenant.id, "pro", "партнёрская сделка")
    sub = db.exec(select(Subscription).where(Subscription.tenant_id == tenant.id)).one()
    pro = db.exec(select(Tariff).where(Tariff.code == "pro")).one()
    assert sub.tariff_id == pro.id
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "admin.tariff_changed")).one()
    assert event.tenant_id == tenant.id and event.details["reason"] == "партнёрская сделка"
    assert event.details["after"]["tariff_id"] == pro.id


def test_impersonation_is_read_only_pinned_and_short(db, demo_team, settings, make_state):
    tenant, actors = demo_team
    admin = _admin(db)
    other = Tenant(name="Второе", slug="owner-second", owner_id=actors["owner"].user_id)
    db.add(other)
    db.flush()
    from tochka_app.models import Membership

    db.add(Membership(user_id=actors["owner"].user_id, tenant_id=other.id, role="owner"))
    db.flush()
    assert refusal(impersonation.start, db, admin, tenant.id, "  ", False, settings) == (
        "admin.reason_required"
    )
    assert refusal(impersonation.start, db, admin, 10**9, "тикет", False, settings) == (
        "admin.not_found"
    )
    ticket = impersonation.start(db, admin, tenant.id, "тикет 42", False, settings)
    token = tickets.redeem(db, settings, ticket).token  # what the cookie endpoint sets
    state = make_state(TeamState)
    in_browser(state, session=token)
    state.load()
    assert state.tenant_id == tenant.id and state.read_only and state.impersonation_until
    assert [t.id for t in state.tenants] == [str(tenant.id)]  # pinned to the visited one
    state.send_invite({"phone": "+79001110022", "role": "staff"})
    assert state.refused_code == "app.read_only" and state.action_error  # refused: read-only
    assert state.field_errors == {}
    state.switch_tenant(str(other.id))
    db.expire_all()
    events = {
        e.action: e
        for e in db.exec(
            select(AuditEvent).where(AuditEvent.action.startswith("admin.impersonation"))
        )
    }
    assert events["admin.impersonation_started"].tenant_id == tenant.id  # tenant's log too
    visit = db.exec(select(Impersonation)).one()
    assert visit.expires_at - visit.started_at == timedelta(minutes=30)
    visit.expires_at = utcnow() - timedelta(seconds=1)  # 30 minutes later
    db.add(visit)
    db.flush()
    later = make_state(TeamState)
    in_browser(later, session=token)
    assert "/login" in str(later.load())


def test_widened_impersonation_can_write_and_ends(db, demo_team, settings, make_state):
    tenant, _ = demo_team
    admin = _admin(db)
    ticket = impersonation.start(db, admin, tenant.id, "помощь с настройкой", True, settings)
    token = tickets.redeem(db, settings, ticket).token
    state = make_state(TeamState)
    in_browser(state, session=token)
    state.load()
    assert not state.read_only
    event = state.end_impersonation()
    assert f"/admin/tenants/{tenant.id}" in str(event)
    assert (
        db.exec(select(AuditEvent).where(AuditEvent.action == "admin.impersonation_ended"))
        .one()
        .tenant_id
        == tenant.id
    )
    again = make_state(TeamState)
    in_browser(again, session=token)
    assert "/login" in str(again.load())


def test_impersonation_stops_when_the_admin_loses_the_right(db, demo_team, settings, make_state):
    tenant, _ = demo_team
    admin = _admin(db)
    ticket = impersonation.start(db, admin, tenant.id, "проверка", False, settings)
    token = tickets.redeem(db, settings, ticket).token
    user = db.get(User, admin.user_id)
    user.is_super_admin = False
    db.add(user)
    db.flush()
    state = make_state(TeamState)
    in_browser(state, session=token)
    assert "/login" in str(state.load())
