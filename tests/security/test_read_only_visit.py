"""A super admin's read-only visit (impersonation) changes nothing: every event handler of every
workspace, module, profile and invitation state — found by introspection, so a new handler is
covered without editing this test — is called with real ids and filled forms during the visit,
and every row of every table (but the visit's own bookkeeping) comes out the same."""

import inspect
import itertools

import pytest
from sqlalchemy import update
from sqlmodel import SQLModel, select

from tests.support.async_run import finish
from tests.support.browser_state import in_browser
from tochka_app import db as app_db
from tochka_app.models import (
    ExternalAccount,
    Invite,
    Membership,
    Tenant,
    TenantDomain,
    User,
    UserSession,
)
from tochka_app.modules.knowledge import service as kb
from tochka_app.modules.pages import service as pages
from tochka_app.pages.app.overview import OverviewState
from tochka_app.services import marketplace
from tochka_app.services.admin import AdminActor, impersonation
from tochka_app.services.auth import onboarding, sessions, tickets
from tochka_app.services.tenant import domains
from tochka_app.state.session import SessionState

# Handlers that end the visit itself; development-only tools; the anonymous phone login, which
# acts for whoever owns the phone, not for the signed-in user (it writes login codes for anyone).
NOT_WRITES_OF_THE_WORKSPACE = {"logout", "end_impersonation", "setvar"}
SKIPPED_STATES = {"DevToolsState", "LoginState"}
FORM = {
    "name": "Взлом",
    "slug": "hacked-slug",
    "title": "Взлом",
    "content": "взлом",
    "published": "on",
    "phone": "+79005559999",
    "role": "admin",
    "domain": "evil.example.ru",
    "company": "Взлом",
    "brand_color": "#ff0000",
    "timezone": "Asia/Tokyo",
    "locale": "en",
    "sku": "HACK-1",
    "price": "1",
    "quantity": "1",
    "category": "x",
    "reason": "взлом",
    "site_title": "Взлом",
    "code": "000000",
}
VISIT_BOOKKEEPING = {"impersonations", "audit_events"}


def state_classes():
    pending, found = list(SessionState.__subclasses__()), []
    while pending:
        cls = pending.pop()
        if cls not in found and cls.__name__ not in SKIPPED_STATES:
            found.append(cls)
        pending += cls.__subclasses__()
    return found


@pytest.fixture
def visit(db, demo_team, settings):
    """Workspace A with something of everything, its owner's other device, an invitation to the
    owner from workspace C, a linked Telegram account, and a read-only admin visit to A."""
    tenant_a, actors = demo_team
    owner = actors["owner"]
    for code in ("pages", "knowledge"):
        assert marketplace.enable(db, owner, code) is None
    page = pages.save(db, owner, None, "about", "О нас", "текст", True)
    item = kb.save_item(db, owner, None, {"name": "Товар", "sku": "A-1"})
    domains.add_domain(db, owner, "a-shop.example.ru", settings)
    owner_user = db.get(User, owner.user_id)
    other = User(phone="+79005550303", name="C")
    db.add(other)
    db.flush()
    tenant_c = onboarding.complete(db, other, "C", "Workspace C", "tenant-c")
    far_future = page.updated_at.replace(year=2099)
    invites = [
        Invite(
            tenant_id=tenant_a.id,
            phone="+79005550101",
            role="staff",
            invited_by_id=owner.user_id,
            expires_at=far_future,
        ),
        Invite(
            tenant_id=tenant_c.id,
            phone=owner_user.phone,
            role="admin",
            invited_by_id=other.id,
            expires_at=far_future,
        ),
    ]
    db.add_all(invites)
    account = ExternalAccount(
        user_id=owner.user_id, provider="telegram", provider_user_id="777", display_name="Владелец"
    )
    db.add(account)
    sessions.start(db, settings, owner_user, tenant_id=tenant_a.id)  # the owner's phone
    admin = User(phone="+79005550404", name="Админ", is_super_admin=True)
    db.add(admin)
    db.flush()
    ticket = impersonation.start(db, AdminActor(admin.id), tenant_a.id, "проверка", False, settings)
    token = tickets.redeem(db, settings, ticket).token  # what the visit's cookie carries
    db.flush()
    ids = {
        "page_id": [page.id],
        "item_id": [item.id],
        "invite_id": [i.id for i in invites],
        "domain_id": list(db.exec(select(TenantDomain.id))),
        "user_id": [actors["admin"].user_id, actors["staff"].user_id],
        "account_id": [account.id],
        "code": ["pages", "knowledge"],
        "tariff_code": ["business", "start"],
        "role": ["admin", "staff"],
        "slug": ["hacked-slug"],
        "company": ["Взлом"],
        "tenant_id": [tenant_c.id, tenant_a.id],
    }
    db.info.pop("forbid_writes", None)
    return token, ids


