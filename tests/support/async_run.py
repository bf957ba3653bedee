"""Run a coroutine to its end from synchronous test code.

Playwright's sync API keeps an event loop running in the main thread once the e2e tests have
started, and `asyncio.run` refuses to start inside it; the unit tests that follow in the same
pytest process run their coroutines on a loop of their own in a short-lived thread instead.
"""

import asyncio
import contextvars
import inspect
from concurrent.futures import ThreadPoolExecutor


def run_async(awaitable):
    async def wrapper():
        return await awaitable

    context = contextvars.copy_context()  # Reflex keeps its state registry in a context variable
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(context.run, asyncio.run, wrapper()).result()


def finish(result):
    """What calling an event handler returned, run to its end: awaited if it is a coroutine,
    exhausted (as a list of its events) if it is a generator."""
    if inspect.isawaitable(result):
        result = run_async(result)
    if inspect.isgenerator(result):
        result = list(result)
    return result
