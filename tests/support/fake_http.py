"""Base for local fakes of outside HTTP APIs: a threaded server on 127.0.0.1 and a port of its own.

A fake subclasses `FakeHttpServer` and implements `handle`, returning (status, body, headers);
a dict body is sent as JSON. Use it as a context manager; `url` is its base URL.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class Request:
    def __init__(self, method: str, raw_path: str, headers, body: bytes):
        parsed = urlparse(raw_path)
        self.method, self.path, self.headers, self.body = method, parsed.path, headers, body
        self.query = {k: v[0] for k, v in parse_qs(parsed.query).items()}

    def json(self) -> dict:
        return json.loads(self.body or b"{}")

    def form(self) -> dict:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}


class FakeHttpServer:
    def __init__(self):
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def handle(self, request: Request) -> tuple[int, dict | bytes, dict]:
        raise NotImplementedError

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(self.command, self.path, self.headers, self.rfile.read(length))
                status, body, headers = fake.handle(request)
                data = json.dumps(body).encode() if isinstance(body, dict) else body
                self.send_response(status)
                if isinstance(body, dict):
                    self.send_header("Content-Type", "application/json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve  # noqa: N815  the names BaseHTTPRequestHandler dispatches to

        return Handler
