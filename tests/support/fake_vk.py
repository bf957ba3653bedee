"""A local stand-in for VK ID (OAuth 2.1 + PKCE) on 127.0.0.1 with the real endpoints and errors.

GET /authorize approves at once (as if the user pressed "Allow") and redirects back with code,
state and device_id; POST /oauth2/auth checks the PKCE verifier, client, device and redirect URI;
POST /oauth2/user_info returns the profile for a valid access token.
"""

import base64
import hashlib
import secrets
from urllib.parse import urlencode

from tests.support.fake_http import FakeHttpServer, Request

INVALID_GRANT = {"error": "invalid_grant", "error_description": "code is invalid or expired"}


class FakeVkId(FakeHttpServer):
    def __init__(self, client_id: str, user: dict):
        super().__init__()
        self.client_id = client_id
        self.user = user
        self.codes: dict[str, dict] = {}
        self.tokens: set[str] = set()

    def handle(self, request: Request):
        if request.method == "GET" and request.path == "/authorize":
            return self._authorize(request.query)
        form = request.form()
        if request.path == "/oauth2/auth":
            return self._token(form)
        if request.path == "/oauth2/user_info":
            if form.get("access_token") not in self.tokens:
                return 401, {"error": "invalid_token", "error_description": "token is invalid"}, {}
            return 200, {"user": self.user}, {}
        return 404, {"error": "not_found"}, {}

    def _authorize(self, q: dict):
        if q.get("client_id") != self.client_id or q.get("code_challenge_method") != "S256":
            return 400, {"error": "invalid_request"}, {}
        code, device_id = secrets.token_urlsafe(16), secrets.token_urlsafe(8)
        self.codes[code] = {
            "challenge": q["code_challenge"],
            "device_id": device_id,
            "redirect_uri": q["redirect_uri"],
            "state": q["state"],
        }
        target = (
            q["redirect_uri"]
            + "?"
            + urlencode(
                {"code": code, "state": q["state"], "device_id": device_id, "type": "code_v2"}
            )
        )
        return 302, b"", {"Location": target}

    def _token(self, form: dict):
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("grant_type") != "authorization_code":
            return 400, INVALID_GRANT, {}
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if (
            challenge != grant["challenge"]
            or form.get("client_id") != self.client_id
            or form.get("device_id") != grant["device_id"]
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return 400, {**INVALID_GRANT, "error_description": "pkce or client mismatch"}, {}
        token = secrets.token_urlsafe(24)
        self.tokens.add(token)
        return (
            200,
            {
                "access_token": token,
                "refresh_token": secrets.token_urlsafe(24),
                "id_token": "header.payload.sig",
                "token_type": "Bearer",
                "expires_in": 3600,
                "user_id": int(self.user["user_id"]),
                "state": grant["state"],
                "scope": "vkid.personal_info",
            },
            {},
        )
