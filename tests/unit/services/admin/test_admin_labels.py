"""The admin panel speaks words, not codes, and shows times in the admin's own zone (issue 10)."""

from datetime import UTC, date, datetime

from sqlmodel import select

from tests.support.browser_state import in_browser
from tochka_app.models import AuditEvent, Tenant, User
from tochka_app.pages.admin.audit import AdminAuditState
from tochka_app.services import audit
from tochka_app.services.admin import AdminActor, dashboard, tenants
from tochka_app.services.admin.audit_admin import AUDIT_TABLE
from tochka_app.services.admin.tables import TableQuery, page
from tochka_app.services.auth import sessions

AT = datetime(2026, 11, 20, 10, 5, tzinfo=UTC)


def _suspension(db) -> AuditEvent:
    tenant = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    admin = AdminActor(db.exec(select(User.id).where(User.is_super_admin)).one())
    tenants.set_suspended(db, admin, tenant.id, True, "жалоба")
    db.flush()
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "admin.tenant_suspended")).one()
    event.created_at = AT
    db.add(event)
    db.flush()
    return event


def test_audit_rows_read_as_words_in_the_admins_zone(db, seeded):
    _suspension(db)
    query = TableQuery(search="tenant_suspended")
    [row] = page(db, AUDIT_TABLE, query, "ru", "Asia/Yekaterinburg").rows
    assert row["when"] == "20.11.2026, 15:05"  # 10:05 UTC is 15:05 in Yekaterinburg
    assert (row["action"], row["code"]) == ("Пространство приостановлено", "admin.tenant_suspended")
    assert row["target"] == "Пространство Кофейня «Зерно»"
    assert row["changes"] == "Статус: Работает → Приостановлено"
    assert row["details"] == "Причина: жалоба"
    [english] = page(db, AUDIT_TABLE, query, "en", "America/New_York").rows
    assert english["when"] == "11/20/26, 5:05\u202fAM"
    assert english["changes"] == "Status: Active → Suspended"


def test_admin_state_takes_the_browsers_zone_and_says_so(db, seeded, settings, make_state):
    _suspension(db)
    admin = db.exec(select(User).where(User.is_super_admin)).first()
    state = make_state(AdminAuditState)
    in_browser(state, admin=sessions.start(db, settings, admin, kind="admin"))
    db.commit()
    state.set_browser_zone("Asia/Yekaterinburg")
    assert state.zone_text == "время: Екатеринбург (UTC+5)"
    state.set_search("tenant_suspended")
    assert [r["when"] for r in state.rows] == ["20.11.2026, 15:05"]
    assert "tz=Asia%2FYekaterinburg" in state.export_url
    state.set_browser_zone("Not/AZone")  # whatever the browser sends is checked
    assert state.zone_text == "время: Москва (UTC+3)"


def test_dashboard_names_modules_and_months(db, seeded):
    data = dashboard.dashboard(db, date(2026, 11, 1), date(2026, 11, 30))
    codes = [code for code, _, _ in data.adoption]
    assert "shop" in codes
    name = next(name for code, name, _ in data.adoption if code == "shop")
    assert name["ru"] == "Интернет-магазин" and name["en"]


def test_audit_record_keeps_codes(db, seeded):
    # The stored action stays a code (search and filters use it); only the display is a word.
    audit.record(db, "admin.exported", details={"table": "users"})
    db.flush()
    [row] = page(db, AUDIT_TABLE, TableQuery(search="admin.exported"), "ru").rows
    assert row["action"] == "Таблица выгружена в CSV" and row["details"] == "Таблица: users"
