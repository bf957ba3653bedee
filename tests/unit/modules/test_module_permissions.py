"""A module's manifest permissions are part of the one permission table: the registry registers
them, the guard checks them (read-only keeps ".view"), the pages read them from `permissions`."""

import pytest
from sqlmodel import select

from tests.support import factories
from tochka_app.models import Role, Subscription
from tochka_app.modules import registry
from tochka_app.modules.knowledge.service import KnowledgeError, KnowledgePermission
from tochka_app.modules.pages.pages import PagesState
from tochka_app.modules.pages.service import PagesPermission
from tochka_app.modules.sdk import ModuleManifest
from tochka_app.services import permissions
from tochka_app.services.access import Actor


def test_registry_registers_every_manifest_permission():
    table = dict(permissions.table())
    for manifest in registry.manifests().values():
        for name, role in manifest.permissions.items():
            assert table[name] == role
    assert table[KnowledgePermission.edit] == table[PagesPermission.edit] == "staff"


@pytest.mark.parametrize("role", ["staff", "admin", "owner"])
def test_every_member_keeps_todays_rights_and_read_only_keeps_view(role):
    actor = Actor(1, 1, role)
    assert {
        KnowledgePermission.view,
        KnowledgePermission.edit,
        PagesPermission.view,
        PagesPermission.edit,
    } <= set(permissions.granted(actor))
    read_only = Actor(1, 1, role, read_only=True)
    assert permissions.allowed(read_only, KnowledgePermission.view)
    assert not permissions.allowed(read_only, KnowledgePermission.edit)


def test_a_module_permission_must_carry_the_module_code():
    bad = ModuleManifest(
        code="notes",
        name={},
        description={},
        category="x",
        icon="x",
        version="1",
        permissions={"other.edit": Role.staff},
    )
    with pytest.raises(RuntimeError, match="must start with"):
        registry.register_permissions(bad)
    clash = ModuleManifest(
        code="pages",
        name={},
        description={},
        category="x",
        icon="x",
        version="1",
        permissions={PagesPermission.edit: Role.owner},
    )
    with pytest.raises(ValueError, match="already registered"):
        registry.register_permissions(clash)


def test_the_page_gets_the_module_permissions_and_read_only_refuses_edits(db, demo_team, signed_in):
    tenant, actors = demo_team
    factories.enable_module(db, actors["owner"], "pages")
    state = signed_in(PagesState, actors["staff"])
    state.load()
    assert {PagesPermission.view, PagesPermission.edit} <= set(state.permissions)
    state.save({"title": "О нас", "slug": "about", "content": ""})
    assert [p.slug for p in state.pages] == ["about"]
    for sub in db.exec(select(Subscription).where(Subscription.tenant_id == tenant.id)):
        sub.status = "expired"  # the workspace turns read-only
        db.add(sub)
    db.flush()
    state.load()
    assert PagesPermission.view in state.permissions
    assert PagesPermission.edit not in state.permissions  # the editor is hidden
    state.delete(state.pages[0].id)
    assert state.refused_code == "app.read_only" and [p.slug for p in state.pages] == ["about"]


def test_knowledge_form_errors_are_shown_under_their_fields(knowledge_owner_state):
    state = knowledge_owner_state
    state.new_item()
    state.save_item({"name": "", "price": "x"})
    assert set(state.field_errors) == {"name", "price"} and state.form_open
    state.save_item({"name": "Чай", "sku": "T-1"})
    assert not state.form_open and [r.sku for r in state.rows] == ["T-1"]
    state.editing_id = "999999999"
    state.save_item({"name": "Чай"})
    assert state.refused_code == KnowledgeError.not_found and state.action_error
