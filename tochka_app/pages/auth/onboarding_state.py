import reflex as rx
from sqlalchemy.exc import IntegrityError

from tochka_app import db, routes
from tochka_app.i18n import gettext_
from tochka_app.services.auth import onboarding
from tochka_app.services.tenant import resolution
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


class OnboardingState(SessionState):
    name: str = ""
    company: str = ""
    slug: str = ""
    errors: dict[str, str] = {}
    suggestions: list[str] = []
    slug_key: int = 0  # bumped when the address is filled in for the user, to re-mount the field
    slug_edited: bool = False  # the user typed an address themselves: never overwrite it

    @rx.var
    def site_preview(self) -> str:
        slug = self.slug.strip().lower()
        return resolution.site_url(get_settings(), slug) if slug else ""

    @rx.event
    def load(self):
        with db.session_scope() as session:
            active = self._active(session)
            if active is None:
                return rx.redirect(routes.LOGIN)
            if onboarding.memberships(session, active.user.id):
                return rx.redirect(routes.APP)
            self.name = self.name or active.user.name
        self.slug_edited = bool(self.slug)
        return None

    @rx.event
    def company_typed(self, company: str):
        """Fill the address from the company name as it is typed (a free one, in Latin letters),
        unless the user typed their own; then it is only offered next to the field."""
        self.company = company[:200]
        if not self.company.strip():
            return
        with db.session_scope() as session:
            proposal = onboarding.free_slug(session, self.company)
        if not self.slug_edited:
            self.slug, self.slug_key, self.suggestions = proposal, self.slug_key + 1, []
        else:
            self.suggestions = [proposal] if proposal != self.slug else []

    @rx.event
    def slug_typed(self, slug: str):
        self.slug = slug[:100]
        self.slug_edited = bool(self.slug.strip())  # emptied: suggestions fill it again

    @rx.event
    def pick_slug(self, slug: str):
        self.slug, self.suggestions, self.slug_key = slug[:63], [], self.slug_key + 1
        self.slug_edited = True
        self.errors = {k: v for k, v in self.errors.items() if k != "slug"}

    @rx.event
    def submit(self, form: dict):
        self.name = str(form.get("name", ""))[:300]
        self.company = str(form.get("company", ""))[:300]
        self.slug = str(form.get("slug", ""))[:100]
        try:
            with db.session_scope() as session:
                active = self._active(session)
                if active is None:
                    return rx.redirect(routes.LOGIN)
                result = onboarding.complete(session, active.user, self.name, self.company,
                                             self.slug, ip=self._client_ip())
                if result.tenant is not None:
                    active.session.current_tenant_id = result.tenant.id
                    session.add(active.session)
        except IntegrityError:  # someone took the slug between the check and the insert
            self.errors = {"slug": gettext_(self.lang, "slug.taken")}
            return None
        self.errors = {k: gettext_(self.lang, v) for k, v in result.errors.items()}
        self.suggestions = result.slug_suggestions
        if result.tenant is None:
            return None
        return rx.redirect(routes.APP)
