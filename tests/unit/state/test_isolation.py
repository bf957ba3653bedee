"""Tenant isolation, handler by handler: the owner of workspace B calls every workspace and module
handler that takes an id with workspace A's ids (and edits forms pointed at A's rows). A's data
must come out byte-for-byte the same, and nothing of A may appear in B's state."""

import inspect

import pytest
from sqlmodel import select

from tests.support.async_run import finish
from tochka_app.components.invites import InvitesState
from tochka_app.models import Invite, Membership, Tenant, TenantDomain, User
from tochka_app.modules.knowledge import service as kb
from tochka_app.modules.knowledge.models import KnowledgeItem
from tochka_app.modules.knowledge.pages import KnowledgeState
from tochka_app.modules.pages import service as pages
from tochka_app.modules.pages.models import SitePage
from tochka_app.modules.pages.pages import PagesState
from tochka_app.pages.app.audit import AuditState
from tochka_app.pages.app.marketplace import AppMarketplaceState
from tochka_app.pages.app.settings_state import SettingsState
from tochka_app.pages.app.team_state import TeamState
from tochka_app.services import marketplace, team
from tochka_app.services.auth import onboarding, sessions
from tochka_app.services.tenant import domains
from tochka_app.settings import get_settings
from tests.support.browser_state import in_browser

STATES = (PagesState, KnowledgeState, SettingsState, TeamState, AuditState, AppMarketplaceState,
          InvitesState)
ID_PARAMS = {"page_id", "item_id", "domain_id", "invite_id", "user_id", "tenant_id"}


@pytest.fixture
def two_tenants(db, demo_team, settings):
    tenant_a, actors = demo_team
    owner_a = actors["owner"]
    for code in ("pages", "knowledge"):
        assert marketplace.enable(db, owner_a, code) is None
    page, _ = pages.save(db, owner_a, None, "about", "О нас", "secret A", True)
    item, _ = kb.save_item(db, owner_a, None, {"name": "Секрет A", "sku": "A-1"})
    domains.add_domain(db, owner_a, "a-shop.example.ru", settings)
    invite = Invite(tenant_id=tenant_a.id, phone="+79005550101", role="staff",
                    invited_by_id=owner_a.user_id, expires_at=page.updated_at.replace(year=2099))
    db.add(invite)
    user_b = User(phone="+79005550202", name="B")
    db.add(user_b)
    db.flush()
    tenant_b = onboarding.complete(db, user_b, "B", "Workspace B", "tenant-b")  # on a trial
    token = sessions.start(db, settings, user_b, tenant_id=tenant_b.id)
    ids = {"page_id": page.id, "item_id": item.id, "invite_id": invite.id,
           "domain_id": db.exec(select(TenantDomain.id)).one(), "user_id": owner_a.user_id,
           "tenant_id": tenant_a.id}
    return tenant_a, tenant_b, token, ids


def fingerprint(db, tenant_id: int) -> list:
    db.expire_all()
    rows = []
    for model in (SitePage, KnowledgeItem, TenantDomain, Invite, Membership):
        rows += [sorted(r.model_dump().items()) for r in db.exec(
            select(model).where(model.tenant_id == tenant_id).order_by(model.id))]
    rows.append(sorted(db.get(Tenant, tenant_id).model_dump().items()))
    return rows



def id_handlers(state_cls):
    for name, handler in state_cls.event_handlers.items():
        params = [p for p in inspect.signature(handler.fn).parameters if p != "self"]
        if ID_PARAMS & set(params):
            yield name, params


def enable_for_b(db, tenant_b):
    for code in ("pages", "knowledge"):  # B has the modules too: only the ids separate them
        assert marketplace.enable(db, team.Actor(tenant_b.owner_id, tenant_b.id, "owner"),
                                  code) is None


def test_every_id_handler_refuses_another_tenants_ids(db, two_tenants, make_state):
    tenant_a, tenant_b, token, ids = two_tenants
    enable_for_b(db, tenant_b)
    before = fingerprint(db, tenant_a.id)
    called = []
    for state_cls in STATES:
        for name, params in id_handlers(state_cls):
            state = make_state(state_cls)
            in_browser(state, session=token)
            args = [str(ids.get(p, "admin")) for p in params]
            finish(getattr(state, name)(*args))
            called.append(f"{state_cls.__name__}.{name}")
            leaked = str(state.dict())
            assert "secret A" not in leaked and "Секрет A" not in leaked, called[-1]
    assert set(called) == {
        "PagesState.edit", "PagesState.delete", "KnowledgeState.edit_item",
        "KnowledgeState.delete_item", "SettingsState.verify_domain", "SettingsState.remove_domain",
        "TeamState.revoke", "TeamState.set_role", "TeamState.remove", "TeamState.transfer",
        "InvitesState.accept"}, called
    switcher = make_state(TeamState)
    in_browser(switcher, session=token)
    switcher.switch_tenant(str(tenant_a.id))  # a workspace B's owner is not a member of
    db.expire_all()
    assert sessions.resolve(db, get_settings(), token).session.current_tenant_id == tenant_b.id
    assert fingerprint(db, tenant_a.id) == before


def test_forms_pointed_at_another_tenants_rows_change_nothing(db, two_tenants, make_state):
    tenant_a, tenant_b, token, ids = two_tenants
    enable_for_b(db, tenant_b)
    before = fingerprint(db, tenant_a.id)
    editor = make_state(PagesState)
    in_browser(editor, session=token).editing_id = str(ids["page_id"])
    editor.save({"slug": "hacked", "title": "Взлом", "content": "x", "published": "on"})
    assert editor.errors  # "not found", nothing written
    items = make_state(KnowledgeState)
    in_browser(items, session=token).editing_id = str(ids["item_id"])
    items.save_item({"name": "Взлом"})
    assert items.errors
    settings = make_state(SettingsState)
    in_browser(settings, session=token)
    settings.save_slug({"slug": tenant_a.slug})
    assert settings.errors["slug"]
    # A's claim is unverified, so it blocks nobody (issue 11): B gets a claim of its own, and
    # A's rows stay as they were (the fingerprint below).
    settings.add_domain({"domain": "a-shop.example.ru"})
    assert "domain" not in settings.errors
    assert fingerprint(db, tenant_a.id) == before


def test_disabled_module_handlers_do_nothing(db, two_tenants, make_state):
    tenant_a, tenant_b, token, ids = two_tenants  # B has neither module enabled
    for state_cls, handler, args in ((PagesState, "save", ({"slug": "x", "title": "X"},)),
                                     (KnowledgeState, "save_item", ({"name": "X"},))):
        state = make_state(state_cls)
        in_browser(state, session=token)
        event = finish(getattr(state, handler)(*args))
        assert "/app/marketplace" in str(event)
    assert db.exec(select(SitePage).where(SitePage.tenant_id == tenant_b.id)).all() == []
    assert db.exec(select(KnowledgeItem).where(KnowledgeItem.tenant_id == tenant_b.id)).all() == []
