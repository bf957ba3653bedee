"""States as one browser tab sees them in unit tests: the tab's client token and the cookies its
websocket handshake carried (the session cookies are HttpOnly and reach the server only there)."""

import re

from reflex.istate.data import RouterData

from tochka_app.api.admin_export import ADMIN_COOKIE
from tochka_app.api.auth import SESSION_COOKIE
from tochka_app.services.auth import tickets
from tochka_app.settings import get_settings


def in_browser(
    state,
    *,
    session: str = "",
    admin: str = "",
    client: str = "tab-1",
    ip: str = "127.0.0.1",
    cookies: dict[str, str] | None = None,
    route: str = "",
    params: dict[str, str] | None = None,
    origin: str = "",
):
    """Give `state` (and its whole state tree) this tab's handshake: cookies, client, address;
    and, when given, the page it is on (`route` pattern, e.g. "/app/m/shop/orders/[order]",
    with its `params`, seen from `origin`)."""
    jar = {SESSION_COOKIE: session, ADMIN_COOKIE: admin, **(cookies or {})}
    cookie = "; ".join(f"{name}={value}" for name, value in jar.items() if value)
    root = state
    while root.parent_state is not None:
        root = root.parent_state
    headers = {"cookie": cookie, "user-agent": "pytest", "origin": origin}
    data: dict = {"token": client, "ip": ip, "headers": headers}
    if route:
        path = route
        for name, value in (params or {}).items():
            path = path.replace(f"[{name}]", value)
        data |= {"pathname": route, "asPath": path, "query": dict(params or {})}
    root.router = RouterData.from_router_data(data)
    return state


def ticket_in(event) -> str:
    """The ticket a login handler sends the browser to the cookie endpoint with."""
    match = re.search(r"/auth/session\?ticket=([\w-]+)", str(event))
    assert match, f"no ticket hand-over in {event!r}"
    return match.group(1)


def cookie_from(db, event) -> tickets.Redeemed:
    """What the cookie endpoint would set for the hand-over in `event` (redeems the ticket)."""
    redeemed = tickets.redeem(db, get_settings(), ticket_in(event))
    assert redeemed is not None
    return redeemed


def redirect_target(event) -> str:
    """Where an `rx.redirect` event sends the browser."""
    for name, value in event.args:
        if name._js_expr == "path":
            return value._var_value
    raise AssertionError(f"not a redirect: {event!r}")
