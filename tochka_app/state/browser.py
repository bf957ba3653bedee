"""What a state may learn about, and do to, the browser it serves — without holding secrets.

The session cookies are HttpOnly: the server reads them from the websocket handshake and only HTTP
responses set or delete them (tochka_app/api/session_cookies.py). A state hands a new session to
the browser by sending it to the ticket endpoint, and ends one by posting to a logout endpoint.
"""

import json
from urllib.parse import urlencode

import reflex as rx

from tochka_app import routes
from tochka_app.api.session_cookies import cookie_value


def request_cookie(state: rx.State, name: str) -> str:
    """A cookie the browser sent with this connection's handshake (never sent back to it)."""
    return cookie_value(state.router.headers.cookie, name)


def client_token(state: rx.State) -> str:
    """The id of this browser tab's state (kept by the tab, unknown to other browsers)."""
    return state.router.session.client_token or ""


# The backend's origin as the page sees it. Reflex's own `getBackendURL` (in scope of the
# `eval` that runs `call_script`) resolves it in both modes: the page's own origin in production
# (one port), another port in development.
_BACKEND = (
    "const b = typeof getBackendURL === 'function' ? getBackendURL()"
    " : new URL(window.location.href);"
    " const base = b.origin === window.location.origin ? '' : b.origin;"
)


def hand_over(ticket: str, endpoint: str = routes.SESSION_EXCHANGE, **params: str):
    """A full navigation to the endpoint that turns the ticket into the session cookie (the
    platform's, or a shop customer's: `endpoint` and its own `params`)."""
    query = urlencode({"ticket": ticket, **params})
    return rx.call_script(
        f"(() => {{ {_BACKEND} window.location.replace(base + "
        f"{json.dumps(endpoint + '?' + query)} + '&from=' + "
        "encodeURIComponent(window.location.origin)); })()"
    )


def post_to(path: str, next_path: str = ""):
    """Submit a POST form to a backend endpoint (the logout endpoints answer with a redirect)."""
    return rx.call_script(
        f"(() => {{ {_BACKEND} const f = document.createElement('form'); f.method = 'post';"
        f" f.action = base + {json.dumps(path)};"
        f" for (const [k, v] of [['next', {json.dumps(next_path)}],"
        " ['from', window.location.origin]]) { const i = document.createElement('input');"
        " i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i); }"
        " document.body.appendChild(f); f.submit(); })()"
    )
