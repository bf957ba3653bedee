import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.i18n import format_datetime, gettext_
from tochka_app.integrations.dns import resolver_from_settings
from tochka_app.models import Tenant
from tochka_app.services.permissions import Permission, allowed
from tochka_app.services.team import Actor
from tochka_app.services.tenant import domains, profile
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


class SettingsState(SessionState):
    can_edit: bool = False
    name: str = ""
    brand_color: str = "#30a46c"
    timezone: str = "Europe/Moscow"
    locale: str = "ru"
    slug: str = ""
    old_slugs: list[str] = []
    subdomain: str = ""
    logo_path: str = ""  # relative to MEDIA_DIR; the page builds the URL
    domain_input: str = ""
    domains: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    form_key: int = 0  # bumps to re-mount the forms with the saved values

    @rx.var
    def timezones(self) -> list[str]:
        zones = list(profile.COMMON_TIMEZONES)
        return zones if self.timezone in zones else [self.timezone, *zones]

    def _refresh(self, session: Session, actor: Actor) -> None:
        settings = get_settings()
        tenant = session.get(Tenant, actor.tenant_id)
        self.can_edit = allowed(actor, Permission.edit_settings)
        self.name, self.brand_color = tenant.name, tenant.brand_color
        self.timezone, self.locale, self.slug = tenant.timezone, tenant.locale, tenant.slug
        self.tenant_name, self.tenant_slug = tenant.name, tenant.slug
        self.old_slugs = profile.aliases(session, tenant.id)
        self.subdomain = f"{tenant.slug}.{settings.platform_domain}"
        self.logo_path = tenant.logo_path or ""
        self.domains = []
        for row in domains.list_domains(session, tenant.id):
            hint = domains.instructions(row, settings)
            self.domains.append({
                "id": str(row.id), "domain": row.domain.encode().decode("idna"),
                "verified": "yes" if row.verified_at else "",
                "txt_name": hint.txt_name, "txt_value": hint.txt_value,
                "cname_name": hint.cname_name, "cname_target": hint.cname_target,
                "checked": format_datetime(row.last_checked_at, self.lang)
                if row.last_checked_at else "",
                "error": gettext_(self.lang, row.last_error) if row.last_error else "",
            })

    def _with_actor(self, operation):
        """Re-check the session, run `operation(session, actor)`, reload the page's data."""
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return None, rx.redirect(routes.LOGIN)
            result = operation(session, actor)
        with db.session_scope() as session:
            self._refresh(session, actor)
        return result, None

    def _message(self, key: str) -> str:
        return gettext_(self.lang, key)

    @rx.event
    def load(self):
        self.errors, self.domain_input = {}, ""
        _, redirect = self._with_actor(lambda session, actor: None)
        self.form_key += 1
        return redirect

    @rx.event
    def save_profile(self, form: dict):
        data = profile.ProfileInput(
            name=str(form.get("name", ""))[:300], brand_color=str(form.get("brand_color", ""))[:20],
            timezone=str(form.get("timezone", ""))[:64], locale=str(form.get("locale", ""))[:8])
        errors, redirect = self._with_actor(
            lambda session, actor: profile.update_profile(session, actor, data))
        if redirect:
            return redirect
        self.errors = {k: self._message(v) for k, v in errors.items()}
        if errors:  # keep what was typed
            self.name, self.brand_color = data.name, data.brand_color
            self.timezone, self.locale = data.timezone, data.locale
            return None
        self.form_key += 1
        return rx.toast.success(self._message("settings.saved"))

    @rx.event
    def save_slug(self, form: dict):
        wanted = str(form.get("slug", ""))[:100]
        error, redirect = self._with_actor(
            lambda session, actor: profile.change_slug(session, actor, wanted))
        if redirect:
            return redirect
        if error:
            self.slug, self.errors = wanted, {"slug": self._message(error)}
            return None
        self.errors, self.form_key = {}, self.form_key + 1
        return rx.toast.success(self._message("settings.slug_saved"))

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]):
        settings = get_settings()
        if not files:
            return None
        # Read one byte past the limit: enough to tell "too big" without holding a huge upload.
        data = await files[0].read(settings.logo_max_bytes + 1)
        result, redirect = self._with_actor(lambda session, actor: profile.set_logo(
            session, actor, data, settings.media_dir, settings.logo_max_bytes))
        if redirect:
            return redirect
        error, previous = result
        if error:
            return rx.toast.error(self._message(error))
        profile.delete_media_file(settings.media_dir, previous)
        return rx.toast.success(self._message("settings.logo_saved"))

    @rx.event
    def logo_rejected(self, _rejections: list[dict]):
        return rx.toast.error(self._message("logo.bad_type"))

    @rx.event
    def remove_logo(self):
        result, redirect = self._with_actor(profile.remove_logo)
        if redirect:
            return redirect
        error, previous = result
        if error:
            return rx.toast.error(self._message(error))
        profile.delete_media_file(get_settings().media_dir, previous)
        return None

    @rx.event
    def add_domain(self, form: dict):
        self.domain_input = str(form.get("domain", ""))[:300]
        error, redirect = self._with_actor(lambda session, actor: domains.add_domain(
            session, actor, self.domain_input, get_settings()))
        if redirect:
            return redirect
        self.errors = {"domain": self._message(error)} if error else {}
        if not error:
            self.domain_input, self.form_key = "", self.form_key + 1
        return None

    @staticmethod
    def _id(value: str) -> int:
        return int(value) if str(value).isdigit() else -1

    @rx.event
    def verify_domain(self, domain_id: str):
        settings = get_settings()
        error, redirect = self._with_actor(lambda session, actor: domains.verify_domain(
            session, actor, self._id(domain_id), resolver_from_settings(settings), settings))
        if redirect:
            return redirect
        if error:
            return rx.toast.error(self._message(error))
        return rx.toast.success(self._message("domain.verified_toast"))

    @rx.event
    def remove_domain(self, domain_id: str):
        error, redirect = self._with_actor(
            lambda session, actor: domains.remove_domain(session, actor, self._id(domain_id)))
        if redirect:
            return redirect
        return rx.toast.error(self._message(error)) if error else None
