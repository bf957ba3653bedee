import reflex as rx
from sqlalchemy.exc import IntegrityError

from tochka_app import db, routes
from tochka_app.pages.auth.guard import SignInFlow
from tochka_app.services.auth import onboarding
from tochka_app.services.auth.errors import OnboardingError
from tochka_app.services.errors import ServiceError
from tochka_app.services.tenant import resolution
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


class OnboardingState(SignInFlow, SessionState):
    """The first workspace. Refusals are shown under their fields (`field_errors`)."""

    name: str = ""
    company: str = ""
    slug: str = ""
    suggestions: list[str] = []
    slug_key: int = 0  # bumped when the address is filled in for the user, to re-mount the field
    slug_edited: bool = False  # the user typed an address themselves: never overwrite it

    @rx.var
    def site_preview(self) -> str:
        slug = self.slug.strip().lower()
        return resolution.site_url(get_settings(), slug) if slug else ""

    @rx.event
    def load(self):
        def greet(session, active):
            has_workspace = bool(onboarding.memberships(session, active.user.id))
            self.name = self.name or active.user.name
            return has_workspace

        def answer(has_workspace: bool):
            self.slug_edited = bool(self.slug)
            return rx.redirect(routes.APP) if has_workspace else None

        return self._run_signed_in(greet, then=answer)

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
        self.field_errors = {k: v for k, v in self.field_errors.items() if k != "slug"}

    @rx.event
    def submit(self, form: dict):
        self.name = str(form.get("name", ""))[:300]
        self.company = str(form.get("company", ""))[:300]
        self.slug = str(form.get("slug", ""))[:100]
        self.suggestions = []

        def create(session, active):
            tenant = onboarding.complete(
                session, active.user, self.name, self.company, self.slug, ip=self._client_ip()
            )
            active.session.current_tenant_id = tenant.id
            session.add(active.session)

        try:
            return self._run_signed_in(create, then=lambda _: rx.redirect(routes.APP))
        except IntegrityError:  # someone took the slug between the check and the insert
            return self._show(ServiceError.form({"slug": OnboardingError.slug_taken}))

    def _refuse(self, error: ServiceError):
        """A taken address comes with free ones, offered next to the field."""
        self.suggestions = list(error.params.get("suggestions", []))
        return super()._refuse(error)
