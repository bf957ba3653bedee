"""What HTTP status a public page answers with, decided on the server from the database.

The frontend is one app that routes by path, so without this every address under `/s/...` and
`/marketplace/...` answered 200 with the app shell, even for a tenant or module that does not
exist. Crawlers and link previews need the truth in the status line: 404 for an unknown tenant,
page or module; 410 for a suspended tenant's site; a real 301 from an old slug to the current one.
The page itself still renders its own "not found" view in the browser.

A module declares the pages it publishes below a tenant's site through `ModuleManifest.site_page`
(session, tenant_id, path below `/s/<slug>`) -> (title, text) | None, so they get the same answers.
"""

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from tochka_app import routes
from tochka_app.models import Module, Tenant, TenantSlugAlias, TenantStatus
from tochka_app.modules.sdk import SitePage
from tochka_app.services import marketplace

SITE_PATH = re.compile(r"^/s/([^/]+)(/.*)?$")
MODULE_PATH = re.compile(r"^/marketplace/([^/]+)/?$")


@dataclass(frozen=True)
class PublicAnswer:
    status: int = 200
    location: str | None = None  # set with 301: the page's current address


FOUND = PublicAnswer()
NOT_FOUND = PublicAnswer(404)
GONE = PublicAnswer(410)


def is_public_path(path: str) -> bool:
    """Cheap test before any database work: is this a path `answer` judges?"""
    return bool(SITE_PATH.match(path) or MODULE_PATH.match(path))


def answer(session: Session, path: str) -> PublicAnswer:
    if match := MODULE_PATH.match(path):
        return _module_page(session, match.group(1))
    if match := SITE_PATH.match(path):
        return _site_page(session, match.group(1).lower(), match.group(2) or "")
    return FOUND


def _module_page(session: Session, code: str) -> PublicAnswer:
    published = session.exec(
        select(Module.id).where(Module.code == code[:64], Module.is_published)
    ).first()
    return FOUND if published is not None else NOT_FOUND


def _site_page(session: Session, slug: str, rest: str) -> PublicAnswer:
    tenant = session.exec(select(Tenant).where(Tenant.slug == slug[:63])).first()
    if tenant is None:
        alias = session.get(TenantSlugAlias, slug[:63])
        current = session.get(Tenant, alias.tenant_id) if alias else None
        if current is None:
            return NOT_FOUND
        if current.status != TenantStatus.active:
            return GONE
        return PublicAnswer(301, routes.site(current.slug, rest))
    if tenant.status != TenantStatus.active:
        return GONE
    if rest in ("", "/"):
        return FOUND
    assert tenant.id is not None  # a loaded row
    return FOUND if module_site_page(session, tenant.id, rest) is not None else NOT_FOUND


def module_site_page(session: Session, tenant_id: int, rest: str) -> SitePage | None:
    """The page an enabled module publishes at `rest` below the site, or None."""
    for manifest in marketplace.enabled_manifests(session, tenant_id):
        if manifest.site_page is not None and (
            page := manifest.site_page(session, tenant_id, rest)
        ):
            return page if isinstance(page, SitePage) else SitePage(*page)
    return None
