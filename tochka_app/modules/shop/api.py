"""The shop's backend endpoints (the manifest's `api_module`):

- `POST /api/shop/payments/<token>`: YooKassa notifications for one tenant's own shop (the URL is
  unguessable and names the tenant; what happened is re-fetched from YooKassa with that tenant's
  key). Same answers as the platform's webhook: 200 handled, 503 ask again later.
- `GET /api/shop/session?ticket=…`: a customer's login ticket becomes the HttpOnly cookie of that
  shop's site; `POST /api/shop/logout?tenant=<id>` ends it.
- `GET /api/shop/export/<table>.csv`: a back-office table as CSV (members with `shop.view`).
"""

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from tochka_app import db
from tochka_app.api.admin_export import table_query, table_response
from tochka_app.api.auth import member_actor
from tochka_app.api.payments import read_notification
from tochka_app.api.session_cookies import cookie_value, from_our_pages, no_store
from tochka_app.modules.shop import customers, payments, routes, tables
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.services import marketplace
from tochka_app.services.auth.tickets import local_path
from tochka_app.services.permissions import allowed
from tochka_app.settings import get_settings


async def notify(request: Request) -> JSONResponse:
    body = await read_notification(request)
    if isinstance(body, JSONResponse):
        return body
    token = str(request.path_params["token"])
    try:
        applied = await run_in_threadpool(
            payments.apply_notification, db.session_scope, token, body, get_settings()
        )
    except payments.ProviderUnavailableError:
        return JSONResponse({"error": "provider unavailable, retry"}, status_code=503)
    return JSONResponse({"outcome": applied.outcome, "reason": applied.reason})


def _set_cookie(response: Response, tenant_id: int, token: str, max_age: int) -> None:
    response.set_cookie(
        customers.cookie_name(tenant_id),
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        secure=get_settings().is_production,
        samesite="lax",
    )


def session_exchange(request: Request) -> Response:
    """Only a navigation our own page started counts, so a ticket sent in a link cannot log a
    visitor into someone else's customer account."""
    back = local_path(request.query_params.get("back"), "/")
    if not from_our_pages(request):
        return no_store(RedirectResponse(back, status_code=303))
    with db.session_scope() as session:
        redeemed = customers.redeem(session, request.query_params.get("ticket"))
    if redeemed is None:
        return no_store(RedirectResponse(back, status_code=303))
    response = RedirectResponse(local_path(redeemed.next_path, back), status_code=303)
    _set_cookie(response, redeemed.tenant_id, redeemed.token, redeemed.max_age)
    return no_store(response)


def _sign_out(tenant_id: int, token: str) -> None:
    with db.session_scope() as session:
        customers.sign_out(session, tenant_id, token)


async def logout(request: Request) -> Response:
    form = await request.form()
    back = local_path(str(form.get("next") or ""), "/")
    tenant = request.query_params.get("tenant", "")
    if not tenant.isdigit() or not from_our_pages(request):
        return no_store(RedirectResponse(back, status_code=303))
    tenant_id = int(tenant)
    name = customers.cookie_name(tenant_id)
    token = cookie_value(request.headers.get("cookie"), name)
    await run_in_threadpool(_sign_out, tenant_id, token)
    response = RedirectResponse(back, status_code=303)
    response.delete_cookie(
        name, path="/", httponly=True, secure=get_settings().is_production, samesite="lax"
    )
    return no_store(response)


def export_table(request: Request) -> Response:
    spec = tables.ALL.get(request.path_params["name"])
    if spec is None:
        return PlainTextResponse("not found", status_code=404)
    with db.session_scope() as session:
        actor = member_actor(session, request)
        if actor is None:
            return PlainTextResponse("login required", status_code=401)
        if not marketplace.is_enabled(session, actor.tenant_id, CODE):
            return PlainTextResponse("not found", status_code=404)
        if not allowed(actor, ShopPermission.view):
            return PlainTextResponse("forbidden", status_code=403)
    query = table_query(request)
    query.tenant_id = actor.tenant_id  # never from the request
    return table_response(request, spec, query)


ROUTES = (
    Route(routes.NOTIFY, notify, methods=["POST"]),
    Route(routes.SESSION, session_exchange, methods=["GET"]),
    Route(routes.LOGOUT, logout, methods=["POST"]),
    Route(routes.EXPORT, export_table, methods=["GET"]),
    Route(routes.EXPORT.replace(".csv", ".xlsx"), export_table, methods=["GET"]),
)