def fingerprint(db) -> dict:
    db.expire_all()
    snapshot = {}
    for table in SQLModel.metadata.sorted_tables:
        if table.name in VISIT_BOOKKEEPING:
            continue
        rows = [dict(r._mapping) for r in db.connection().execute(table.select())]
        if table.name == "user_sessions":  # the visit's own session may note when it was seen
            rows = [
                {k: v for k, v in r.items() if k not in ("last_seen_at", "current_tenant_id")}
                if r.get("impersonation_id")
                else r
                for r in rows
            ]
        snapshot[table.name] = sorted(map(repr, rows))
    return snapshot


def arguments(params: list[str], ids: dict) -> list[list]:
    choices = []
    for name in params:
        if name in ("form", "form_data"):
            choices.append([dict(FORM)])
        elif name == "files":
            choices.append([[]])
        else:
            choices.append([str(v) for v in ids.get(name, ["1"])])
    return [list(combo) for combo in itertools.product(*choices)]


def test_read_only_visit_cannot_change_anything_through_any_handler(
    db, visit, make_state, monkeypatch
):
    token, ids = visit
    probe = in_browser(make_state(OverviewState), session=token)
    finish(probe.load())
    assert probe.is_authenticated and probe.impersonation_until  # the visit is signed in
    before = fingerprint(db)
    refused, called, crashed = [], [], []
    for state_cls in state_classes():
        for name, handler in state_cls.event_handlers.items():
            if name in NOT_WRITES_OF_THE_WORKSPACE:
                continue
            params = [p for p in inspect.signature(handler.fn).parameters if p != "self"]
            for args in arguments(params, ids):
                state = make_state(state_cls)
                in_browser(state, session=token)
                try:
                    if "load" in state_cls.event_handlers:  # as the page's on_load would
                        finish(state.load())
                    finish(getattr(state, name)(*args))
                except app_db.ReadOnlyVisitError:
                    refused.append(f"{state_cls.__name__}.{name}")
                except Exception as exc:  # a crash is not a write; keep going
                    crashed.append(f"{state_cls.__name__}.{name}{tuple(args)}: {exc!r}")
                called.append(f"{state_cls.__name__}.{name}")
                db.expire_all()
    after = fingerprint(db)
    changed = {
        t: (sorted(set(before[t]) - set(after[t])), sorted(set(after[t]) - set(before[t])))
        for t in before
        if before[t] != after[t]
    }
    assert changed == {}, f"written during a read-only visit: {sorted(changed)}; {crashed}"
    # The paths the attack used: they reached the database and were refused there.
    for path in ("ProfileState.end_other_sessions", "ProfileState.unlink", "InvitesState.accept"):
        assert path in called
    assert len(set(called)) >= 40, sorted(set(called))


def _visit_checked(db, settings, token) -> UserSession:
    active = sessions.resolve(db, settings, token, kind=("user", "imp"))
    assert impersonation.check(db, active.session) is not None
    return active.session


def test_read_only_visit_write_is_refused_at_the_database_layer(db, visit, settings):
    """The one place: once the visit is checked, its transaction writes nothing of the tenant's,
    through the ORM or a bulk statement, while the visit's own bookkeeping still works."""
    token, _ids = visit
    with pytest.raises(app_db.ReadOnlyVisitError), db.begin_nested():
        visit_session = _visit_checked(db, settings, token)
        db.get(Tenant, visit_session.current_tenant_id).name = "Взлом"
        db.flush()
    with pytest.raises(app_db.ReadOnlyVisitError), db.begin_nested():
        _visit_checked(db, settings, token)
        db.exec(update(Membership).values(role="owner"))
    with db.begin_nested():
        visit_session = _visit_checked(db, settings, token)
        visit_session.last_seen_at = visit_session.last_seen_at  # the visit's own row: allowed
        db.add(visit_session)
        db.flush()
    db.info.pop("forbid_writes", None)
    assert {m.role for m in db.exec(select(Membership))} != {"owner"}
