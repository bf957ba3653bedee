"""A local stand-in for VK ID (OAuth 2.1 + PKCE) on 127.0.0.1 with the real endpoints and errors.

GET /authorize approves at once (as if the user pressed "Allow") and redirects back with code,
state and device_id; POST /oauth2/auth checks the PKCE verifier, client, device and redirect URI;
POST /oauth2/user_info returns the profile for a valid access token.
"""

import base64
import hashlib
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse


class FakeVkId:
    def __init__(self, client_id: str, user: dict):
        self.client_id = client_id
        self.user = user
        self.codes: dict[str, dict] = {}
        self.tokens: set[str] = set()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlparse(self.path)
                q = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path != "/authorize" or q.get("client_id") != fake.client_id \
                        or q.get("code_challenge_method") != "S256":
                    return self._json(400, {"error": "invalid_request"})
                code, device_id = secrets.token_urlsafe(16), secrets.token_urlsafe(8)
                fake.codes[code] = {"challenge": q["code_challenge"], "device_id": device_id,
                                    "redirect_uri": q["redirect_uri"], "state": q["state"]}
                target = q["redirect_uri"] + "?" + urlencode(
                    {"code": code, "state": q["state"], "device_id": device_id,
                     "type": "code_v2", "expires_in": 600})
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if self.path == "/oauth2/auth":
                    grant = fake.codes.pop(form.get("code", ""), None)
                    if grant is None or form.get("grant_type") != "authorization_code":
                        return self._json(400, {"error": "invalid_grant",
                                                "error_description": "code is invalid"})
                    digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
                    if (challenge != grant["challenge"] or form.get("client_id") != fake.client_id
                            or form.get("device_id") != grant["device_id"]
                            or form.get("redirect_uri") != grant["redirect_uri"]):
                        return self._json(400, {"error": "invalid_grant",
                                                "error_description": "pkce or client mismatch"})
                    token = secrets.token_urlsafe(24)
                    fake.tokens.add(token)
                    return self._json(200, {
                        "access_token": token, "refresh_token": secrets.token_urlsafe(24),
                        "id_token": "header.payload.sig", "token_type": "Bearer",
                        "expires_in": 3600, "user_id": int(fake.user["user_id"]),
                        "state": grant["state"], "scope": "vkid.personal_info"})
                if self.path == "/oauth2/user_info":
                    if form.get("access_token") not in fake.tokens:
                        return self._json(401, {"error": "invalid_token",
                                                "error_description": "token is invalid"})
                    return self._json(200, {"user": fake.user})
                return self._json(404, {"error": "not_found"})

        return Handler
