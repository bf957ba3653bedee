"""GET /robots.txt and /sitemap.xml, answered for the host they are asked on (platform or a
tenant's own subdomain / custom domain; unknown hosts never get here, see tenant_hosts.py)."""

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from tochka_app import db
from tochka_app.services import sitemap
from tochka_app.services.tenant.resolution import classify_host
from tochka_app.settings import get_settings


def _host_base(request: Request) -> tuple[str, str | None]:
    """(the address to write into the files, the tenant's slug on a tenant host)."""
    settings = get_settings()
    host = request.url.hostname or ""
    with db.session_scope() as session:
        match = classify_host(session, host, settings)
    if match.kind == "tenant" and match.slug:
        return f"{request.url.scheme}://{request.url.netloc}", match.slug
    return settings.public_base_url, None


def _robots(request: Request) -> str:
    base, slug = _host_base(request)
    return sitemap.robots_txt(base, tenant_host=slug is not None)


def _sitemap(request: Request) -> str:
    base, slug = _host_base(request)
    with db.session_scope() as session:
        paths = sitemap.site_paths(session, slug) if slug else sitemap.platform_paths(session)
    return sitemap.sitemap_xml(base, paths)


async def robots_txt(request: Request) -> Response:
    return PlainTextResponse(await run_in_threadpool(_robots, request))


async def sitemap_xml(request: Request) -> Response:
    body = await run_in_threadpool(_sitemap, request)
    return Response(body, media_type="application/xml")
