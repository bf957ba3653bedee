"""Modules' background jobs (`ModuleManifest.jobs`) as one Reflex lifespan task per worker:
each job runs in a thread every `every_seconds`; a failure is logged and retried on the next
turn. Jobs are written to be safe when several workers run them at once (row locks)."""

import asyncio
import logging
import time

from tochka_app import db
from tochka_app.modules import registry
from tochka_app.modules.sdk import Job
from tochka_app.settings import get_settings

log = logging.getLogger(__name__)


def due_jobs(jobs: list[Job], last_run: dict[str, float], now: float) -> list[Job]:
    return [j for j in jobs if now - last_run.get(j.name, float("-inf")) >= j.every_seconds]


async def module_jobs_loop() -> None:
    if not get_settings().module_jobs_enabled:
        return
    jobs = [job for m in registry.manifests().values() for job in m.jobs]
    if not jobs:
        return
    last_run: dict[str, float] = {}
    while True:
        for job in due_jobs(jobs, last_run, time.monotonic()):
            last_run[job.name] = time.monotonic()
            try:
                if done := await asyncio.to_thread(job.run, db.session_scope):
                    log.info("%s: %s", job.name, done)
            except Exception:  # keep the loop alive; the next turn retries
                log.exception("%s failed", job.name)
        await asyncio.sleep(min(j.every_seconds for j in jobs))
