"""`POST /api/payments/webhook`: YooKassa notifications. 200 when handled (including duplicates
and rejected bodies, which retrying cannot fix), 400 for bodies that are not JSON, 503 when the
provider could not be asked to confirm (YooKassa delivers again later)."""

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from tochka_app import db
from tochka_app.services.billing import notifications
from tochka_app.services.billing.provider import get_provider
from tochka_app.settings import get_settings

MAX_BODY = 64 * 1024


async def payments_webhook(request: Request) -> JSONResponse:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return JSONResponse({"error": "too large"}, status_code=413)
    try:
        body = json.loads(raw)
    except ValueError:
        return JSONResponse({"error": "not json"}, status_code=400)
    provider = get_provider(get_settings())
    try:
        result = await run_in_threadpool(notifications.handle, db.session_scope, provider, body)
    except notifications.ProviderUnavailable:
        return JSONResponse({"error": "provider unavailable, retry"}, status_code=503)
    finally:
        if provider is not None:
            provider.close()
    return JSONResponse({"outcome": result.outcome, "reason": result.reason})
