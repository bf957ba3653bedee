from datetime import timedelta

import pytest
from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.models import Membership, Tenant, User
from tochka_app.models.team import Invite
from tochka_app.services import team
from tochka_app.services.permissions import MIN_ROLE, Permission, can


@pytest.mark.parametrize("permission", list(Permission))
def test_permission_table_is_ordered(permission):
    holders = [role for role in ("staff", "admin", "owner") if can(role, permission)]
    assert holders[-1] == "owner"  # the owner can do everything
    assert (
        holders
        == ["staff", "admin", "owner"][["staff", "admin", "owner"].index(MIN_ROLE[permission]) :]
    )
    assert not can("guest", permission) and not can(None, permission)


def test_staff_cannot_do_admin_things():
    for permission in (
        Permission.invite_members,
        Permission.change_roles,
        Permission.remove_members,
        Permission.manage_modules,
        Permission.edit_settings,
        Permission.view_audit,
    ):
        assert not can("staff", permission) and can("admin", permission)
    assert not can("admin", Permission.transfer_ownership)


@pytest.fixture
def demo(db, seeded):
    tenant = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    by_role = {
        m.role: m.user_id
        for m in db.exec(select(Membership).where(Membership.tenant_id == tenant.id))
    }
    return tenant, by_role


def actor(demo, role):
    tenant, by_role = demo
    return team.Actor(by_role[role], tenant.id, role)


def test_invite_respects_seat_limit_and_roles(db, demo):
    owner = actor(demo, "owner")
    assert (
        refusal(team.invite, db, owner, "+79001112233", "staff") == "team.seat_limit"
    )  # Старт: 3 seats
    tenant, _ = demo
    member = db.exec(
        select(Membership).where(Membership.tenant_id == tenant.id, Membership.role == "staff")
    ).one()
    db.delete(member)
    db.flush()
    assert refusal(team.invite, db, owner, "8 900 111-22-33", "owner") == "team.bad_role"
    assert refusal(team.invite, db, owner, "bad", "staff") == "phone.invalid"
    assert refusal(team.invite, db, owner, "+79000000011", "staff") == "team.already_member"
    assert refusal(team.invite, db, owner, "+79001112233", "staff") is None
    # Re-inviting refreshes the same invite instead of taking another seat.
    assert refusal(team.invite, db, owner, "+79001112233", "admin") is None
    invites = db.exec(select(Invite)).all()
    assert len(invites) == 1 and invites[0].role == "admin"


def test_staff_cannot_invite_or_manage(db, demo):
    staff = actor(demo, "staff")
    _, by_role = demo
    assert refusal(team.invite, db, staff, "+79001112233", "staff") == "app.forbidden"
    assert refusal(team.change_role, db, staff, by_role["admin"], "staff") == "app.forbidden"
    assert refusal(team.remove_member, db, staff, by_role["admin"]) == "app.forbidden"
    assert refusal(team.transfer_ownership, db, staff, by_role["staff"]) == "app.forbidden"


def test_owner_is_protected(db, demo):
    _, by_role = demo
    admin = actor(demo, "admin")
    assert refusal(team.change_role, db, admin, by_role["owner"], "staff") == "team.owner_protected"
    assert refusal(team.remove_member, db, admin, by_role["owner"]) == "team.owner_protected"
    assert refusal(team.leave, db, actor(demo, "owner")) == "team.owner_must_transfer"


def test_admin_cannot_promote_above_itself_and_foreign_ids_are_not_found(db, demo):
    _, by_role = demo
    admin = actor(demo, "admin")
    assert refusal(team.change_role, db, admin, by_role["staff"], "owner") == "team.bad_role"
    assert refusal(team.change_role, db, admin, by_role["staff"], "admin") is None
    outsider = User(phone="+79009998877")
    db.add(outsider)
    db.flush()
    assert refusal(team.change_role, db, admin, outsider.id, "staff") == "team.not_found"
    assert refusal(team.remove_member, db, admin, outsider.id) == "team.not_found"


