"""A local stand-in for Telegram Login (oauth.telegram.org/auth) on 127.0.0.1.

GET /auth?bot_id=…&origin=…&return_to=… approves at once, as if the user pressed "Accept", and
redirects to `return_to` with the data signed by the bot token: in the URL fragment
(`#tgAuthResult=<base64 JSON>`, as the OAuth page does) or, with `mode = "query"`, appended to the
query (as the widget's auth URL gets it). With `capture = True` it does not redirect: it keeps the
callback URL in `captured` (what an attacker copies from their own login) and shows a plain page.
"""

import base64
import html
import json
import time
from urllib.parse import urlencode

from tests.support.fake_http import FakeHttpServer, Request
from tochka_app.services.auth.external import telegram_widget_hash


class FakeTelegramLogin(FakeHttpServer):
    def __init__(self, bot_token: str):
        super().__init__()
        self.bot_token = bot_token
        self.user = {"id": "424242", "first_name": "Мария", "username": "maria"}
        self.mode = "fragment"
        self.capture = False
        self.captured: str | None = None

    def signed(self, **overrides) -> dict:
        data = {**self.user, "auth_date": str(int(time.time())), **overrides}
        data = {k: str(v) for k, v in data.items()}
        return {**data, "hash": telegram_widget_hash(data, self.bot_token)}

    def handle(self, request: Request):
        if request.path == "/favicon.ico":
            return 204, b"", {}
        if (
            request.path != "/auth"
            or request.query.get("bot_id") != self.bot_token.split(":")[0]
            or not request.query.get("return_to")
        ):
            return 400, {"error": "bad request"}, {}
        data, target = self.signed(), request.query["return_to"]
        if self.mode == "query":
            target += ("&" if "?" in target else "?") + urlencode(data)
        else:
            encoded = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
            target += "#tgAuthResult=" + encoded
        if self.capture:
            with self._lock:
                self.captured = target
            body = f"<html><body><p id='captured'>{html.escape(target)}</p></body></html>"
            return 200, body.encode(), {"Content-Type": "text/html; charset=utf-8"}
        return 302, b"", {"Location": target}
