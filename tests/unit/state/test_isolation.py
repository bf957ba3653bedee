"""Tenant isolation, handler by handler: the owner of workspace B calls every workspace and module
handler that takes an id with workspace A's ids (and edits forms pointed at A's rows). A's data
must come out byte-for-byte the same, and nothing of A may appear in B's state.

Module states are found through the registry — every ModuleState subclass of every registered
module, every handler with a `*_id` parameter — and workspace A gets a row in every table of
every module, so a new module is covered without editing this test."""

import inspect

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

from tests.support import factories
from tests.support.async_run import finish
from tests.support.browser_state import in_browser
from tochka_app.components.invites import InvitesState
from tochka_app.models import Invite, Membership, Tariff, Tenant, TenantDomain
from tochka_app.models._types import utcnow
from tochka_app.modules import registry
from tochka_app.modules.knowledge import service as kb
from tochka_app.modules.knowledge.service import KnowledgeError
from tochka_app.modules.knowledge.state import KnowledgeState
from tochka_app.modules.pages import service as pages
from tochka_app.modules.pages.pages import PagesState
from tochka_app.modules.pages.service import PagesError
from tochka_app.pages.app.audit import AuditState
from tochka_app.pages.app.marketplace import AppMarketplaceState
from tochka_app.pages.app.settings_state import SettingsState
from tochka_app.pages.app.team_state import TeamState
from tochka_app.services.auth import sessions
from tochka_app.services.tenant import domains
from tochka_app.settings import get_settings
from tochka_app.state.module import ModuleState

PLATFORM_STATES = (SettingsState, TeamState, AuditState, AppMarketplaceState, InvitesState)
PLATFORM_ID_PARAMS = {"domain_id", "invite_id", "user_id", "tenant_id"}
PLATFORM_HANDLERS = {
    "SettingsState.verify_domain",
    "SettingsState.remove_domain",
    "TeamState.revoke",
    "TeamState.set_role",
    "TeamState.remove",
    "TeamState.transfer",
    "InvitesState.accept",
}
# The two modules of today: a sanity check that the registry-driven search finds handlers.
KNOWN_MODULE_HANDLERS = {
    "PagesState.edit",
    "PagesState.delete",
    "KnowledgeState.edit_item",
    "KnowledgeState.delete_item",
}
SECRET = "secret A"


