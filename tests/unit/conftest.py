"""Fixtures of the unit tests; the rows they build come from tests/support/factories.py."""

import pytest
import reflex as rx
from sqlmodel import select

from tests.support import factories
from tests.support.browser_state import in_browser
from tochka_app.models import Tenant
from tochka_app.services.seed import seed_demo_data


@pytest.fixture
def seeded(db, settings):
    """Demo data inside the test's rolled-back transaction."""
    return seed_demo_data(db, settings)


@pytest.fixture
def dev_settings(settings):
    """Development settings with the dev-inbox channel and a fixed signing key."""
    return settings.model_copy(
        update={
            "app_env": "development",
            "auth_code_channel": "dev_inbox",
            "secret_key": "unit-test-key",
        }
    )


@pytest.fixture
def demo_team(db, seeded):
    """The seeded demo tenant and an Actor per role (owner, admin, staff)."""
    tenant = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    return tenant, factories.team(db, tenant)


@pytest.fixture
def make_state():
    """A state instance inside a fresh root state, as the framework builds it per client."""
    import tochka_app.tochka_app  # noqa: F401  (registers every state class)

    def build(state_cls):
        root = rx.State(_reflex_internal_init=True)
        return root.get_substate(state_cls.get_full_name().split(".")[1:])

    return build


@pytest.fixture
def signed_in(db, make_state):
    """`signed_in(StateClass, actor)`: the state as the actor's browser tab sees it, signed in to
    the actor's workspace."""

    def build(state_cls, member):
        return in_browser(make_state(state_cls), session=factories.session_token(db, member))

    return build


@pytest.fixture
def knowledge_owner_state(db, demo_team, signed_in):
    """The knowledge base's state, module enabled, signed in as the demo workspace's owner."""
    from tochka_app.modules.knowledge.state import KnowledgeState

    _, actors = demo_team
    factories.enable_module(db, actors["owner"], "knowledge")
    state = signed_in(KnowledgeState, actors["owner"])
    state.load()
    return state
