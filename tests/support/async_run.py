"""Run a coroutine to its end from synchronous test code.

Playwright's sync API keeps an event loop running in the main thread once the e2e tests have
started, and `asyncio.run` refuses to start inside it; the unit tests that follow in the same
pytest process run their coroutines on a loop of their own in a short-lived thread instead.
"""

import asyncio
import contextvars
from concurrent.futures import ThreadPoolExecutor


def run_async(awaitable):
    async def wrapper():
        return await awaitable

    context = contextvars.copy_context()  # Reflex keeps its state registry in a context variable
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(context.run, asyncio.run, wrapper()).result()
