import reflex as rx
from sqlalchemy.exc import IntegrityError

from tochka_app import db, routes
from tochka_app.i18n import gettext_
from tochka_app.services.auth import onboarding
from tochka_app.state.session import SessionState


class OnboardingState(SessionState):
    name: str = ""
    company: str = ""
    slug: str = ""
    errors: dict[str, str] = {}
    suggestions: list[str] = []
    slug_key: int = 0  # bumped when a suggestion is picked, to re-mount the slug field

    @rx.event
    def load(self):
        with db.session_scope() as session:
            active = self._active(session)
            if active is None:
                return rx.redirect(routes.LOGIN)
            if onboarding.memberships(session, active.user.id):
                return rx.redirect(routes.APP)
            self.name = self.name or active.user.name

    @rx.event
    def suggest(self, company: str):
        """Offer an address made from the company name (a hint: the field is never overwritten)."""
        self.company = company[:200]
        proposal = onboarding.suggest_slug(self.company)
        with db.session_scope() as session:
            free = onboarding.slug_error(session, proposal) is None
        self.suggestions = [proposal] if free else []

    @rx.event
    def pick_slug(self, slug: str):
        self.slug, self.suggestions, self.slug_key = slug[:63], [], self.slug_key + 1
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
