"""Only super admins get anything from /admin: a tenant owner's token (even a valid one) and a
forged token are refused by every admin handler and by the export endpoint."""

from sqlmodel import select
from starlette.testclient import TestClient

from tests.support.async_run import run_async
from tests.support.browser_state import in_browser, ticket_in
from tochka_app.api import build_api
from tochka_app.models import Tenant, User
from tochka_app.pages.admin.dashboard import AdminDashboardState
from tochka_app.pages.admin.users import AdminUsersState, AdminUserState
from tochka_app.services.auth import sessions


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
    _token, owner = _owner_token(db, settings)
    client = TestClient(build_api())
    assert client.get("/api/admin/export/users.csv").status_code == 403
    client.cookies.set("tr_admin", sessions.start(db, settings, owner, kind="admin"))
    assert client.get("/api/admin/export/users.csv").status_code == 403
    assert client.get("/api/admin/export/nope.csv").status_code == 404


def test_admin_login_checks_the_password_off_the_event_loop(db, settings, make_state):
    import asyncio

    from tochka_app.pages.admin.login import AdminLoginState
    from tochka_app.services.passwords import hash_password

    db.add(User(phone="+79005553335", is_super_admin=True, password_hash=hash_password("Pa55-w")))
    db.flush()

    async def log_in(password: str):
        ticks = 0

        async def other_visitors():  # events of other tabs the server keeps answering meanwhile
            nonlocal ticks
            while True:
                await asyncio.sleep(0.005)
                ticks += 1

        task = asyncio.create_task(other_visitors())
        await asyncio.sleep(0)
        state = make_state(AdminLoginState)
        result = await state.submit({"phone": "+79005553335", "password": password})
        task.cancel()
        return state, result, ticks

    state, result, ticks = run_async(log_in("wrong"))
    assert result is None and state.error
    state, result, ticks = run_async(log_in("Pa55-w"))
    assert ticket_in(result) and state.error == ""  # the browser is sent to set its cookie
    assert ticks >= 10  # the ~0.25 s bcrypt check did not hold the loop
