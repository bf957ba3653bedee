"""One public page rendered on the server for one request: its state, its HTML, the cookies its
state sets. The middleware (api/public_pages.py) adds the head tags and sends it."""

import asyncio
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from reflex.utils.format import json_dumps
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import Scope

from tochka_app.api.security_headers import SAFE_HOST
from tochka_app.server_render import STATE_ELEMENT_ID
from tochka_app.server_render.first_paint import scripts_after_first_paint
from tochka_app.server_render.page_state import StateCookie, cookies_to_set, page_state
from tochka_app.server_render.renderer import get_renderer

log = logging.getLogger(__name__)
BUDGET_SECONDS = 2.5  # state and render together; past it the prerendered page goes out
RENDER_ORIGIN = "http://render.invalid"  # the render needs a URL, never the visitor's Host


@dataclass(frozen=True)
class RenderedPage:
    html: str  # without the page's head tags
    state_script: str
    cookies: list[StateCookie]


def state_script(state_json: str) -> str:
    """The state as JSON inside <script>: every `<`, `>` and `&` escaped, so text typed by a
    tenant (`</script>`, `<!--`) cannot end the element early."""
    body = state_json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script id="{STATE_ELEMENT_ID}" type="application/json">{body}</script>'


def request_cookies(scope: Scope) -> dict[str, str]:
    """Starlette's lenient parser: one malformed cookie does not hide the others."""
    return cookie_parser(Headers(scope=scope).get("cookie", ""))


async def render_page(app: Any, scope: Scope, path: str) -> RenderedPage | None:
    """The page at `path` rendered with its data, or None to serve the prerendered page."""
    query = scope.get("query_string", b"").decode("latin-1")
    if "preview" in parse_qs(query):
        return None  # the admin's preview shows drafts, which only the websocket may send
    renderer = get_renderer()
    if not renderer.available:
        return None
    host = Headers(scope=scope).get("host", "").lower()
    host = host if SAFE_HOST.match(host) else ""
    origin = f"{scope.get('scheme', 'http')}://{host}" if host else ""
    raw_path = scope.get("raw_path", path.encode()).decode("latin-1")
    cookies = request_cookies(scope)
    try:
        async with asyncio.timeout(BUDGET_SECONDS):
            state = await page_state(app, path, query, origin, host, cookies)
            state_json = json_dumps(state)
            html = await renderer.render(
                RENDER_ORIGIN + raw_path + (f"?{query}" if query else ""), state_json
            )
    except TimeoutError:
        log.warning("server rendering of %s took over %s s", path, BUDGET_SECONDS)
        return None
    except Exception:  # a page must never fail because of its server rendering
        log.exception("server rendering of %s failed", path)
        return None
    if html is None:
        return None
    return RenderedPage(
        scripts_after_first_paint(html), state_script(state_json), cookies_to_set(state, cookies)
    )
