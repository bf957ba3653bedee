"""Only super admins get anything from /admin: a tenant owner's token (even a valid one) and a
forged token are refused by every admin handler and by the export endpoint."""

from sqlmodel import select
from starlette.testclient import TestClient

from tochka_app.api import build_api
from tochka_app.models import Tenant, User
from tochka_app.pages.admin.dashboard import AdminDashboardState
from tochka_app.pages.admin.users import AdminUsersState, AdminUserState
from tochka_app.services.auth import sessions
from tests.support.browser_state import in_browser


def _owner_token(db, settings) -> tuple[str, User]:
    tenant = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    owner = db.get(User, tenant.owner_id)
    return sessions.start(db, settings, owner), owner


def test_tenant_owner_gets_nothing_from_admin_handlers(db, seeded, settings, make_state):
    token, owner = _owner_token(db, settings)
    admin_kind_for_non_admin = sessions.start(db, settings, owner, kind="admin")
    for candidate in (token, admin_kind_for_non_admin, "forged"):
        table = make_state(AdminUsersState)
        in_browser(table, admin=candidate)
        assert "/admin/login" in str(table.load_table()) and table.rows == []
        board = make_state(AdminDashboardState)
        in_browser(board, admin=candidate)
        assert "/admin/login" in str(board.load()) and board.figures == {}
        page = make_state(AdminUserState)
        in_browser(page, admin=candidate).user_id = str(owner.id)
        assert "/admin/login" in str(page.set_blocked(True))
        assert "/admin/login" in str(page.set_super_admin(True))
        db.refresh(owner)
        assert not owner.is_blocked and not owner.is_super_admin


def test_export_needs_a_super_admin(db, seeded, settings):
    token, owner = _owner_token(db, settings)
    client = TestClient(build_api())
    assert client.get("/api/admin/export/users.csv").status_code == 403
    client.cookies.set("tr_admin", sessions.start(db, settings, owner, kind="admin"))
    assert client.get("/api/admin/export/users.csv").status_code == 403
    assert client.get("/api/admin/export/nope.csv").status_code == 404
