"""A local YooKassa: the v3 payments/refunds API (Basic auth, Idempotence-Key, error bodies as the
real API sends them) plus a checkout page where a person presses "Pay" or "Decline". Either button
sends the notification to the app's webhook, then returns the buyer to `return_url`.

    .venv/bin/python -m tochka_app.cli fake-yookassa      # http://127.0.0.1:8090

Tests start it in a thread (`with FakeYooKassa(...) as fake:`) and can make the next POSTs fail
with 500 (`fail_next`) or hang (`slow_next`) to exercise retries and timeouts.
"""

import base64
import contextlib
import html
import itertools
import socket
import threading
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route


def _error(status: int, code: str, description: str) -> JSONResponse:
    return JSONResponse(
        {"type": "error", "id": str(uuid.uuid4()), "code": code, "description": description},
        status_code=status,
    )


def _receipt_problem(body: dict) -> str | None:
    """What YooKassa answers 400 for in a 54-FZ receipt: no customer contact, an item without its
    fields or with a price or quantity not above zero, over 100 items, or items that do not add
    up to the payment's amount."""
    receipt = body.get("receipt")
    if receipt is None:
        return None
    customer = receipt.get("customer") or {}
    items = receipt.get("items") or []
    problem = (
        None
        if customer.get("phone") or customer.get("email")
        else "receipt.customer: phone or email is required"
    )
    total = Decimal(0)
    for item in items:
        try:
            quantity = Decimal(str(item["quantity"]))
            price = Decimal(str(item["amount"]["value"]))
            int(item["vat_code"])
            str(item["description"])[:128]
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return "receipt.items: description, quantity, amount and vat_code are required"
        if price <= 0 or quantity <= 0:
            problem = problem or "receipt.items: amount and quantity must be positive"
        total += price * quantity
    if len(items) > 100:
        problem = problem or "receipt.items: at most 100 items"
    if not items or total != Decimal(str(body["amount"]["value"])):
        problem = problem or "receipt.items: the sum of the items does not match the payment amount"
    return problem


