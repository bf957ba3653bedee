"""The session cookies, set and cleared only by HTTP responses (HttpOnly: no script reads them).

- `GET /auth/session?ticket=…` redeems a login ticket (services/auth/tickets.py), sets the cookie
  and redirects to the local path stored with the ticket (never one from the URL).
- `POST /auth/logout`, `POST /auth/admin/logout` revoke the session and delete the cookie.
- `SessionCookieMiddleware` deletes a cookie whose session is over (revoked, expired, blocked
  user) on the next page load, so a dead token does not linger in the browser.
The websocket reads the same cookies from its handshake (state/session.py).
"""

from http.cookies import CookieError, SimpleCookie
from typing import Literal
from urllib.parse import urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tochka_app import db, routes
from tochka_app.api.admin_export import ADMIN_COOKIE
from tochka_app.api.auth import SESSION_COOKIE
from tochka_app.api.client_address import request_ip
from tochka_app.services.admin import impersonation
from tochka_app.services.auth import sessions, tickets
from tochka_app.settings import get_settings

USER_KINDS = ("user", "imp")
# cookie name -> (session kinds it carries, SameSite)
COOKIES: dict[str, tuple[tuple[str, ...], Literal["lax", "strict"]]] = {
    SESSION_COOKIE: (USER_KINDS, "lax"),
    ADMIN_COOKIE: (("admin",), "strict"),
}


def cookie_value(header: str | None, name: str) -> str:
    """One cookie from a Cookie header ("" when absent or the header is malformed)."""
    jar = SimpleCookie()
    try:
        jar.load(header or "")
    except CookieError:
        return ""
    morsel = jar.get(name)
    return morsel.value if morsel else ""


def cookie_name(kind: str) -> str:
    return ADMIN_COOKIE if kind == "admin" else SESSION_COOKIE


def set_session_cookie(response: Response, kind: str, token: str, max_age: int) -> None:
    name = cookie_name(kind)
    response.set_cookie(
        name,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        secure=get_settings().is_production,
        samesite=COOKIES[name][1],
    )


def clear_session_cookie(response: Response | MutableHeaders, name: str) -> None:
    same_site = COOKIES[name][1]
    secure = "; Secure" if get_settings().is_production else ""
    value = (
        f'{name}=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; '
        f"HttpOnly; SameSite={same_site.capitalize()}{secure}"
    )
    headers = response.headers if isinstance(response, Response) else response
    headers.append("set-cookie", value)


def landing(path: str, frontend: str = "") -> str:
    """The address to send the browser to after a cookie change: the continue page, which goes
    on to `path` inside the app (a page path loaded directly would gain a trailing slash)."""
    return frontend + routes.CONTINUE.replace("[step]", "go") + "?" + urlencode({"to": path})


def frontend_origin(given: str | None) -> str:
    """Where the pages are served when that is not this backend's own origin: in development
    Reflex serves them on another port. Only our public address, or a local development server,
    is accepted (never an arbitrary site); "" means "this origin"."""
    settings = get_settings()
    parts = urlsplit(given or "")
    if not parts.scheme or parts.path or parts.query or not parts.netloc:
        return ""
    origin = f"{parts.scheme}://{parts.netloc}"
    public = urlsplit(settings.public_base_url)
    if origin == f"{public.scheme}://{public.netloc}":
        return origin
    if (
        not settings.is_production
        and parts.scheme == "http"
        and parts.hostname in ("localhost", "127.0.0.1")
    ):
        return origin
    return ""


def from_our_pages(request: Request) -> bool:
    """The browser says the request comes from our own pages (Sec-Fetch-Site, else Origin): no
    cross-site links or form posts. Development serves pages on another port (same site)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin" or (site == "same-site" and not get_settings().is_production)
    origin = request.headers.get("origin")
    return (
        origin is None
        or urlsplit(origin).netloc == request.headers.get("host", "")
        or frontend_origin(origin) != ""
    )


def no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the ticket never leaves in a Referer
    return response


def exchange(request: Request) -> Response:
    """GET /auth/session?ticket=…: the cookie for a fresh ticket, then on to its page.

    Only a navigation started by our own page counts (Sec-Fetch-Site), so a ticket for someone
    else's account sent in a link cannot log a victim into that account."""
    frontend = frontend_origin(request.query_params.get("from"))
    if not from_our_pages(request):
        return no_store(RedirectResponse(landing(routes.LOGIN, frontend), status_code=303))
    with db.session_scope() as session:
        redeemed = tickets.redeem(session, get_settings(), request.query_params.get("ticket"))
    if redeemed is None:
        return no_store(RedirectResponse(landing(routes.LOGIN, frontend), status_code=303))
    default = routes.ADMIN if redeemed.kind == "admin" else routes.APP
    response = RedirectResponse(
        landing(tickets.local_path(redeemed.next_path, default), frontend), status_code=303
    )
    set_session_cookie(response, redeemed.kind, redeemed.token, redeemed.max_age)
    return no_store(response)


def _logout(request: Request, name: str, target: str, frontend: str) -> Response:
    if not from_our_pages(request):
        return PlainTextResponse("forbidden", status_code=403)
    with db.session_scope() as session:
        sessions.end(session, request.cookies.get(name), ip=request_ip(request))
    response = RedirectResponse(landing(target, frontend), status_code=303)
    clear_session_cookie(response, name)
    return no_store(response)


async def logout(request: Request) -> Response:
    """POST /auth/logout (form fields `next`: a local page to land on, the login by default;
    `from`: the pages' origin in development)."""
    form = await request.form()
    target = tickets.local_path(str(form.get("next") or ""), routes.LOGIN)
    return await run_in_threadpool(
        _logout, request, SESSION_COOKIE, target, frontend_origin(str(form.get("from") or ""))
    )


async def admin_logout(request: Request) -> Response:
    form = await request.form()
    return await run_in_threadpool(
        _logout,
        request,
        ADMIN_COOKIE,
        routes.ADMIN_LOGIN,
        frontend_origin(str(form.get("from") or "")),
    )


def _dead_cookies(cookie_header: str) -> list[str]:
    """The names of our cookies in the header whose session is no longer live."""
    present = {name: cookie_value(cookie_header, name) for name in COOKIES}
    present = {name: token for name, token in present.items() if token}
    if not present:
        return []
    dead = []
    settings = get_settings()
    with db.session_scope() as session:
        for name, token in present.items():
            active = sessions.resolve(session, settings, token, kind=COOKIES[name][0])
            if (
                active is not None
                and active.session.kind == "imp"
                and impersonation.check(session, active.session) is None
            ):
                active = None
            if active is None:
                dead.append(name)
    return dead


class SessionCookieMiddleware:
    """On page loads (and our API calls) a cookie of an ended session is deleted."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope) if scope["type"] == "http" else None
        if (
            headers is None
            or "cookie" not in headers
            or not (
                headers.get("sec-fetch-dest") == "document"
                or scope.get("path", "").startswith(("/api/", "/auth/"))
            )
        ):
            await self.app(scope, receive, send)
            return
        dead = await run_in_threadpool(_dead_cookies, headers["cookie"])
        if not dead:
            await self.app(scope, receive, send)
            return

        async def send_clearing(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                already = " ".join(out.getlist("set-cookie"))
                for name in dead:
                    if f"{name}=" not in already:
                        clear_session_cookie(out, name)
            await send(message)

        await self.app(scope, receive, send_clearing)
