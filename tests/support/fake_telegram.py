"""A local stand-in for the Telegram Bot API on 127.0.0.1, with its real response shapes.

POST /bot<token>/<method> with JSON. Records every sendMessage and serves queued getUpdates;
answers 401 for a wrong token and 403 "bot was blocked by the user" for `blocked_chats`.
Like the real API, getUpdates holds the request open for its `timeout` (seconds) while nothing is
queued, and answers 409 while a webhook is set (setWebhook / deleteWebhook).
"""

import time

from tests.support.fake_http import FakeHttpServer, Request


def _error(status: int, description: str) -> tuple[int, dict, dict]:
    return status, {"ok": False, "error_code": status, "description": description}, {}


class FakeTelegramBotApi(FakeHttpServer):
    def __init__(self, token: str):
        super().__init__()
        self.token = token
        self.sent: list[dict] = []
        self.blocked_chats: set[int] = set()
        self.fail_with_status: int | None = None  # e.g. 500 to simulate an outage
        self.updates: list[dict] = []  # served by getUpdates
        self.webhook_url = ""  # set by setWebhook; getUpdates answers 409 while set
        self.calls: list[str] = []  # every method called, in order

    def messages_to(self, chat_id: int) -> list[str]:
        with self._lock:
            return [m["text"] for m in self.sent if m["chat_id"] == chat_id]

    def handle(self, request: Request):
        prefix, _, method = request.path.lstrip("/").partition("/")
        params = request.json()
        if self.fail_with_status:
            return _error(self.fail_with_status, "Internal Server Error")
        if prefix != f"bot{self.token}":
            return _error(401, "Unauthorized")
        with self._lock:
            self.calls.append(method)
        if method == "setWebhook":
            self.webhook_url = params.get("url", "")
            return 200, {"ok": True, "result": True, "description": "Webhook was set"}, {}
        if method == "deleteWebhook":
            self.webhook_url = ""
            return 200, {"ok": True, "result": True, "description": "Webhook was deleted"}, {}
        if method == "getUpdates":
            if self.webhook_url:
                return _error(
                    409,
                    "Conflict: can't use getUpdates method while webhook is "
                    "active; use deleteWebhook to delete the webhook first",
                )
            offset = params.get("offset") or 0
            deadline = time.monotonic() + float(params.get("timeout") or 0)
            while True:  # long poll: wait for updates up to `timeout` seconds
                pending = [u for u in self.updates if u["update_id"] >= offset]
                if pending or time.monotonic() >= deadline:
                    return 200, {"ok": True, "result": pending}, {}
                time.sleep(0.05)
        if method != "sendMessage":
            return _error(404, "Not Found")
        if params.get("chat_id") in self.blocked_chats:
            return _error(403, "Forbidden: bot was blocked by the user")
        with self._lock:
            self.sent.append(params)
            message_id = len(self.sent)
        return (
            200,
            {
                "ok": True,
                "result": {
                    "message_id": message_id,
                    "chat": {"id": params.get("chat_id")},
                    "text": params.get("text"),
                },
            },
            {},
        )
