"""VK ID client (OAuth 2.1 authorization code + PKCE): https://id.vk.com/about/business/go/docs

authorize: GET {base}/authorize; token: POST {base}/oauth2/auth; profile: POST {base}/oauth2/user_info.
"""

from urllib.parse import urlencode

import httpx

from tochka_app.integrations.errors import IntegrationError


class VkId:
    def __init__(
        self,
        client_id: str,
        base_url: str = "https://id.vk.com",
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ):
        self.client_id = client_id
        self.base_url = base_url.rstrip("/")
        self._client = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)

    def authorize_url(
        self, redirect_uri: str, state: str, code_challenge: str, scope: str = "vkid.personal_info"
    ) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "state": state,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
                "scope": scope,
            }
        )
        return f"{self.base_url}/authorize?{query}"

    def _post(self, path: str, data: dict) -> dict:
        try:
            response = self._client.post(path, data=data)
        except httpx.HTTPError as exc:
            raise IntegrationError("network", str(exc)) from exc
        try:
            body = response.json()
        except ValueError as exc:
            raise IntegrationError(
                "bad_response", response.text[:200], response.status_code
            ) from exc
        if response.status_code >= 400 or "error" in body:
            raise IntegrationError(
                body.get("error", "http_error"),
                body.get("error_description", ""),
                response.status_code,
            )
        return body

    def exchange_code(
        self, code: str, code_verifier: str, device_id: str, redirect_uri: str, state: str
    ) -> dict:
        return self._post(
            "/oauth2/auth",
            {
                "grant_type": "authorization_code",
                "code": code,
                "code_verifier": code_verifier,
                "client_id": self.client_id,
                "device_id": device_id,
                "redirect_uri": redirect_uri,
                "state": state,
            },
        )

    def user_info(self, access_token: str) -> dict:
        return self._post(
            "/oauth2/user_info", {"client_id": self.client_id, "access_token": access_token}
        )["user"]

    def close(self) -> None:
        self._client.close()
