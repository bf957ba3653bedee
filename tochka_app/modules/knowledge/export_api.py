"""`GET /api/m/knowledge/export.csv`: the tenant's rows as a CSV download (streamed).

UTF-8 with a BOM and `;` separators, so Russian Excel opens it as is and the importer reads it back.
"""

import csv
import io
from collections.abc import Iterator

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from tochka_app import db
from tochka_app.api.auth import member_actor
from tochka_app.modules.knowledge import service
from tochka_app.services import marketplace

EXPORT_PATH = "/api/m/knowledge/export.csv"


def _csv_lines(tenant_id: int) -> Iterator[bytes]:
    yield b"\xef\xbb\xbf"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    with db.session_scope() as session:
        for row in service.export_rows(session, tenant_id):
            writer.writerow(row)
            if buffer.tell() > 64_000:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue().encode()


def export_csv(request: Request) -> Response:
    with db.session_scope() as session:
        actor = member_actor(session, request)
        if actor is None:
            return PlainTextResponse("login required", status_code=401)
        if not marketplace.is_enabled(session, actor.tenant_id, "knowledge"):
            return PlainTextResponse("not found", status_code=404)
    return StreamingResponse(_csv_lines(actor.tenant_id), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition":
                                      'attachment; filename="knowledge.csv"',
                                      "Cache-Control": "no-store"})


ROUTES = (Route(EXPORT_PATH, export_csv, methods=["GET"]),)
