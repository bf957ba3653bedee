"""Telegram Bot API client: https://core.telegram.org/bots/api (POST /bot<token>/<method>)."""

from typing import Any

import httpx

from tochka_app.integrations.errors import IntegrationError

# getUpdates holds the request open up to its `timeout`; the HTTP read must wait longer than that.
LONG_POLL_MARGIN_S = 15.0


class TelegramBotError(IntegrationError):
    @property
    def bot_blocked(self) -> bool:
        return self.status == 403

    @property
    def webhook_conflict(self) -> bool:
        """409 from getUpdates: a webhook is set, so long polling is refused."""
        return self.status == 409


class TelegramBot:
    def __init__(
        self,
        token: str,
        base_url: str = "https://api.telegram.org",
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ):
        self._client = httpx.Client(
            base_url=f"{base_url.rstrip('/')}/bot{token}", timeout=timeout, transport=transport
        )

    def call(self, method: str, *, http_timeout: float | None = None, **params):
        timeout = httpx.USE_CLIENT_DEFAULT if http_timeout is None else http_timeout
        try:
            response = self._client.post(f"/{method}", json=params, timeout=timeout)
        except httpx.HTTPError as exc:
            raise TelegramBotError("network", str(exc)) from exc
        try:
            body = response.json()
        except ValueError as exc:
            raise TelegramBotError(
                "bad_response", response.text[:200], response.status_code
            ) from exc
        if not body.get("ok"):
            raise TelegramBotError(
                "api_error",
                body.get("description", ""),
                body.get("error_code", response.status_code),
            )
        return body.get("result")

    def send_message(self, chat_id: int, text: str, reply_markup: dict | None = None) -> dict:
        params: dict[str, Any] = {"chat_id": chat_id, "text": text}  # JSON
        if reply_markup is not None:
            params["reply_markup"] = reply_markup
        return self.call("sendMessage", **params)

    def get_updates(self, offset: int | None = None, timeout: int = 25) -> list[dict]:
        params: dict[str, Any] = {"timeout": timeout, "allowed_updates": ["message"]}  # JSON
        if offset is not None:
            params["offset"] = offset
        return self.call("getUpdates", http_timeout=timeout + LONG_POLL_MARGIN_S, **params)

    def delete_webhook(self) -> bool:
        """Needed before long polling: while a webhook is set, getUpdates answers 409."""
        return self.call("deleteWebhook", drop_pending_updates=False)

    def set_webhook(self, url: str, secret_token: str) -> bool:
        return self.call(
            "setWebhook", url=url, secret_token=secret_token, allowed_updates=["message"]
        )

    def close(self) -> None:
        self._client.close()
