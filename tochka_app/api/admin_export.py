"""`GET /api/admin/export/<table>.csv` (or `.xlsx`): the filtered rows of an admin table, as
CSV streamed straight from a server-side cursor (the shared writer: UTF-8 BOM, `;`, formulas
neutralised) or as an XLSX workbook whose cells are all text (never formulas); super admins only
(their own cookie). Module back offices serve their tables through `table_response` too."""

import io
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from tochka_app import db
from tochka_app.api.client_address import request_ip
from tochka_app.i18n import gettext_, normalize_locale, time_zone
from tochka_app.services import audit, csv_safe
from tochka_app.services.admin import tables
from tochka_app.services.admin.tables import TableQuery
from tochka_app.services.auth import sessions
from tochka_app.settings import get_settings

ADMIN_COOKIE = "tr_admin"


def _specs() -> dict:
    from tochka_app.services.admin import admin_tables

    return admin_tables.ALL


def table_query(request: Request) -> TableQuery:
    params = request.query_params
    return TableQuery(
        search=params.get("search", "")[:100],
        sort=params.get("sort", "")[:32],
        desc=params.get("desc", "1") != "0",
        filters={k[2:]: v[:32] for k, v in params.items() if k.startswith("f_")},
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(spec, query: TableQuery, locale: str, tz: str) -> Iterator[list]:
    keys = [c.key for c in spec.columns]
    yield [gettext_(locale, c.label) for c in spec.columns]
    stmt, _ = tables.filtered_query(spec, query)
    with db.session_scope() as session:
        for row in session.execute(stmt.execution_options(yield_per=2000)):
            values = spec.row(row, locale, tz)
            yield [values.get(k, "") for k in keys]


def csv_lines(spec, query: TableQuery, locale: str, tz: str) -> Iterator[bytes]:
    return csv_safe.stream(_rows(spec, query, locale, tz), chunk_bytes=256_000)


def xlsx_bytes(spec, query: TableQuery, locale: str, tz: str) -> bytes:
    """A workbook of the rows; every cell is a text cell, so "=…" typed by anyone stays text."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(spec.name[:31])
    for values in _rows(spec, query, locale, tz):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
            cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_table(request: Request) -> Response:
    spec = _specs().get(request.path_params["name"])
    if spec is None:
        return PlainTextResponse("not found", status_code=404)
    query = table_query(request)
    with db.session_scope() as session:
        active = sessions.resolve(
            session, get_settings(), request.cookies.get(ADMIN_COOKIE), kind="admin"
        )
        if active is None or not active.user.is_super_admin:
            return PlainTextResponse("admins only", status_code=403)
        audit.record(
            session,
            "admin.exported",
            actor=audit.By(user_id=active.user.id, ip=request_ip(request)),
            details={"table": spec.name, "search": query.search, "filters": query.filters},
        )
    return table_response(request, spec, query)


def table_response(request: Request, spec, query: TableQuery) -> Response:
    """The table in the viewer's language and browser zone, as on screen: XLSX when the
    address ends in .xlsx, else CSV."""
    locale = normalize_locale(request.query_params.get("lang"))
    tz = time_zone(request.query_params.get("tz"))
    if request.url.path.endswith(".xlsx"):
        return Response(
            xlsx_bytes(spec, query, locale, tz),
            media_type=XLSX,
            headers={
                "Content-Disposition": f'attachment; filename="{spec.name}.xlsx"',
                "Cache-Control": "no-store",
            },
        )
    return StreamingResponse(
        csv_lines(spec, query, locale, tz),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{spec.name}.csv"',
            "Cache-Control": "no-store",
        },
    )
