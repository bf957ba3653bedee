"""The state a public page has after its on_load handlers, computed for one HTTP request.

The handlers run exactly as for a websocket visitor, on a fresh state tree that is never stored:
nothing of the visitor (cookies, session) is given to them, so the result is what any anonymous
visitor gets — a crawler, a link preview — and drafts or previews cannot leak into it."""

import functools
import inspect
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from reflex.event import EventHandler, EventSpec
from reflex.istate.storage import Cookie
from reflex.state import BaseState, State, _apply_client_storage_vars
from reflex_base import constants
from reflex_base.constants.state import FIELD_MARKER
from starlette.concurrency import run_in_threadpool

Delta = dict[str, dict[str, Any]]


def _route_params(route: str, path: str) -> dict[str, str]:
    """`s/[tenant]/p/[page]` + `/s/demo/p/about` → {"tenant": "demo", "page": "about"}."""
    params = {}
    for part, value in zip(route.strip("/").split("/"), path.strip("/").split("/"), strict=False):
        if part.startswith("[") and part.endswith("]"):
            params[part.strip("[]").removeprefix("...")] = value
    return params


def router_data(app: Any, path: str, query_string: str, origin: str, host: str) -> dict:
    """The router data the frontend would send for this address (see Reflex's state.js)."""
    route = app.router(path) or "404"
    query = dict(parse_qsl(query_string, keep_blank_values=True))
    return {
        constants.RouteVar.PATH: "/" + route.removeprefix("/"),
        constants.RouteVar.ORIGIN: path + (f"?{query_string}" if query_string else ""),
        constants.RouteVar.QUERY: {**query, **_route_params(route, path)},
        constants.RouteVar.HEADERS: {"origin": origin, "host": host},
        constants.RouteVar.CLIENT_TOKEN: "",
    }


@functools.cache
def _cookie_vars() -> dict[str, tuple[str, Cookie]]:
    """Cookie name → the state var it fills and its options (`rx.Cookie`, e.g. the language)."""
    found: dict[str, tuple[str, Cookie]] = {}

    def walk(cls: type[BaseState]) -> None:
        for name, field in cls.get_fields().items():
            if isinstance(field.default, Cookie) and field._owner is cls:  # not inherited
                key = f"{cls.get_full_name()}.{name}"
                found[field.default.name or key] = (key, field.default)
        for sub in cls.get_substates():
            walk(sub)

    walk(State)
    return found


@dataclass(frozen=True)
class StateCookie:
    name: str
    value: str
    options: Cookie  # path, max_age, domain, secure, same_site of the `rx.Cookie`


def cookies_to_set(delta: Delta, cookies: dict[str, str]) -> list[StateCookie]:
    """The `rx.Cookie` vars the handlers changed (a `?lang=en` link), to set in the response as
    the browser would when the delta arrives — at once, so the next page has them. A value the
    request's cookie already holds is not sent back."""
    found = []
    for name, (key, options) in _cookie_vars().items():
        substate, _, var = key.rpartition(".")
        changed = delta.get(substate, {})
        if var + FIELD_MARKER in changed:
            value = str(changed[var + FIELD_MARKER])
            if cookies.get(name) != value:
                found.append(StateCookie(name, value, options))
    return found


async def _run(handler: Any, substate: Any, payload: dict) -> None:
    """Run one handler to its end; the events it returns or yields (redirects, toasts) are for
    a live browser and are dropped here."""
    fn = handler.fn
    if inspect.iscoroutinefunction(fn):
        await fn(substate, **payload)
        return
    if inspect.isasyncgenfunction(fn):
        async for _ in fn(substate, **payload):
            pass
        return

    def run_sync() -> None:  # database work: off the event loop
        result = fn(substate, **payload)
        if inspect.isgenerator(result):
            for _ in result:
                pass

    await run_in_threadpool(run_sync)


async def page_state(
    app: Any, path: str, query_string: str, origin: str, host: str, cookies: dict[str, str]
) -> Delta:
    """`cookies`: the request's, of which only those Reflex keeps state in (`rx.Cookie`) are
    applied, as the browser's hydrate would; the session cookie never reaches a handler here."""
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]  # as Reflex makes one
    data = router_data(app, path, query_string, origin, host)
    root.router_data = root._update_router_vars(data, {})
    stored = {key: cookies[name] for name, (key, _) in _cookie_vars().items() if name in cookies}
    if stored:
        await _apply_client_storage_vars(root, stored)
    for load_event in app.get_load_events(path):
        spec = load_event() if isinstance(load_event, EventHandler) else load_event
        if not isinstance(spec, EventSpec) or spec.handler.is_background:
            continue
        substate = root.get_substate(spec.handler.state.get_full_name().split("."))
        await _run(spec.handler, substate, {k._js_expr: v._decode() for k, v in spec.args})
    return await root._get_resolved_delta()
