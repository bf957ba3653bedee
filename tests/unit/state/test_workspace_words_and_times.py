"""Workspace screens show times in the workspace's zone (and say which), devices by name, stats in
agreement with their numbers, and the same action labels as the admin panel (issue 10)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from tests.support.browser_state import in_browser
from tochka_app.models import AuditEvent, Tenant, User, UserSession
from tochka_app.pages.app.audit import AuditState
from tochka_app.pages.app.profile import ProfileState
from tochka_app.pages.app.team_state import TeamState
from tochka_app.pages.auth.login_state import LoginState
from tochka_app.pages.landing.state import LandingState
from tochka_app.services import audit
from tochka_app.services.auth import sessions
from tochka_app.services.seed import SUPER_ADMIN_NAME, seed_demo_data

AT = datetime(2026, 11, 20, 10, 5, tzinfo=UTC)
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def _owner_in(db, settings, zone: str, seen: datetime = AT):
    tenant = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    tenant.timezone = zone
    owner = db.get(User, tenant.owner_id)
    owner.last_login_at = AT
    db.add_all([tenant, owner])
    token = sessions.start(db, settings, owner, user_agent=CHROME, tenant_id=tenant.id)
    row = db.exec(select(UserSession).where(UserSession.user_id == owner.id)).one()
    row.last_seen_at = seen
    db.add(row)
    db.commit()
    return tenant, owner, token


def test_profile_sessions_name_the_device_and_use_the_workspace_zone(
    db, seeded, settings, make_state
):
    seen = datetime.now(UTC) - timedelta(seconds=5)  # recent: not touched on load
    _, _, token = _owner_in(db, settings, "Asia/Yekaterinburg", seen)
    state = make_state(ProfileState)
    in_browser(state, session=token)
    state.load()
    [device] = state.devices
    assert device.device == "Chrome 131 · Linux" and device.current
    assert device.seen == (seen + timedelta(hours=5)).strftime("%d.%m.%Y, %H:%M")
    assert device.seen == seen.astimezone(ZoneInfo("Asia/Yekaterinburg")).strftime(
        "%d.%m.%Y, %H:%M"
    )
    assert state.zone_text == "время: Екатеринбург (UTC+5)"


def test_team_last_login_in_the_workspace_zone(db, seeded, settings, make_state):
    _, owner, token = _owner_in(db, settings, "Europe/Kaliningrad")
    state = make_state(TeamState)
    in_browser(state, session=token)
    state.load()
    me = next(m for m in state.members if m.user_id == str(owner.id))
    assert me.last_login == "20.11.2026, 12:05"
    assert state.zone_text == "время: Калининград (UTC+2)"


def test_tenant_audit_uses_the_shared_labels(db, seeded, settings, make_state):
    tenant, owner, token = _owner_in(db, settings, "Europe/Moscow")
    event = audit.record(
        db,
        "team.role_changed",
        actor=audit.By(user_id=owner.id),
        tenant_id=tenant.id,
        target_type="user",
        target_id=owner.id,
        details={"before": "staff", "after": "admin"},
    )
    db.flush()
    event.created_at = AT
    db.add(event)
    db.commit()
    state = make_state(AuditState)
    in_browser(state, session=token)
    state.load()
    row = next(r for r in state.rows if r.code == "team.role_changed")
    assert row.when == "20.11.2026, 13:05"
    assert row.details == "Роль: Сотрудник → Администратор"
    assert row.target == f"Пользователь №{owner.id}"
    assert ("team.", "Команда") in [(g.value, g.label) for g in state.groups]
    assert db.get(AuditEvent, event.id).action == "team.role_changed"


def test_landing_stats_agree_with_their_numbers(db, seeded, make_state):
    state = make_state(LandingState)
    state.load()
    # Seeded: 1 workspace, 4 users, 7 modules, 1 live subscription.
    assert state.stats_text == {
        "tenants": "компания работает на платформе",
        "users": "пользователя",
        "modules": "модулей в маркетплейсе",
        "subscriptions": "активная подписка",
    }
    state.set_locale("en")
    state.load()
    assert state.stats_text["tenants"] == "company on the platform"
    assert state.stats_text["users"] == "users"


def test_resend_countdown_has_the_languages_unit(make_state):
    state = make_state(LoginState)
    state.resend_in = 59
    assert state.resend_wait == "59 с"
    state.set_locale("en")
    assert state.resend_wait == "59 sec"


def test_seeded_super_admin_has_a_russian_name(db, seeded, settings):
    admin = db.exec(select(User).where(User.is_super_admin)).one()
    assert admin.name == SUPER_ADMIN_NAME == "Администратор платформы"
    admin.name = "Super Admin"  # a database seeded before: the old default is renamed
    db.add(admin)
    seed_demo_data(db, settings)
    assert admin.name == "Администратор платформы"
    admin.name = "Ольга"  # a name someone chose is kept
    db.add(admin)
    seed_demo_data(db, settings)
    assert admin.name == "Ольга"
