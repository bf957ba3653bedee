"""Run a coroutine to its end from synchronous test code.

Playwright's sync API keeps an event loop running in the main thread once the e2e tests have
started, and `asyncio.run` refuses to start inside it; the unit tests that follow in the same
pytest process run their coroutines on a loop of their own in a short-lived thread instead.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run_async(awaitable):
    async def wrapper():
        return await awaitable

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, wrapper()).result()
