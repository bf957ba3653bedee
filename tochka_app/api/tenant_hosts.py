"""ASGI middleware: requests to a tenant's own host (`<slug>.<platform>` or a verified custom
domain) show that tenant's public site; hosts nobody owns get a real 404 page.

The frontend is a single-page app that routes by path, so a tenant host cannot serve the site at
`/` by rewriting the path server-side; it redirects `/` and `/p/...` into `/s/<slug>/...` on the
same host instead. Workspace and admin pages are sent to the platform's own address.
"""

import html
import time

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from tochka_app import db, routes
from tochka_app.services.tenant.resolution import HostMatch, classify_host
from tochka_app.settings import get_settings

CACHE_SECONDS = 30.0
# Framework endpoints and static files that every host needs for the site to run.
PASS_PREFIXES = (
    "/_",
    "/assets/",
    "/ping",
    "/health",
    "/favicon",
    "/robots.txt",
    "/sitemap.xml",
    "/og/",
    "/api/shop/",  # the shop's endpoints: customer login cookie, notifications
)
SITE_PATHS = ("/p/", "/shop")  # short site paths that map into /s/<slug>/...


class TenantHostMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app
        self._cache: dict[str, tuple[float, HostMatch]] = {}

    def _lookup(self, host: str) -> HostMatch:
        with db.session_scope() as session:
            return classify_host(session, host, get_settings())

    async def _match(self, host: str) -> HostMatch:
        now = time.monotonic()
        cached = self._cache.get(host)
        if cached and cached[0] > now:
            return cached[1]
        match = await run_in_threadpool(self._lookup, host)
        if len(self._cache) > 10_000:  # many random hosts: start over rather than grow
            self._cache.clear()
        self._cache[host] = (now + CACHE_SECONDS, match)
        return match

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = _host(scope)
        match = await self._match(host)
        path = scope.get("path", "/")
        if match.kind == "platform" or (match.kind == "tenant" and path.startswith(PASS_PREFIXES)):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if match.kind == "unknown":
            await _not_found(host)(scope, receive, send)
            return
        site_root = routes.site(match.slug)
        if path == site_root or path.startswith(site_root + "/"):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        if path == "/" or path.startswith(SITE_PATHS):
            target = site_root + ("" if path == "/" else path)
        else:  # workspace, admin, login...: they live on the platform's own address
            target = get_settings().public_base_url.rstrip("/") + path
        await RedirectResponse(target + (f"?{query}" if query else ""), 307)(scope, receive, send)


def _host(scope: Scope) -> str:
    """The Host header without its port, lower-case ("[::1]:3000" -> "[::1]")."""
    raw = Headers(scope=scope).get("host", "").strip().lower()
    if raw.startswith("["):
        return raw.split("]", 1)[0] + "]"
    return raw.rsplit(":", 1)[0]


def _not_found(host: str) -> HTMLResponse:
    settings = get_settings()
    body = (
        "<!doctype html><html lang=ru><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>404 — {html.escape(settings.platform_name)}</title>"
        "<body style='font-family:system-ui,sans-serif;max-width:560px;margin:15vh auto;"
        "padding:0 16px;color:#1f2a1f'>"
        "<h1 id=host-not-found>Сайт не найден</h1>"
        f"<p>Адрес <b>{html.escape(host)}</b> не подключён ни к одному сайту на платформе "
        f"{html.escape(settings.platform_name)}.</p>"
        "<p lang=en>This address is not connected to any site.</p>"
        f"<p><a href='{html.escape(settings.public_base_url)}'>{html.escape(settings.platform_name)}</a>"
        "</p></body></html>"
    )
    return HTMLResponse(body, status_code=404)
