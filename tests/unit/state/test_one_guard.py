"""One way to do each thing, kept so: every workspace, module and admin event handler goes through
the guard, and every refusal a service can raise has words in every language.

The check reads each handler's source: a handler passes when it calls the guard itself or only
hands over to another handler of its state (`return TeamState.load`). Handlers that act before
anyone is a member (sign-in, language, logout) live in states this test does not cover, and a
handler that touches neither the database nor a service (open a form, follow typing) needs none."""

import ast
import enum
import importlib
import inspect
import pkgutil
import textwrap

import pytest

import tochka_app
from tochka_app.i18n import LOCALES, translations
from tochka_app.services.errors import ErrorCode
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.session import SessionState

# `_admit` + `_refuse` directly: only a long handler that yields progress between its steps
# (the knowledge import), which cannot hand `_run` one operation.
WORKSPACE_GUARDS = {"_run", "_load_page", "_admit"}
ADMIN_GUARDS = {"_admin_run", "_admin_load"}
# Handlers that are the guard's own entry points or act on the visitor, not on a workspace.
NOT_WORKSPACE_HANDLERS = {
    "guard_app",
    "switch_tenant",
    "logout",
    "end_impersonation",
    "set_locale",
    "set_browser_zone",
    "guard_admin",
    "admin_logout",
}


def _load_everything() -> None:
    for info in pkgutil.walk_packages(tochka_app.__path__, "tochka_app."):
        if ".module_template" not in info.name:
            importlib.import_module(info.name)


_load_everything()


def _subclasses(base) -> list[type]:
    found, todo = [], [base]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def _workspace_states() -> list[type]:
    """States of workspace pages (/app/...) and module back offices."""
    return [
        cls
        for cls in _subclasses(SessionState)
        if cls.__module__.startswith(("tochka_app.pages.app", "tochka_app.modules."))
        and not cls.__module__.endswith(".module_template.pages")
    ]


def _own_handlers(cls) -> list[tuple[str, object]]:
    return [
        (name, handler.fn)
        for name, handler in cls.event_handlers.items()
        if name not in NOT_WORKSPACE_HANDLERS
        and not name.startswith("set_")
        and handler.fn.__qualname__.split(".")[0] == cls.__name__
    ]


def _calls(fn) -> set[str]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            names.add(node.attr)
    return names


def _hands_over(fn, cls) -> bool:
    """The handler only returns another handler of a state (its class attribute)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    returns = [n for n in ast.walk(tree) if isinstance(n, ast.Return) and n.value is not None]
    return bool(returns) and all(
        isinstance(r.value, (ast.Attribute, ast.Call)) and "State" in ast.unparse(r.value)
        for r in returns
    )


def _ui_only(fn) -> bool:
    """Opening a form, closing a dialog, following what is typed: no database, no service."""
    source = inspect.getsource(fn)
    return "session" not in source and "db." not in source and "service" not in source


def _cases(states, guards):
    for cls in states:
        for name, fn in _own_handlers(cls):
            yield pytest.param(cls, fn, guards, id=f"{cls.__name__}.{name}")


@pytest.mark.parametrize(
    "cls, fn, guards",
    [
        *_cases(_workspace_states(), WORKSPACE_GUARDS),
        *_cases(
            [
                c
                for c in _subclasses(AdminSessionState)
                if not c.__name__.startswith(("AdminLogin", "AdminTableState"))
            ],
            ADMIN_GUARDS,
        ),
    ],
)
def test_every_handler_goes_through_the_guard(cls, fn, guards):
    assert _calls(fn) & guards or _hands_over(fn, cls) or _ui_only(fn), (
        f"{cls.__name__}.{fn.__name__} must call one of {sorted(guards)}"
    )


def _error_codes() -> list[enum.Enum]:
    return [member for enum_cls in _subclasses(ErrorCode) for member in enum_cls]


def test_there_are_error_codes_to_check():
    assert len(_error_codes()) > 20


@pytest.mark.parametrize("locale", LOCALES)
def test_every_error_code_has_a_message(locale):
    catalog = translations(locale)
    missing = [
        f"{type(code).__name__}.{code.name} = {code.value!r}"
        for code in _error_codes()
        if catalog.gettext(code.value) == code.value
    ]
    assert not missing, f"no {locale} message for: {missing}"
