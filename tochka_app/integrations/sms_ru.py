"""SMS.ru HTTP API client: https://sms.ru/api/send (api_id, JSON answers)."""

import httpx

from tochka_app.integrations.errors import IntegrationError


class SmsRu:
    def __init__(
        self,
        api_id: str,
        base_url: str = "https://sms.ru",
        sender: str | None = None,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ):
        self._api_id = api_id
        self._sender = sender
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=timeout, transport=transport
        )

    def send(self, phone: str, text: str) -> str:
        """Returns the provider's sms_id. Phone in E.164; SMS.ru wants digits only."""
        to = phone.lstrip("+")
        params = {"api_id": self._api_id, "to": to, "msg": text, "json": 1}
        if self._sender:
            params["from"] = self._sender
        try:
            response = self._client.post("/sms/send", data=params)
        except httpx.HTTPError as exc:
            raise IntegrationError("network", str(exc)) from exc
        if response.status_code >= 400:
            raise IntegrationError("http_error", response.text[:200], response.status_code)
        try:
            body = response.json()
        except ValueError as exc:
            raise IntegrationError(
                "bad_response", response.text[:200], response.status_code
            ) from exc
        if body.get("status") != "OK":
            raise IntegrationError(
                "api_error", body.get("status_text", ""), body.get("status_code")
            )
        item = (body.get("sms") or {}).get(to) or {}
        if item.get("status") != "OK":
            raise IntegrationError("rejected", item.get("status_text", ""), item.get("status_code"))
        return str(item.get("sms_id", ""))

    def close(self) -> None:
        self._client.close()
