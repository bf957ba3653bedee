"""robots.txt and sitemap.xml for each kind of host: the platform lists its public pages (landing,
marketplace, published modules, live tenant sites); a tenant's own host lists only that tenant's
site and its published pages. Built from the database on every request, so a publish shows at once.
"""

from xml.sax.saxutils import escape

from sqlmodel import Session, col, select

from tochka_app import routes
from tochka_app.models import Module, Tenant, TenantStatus
from tochka_app.services import marketplace

# Never crawled: the workspace, the admin panel, sign-in steps, development tools, the API.
PRIVATE_PREFIXES = ("/app", "/admin", "/auth", "/login", "/onboarding", "/dev", "/api", "/_")
MAX_TENANT_SITES = 10_000  # one sitemap file holds at most 50 000 addresses


def robots_txt(base_url: str, *, tenant_host: bool) -> str:
    lines = ["User-agent: *"]
    if tenant_host:
        lines.append("Allow: /")
    else:
        lines += [f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES]
        lines.append("Allow: /")
    lines.append(f"Sitemap: {base_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def platform_paths(session: Session) -> list[str]:
    """Public addresses on the platform's host."""
    paths = [routes.LANDING, routes.MARKETPLACE]
    codes = session.exec(
        select(Module.code).where(Module.is_published).order_by(col(Module.sort_order))
    )
    paths += [routes.module_detail(code) for code in codes]
    slugs = session.exec(
        select(Tenant.slug)
        .where(Tenant.status == TenantStatus.active)
        .order_by(col(Tenant.id))
        .limit(MAX_TENANT_SITES)
    )
    for slug in slugs:
        paths += site_paths(session, slug, prefix=routes.site(slug))
    return paths


def site_paths(session: Session, slug: str, prefix: str = "") -> list[str]:
    """A tenant's site: its home and the pages its enabled modules publish (`site_links`), below
    `prefix` ("" on the tenant's own host, "/s/<slug>" on the platform's)."""
    tenant = session.exec(select(Tenant).where(Tenant.slug == slug)).first()
    if tenant is None or tenant.id is None:
        return []
    links = marketplace.site_links(session, tenant.id, "ru")
    return [prefix or "/", *(prefix + path for _title, path in links)]


def sitemap_xml(base_url: str, paths: list[str]) -> str:
    base = base_url.rstrip("/")
    urls = "".join(f"<url><loc>{escape(base + path)}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
