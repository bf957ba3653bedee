"""A local stand-in for the Telegram Bot API on 127.0.0.1, with its real response shapes.

POST /bot<token>/<method> with JSON. Records every sendMessage; answers 401 for a wrong token and
403 "bot was blocked by the user" for chats in `blocked_chats`, like the real API.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeTelegramBotApi:
    def __init__(self, token: str):
        self.token = token
        self.sent: list[dict] = []
        self.blocked_chats: set[int] = set()
        self.fail_with_status: int | None = None  # e.g. 500 to simulate an outage
        self.updates: list[dict] = []  # served by getUpdates
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def messages_to(self, chat_id: int) -> list[str]:
        with self._lock:
            return [m["text"] for m in self.sent if m["chat_id"] == chat_id]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                params = json.loads(self.rfile.read(length) or b"{}")
                prefix, _, method = self.path.lstrip("/").partition("/")
                if fake.fail_with_status:
                    return self._answer(fake.fail_with_status, {
                        "ok": False, "error_code": fake.fail_with_status,
                        "description": "Internal Server Error"})
                if prefix != f"bot{fake.token}":
                    return self._answer(401, {"ok": False, "error_code": 401,
                                              "description": "Unauthorized"})
                if method == "getUpdates":
                    offset = params.get("offset") or 0
                    return self._answer(200, {"ok": True, "result": [
                        u for u in fake.updates if u["update_id"] >= offset]})
                if method != "sendMessage":
                    return self._answer(404, {"ok": False, "error_code": 404,
                                              "description": "Not Found"})
                if params.get("chat_id") in fake.blocked_chats:
                    return self._answer(403, {"ok": False, "error_code": 403,
                                              "description": "Forbidden: bot was blocked by the user"})
                with fake._lock:
                    fake.sent.append(params)
                    message_id = len(fake.sent)
                return self._answer(200, {"ok": True, "result": {
                    "message_id": message_id, "chat": {"id": params.get("chat_id")},
                    "text": params.get("text")}})

        return Handler
