"""YooKassa API v3 client (https://yookassa.ru/developers/api): Basic auth with shop id and
secret key, an `Idempotence-Key` on every POST, retries of 5xx / timeouts with the same key."""

import time
from dataclasses import dataclass
from decimal import Decimal

import httpx

from tochka_app.integrations.errors import IntegrationError

RETRY_DELAYS_S = (0.3, 1.0)  # then give up: 3 attempts in all


@dataclass
class ProviderPayment:
    id: str
    status: str  # pending | waiting_for_capture | succeeded | canceled
    amount_kopecks: int
    currency: str
    confirmation_url: str | None
    metadata: dict
    method_id: str | None  # set when the provider saved the method for later charges
    method_title: str
    cancel_reason: str | None


@dataclass
class ProviderRefund:
    id: str
    payment_id: str
    status: str
    amount_kopecks: int


@dataclass(frozen=True)
class ShopAccount:
    account_id: str
    status: str  # "enabled" | "disabled"
    test: bool
    fiscalization_enabled: bool


def _kopecks(amount: dict) -> int:
    return int(Decimal(str(amount["value"])) * 100)


def rubles(kopecks: int) -> str:
    return f"{kopecks // 100}.{kopecks % 100:02d}"


def _method_title(method: dict) -> str:
    """The provider's title of a saved method; without one, the card's brand and last digits
    ("Mir *4444"), else "" (the billing page then says "Bank card")."""
    title = str(method.get("title") or "").strip()
    if title:
        return title[:100]
    card = method.get("card") or {}
    brand = str(card.get("card_type") or "")
    last4 = str(card.get("last4") or "")
    parts = [brand if brand and brand != "Unknown" else "", f"*{last4}" if last4 else ""]
    return " ".join(p for p in parts if p)[:100]


def parse_payment(body: dict) -> ProviderPayment:
    try:
        method = body.get("payment_method") or {}
        return ProviderPayment(
            id=str(body["id"]),
            status=str(body["status"]),
            amount_kopecks=_kopecks(body["amount"]),
            currency=str(body["amount"].get("currency", "")),
            confirmation_url=(body.get("confirmation") or {}).get("confirmation_url"),
            metadata=dict(body.get("metadata") or {}),
            method_id=str(method["id"]) if method.get("saved") and method.get("id") else None,
            method_title=_method_title(method),
            cancel_reason=(body.get("cancellation_details") or {}).get("reason"),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise IntegrationError("bad_response", str(body)[:200]) from exc


class YooKassa:
    def __init__(
        self,
        shop_id: str,
        secret_key: str,
        base_url: str = "https://api.yookassa.ru/v3",
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        sleep=time.sleep,
    ):
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            auth=(shop_id, secret_key),
            transport=transport,
        )
        self._sleep = sleep

    def _request(
        self,
        method: str,
        path: str,
        *,
        json: dict | None = None,
        idempotence_key: str | None = None,
    ) -> dict:
        headers = {"Idempotence-Key": idempotence_key} if idempotence_key else {}
        last: IntegrationError | None = None
        for delay in (*RETRY_DELAYS_S, None):
            try:
                response = self._client.request(method, path, json=json, headers=headers)
            except httpx.TimeoutException as exc:
                last = IntegrationError("timeout", str(exc))
            except httpx.HTTPError as exc:
                last = IntegrationError("network", str(exc))
            else:
                if response.status_code < 300:
                    try:
                        return response.json()
                    except ValueError as exc:
                        raise IntegrationError(
                            "bad_response", response.text[:200], response.status_code
                        ) from exc
                if response.status_code == 401:
                    raise IntegrationError("unauthorized", response.text[:200], 401)
                if response.status_code < 500 and response.status_code != 429:
                    raise IntegrationError("api_error", response.text[:200], response.status_code)
                last = IntegrationError("server_error", response.text[:200], response.status_code)
            if delay is None or (method == "POST" and not idempotence_key):
                break  # a POST without a key is never repeated
            self._sleep(delay)
        assert last is not None  # every attempt that did not return set it
        raise last

    def create_payment(
        self,
        *,
        amount_kopecks: int,
        description: str,
        metadata: dict,
        idempotence_key: str,
        return_url: str | None = None,
        save_payment_method: bool = False,
        payment_method_id: str | None = None,
        receipt: dict | None = None,
    ) -> ProviderPayment:
        """A redirect payment (return_url) or a charge of a saved method (payment_method_id);
        `receipt`: the 54-FZ receipt YooKassa registers with the shop's fiscal service."""
        body: dict = {
            "amount": {"value": rubles(amount_kopecks), "currency": "RUB"},
            "capture": True,
            "description": description[:128],
            "metadata": {k: str(v) for k, v in metadata.items()},
        }
        if receipt is not None:
            body["receipt"] = receipt
        if payment_method_id:
            body["payment_method_id"] = payment_method_id
        else:
            body["confirmation"] = {"type": "redirect", "return_url": return_url}
            body["save_payment_method"] = save_payment_method
        return parse_payment(
            self._request("POST", "/payments", json=body, idempotence_key=idempotence_key)
        )

    def me(self) -> ShopAccount:
        """Who these credentials belong to (`GET /v3/me`): the "check connection" button."""
        body = self._request("GET", "/me")
        try:
            return ShopAccount(
                str(body["account_id"]),
                str(body.get("status", "")),
                bool(body.get("test", False)),
                bool(body.get("fiscalization_enabled", False)),
            )
        except (KeyError, TypeError) as exc:
            raise IntegrationError("bad_response", str(body)[:200]) from exc

    def get_payment(self, payment_id: str) -> ProviderPayment:
        return parse_payment(self._request("GET", f"/payments/{payment_id}"))

    def get_refund(self, refund_id: str) -> ProviderRefund:
        body = self._request("GET", f"/refunds/{refund_id}")
        try:
            return ProviderRefund(
                str(body["id"]),
                str(body["payment_id"]),
                str(body["status"]),
                _kopecks(body["amount"]),
            )
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise IntegrationError("bad_response", str(body)[:200]) from exc

    def create_refund(
        self,
        *,
        payment_id: str,
        amount_kopecks: int,
        idempotence_key: str,
        receipt: dict | None = None,
    ) -> ProviderRefund:
        """A refund of (part of) a payment; `receipt` is the 54-FZ refund receipt of what goes
        back (required when the payment had one)."""
        body = self._request(
            "POST",
            "/refunds",
            idempotence_key=idempotence_key,
            json={
                "payment_id": payment_id,
                "amount": {"value": rubles(amount_kopecks), "currency": "RUB"},
            }
            | ({"receipt": receipt} if receipt else {}),
        )
        return ProviderRefund(
            str(body["id"]), str(body["payment_id"]), str(body["status"]), _kopecks(body["amount"])
        )

    def close(self) -> None:
        self._client.close()
