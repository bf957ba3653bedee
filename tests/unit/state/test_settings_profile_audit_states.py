"""Workspace settings, the profile, the audit log and invitations through their states: every
handler goes through the one guard, refusals land under their fields or in a toast, and what a
member may do comes from the permission table."""

from sqlmodel import select

from tests.support.browser_state import in_browser
from tests.unit.services.tenant.test_domains_and_hosts import FakeResolver
from tochka_app.components.invites import InvitesState
from tochka_app.models import Invite, Membership, Tenant, TenantDomain, User
from tochka_app.pages.app import settings_state
from tochka_app.pages.app.audit import AuditState
from tochka_app.pages.app.profile import ProfileState
from tochka_app.pages.app.settings_state import SettingsState
from tochka_app.services import audit
from tochka_app.services.auth import sessions
from tochka_app.services.permissions import Permission


def _signed_in(db, settings, make_state, state_cls, user_id: int, tenant_id: int | None = None):
    token = sessions.start(db, settings, db.get(User, user_id), tenant_id=tenant_id)
    state = make_state(state_cls)
    in_browser(state, session=token)
    return state


def test_settings_forms_answer_under_their_fields(db, demo_team, settings, make_state, monkeypatch):
    tenant, actors = demo_team
    state = _signed_in(db, settings, make_state, SettingsState, actors["admin"].user_id, tenant.id)
    assert state.load() is None
    assert (state.name, state.slug, state.domains) == (tenant.name, "demo", [])
    key = state.form_key
    assert (
        state.save_profile({"name": " ", "brand_color": "red", "timezone": "UTC", "locale": "ru"})
        is None
    )  # no toast: the fields say it
    assert set(state.field_errors) == {"name", "brand_color"} and state.form_key == key
    assert (
        state.save_profile(
            {"name": "Новое имя", "brand_color": "#112233", "timezone": "UTC", "locale": "en"}
        )
        is not None
    )  # "saved"
    assert state.field_errors == {} and state.form_key == key + 1
    assert (state.name, state.workspace_locale, state.tenant_name) == (
        "Новое имя",
        "en",
        "Новое имя",
    )
    state.save_slug({"slug": "admin"})
    assert list(state.field_errors) == ["slug"]
    state.add_domain({"domain": "not a domain"})
    assert list(state.field_errors) == ["domain"] and state.domain_input == "not a domain"
    state.add_domain({"domain": "shop.example.ru"})
    [row] = state.domains
    assert (row.domain, row.verified, row.error, state.domain_input) == (
        "shop.example.ru",
        False,
        "",
        "",
    )
    # A failed check is kept on the claim (shown on its row) and answered with a toast.
    monkeypatch.setattr(settings_state, "resolver_from_settings", lambda _s: FakeResolver())
    assert "TXT" in str(state.verify_domain(row.id))
    assert state.refused_code == "domain.txt_missing" and "TXT" in state.domains[0].error
    assert db.get(TenantDomain, int(row.id)).last_error == "domain.txt_missing"
    state.remove_domain("'; drop table tenant_domains; --")
    assert state.refused_code == "app.not_found" and len(state.domains) == 1
    state.remove_domain(row.id)
    assert state.domains == [] and state.action_error == ""


def test_staff_sees_settings_and_audit_as_the_table_says(db, demo_team, settings, make_state):
    tenant, actors = demo_team
    staff = actors["staff"].user_id
    page = _signed_in(db, settings, make_state, SettingsState, staff, tenant.id)
    assert page.load() is None  # stays on the page, which shows "admins only"
    assert Permission.edit_settings not in page.permissions and page.name == ""
    page.save_profile(
        {"name": "Взлом", "brand_color": "#000000", "timezone": "UTC", "locale": "ru"}
    )
    assert page.refused_code == "app.forbidden"
    db.refresh(tenant)
    assert tenant.name != "Взлом"
    log = _signed_in(db, settings, make_state, AuditState, staff, tenant.id)
    log.load()
    assert Permission.view_audit not in log.permissions and log.rows == []
    log.apply({"user": "all", "action": "all"})
    assert log.refused_code == "app.forbidden" and log.rows == []


def test_audit_pages_through_the_log(db, demo_team, settings, make_state, monkeypatch):
    tenant, actors = demo_team
    for _ in range(5):
        audit.record(db, "pages.saved", actor=actors["owner"], tenant_id=tenant.id)
    db.flush()
    monkeypatch.setattr("tochka_app.services.audit_log.events.__defaults__", (None, 2))
    log = _signed_in(db, settings, make_state, AuditState, actors["admin"].user_id, tenant.id)
    log.load()
    first = [r.id for r in log.rows]
    assert len(first) == 2 and log.next_before
    log.older()
    assert [r.id for r in log.rows] != first and len(log.cursors) == 2
    log.newer()
    assert [r.id for r in log.rows] == first
    log.apply({"user": "9" * 30, "action": "pages.", "from": "", "to": ""})  # no crash
    assert all(r.code.startswith("pages.") for r in log.rows)
    assert "pages." in [g.value for g in log.groups]


def test_profile_sessions_and_account(db, demo_team, settings, make_state):
    tenant, actors = demo_team
    owner = db.get(User, actors["owner"].user_id)
    sessions.start(db, settings, owner, tenant_id=tenant.id)  # another device
    state = _signed_in(db, settings, make_state, ProfileState, owner.id, tenant.id)
    state.load()
    assert len(state.devices) == 2 and [d.current for d in state.devices].count(True) == 1
    assert "1" in str(state.end_other_sessions())
    assert [d.current for d in state.devices] == [True]
    state.delete_account({"confirm": "+70000000000", "reason": ""})
    assert list(state.field_errors) == ["confirm"]
    state.delete_account({"confirm": owner.phone, "reason": ""})
    assert state.refused_code == "account.owns_workspace" and db.get(User, owner.id)
    staff = db.get(User, actors["staff"].user_id)
    leaving = _signed_in(db, settings, make_state, ProfileState, staff.id, tenant.id)
    assert "/auth/logout" in str(
        leaving.delete_account({"confirm": staff.phone, "reason": "ухожу"})
    )
    assert db.exec(select(User).where(User.phone == staff.phone)).first() is None


def test_invitations_before_a_workspace(db, demo_team, settings, make_state):
    tenant, actors = demo_team
    newcomer = User(phone="+79005550777", name="Новичок")
    db.add(newcomer)
    db.flush()
    invite = Invite(
        tenant_id=tenant.id,
        phone=newcomer.phone,
        role="staff",
        invited_by_id=actors["owner"].user_id,
        expires_at=db.get(Tenant, tenant.id).created_at.replace(year=2099),
    )
    db.add(invite)
    db.flush()
    anonymous = make_state(InvitesState)
    assert "/login" in str(anonymous.load_invites()) and anonymous.pending == []
    state = _signed_in(db, settings, make_state, InvitesState, newcomer.id)
    state.load_invites()
    assert [o.id for o in state.pending] == [str(invite.id)]
    state.accept("12345678")
    assert state.refused_code == "invites.gone"
    assert "/app" in str(state.accept(str(invite.id)))
    assert db.exec(
        select(Membership).where(
            Membership.user_id == newcomer.id, Membership.tenant_id == tenant.id
        )
    ).one()