def test_accept_only_for_the_invited_phone(db, demo):
    tenant, by_role = demo
    db.delete(db.exec(select(Membership).where(Membership.user_id == by_role["staff"])).one())
    db.flush()
    assert refusal(team.invite, db, actor(demo, "owner"), "+79001112233", "staff") is None
    invite = db.exec(select(Invite)).one()
    stranger = User(phone="+79001112234")
    invitee = User(phone="+79001112233")
    db.add_all([stranger, invitee])
    db.flush()
    assert refusal(team.accept_invite, db, stranger, invite.id) == "invites.gone"
    assert [t.name for _, t in team.invites_for_user(db, invitee)] == [tenant.name]
    assert team.accept_invite(db, invitee, invite.id) == tenant.id
    assert refusal(team.accept_invite, db, invitee, invite.id) == "invites.gone"  # replay
    assert db.exec(select(Membership).where(Membership.user_id == invitee.id)).one().role == "staff"


def test_expired_and_revoked_invites(db, demo):
    _, by_role = demo
    db.delete(db.exec(select(Membership).where(Membership.user_id == by_role["staff"])).one())
    db.flush()
    owner = actor(demo, "owner")
    team.invite(db, owner, "+79001112233", "staff")
    invite = db.exec(select(Invite)).one()
    invitee = User(phone="+79001112233")
    db.add(invitee)
    invite.expires_at -= timedelta(days=8)
    db.add(invite)
    db.flush()
    assert refusal(team.accept_invite, db, invitee, invite.id) == "invites.gone"
    assert team.open_invites(db, owner.tenant_id) == []
    assert refusal(team.revoke_invite, db, owner, 10**9) == "team.not_found"


def test_transfer_ownership(db, demo):
    tenant, by_role = demo
    assert refusal(team.transfer_ownership, db, actor(demo, "owner"), by_role["staff"]) is None
    roles = {
        m.user_id: m.role
        for m in db.exec(select(Membership).where(Membership.tenant_id == tenant.id))
    }
    assert roles[by_role["staff"]] == "owner" and roles[by_role["owner"]] == "admin"
    assert db.get(Tenant, tenant.id).owner_id == by_role["staff"]


def test_leave_and_remove(db, demo):
    _, by_role = demo
    assert (
        refusal(team.remove_member, db, actor(demo, "admin"), by_role["admin"]) == "team.use_leave"
    )
    assert refusal(team.leave, db, actor(demo, "admin")) is None
    assert refusal(team.remove_member, db, actor(demo, "owner"), by_role["staff"]) is None
    assert len(team.members(db, demo[0].id)) == 1


def test_every_permission_of_the_platform_and_its_modules_has_words(db):
    from tochka_app.i18n import gettext_
    from tochka_app.modules import registry
    from tochka_app.services import permissions

    registry.manifests()  # registers the modules' permissions
    names = [name for name, _ in permissions.table()]
    assert "knowledge.edit" in names and "team.invite" in names
    for lang in ("ru", "en"):
        missing = [
            n
            for n in names
            if not n.startswith("module_template.") and gettext_(lang, f"perm.{n}") == f"perm.{n}"
        ]
        assert missing == [], lang


def test_the_team_page_lists_the_rights_of_its_modules_only(db, demo_team, make_state):
    from tests.support.browser_state import in_browser
    from tochka_app.pages.app.team_state import TeamState
    from tochka_app.services import marketplace
    from tochka_app.services.auth import sessions
    from tochka_app.settings import get_settings

    tenant, actors = demo_team
    owner = actors["owner"]
    user = db.get(User, owner.user_id)
    state = make_state(TeamState)
    in_browser(state, session=sessions.start(db, get_settings(), user, tenant_id=tenant.id))
    state.load()
    shown = {row.permission: row.role for row in state.rights}
    assert shown["team.invite"] == "admin" and shown["ownership.transfer"] == "owner"
    assert not any(name.startswith("knowledge.") for name in shown)
    marketplace.enable(db, owner, "knowledge")
    state.load()
    assert {row.permission for row in state.rights} >= {"knowledge.view", "knowledge.edit"}
