"""Which tenant a public request is for: by `/s/<slug>` path, `<slug>.<platform>` subdomain or a
verified custom domain. Old slugs (aliases) resolve too, so changed addresses keep working."""

import ipaddress
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from tochka_app import routes
from tochka_app.models import Tenant, TenantDomain, TenantSlugAlias, TenantStatus
from tochka_app.settings import Settings


@dataclass(frozen=True)
class SlugMatch:
    tenant: Tenant
    via_alias: bool  # the address is an old one: callers redirect to tenant.slug


def tenant_by_slug(session: Session, slug: str) -> SlugMatch | None:
    """The live tenant a slug names (current or old); suspended workspaces have no public site."""
    slug = (slug or "").strip().lower()[:63]
    if not slug:
        return None
    tenant = session.exec(select(Tenant).where(Tenant.slug == slug)).first()
    via_alias = False
    if tenant is None:
        alias = session.get(TenantSlugAlias, slug)
        tenant = session.get(Tenant, alias.tenant_id) if alias else None
        via_alias = tenant is not None
    if tenant is None or tenant.status != TenantStatus.active:
        return None
    return SlugMatch(tenant, via_alias)


HostKind = Literal["platform", "tenant", "unknown"]


@dataclass(frozen=True)
class HostMatch:
    kind: HostKind
    slug: str | None = None  # the tenant's current slug when kind == "tenant"


def site_url(settings: Settings, slug: str, path: str = "") -> str:
    """The public address of a tenant's site (or of `path` on it, e.g. "/p/about")."""
    return routes.absolute(settings.public_base_url, routes.site(slug, path))


def platform_hosts(settings: Settings) -> frozenset[str]:
    own = urlsplit(settings.public_base_url).hostname or ""
    domain = settings.platform_domain.lower()
    return frozenset({own.lower(), domain, f"www.{domain}", f"app.{domain}", "localhost"})


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def classify_host(session: Session, host: str, settings: Settings) -> HostMatch:
    host = (host or "").strip().lower().rstrip(".")
    if not host or host in platform_hosts(settings) or _is_ip(host):
        return HostMatch("platform")
    suffix = "." + settings.platform_domain.lower()
    if host.endswith(suffix):
        label = host[: -len(suffix)]
        match = tenant_by_slug(session, label) if "." not in label else None
        return HostMatch("tenant", match.tenant.slug) if match else HostMatch("unknown")
    row = session.exec(
        select(TenantDomain).where(
            TenantDomain.domain == host, col(TenantDomain.verified_at).is_not(None)
        )
    ).first()
    if row is not None:
        tenant = session.get(Tenant, row.tenant_id)
        if tenant is not None and tenant.status == TenantStatus.active:
            return HostMatch("tenant", tenant.slug)
    return HostMatch("unknown")
