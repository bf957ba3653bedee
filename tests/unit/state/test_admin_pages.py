"""The admin pages through the one admin guard (`_admin_load` / `_admin_run`): refusals reach the
page as words (a field, the page's error line, or a question), typed rows, links by builder."""

from reflex.istate.data import RouterData
from sqlmodel import select

from tests.support.browser_state import redirect_target, ticket_in
from tochka_app.api.admin_export import ADMIN_COOKIE
from tochka_app.models import Tariff, Tenant, User
from tochka_app.pages.admin.content import AdminContentState
from tochka_app.pages.admin.modules import AdminModulesState
from tochka_app.pages.admin.tariffs import AdminTariffsState
from tochka_app.pages.admin.tenants import AdminTenantsState, AdminTenantState
from tochka_app.pages.admin.users import AdminUsersState, AdminUserState
from tochka_app.services.auth import sessions


def _as_admin(db, settings, state, **params):
    """`state` in the browser of the seeded super admin, on a page with these URL params."""
    admin = db.exec(select(User).where(User.is_super_admin)).first()
    token = sessions.start(db, settings, admin, kind="admin")
    db.commit()
    root = state
    while root.parent_state is not None:
        root = root.parent_state
    root.router = RouterData.from_router_data(
        {
            "token": "tab-1",
            "ip": "127.0.0.1",
            "query": params,
            "headers": {"cookie": f"{ADMIN_COOKIE}={token}", "user-agent": "pytest"},
        }
    )
    return state


def test_tenant_page_members_link_and_refusals_show_on_the_page(
    db, demo_team, settings, make_state
):
    tenant, actors = demo_team
    state = _as_admin(db, settings, make_state(AdminTenantState), tenant_id=str(tenant.id))
    assert state.load() is None and state.found
    owner = next(m for m in state.members if m.href == f"/admin/users/{actors['owner'].user_id}")
    assert owner.name and owner.role
    assert "business" in [t.code for t in state.tariff_codes]
    state.change_tariff({"tariff": "business", "reason": " "})
    assert state.action_error == "Укажите причину" and state.refused_code == "admin.reason_required"
    state.change_tariff({"tariff": "business", "reason": "пилот"})
    assert state.action_error == "" and state.tariff == "Бизнес"
    assert ticket_in(state.impersonate({"reason": "проверка"}))
    assert [v.mode for v in state.visits] == ["только чтение"]


def test_tenants_table_links_rows_to_their_page(db, demo_team, settings, make_state):
    state = _as_admin(db, settings, make_state(AdminTenantsState))
    state.load_table()
    demo = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    assert str(demo.id) in [r["id"] for r in state.rows]
    from tochka_app.services.admin import tenants, users

    assert tenants.TENANTS_TABLE.link(demo.id) == f"/admin/tenants/{demo.id}"
    assert users.USERS_TABLE.link(7) == "/admin/users/7"


def test_user_page_rows_and_delete(db, demo_team, settings, make_state):
    tenant, actors = demo_team
    staff = actors["staff"].user_id
    state = _as_admin(db, settings, make_state(AdminUserState), user_id=str(staff))
    state.load()
    [membership] = state.memberships
    assert membership.href == f"/admin/tenants/{tenant.id}" and membership.tenant == tenant.name
    state.delete({"reason": ""})
    assert state.action_error == "Укажите причину"
    assert redirect_target(state.delete({"reason": "спам"})) == "/admin/users"
    assert db.get(User, staff) is None


def test_bulk_block_refuses_the_whole_selection(db, demo_team, settings, make_state):
    _, actors = demo_team
    state = _as_admin(db, settings, make_state(AdminUsersState))
    state.load_table()
    admin_id = db.exec(select(User.id).where(User.is_super_admin)).first()
    state.selected = [str(actors["staff"].user_id), str(admin_id)]
    state.block_selected()
    assert state.refused_code == "admin.not_yourself"
    assert not db.get(User, actors["staff"].user_id).is_blocked
    state.selected = [str(actors["staff"].user_id)]
    state.block_selected()
    db.expire_all()
    assert db.get(User, actors["staff"].user_id).is_blocked and state.selected == []


def test_tariff_form_errors_and_the_subscriber_question(db, demo_team, settings, make_state):
    state = _as_admin(db, settings, make_state(AdminTariffsState))
    state.load()
    start = db.exec(select(Tariff).where(Tariff.code == "start")).one()
    line = next(r for r in state.rows if r.code == "start")
    assert line.subscribers == 1 and not line.archived
    state.edit(str(start.id))
    assert state.dialog_open and state.form["name_ru"] == "Старт"
    state.save({**state.form, "price": "оч дорого"})
    assert state.field_errors == {"price": "Цена — число, копейки через запятую"}
    assert state.action_error == "" and state.confirm_count == 0
    state.save({**state.form, "price": "1090"})
    assert state.confirm_count == 1 and state.confirm_note and state.field_errors == {}
    db.refresh(start)
    assert start.price_month_kopecks == 99000  # only asked
    state.confirm_save()
    db.refresh(start)
    assert start.price_month_kopecks == 109000 and not state.dialog_open
    state.delete(str(start.id))
    assert state.refused_code == "admin.tariff.has_subscribers"


def test_module_pricing_and_content_drafts(db, demo_team, settings, make_state):
    modules = _as_admin(db, settings, make_state(AdminModulesState))
    modules.load()
    pages = next(r for r in modules.rows if r.code == "pages")
    assert modules.tariff_codes[0].code == "none"
    modules.save_pricing({"module_id": pages.id, "price": "abc", "min_tariff": "none"})
    assert modules.refused_code == "admin.tariff.bad_price"
    modules.save_pricing({"module_id": "1 OR 1=1", "price": "1", "min_tariff": "none"})
    assert modules.refused_code == "app.not_found"
    content = _as_admin(db, settings, make_state(AdminContentState))
    content.load()
    assert content.fields and content.blocks[0].key == "hero"
    content.publish()
    assert content.refused_code == "admin.content.no_draft"
    content.save_draft({"title": "Новый заголовок"})
    assert content.is_draft and content.refused_code == ""
    assert next(f for f in content.fields if f.path == "title").text == "Новый заголовок"
