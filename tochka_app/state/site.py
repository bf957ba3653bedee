"""Base of a tenant's public site pages: finds the tenant from the `/s/<slug>` address, sends old
addresses (slugs changed since) to the current one, and fills the site's header."""

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.models import Tenant
from tochka_app.services import marketplace
from tochka_app.services.tenant.resolution import tenant_by_slug
from tochka_app.state.public import PublicState


@dataclass(frozen=True)
class SiteLink:
    title: str
    href: str


class SiteState(PublicState):
    site_found: bool = True
    site_slug: str = ""
    site_name: str = ""
    site_logo: str = ""  # path relative to MEDIA_DIR
    site_color: str = "#30a46c"
    site_links: list[SiteLink] = []

    def _open_site(self, session: Session) -> tuple[Tenant | None, object]:
        """(tenant, None) for a live site; (None, redirect) for an old slug; (None, None) if none."""
        slug = str(self.router.page.params.get("tenant", ""))
        match = tenant_by_slug(session, slug)
        self.site_found = match is not None
        if match is None:
            self.site_name = self.site_logo = self.site_slug = self.tab_title = ""
            self.site_links = []
            return None, None
        tenant = match.tenant
        if match.via_alias:
            rest = self.router.url.path.split(routes.site(slug), 1)[-1]
            return None, rx.redirect(routes.site(tenant.slug, rest), replace=True)
        self.site_slug, self.site_name, self.site_color = (
            tenant.slug,
            tenant.name,
            tenant.brand_color,
        )
        self.site_logo = tenant.logo_path or ""
        self.tab_title = tenant.name
        assert tenant.id is not None  # a loaded row
        self.site_links = [
            SiteLink(title, routes.site(tenant.slug, path))
            for title, path in marketplace.site_links(session, tenant.id, self.lang)
        ]
        return tenant, None
