"""ASGI middleware: public pages answer with the status the database gives them (see
services/public_status.py): a 301 to a tenant's current address, or the app's page sent with 404 /
410 instead of 200 when the tenant, page or module does not exist (the app still renders its own
"not found" view in the browser, so people see the same page as before)."""

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tochka_app import db
from tochka_app.services import public_status
from tochka_app.services.public_status import PublicAnswer


def _lookup(path: str) -> PublicAnswer:
    with db.session_scope() as session:
        return public_status.answer(session, path)


class PublicStatusMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") not in ("GET", "HEAD")
            or not public_status.is_public_path(path)
        ):
            await self.app(scope, receive, send)
            return
        found = await run_in_threadpool(_lookup, path)
        if found.location is not None:
            query = scope.get("query_string", b"").decode("latin-1")
            target = found.location + (f"?{query}" if query else "")
            await RedirectResponse(target, status_code=301)(scope, receive, send)
            return
        if found.status == 200:
            await self.app(scope, receive, send)
            return

        async def with_status(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message = {**message, "status": found.status}
            await send(message)

        await self.app(scope, receive, with_status)
