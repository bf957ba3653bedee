"""Telegram Gateway API client: https://core.telegram.org/gateway/api (Bearer token)."""

import httpx

from tochka_app.integrations.errors import IntegrationError


class TelegramGateway:
    def __init__(
        self,
        token: str,
        base_url: str = "https://gatewayapi.telegram.org",
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ):
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            headers={"Authorization": f"Bearer {token}"},
        )

    def _call(self, method: str, **params) -> dict:
        try:
            response = self._client.post(f"/{method}", json=params)
        except httpx.HTTPError as exc:
            raise IntegrationError("network", str(exc)) from exc
        try:
            body = response.json()
        except ValueError as exc:
            raise IntegrationError(
                "bad_response", response.text[:200], response.status_code
            ) from exc
        if not body.get("ok"):
            raise IntegrationError("api_error", body.get("error", ""), response.status_code)
        return body["result"]

    def send_verification_message(self, phone: str, code: str, ttl: int) -> str:
        """Sends our own code; returns the request_id used to report the outcome."""
        result = self._call("sendVerificationMessage", phone_number=phone, code=code, ttl=ttl)
        return result["request_id"]

    def check_verification_status(self, request_id: str, code: str) -> str:
        result = self._call("checkVerificationStatus", request_id=request_id, code=code)
        return (result.get("verification_status") or {}).get("status", "")

    def close(self) -> None:
        self._client.close()
