import pytest
import reflex as rx

import tochka_app.tochka_app  # noqa: F401  (registers every state class)


@pytest.fixture
def make_state():
    """A state instance inside a fresh root state, as the framework builds it per client."""

    def build(state_cls):
        root = rx.State(_reflex_internal_init=True)
        return root.get_substate(state_cls.get_full_name().split(".")[1:])

    return build