class FakeYooKassa:
    def __init__(
        self,
        shop_id: str,
        secret_key: str,
        webhook_url: str | None = None,
        port: int = 0,
        public_url: str | None = None,
    ):
        # Every shop (account) the fake knows: the platform's own and, like real YooKassa, any
        # tenant's, each with its key and the notification URL set in its dashboard.
        self.accounts: dict[str, tuple[str, str | None]] = {}
        self.add_account(shop_id, secret_key, webhook_url)
        self.port = port or self._free_port()
        self.url = public_url or f"http://127.0.0.1:{self.port}"
        self.payments: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.saved_methods: dict[str, bool] = {}  # method id -> renewals succeed?
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, idempotence key)
        self.fail_next = (
            0  # answer the next N POSTs with 500 (after doing the work, like a lost reply)
        )
        self.slow_next = 0.0  # sleep this long before the next answer (timeouts)
        self._answers: dict[str, tuple[int, dict]] = {}  # idempotence key -> stored answer
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server: uvicorn.Server | None = None
        self.app = Starlette(
            routes=[
                Route("/v3/payments", self._create_payment, methods=["POST"]),
                Route("/v3/payments/{id}", self._get_payment, methods=["GET"]),
                Route("/v3/refunds", self._create_refund, methods=["POST"]),
                Route("/v3/refunds/{id}", self._get_refund, methods=["GET"]),
                Route("/v3/me", self._me, methods=["GET"]),
                Route("/checkout/{id}", self._checkout, methods=["GET"]),
                Route("/checkout/{id}/{action}", self._decide, methods=["POST"]),
            ]
        )

    def add_account(self, shop_id: str, secret_key: str, webhook_url: str | None = None) -> None:
        """Another shop: its own key; its payments are invisible to every other shop."""
        self.accounts[shop_id] = (secret_key, webhook_url)

    @staticmethod
    def _free_port() -> int:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    # --- API ---
    def _caller(self, request: Request) -> str | None:
        """The shop whose credentials the request carries, or None."""
        header = request.headers.get("authorization", "")
        try:
            shop_id, _, secret = (
                base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")
            )
        except ValueError:
            return None
        known = self.accounts.get(shop_id)
        return shop_id if header.startswith("Basic ") and known and known[0] == secret else None

    def _own_payment(self, request: Request, payment_id: str) -> dict | None:
        payment = self.payments.get(payment_id)
        return payment if payment and payment["_shop"] == self._caller(request) else None

    async def _guard(self, request: Request) -> Response | None:
        self.requests.append(
            (request.method, request.url.path, request.headers.get("idempotence-key"))
        )
        if self.slow_next:
            delay, self.slow_next = self.slow_next, 0.0
            time.sleep(delay)
        if self._caller(request) is None:
            return _error(401, "invalid_credentials", "Basic authentication failed")
        return None

    def _stored_or_run(self, key: str, work) -> Response:
        with self._lock:
            if key not in self._answers:
                self._answers[key] = work()
            status, body = self._answers[key]
            if self.fail_next:
                self.fail_next -= 1
                return _error(500, "internal_server_error", "Internal server error")
        return JSONResponse(body, status_code=status)

    async def _create_payment(self, request: Request) -> Response:
        if (denied := await self._guard(request)) is not None:
            return denied
        key = request.headers.get("idempotence-key")
        if not key:
            return _error(400, "invalid_request", "Idempotence-Key header is required")
        try:
            body = await request.json()
            value = body["amount"]["value"]
        except (ValueError, KeyError, TypeError):
            return _error(400, "invalid_request", "amount is required")
        method_id = body.get("payment_method_id")
        if method_id and method_id not in self.saved_methods:
            return _error(400, "invalid_request", "payment_method_id is not saved")
        confirmation = body.get("confirmation") or {}
        if (problem := _receipt_problem(body)) is not None:
            return _error(400, "invalid_request", problem)

        def work():
            payment_id = f"fake-{next(self._ids):06d}-{uuid.uuid4().hex[:8]}"
            payment = {
                "id": payment_id,
                "status": "pending",
                "paid": False,
                "amount": {"value": value, "currency": body["amount"].get("currency", "RUB")},
                "description": body.get("description", ""),
                "metadata": body.get("metadata", {}),
                "created_at": datetime.now(UTC).isoformat(),
                "test": True,
                "refundable": False,
                "_return_url": confirmation.get("return_url"),
                "_shop": self._caller(request),
                "_receipt": bool(body.get("receipt")),
                "_save": bool(body.get("save_payment_method")),
            }
            if method_id:  # a renewal: decided at once, as a saved card is charged directly
                ok = self.saved_methods[method_id]
                payment["payment_method"] = {
                    "type": "bank_card",
                    "id": method_id,
                    "saved": True,
                    "title": "Bank card *4444",
                }
                self._settle(payment, ok)
                self._notify_later(f"payment.{payment['status']}", payment, payment["_shop"])
            else:
                payment["confirmation"] = {
                    "type": "redirect",
                    "confirmation_url": f"{self.url}/checkout/{payment_id}",
                }
            self.payments[payment_id] = payment
            return 200, self._public(payment)

        response = self._stored_or_run(key, work)
        return response

    def _public(self, payment: dict) -> dict:
        return {k: v for k, v in payment.items() if not k.startswith("_")}

    async def _get_payment(self, request: Request) -> Response:
        if (denied := await self._guard(request)) is not None:
            return denied
        payment = self._own_payment(request, request.path_params["id"])
        if payment is None:
            return _error(404, "not_found", "Payment not found")
        return JSONResponse(self._public(payment))

    async def _create_refund(self, request: Request) -> Response:
        """A refund of a succeeded payment, whole or in part, never more than is left of it; a
        payment made with a receipt needs a refund receipt whose items add up to the refund."""
        if (denied := await self._guard(request)) is not None:
            return denied
        key = request.headers.get("idempotence-key")
        body = await request.json()
        payment = self._own_payment(request, body.get("payment_id", ""))
        if not key or payment is None or payment["status"] != "succeeded":
            return _error(400, "invalid_request", "payment cannot be refunded")
        try:
            amount = Decimal(str(body["amount"]["value"]))
        except (KeyError, TypeError, ArithmeticError, ValueError):
            return _error(400, "invalid_request", "amount is required")
        refunded = sum(
            (
                Decimal(r["amount"]["value"])
                for r in self.refunds.values()
                if r["payment_id"] == payment["id"] and r["status"] == "succeeded"
            ),
            Decimal(0),
        )
        if amount <= 0 or refunded + amount > Decimal(payment["amount"]["value"]):
            return _error(400, "invalid_request", "refund amount exceeds what is left to refund")
        if payment.get("_receipt") and (
            problem := _receipt_problem(body) if body.get("receipt") else "receipt is required"
        ):
            return _error(400, "invalid_request", problem)

        def work():
            refund = {
                "id": f"refund-{next(self._ids):06d}",
                "_shop": payment["_shop"],
                "payment_id": payment["id"],
                "status": "succeeded",
                "amount": body["amount"],
                "created_at": datetime.now(UTC).isoformat(),
            }
            self.refunds[refund["id"]] = refund
            self._notify_later("refund.succeeded", refund, payment["_shop"])
            return 200, self._public(refund)

        return self._stored_or_run(key, work)

    async def _me(self, request: Request) -> Response:
        """Who the credentials belong to (YooKassa's GET /v3/me)."""
        if denied := await self._guard(request):
            return denied
        return JSONResponse(
            {
                "account_id": self._caller(request),
                "status": "enabled",
                "test": True,
                "fiscalization_enabled": True,
                "payment_methods": ["bank_card", "sbp"],
            }
        )

    async def _get_refund(self, request: Request) -> Response:
        if (denied := await self._guard(request)) is not None:
            return denied
        refund = self.refunds.get(request.path_params["id"])
        if refund is None or refund["_shop"] != self._caller(request):
            return _error(404, "not_found", "Refund not found")
        return JSONResponse(self._public(refund))

    # --- the buyer's side ---
    async def _checkout(self, request: Request) -> Response:
        payment = self.payments.get(request.path_params["id"])
        if payment is None:
            return HTMLResponse("<h1>Платёж не найден</h1>", status_code=404)
        pid = html.escape(payment["id"])
        done = payment["status"] != "pending"
        return HTMLResponse(
            "<!doctype html><html lang=ru><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width,initial-scale=1'>"
            "<link rel=icon href='data:,'>"  # no /favicon.ico request (a 404 in the console)
            "<title>Тестовая оплата</title><body style='font-family:system-ui;max-width:420px;"
            "margin:10vh auto;padding:0 16px'>"
            "<p style='color:#a15c00'>Тестовый платёжный шлюз (не YooKassa): деньги не списываются.</p>"
            f"<h1 id=checkout-amount>{html.escape(payment['amount']['value'])} ₽</h1>"
            f"<p id=checkout-description>{html.escape(payment['description'])}</p>"
            + (
                "<p id=checkout-done>Платёж уже обработан.</p>"
                if done
                else f"<form method=post action='/checkout/{pid}/pay'><button id=pay "
                "style='font-size:18px;padding:10px 24px'>Оплатить картой *4444</button></form><br>"
                f"<form method=post action='/checkout/{pid}/decline'><button id=decline>"
                "Отклонить (нет средств)</button></form>"
            )
            + "</body></html>"
        )

    def _settle(self, payment: dict, ok: bool) -> None:
        if ok:
            payment.update(
                status="succeeded",
                paid=True,
                refundable=True,
                captured_at=datetime.now(UTC).isoformat(),
            )
            if payment.pop("_save", False):
                method_id = f"pm-{uuid.uuid4().hex[:12]}"
                self.saved_methods[method_id] = True
                payment["payment_method"] = {
                    "type": "bank_card",
                    "id": method_id,
                    "saved": True,
                    "title": "Bank card *4444",
                }
        else:
            payment.update(
                status="canceled",
                cancellation_details={"party": "payment_network", "reason": "insufficient_funds"},
            )

    async def _decide(self, request: Request) -> Response:
        payment = self.payments.get(request.path_params["id"])
        action = request.path_params["action"]
        if payment is None or action not in ("pay", "decline"):
            return HTMLResponse("not found", status_code=404)
        if payment["status"] == "pending":
            self._settle(payment, action == "pay")
            # Delivered before the buyer returns (in a thread: the app calls back to re-check).
            await run_in_threadpool(
                self.notify, f"payment.{payment['status']}", self._public(payment), payment["_shop"]
            )
        return RedirectResponse(payment.get("_return_url") or self.url, status_code=303)

    def decide(self, payment_id: str, pay: bool) -> dict:
        """What the buyer's button does, without the browser (for tests)."""
        payment = self.payments[payment_id]
        if payment["status"] == "pending":
            self._settle(payment, pay)
        return self._public(payment)

    def _notify_later(self, event: str, obj: dict, shop_id: str) -> None:
        args = (event, self._public(obj), shop_id)
        threading.Thread(target=self.notify, args=args, daemon=True).start()

    def notify(self, event: str, obj: dict, shop_id: str | None = None) -> None:
        """Send a notification as YooKassa does, to the URL set for that shop (the first shop's
        when none is named); the receiver must re-check it."""
        _, webhook_url = self.accounts.get(shop_id or next(iter(self.accounts)), ("", None))
        if not webhook_url:
            return
        # YooKassa retries later; the return page re-checks the payment anyway
        with contextlib.suppress(httpx.HTTPError):
            httpx.post(
                webhook_url,
                json={"type": "notification", "event": event, "object": obj},
                timeout=10,
            )

    # --- running it ---
    def __enter__(self):
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        threading.Thread(target=self._server.run, daemon=True).start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        if self._server:
            self._server.should_exit = True
