"""ASGI middleware that adds the browser security headers to every HTTP response: pages, the
built frontend's static files, uploads, API endpoints, downloads, tenant sites, error pages.

It is the outermost of the app's api transformers (`api.api_transformers`), so nothing answers
around it. A response that sets one of these headers itself keeps its own value.

What the Content-Security-Policy must allow, and why (Reflex 0.10 production build):
- script-src 'unsafe-inline': the React Router HTML of every page carries inline <script>s (the
  router context and the module bootstrap) whose content differs per build and per page.
- script-src 'unsafe-eval': events the backend sends (`rx.toast`, `rx.call_script`, callbacks)
  arrive as JavaScript text and Reflex's `state.js` runs them with `eval()`.
- style-src 'unsafe-inline': Emotion and Radix Themes inject <style> elements and style attributes.
- connect-src ws:/wss: of the page's own host: the state websocket (`/_event`), which older
  browsers do not count as 'self'.
- img-src data: blob:: Radix icons / inline SVG data URLs and local previews of chosen files;
  uploads (`/_upload/...`) are same-origin.
- frame-src / frame-ancestors 'self': the admin's landing preview frames `/?preview=ru`; no
  other site may frame any page (clickjacking).
Everything else is 'self' or 'none' (objects, base URI); forms only post to us.
"""

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tochka_app.settings import get_settings

SAFE_HOST = re.compile(r"^[a-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9a-f:.]{2,45}\](:\d{1,5})?$")
HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "hid",
        "midi",
        "magnetometer",
        "gyroscope",
        "accelerometer",
        "display-capture",
        "interest-cohort",
    )
)


def content_security_policy(host: str = "") -> str:
    host = host.strip().lower()
    sockets = f" ws://{host} wss://{host}" if SAFE_HOST.match(host) else ""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src 'self'{sockets}",
            "frame-src 'self'",
            "frame-ancestors 'self'",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'",
            "worker-src 'self' blob:",
        )
    )


def security_headers(host: str, production: bool) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": content_security_policy(host),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Frame-Options": "SAMEORIGIN",  # for browsers that predate frame-ancestors
    }
    if production:
        headers["Strict-Transport-Security"] = HSTS
    return headers


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(Headers(scope=scope).get("host", ""), get_settings().is_production)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
