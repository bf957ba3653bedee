"""`POST /api/telegram/webhook`: updates from the Telegram Bot API.

Telegram sends the secret given to setWebhook in `X-Telegram-Bot-Api-Secret-Token`; anything
without it is refused. Bot failures are logged and answered 200 so Telegram does not retry forever.
"""

import hmac
import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from tochka_app import db
from tochka_app.integrations.errors import IntegrationError
from tochka_app.services.auth import delivery, telegram_link
from tochka_app.settings import get_settings

log = logging.getLogger(__name__)


def _process(update: dict) -> str:
    settings = get_settings()
    bot = delivery.telegram_bot(settings)
    try:
        with db.session_scope() as session:
            return telegram_link.handle_update(session, bot, update)
    finally:
        bot.close()


async def telegram_webhook(request: Request) -> JSONResponse:
    settings = get_settings()
    expected = settings.telegram_webhook_secret
    given = request.headers.get("x-telegram-bot-api-secret-token", "")
    if not expected or not settings.telegram_bot_token or not hmac.compare_digest(given, expected):
        return JSONResponse({"ok": False, "error": "forbidden"}, status_code=401)
    try:
        update = await request.json()
    except ValueError:
        return JSONResponse({"ok": False, "error": "bad json"}, status_code=400)
    if not isinstance(update, dict):
        return JSONResponse({"ok": False, "error": "bad update"}, status_code=400)
    try:
        outcome = await run_in_threadpool(_process, update)
    except (IntegrationError, delivery.DeliveryError) as exc:
        log.warning("telegram webhook: bot call failed: %s", exc)
        outcome = "bot_error"
    return JSONResponse({"ok": True, "outcome": outcome})
