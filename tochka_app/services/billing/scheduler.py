"""The renewal pass as a Reflex lifespan task: every BILLING_TICK_SECONDS in each worker; the
pass itself is safe to run concurrently (see renewal.py)."""

import asyncio
import logging
from datetime import timedelta

from tochka_app import db
from tochka_app.services.billing import renewal
from tochka_app.services.billing.provider import get_provider
from tochka_app.services.billing.reminders import Reminder
from tochka_app.settings import get_settings

log = logging.getLogger(__name__)


def _tick() -> dict:
    settings = get_settings()
    provider = get_provider(settings)
    try:
        return renewal.run_once(
            db.session_scope,
            provider,
            timedelta(days=settings.billing_grace_days),
            remind=Reminder(settings),
        )
    finally:
        if provider is not None:
            provider.close()


async def billing_loop() -> None:
    seconds = get_settings().billing_tick_seconds
    if seconds <= 0:
        return
    while True:
        try:
            counts = await asyncio.to_thread(_tick)
            if counts:
                log.info("billing pass: %s", counts)
        except Exception:  # keep the loop alive; the next tick retries
            log.exception("billing pass failed")
        await asyncio.sleep(seconds)
