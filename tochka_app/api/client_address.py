"""ASGI middleware that puts the real client address into every request's scope.

Reflex builds `router.session.client_ip` of every event from the websocket's ASGI scope, and
Starlette's `request.client` reads the same field, so rewriting `scope["client"]` here once makes
pages, events, webhooks and downloads agree on who the client is (`services.client_address`).
"""

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from tochka_app.services.client_address import client_address
from tochka_app.settings import get_settings


class ClientAddressMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        trusted = get_settings().trusted_proxies
        if scope["type"] in ("http", "websocket") and trusted:
            peer, port = (scope.get("client") or (None, 0))[:2]
            real = client_address(peer, Headers(scope=scope).get("x-forwarded-for"), trusted)
            if real and real != peer:
                scope = {**scope, "client": (real, port)}
        await self.app(scope, receive, send)


def request_ip(request) -> str | None:
    """The client address of a Starlette request (already resolved by the middleware)."""
    return request.client.host if request.client else None
