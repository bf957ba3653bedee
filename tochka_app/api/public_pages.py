"""ASGI middleware for public pages (the landing, the marketplace, module pages, tenant sites):
1. the status the database gives them (services/public_status.py): a 301 to a tenant's current
   address, or the app's page sent with 404 / 410 instead of 200 when the tenant, page or module
   does not exist (the app still renders its own "not found" view in the browser);
2. their <head>: description, canonical address, Open Graph / Twitter card and JSON-LD
   (services/public_meta.py), written into the HTML the app serves, so link previews and crawlers
   that do not run JavaScript read them. React 19 leaves head tags it did not render alone when it
   hydrates, so the app is unaffected;
3. their body: the page rendered on the server with the state its on_load handlers give
   (tochka_app/server_render), the state itself in the head for the browser to start from. Without
   a render server (development, a crash) the prerendered page is sent, as before."""

import gzip
import logging
import re
from pathlib import Path
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tochka_app import db, routes
from tochka_app.i18n import DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES
from tochka_app.server_render.page import render_page, request_cookies
from tochka_app.services import public_meta, public_status
from tochka_app.services.public_meta import PageMeta
from tochka_app.services.public_status import PublicAnswer
from tochka_app.settings import get_settings

log = logging.getLogger(__name__)
_TITLE = re.compile(r"<title>[^<]*</title>")
MAX_HTML_BYTES = 2 * 1024 * 1024  # the app's pages are tens of KiB; anything bigger passes as is


def _is_public_page(path: str) -> bool:
    return path in ("/", routes.MARKETPLACE, routes.MARKETPLACE + "/") or (
        public_status.is_public_path(path)
    )


def _locale(scope: Scope) -> str:
    """The page's language as the app will show it (the same rule as its state): `?lang=` of the
    address (the scheme of the hreflang links), else the visitor's `locale` cookie, else the
    platform's default — crawlers keep no cookies: one address, one language for them."""
    wanted = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[0]
    if wanted in LOCALES:
        return wanted
    chosen = request_cookies(scope).get(LOCALE_COOKIE, "")
    return chosen if chosen in LOCALES else DEFAULT_LOCALE


def _lookup(path: str, locale: str) -> tuple[PublicAnswer, PageMeta | None]:
    settings = get_settings()
    with db.session_scope() as session:
        found = public_status.answer(session, path)
        meta = (
            public_meta.meta_for(
                session, path, locale, settings.public_base_url, settings.platform_name
            )
            if found.status == 200 and found.location is None
            else None
        )
    return found, meta


def _with_head(html: bytes, meta: PageMeta | None, extra: str = "") -> bytes:
    """The page's own tags before </head>; its <title> replaces the route's generic one (a tenant
    site is "Пекарня «Колос»", not the platform's name)."""
    text = html.decode("utf-8", errors="replace")
    head_end = text.find("</head>")
    if head_end < 0:
        return html
    head, rest = text[:head_end], text[head_end:]
    if meta is None:
        return (head + extra + rest).encode()
    head, titles = _TITLE.subn(lambda _: meta.title_html(), head, count=1)
    return (head + meta.head_html(with_title=not titles) + extra + rest).encode()


def _accepts_gzip(scope: Scope) -> bool:
    for part in Headers(scope=scope).get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() == "gzip" and params.replace(" ", "") not in ("q=0", "q=0.0"):
            return True
    return False


async def _send_rendered(scope: Scope, receive: Receive, send: Send, page, status: int, meta):
    html = _with_head(page.html.encode(), meta, page.state_script)
    # A publish shows on the next load; the language cookie picks the version.
    headers = {"cache-control": "private, no-cache", "vary": "Cookie, Accept-Encoding"}
    if _accepts_gzip(scope):
        html = gzip.compress(html, compresslevel=6)  # ~70 KiB → ~15 KiB on a phone
        headers["content-encoding"] = "gzip"
    response = HTMLResponse(html, status, headers)
    for cookie in page.cookies:
        options = cookie.options
        response.set_cookie(
            cookie.name,
            cookie.value,
            max_age=options.max_age,
            path=options.path,
            domain=options.domain,
            secure=bool(options.secure),
            samesite=options.same_site,  # "lax" | "strict" | "none"
        )
    await response(scope, receive, send)


class PublicPagesMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") not in ("GET", "HEAD")
            or not _is_public_page(path)
        ):
            await self.app(scope, receive, send)
            return
        found, meta = await run_in_threadpool(_lookup, path, _locale(scope))
        if found.location is not None:
            query = scope.get("query_string", b"").decode("latin-1")
            target = found.location + (f"?{query}" if query else "")
            await RedirectResponse(target, status_code=301)(scope, receive, send)
            return
        if found.status == 200 and (meta is None or scope.get("method") == "HEAD"):
            await self.app(scope, receive, send)
            return
        # Only live pages: a 404 or 410 (any random address) is not worth a render.
        if scope.get("method") == "GET" and found.status == 200:
            from tochka_app.tochka_app import app  # built by the time requests arrive

            if page := await render_page(app, scope, path):
                await _send_rendered(scope, receive, send, page, found.status, meta)
                return
        await self.app(scope, receive, _Rewrite(send, found.status, meta).send)


class _Rewrite:
    """Sends the app's response with the page's status and, for an HTML page, its head tags."""

    def __init__(self, send: Send, status: int, meta: PageMeta | None):
        self._send, self._status, self._meta = send, status, meta
        self._start: Message | None = None
        self._chunks: list[bytes] = []
        self._size = 0

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            if message["status"] == 200:
                message = {**message, "status": self._status}
            html = Headers(raw=message["headers"]).get("content-type", "").startswith("text/html")
            if self._meta is None or not html or message["status"] not in (200, 404, 410):
                self._meta = None
                await self._send(message)
            else:
                self._start = message  # held until the body is complete
            return
        if self._start is not None and message["type"] == "http.response.pathsend":
            # Static files come as a path (granian's ASGI extension): read the page once.
            self._chunks = [await run_in_threadpool(Path(message["path"]).read_bytes)]
            await self._flush(more=False)
            return
        if self._start is None or message["type"] != "http.response.body":
            await self._send(message)
            return
        self._chunks.append(message.get("body", b""))
        self._size += len(self._chunks[-1])
        if message.get("more_body", False) and self._size <= MAX_HTML_BYTES:
            return
        await self._flush(more=message.get("more_body", False))

    async def _flush(self, more: bool) -> None:
        assert self._start is not None
        body = b"".join(self._chunks)
        headers = MutableHeaders(raw=list(self._start["headers"]))
        if not more and self._meta is not None:
            if headers.get("content-encoding") == "gzip":
                body = gzip.decompress(body)
                del headers["content-encoding"]
            body = _with_head(body, self._meta)
            headers["content-length"] = str(len(body))
        await self._send({**self._start, "headers": headers.raw})
        await self._send({"type": "http.response.body", "body": body, "more_body": more})
        self._start = None
