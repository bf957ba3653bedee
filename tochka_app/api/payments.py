"""`POST /api/payments/webhook`: YooKassa notifications. 200 when handled (including duplicates
and rejected bodies, which retrying cannot fix), 400 for bodies that are not JSON, 503 when the
provider could not be asked to confirm (YooKassa delivers again later).

Before anything is read or written: 403 for an address outside YOOKASSA_NOTIFY_ALLOWLIST (when
set) and 429 for an address over PAYMENTS_WEBHOOK_PER_MINUTE, so a flood writes no rows and makes
no outbound calls."""

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from tochka_app import db
from tochka_app.api.client_address import request_ip
from tochka_app.services.billing import notifications
from tochka_app.services.billing.provider import get_provider
from tochka_app.services.client_address import is_trusted, parse_networks
from tochka_app.services.rate_limit import RateLimiter
from tochka_app.settings import get_settings

MAX_BODY = 64 * 1024
# YooKassa's published notification addresses, for YOOKASSA_NOTIFY_ALLOWLIST.
YOOKASSA_NOTIFY_ALLOWLIST_PUBLISHED = (
    "185.71.76.0/27",
    "185.71.77.0/27",
    "77.75.153.0/25",
    "77.75.156.11",
    "77.75.156.35",
    "77.75.154.128/25",
    "2a02:5180::/32",
)
_limiters: dict[int, RateLimiter] = {}


def limiter(per_minute: int) -> RateLimiter:
    if per_minute not in _limiters:
        _limiters[per_minute] = RateLimiter(per_minute, 60.0)
    return _limiters[per_minute]


def admit(ip: str | None) -> JSONResponse | None:
    """The refusal for this address, or None when its notification may be processed."""
    settings = get_settings()
    allowlist = parse_networks(tuple(settings.yookassa_notify_allowlist))
    if allowlist:
        if not is_trusted(ip, allowlist):
            return JSONResponse({"error": "forbidden"}, status_code=403)
        return None  # the provider's own addresses are not throttled
    per_minute = settings.payments_webhook_per_minute
    if per_minute > 0 and not limiter(per_minute).allow(ip or "?"):
        return JSONResponse(
            {"error": "too many requests"}, status_code=429, headers={"Retry-After": "60"}
        )
    return None


async def read_notification(request: Request) -> dict | JSONResponse:
    """The JSON body of a YooKassa notification, or the refusal to answer with (address not
    allowed or over the limit, too large, not JSON). The platform's webhook and every shop's
    own notification URL read their bodies here."""
    if (refused := admit(request_ip(request))) is not None:
        return refused
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return JSONResponse({"error": "too large"}, status_code=413)
    try:
        body = json.loads(raw)
    except ValueError:
        return JSONResponse({"error": "not json"}, status_code=400)
    return body if isinstance(body, dict) else JSONResponse({"error": "not an object"}, 400)


async def payments_webhook(request: Request) -> JSONResponse:
    body = await read_notification(request)
    if isinstance(body, JSONResponse):
        return body
    provider = get_provider(get_settings())
    try:
        result = await run_in_threadpool(notifications.handle, db.session_scope, provider, body)
    except notifications.ProviderUnavailableError:
        return JSONResponse({"error": "provider unavailable, retry"}, status_code=503)
    finally:
        if provider is not None:
            provider.close()
    return JSONResponse({"outcome": result.outcome, "reason": result.reason})
