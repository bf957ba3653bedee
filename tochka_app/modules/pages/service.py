"""Rules of the Pages module. The tenant always comes from the verified session (`Actor`); a
refusal is a `ServiceError` with a `PagesError` code, raised before anything is written."""

import re
from enum import StrEnum

from sqlalchemy import delete
from sqlmodel import Session, col, select

from tochka_app.models._types import utcnow
from tochka_app.modules.pages.models import SitePage
from tochka_app.services import audit, slugs
from tochka_app.services.access import Actor
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.permissions import require

CODE = "pages"
ROUTE = "/app/m/pages"  # the editor (pages.py) and its menu entry (manifest.py)
SLUG_MAX = 80
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
MAX_CONTENT = 100_000


class PagesPermission(StrEnum):
    """What the module adds to the permission table (lowest roles in manifest.py)."""

    view = "pages.view"  # see the pages in the workspace
    edit = "pages.edit"  # write, publish, delete them


class PagesError(ErrorCode):
    bad_slug = "pages.bad_slug"
    bad_title = "pages.bad_title"
    too_long = "pages.too_long"
    slug_taken = "pages.slug_taken"
    not_found = "pages.not_found"


def list_pages(session: Session, tenant_id: int) -> list[SitePage]:
    return list(
        session.exec(
            select(SitePage)
            .where(SitePage.tenant_id == tenant_id)
            .order_by(SitePage.title)
            .limit(500)
        )
    )


def suggest_slug(session: Session, tenant_id: int, title: str, page_id: int | None = None) -> str:
    """A free address for a page made from its title ("О нас" → "o-nas", "o-nas-2" when another
    page has it); '' when the title gives none."""
    base = slugs.slug_from(title, SLUG_MAX)
    if not base:
        return ""

    def taken(candidates: list[str]) -> set[str]:
        stmt = select(SitePage.slug).where(
            SitePage.tenant_id == tenant_id, col(SitePage.slug).in_(candidates)
        )
        if page_id is not None:
            stmt = stmt.where(SitePage.id != page_id)
        return set(session.exec(stmt))

    return slugs.first_free(base, SLUG_MAX, taken)


def _own(session: Session, actor: Actor, page_id: int) -> SitePage:
    """The actor's page; another tenant's id (or none) is "not found"."""
    page = session.get(SitePage, page_id)
    if page is None or page.tenant_id != actor.tenant_id:
        raise ServiceError(PagesError.not_found)
    return page


def page_for_edit(session: Session, actor: Actor, page_id: int) -> SitePage:
    require(actor, PagesPermission.edit)
    return _own(session, actor, page_id)


def save(
    session: Session,
    actor: Actor,
    page_id: int | None,
    slug: str,
    title: str,
    content_md: str,
    is_published: bool,
) -> SitePage:
    """Create (page_id None) or update a page. Wrong fields refuse together (`ServiceError.form`);
    another tenant's id is "not found" whatever the fields."""
    require(actor, PagesPermission.edit)
    slug, title = (slug or "").strip().lower(), (title or "").strip()
    errors: dict[str, ErrorCode] = {}
    if not SLUG_RE.match(slug):
        errors["slug"] = PagesError.bad_slug
    if not title or len(title) > 200:
        errors["title"] = PagesError.bad_title
    if len(content_md or "") > MAX_CONTENT:
        errors["content"] = PagesError.too_long
    page = _own(session, actor, page_id) if page_id is not None else None
    clash = session.exec(
        select(SitePage.id).where(SitePage.tenant_id == actor.tenant_id, SitePage.slug == slug)
    ).first()
    if clash is not None and (page is None or clash != page.id):
        errors["slug"] = PagesError.slug_taken
    if errors:
        raise ServiceError.form(errors)
    page = page or SitePage(tenant_id=actor.tenant_id, slug=slug, title=title)
    page.slug, page.title, page.content_md = slug, title, content_md or ""
    page.is_published, page.updated_at = bool(is_published), utcnow()
    session.add(page)
    session.flush()
    audit.record(
        session,
        "pages.saved",
        actor=actor,
        target_type="page",
        target_id=page.id,
        details={"slug": slug, "published": page.is_published},
    )
    return page


def delete_page(session: Session, actor: Actor, page_id: int) -> None:
    require(actor, PagesPermission.edit)
    page = _own(session, actor, page_id)
    session.delete(page)
    audit.record(session, "pages.deleted", actor=actor, target_type="page", target_id=page_id)


def public_page(session: Session, tenant_id: int, page_slug: str) -> SitePage | None:
    """A published page of a tenant (resolved from the address by the site) that has the module
    enabled, or None."""
    from tochka_app.services.marketplace import is_enabled

    if not is_enabled(session, tenant_id, CODE):
        return None
    return session.exec(
        select(SitePage).where(
            SitePage.tenant_id == tenant_id,
            SitePage.slug == (page_slug or "")[:80],
            SitePage.is_published,
        )
    ).first()


def site_page(session: Session, tenant_id: int, path: str) -> tuple[str, str] | None:
    """(title, Markdown text) of the published page at `path` below the tenant's site
    ("/p/<slug>"), or None."""
    slug = path.removeprefix("/p/").strip("/")
    if not path.startswith("/p/") or "/" in slug:
        return None
    page = public_page(session, tenant_id, slug)
    return (page.title, page.content_md) if page is not None else None


def site_links(session: Session, tenant_id: int, _locale: str) -> list[tuple[str, str]]:
    """(title, path below the site root) of every published page, for the site's menu."""
    rows = session.exec(
        select(SitePage.title, SitePage.slug)
        .where(SitePage.tenant_id == tenant_id, SitePage.is_published)
        .order_by(SitePage.title)
        .limit(50)
    )
    return [(title, f"/p/{slug}") for title, slug in rows]


def purge(session: Session, tenant_id: int) -> None:
    session.exec(delete(SitePage).where(col(SitePage.tenant_id) == tenant_id))