def module_states() -> dict[str, list[type]]:
    """code -> the ModuleState subclasses defined in each registered module's package."""
    registry.import_pages()
    found: dict[str, list[type]] = {}
    pending = list(ModuleState.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        parts = cls.__module__.split(".")
        if (
            parts[:2] == ["tochka_app", "modules"]
            and len(parts) > 2
            and parts[2] in registry.manifests()
        ):
            found.setdefault(parts[2], []).append(cls)
    return found


def module_tables(code: str) -> list[sa.Table]:
    """The module's own tables (named module_<code>…), each with its tenant_id."""
    return [
        t
        for t in SQLModel.metadata.sorted_tables
        if (t.name == f"module_{code}" or t.name.startswith(f"module_{code}_"))
        and "tenant_id" in t.c
    ]


def _filler(column: sa.Column):
    kind = column.type
    kind = getattr(kind, "impl_instance", None) or getattr(kind, "impl", kind)  # TypeDecorator
    if isinstance(kind, sa.String):
        return SECRET[: kind.length or len(SECRET)]
    for base, value in (
        (sa.Boolean, False),
        (sa.Integer, 1),
        (sa.Numeric, 0),
        (sa.DateTime, utcnow()),
        (sa.Date, utcnow().date()),
        (sa.JSON, {}),
    ):
        if isinstance(kind, base):
            return value
    return None


def give_every_module_table_a_row(db, tenant_id: int) -> None:
    """A row of A in each module table that has none yet: text columns hold SECRET."""
    for code in registry.manifests():
        for table in module_tables(code):
            if (
                db.connection()
                .execute(
                    sa.select(sa.func.count())
                    .select_from(table)
                    .where(table.c.tenant_id == tenant_id)
                )
                .scalar()
            ):
                continue
            values = {"tenant_id": tenant_id}
            for column in table.c:
                if (
                    (column.primary_key and column.name == "id")  # numbered by the database
                    or column.name in values
                    or column.nullable
                    or column.default is not None
                    or column.server_default is not None
                ):
                    continue
                if column.foreign_keys:  # references something else: no generic row
                    break
                values[column.name] = _filler(column)
            else:
                db.connection().execute(table.insert().values(**values))


def module_ids(db, code: str, tenant_id: int) -> list[int]:
    return [
        row_id
        for table in module_tables(code)
        if "id" in table.c  # a row per tenant (keyed by tenant_id) has no id to pass around
        for row_id in db.connection()
        .execute(sa.select(table.c.id).where(table.c.tenant_id == tenant_id).order_by(table.c.id))
        .scalars()
    ]


@pytest.fixture
def two_tenants(db, demo_team, settings):
    tenant_a, actors = demo_team
    owner_a = actors["owner"]
    for tariff in db.exec(select(Tariff)):  # room for every module, however many there are
        tariff.max_modules = None
        db.add(tariff)
    db.flush()
    for code in registry.manifests():
        factories.enable_module(db, owner_a, code)
    page = pages.save(db, owner_a, None, "about", "О нас", SECRET, True)
    kb.save_item(db, owner_a, None, {"name": "Секрет A", "sku": "A-1"})
    give_every_module_table_a_row(db, tenant_a.id)
    domains.add_domain(db, owner_a, "a-shop.example.ru", settings)
    invite = Invite(
        tenant_id=tenant_a.id,
        phone="+79005550101",
        role="staff",
        invited_by_id=owner_a.user_id,
        expires_at=page.updated_at.replace(year=2099),
    )
    db.add(invite)
    tenant_b = factories.tenant(
        db, factories.user(db, phone="+79005550202", name="B"), name="Workspace B", slug="tenant-b"
    )  # on a trial
    owner_b = factories.actor(db, tenant_b)
    token = factories.session_token(db, owner_b)
    ids = {
        "page_id": page.id,
        "invite_id": invite.id,
        "domain_id": db.exec(select(TenantDomain.id)).one(),
        "user_id": owner_a.user_id,
        "tenant_id": tenant_a.id,
    }
    return tenant_a, tenant_b, token, ids


def fingerprint(db, tenant_id: int) -> list:
    db.expire_all()
    rows = []
    for model in (TenantDomain, Invite, Membership):
        rows += [
            sorted(r.model_dump().items())
            for r in db.exec(select(model).where(model.tenant_id == tenant_id).order_by(model.id))
        ]
    for code in registry.manifests():
        for table in module_tables(code):
            rows += [
                repr(r)
                for r in db.connection().execute(
                    table.select()
                    .where(table.c.tenant_id == tenant_id)
                    .order_by(*table.primary_key.columns)
                )
            ]
    rows.append(sorted(db.get(Tenant, tenant_id).model_dump().items()))
    return rows


def id_handlers(state_cls, is_id):
    for name, handler in state_cls.event_handlers.items():
        params = [p for p in inspect.signature(handler.fn).parameters if p != "self"]
        if any(is_id(p) for p in params):
            yield name, params


def enable_for_b(db, tenant_b):
    owner_b = factories.actor(db, tenant_b)
    for code in registry.manifests():  # B has the modules too: only the ids separate them
        factories.enable_module(db, owner_b, code)


def call_as_b(state_cls, name, args, token, make_state):
    state = in_browser(make_state(state_cls), session=token)
    finish(getattr(state, name)(*args))
    leaked = str(state.dict())
    assert SECRET not in leaked and "Секрет A" not in leaked, f"{state_cls.__name__}.{name}"


def field_errors_of(state) -> dict:
    return state.field_errors or getattr(state, "errors", {})


def test_every_id_handler_refuses_another_tenants_ids(db, two_tenants, make_state):
    tenant_a, tenant_b, token, ids = two_tenants
    enable_for_b(db, tenant_b)
    before = fingerprint(db, tenant_a.id)
    called = set()
    for state_cls in PLATFORM_STATES:
        for name, params in id_handlers(state_cls, PLATFORM_ID_PARAMS.__contains__):
            call_as_b(
                state_cls, name, [str(ids.get(p, "admin")) for p in params], token, make_state
            )
            called.add(f"{state_cls.__name__}.{name}")
    module_handlers = set()
    for code, classes in module_states().items():
        candidates = module_ids(db, code, tenant_a.id)
        assert candidates, f"workspace A has no row of module {code!r}"
        for state_cls in classes:
            for name, params in id_handlers(state_cls, lambda p: p.endswith("_id")):
                module_handlers.add(f"{state_cls.__name__}.{name}")
                for row_id in candidates:
                    call_as_b(
                        state_cls,
                        name,
                        [str(row_id) if p.endswith("_id") else "admin" for p in params],
                        token,
                        make_state,
                    )
    assert module_handlers >= KNOWN_MODULE_HANDLERS, module_handlers
    assert called == PLATFORM_HANDLERS, called
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
    assert editor.refused_code == PagesError.not_found  # nothing written
    items = make_state(KnowledgeState)
    in_browser(items, session=token).editing_id = str(module_ids(db, "knowledge", tenant_a.id)[0])
    items.save_item({"name": "Взлом"})
    assert items.refused_code == KnowledgeError.not_found
    settings = make_state(SettingsState)
    in_browser(settings, session=token)
    settings.save_slug({"slug": tenant_a.slug})
    assert field_errors_of(settings)["slug"]
    # A's claim is unverified, so it blocks nobody (issue 11): B gets a claim of its own, and
    # A's rows stay as they were (the fingerprint below).
    settings.add_domain({"domain": "a-shop.example.ru"})
    assert "domain" not in field_errors_of(settings)
    assert fingerprint(db, tenant_a.id) == before


def test_disabled_module_handlers_do_nothing(db, two_tenants, make_state):
    _tenant_a, tenant_b, token, _ids = two_tenants  # B has no module enabled
    for code, classes in module_states().items():  # every module page sends B away
        for state_cls in classes:
            if "load" in state_cls.event_handlers:
                event = finish(in_browser(make_state(state_cls), session=token).load())
                assert "/app/marketplace" in str(event), (code, state_cls.__name__)
    for state_cls, handler, args in (
        (PagesState, "save", ({"slug": "x", "title": "X"},)),
        (KnowledgeState, "save_item", ({"name": "X"},)),
    ):
        state = make_state(state_cls)
        in_browser(state, session=token)
        event = finish(getattr(state, handler)(*args))
        assert "/app/marketplace" in str(event)
    for code in registry.manifests():
        assert module_ids(db, code, tenant_b.id) == []
