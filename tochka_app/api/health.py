"""`GET /health`: 200 when the database answers, 503 otherwise (for load balancers and probes)."""

import logging

from sqlalchemy import text
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from tochka_app import db

log = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with db.get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure means "not healthy"; the reason goes to the log
        log.exception("health check: database unreachable")
        return False


async def health(_request: Request) -> JSONResponse:
    ok = await run_in_threadpool(_database_ok)
    return JSONResponse(
        {"status": "ok" if ok else "error", "database": "ok" if ok else "unreachable"},
        status_code=200 if ok else 503,
    )
