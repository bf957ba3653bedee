"""`GET /api/m/knowledge/export.csv`: the tenant's rows as a CSV download (streamed).

Written by the shared CSV writer (services/csv_safe.py: UTF-8 BOM, `;`, formulas neutralised), so
Russian Excel opens it as is and the importer reads it back.
"""

from collections.abc import Iterator

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from tochka_app import db
from tochka_app.api.auth import member_actor
from tochka_app.modules.knowledge import service
from tochka_app.modules.knowledge.service import CODE, KnowledgePermission
from tochka_app.services import csv_safe, marketplace
from tochka_app.services.permissions import allowed

EXPORT_PATH = "/api/m/knowledge/export.csv"


def _csv_lines(tenant_id: int) -> Iterator[bytes]:
    with db.session_scope() as session:
        yield from csv_safe.stream(service.export_rows(session, tenant_id))


def export_csv(request: Request) -> Response:
    with db.session_scope() as session:
        actor = member_actor(session, request)
        if actor is None:
            return PlainTextResponse("login required", status_code=401)
        if not marketplace.is_enabled(session, actor.tenant_id, CODE):
            return PlainTextResponse("not found", status_code=404)
        if not allowed(actor, KnowledgePermission.view):  # the page's own permission
            return PlainTextResponse("forbidden", status_code=403)
    return StreamingResponse(
        _csv_lines(actor.tenant_id),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="knowledge.csv"',
            "Cache-Control": "no-store",
        },
    )


ROUTES = (Route(EXPORT_PATH, export_csv, methods=["GET"]),)
