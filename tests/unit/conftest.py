import pytest
import reflex as rx
from sqlmodel import select

from tochka_app.models import Membership, Tenant
from tochka_app.services.seed import seed_demo_data
from tochka_app.services.team import Actor


@pytest.fixture
def seeded(db, settings):
    """Demo data inside the test's rolled-back transaction."""
    return seed_demo_data(db, settings)


@pytest.fixture
def dev_settings(settings):
    """Development settings with the dev-inbox channel and a fixed signing key."""
    return settings.model_copy(update={"app_env": "development", "auth_code_channel": "dev_inbox",
                                       "secret_key": "unit-test-key"})


@pytest.fixture
def demo_team(db, seeded):
    """The seeded demo tenant and an Actor per role (owner, admin, staff)."""
    tenant = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    roles = {m.role: m.user_id for m in db.exec(select(Membership).where(
        Membership.tenant_id == tenant.id))}
    return tenant, {role: Actor(uid, tenant.id, role) for role, uid in roles.items()}


@pytest.fixture
def make_state():
    """A state instance inside a fresh root state, as the framework builds it per client."""
    import tochka_app.tochka_app  # noqa: F401  (registers every state class)

    def build(state_cls):
        root = rx.State(_reflex_internal_init=True)
        return root.get_substate(state_cls.get_full_name().split(".")[1:])

    return build


@pytest.fixture
def knowledge_owner_state(db, demo_team, settings, make_state):
    """The knowledge base's state, module enabled, signed in as the demo workspace's owner."""
    from tests.support.browser_state import in_browser
    from tochka_app.models import User
    from tochka_app.modules.knowledge.state import KnowledgeState
    from tochka_app.services import marketplace
    from tochka_app.services.auth import sessions

    tenant, actors = demo_team
    marketplace.enable(db, actors["owner"], "knowledge")
    state = make_state(KnowledgeState)
    in_browser(state, session=sessions.start(db, settings, db.get(User, actors["owner"].user_id),
                                             tenant_id=tenant.id))
    state.load()
    return state
