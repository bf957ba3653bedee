from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from tochka_app.i18n import format_datetime, gettext_
from tochka_app.integrations.dns import resolver_from_settings
from tochka_app.services.access import Actor
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.services.permissions import Permission
from tochka_app.services.tenant import domains, profile
from tochka_app.services.tenant.profile import LogoError
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


@dataclass
class DomainRow:
    id: str
    domain: str
    verified: bool
    txt_name: str
    txt_value: str
    cname_name: str
    cname_target: str
    checked: str  # when it was last checked ("" never)
    error: str  # what that check found missing, in words


class SettingsState(SessionState):
    name: str = ""
    brand_color: str = "#30a46c"
    timezone: str = "Europe/Moscow"
    workspace_locale: str = "ru"  # the workspace's language (`locale` is the visitor's)
    slug: str = ""
    old_slugs: list[str] = []
    subdomain: str = ""
    logo_path: str = ""  # relative to MEDIA_DIR; the page builds the URL
    domain_input: str = ""
    domains: list[DomainRow] = []
    form_key: int = 0  # bumps to re-mount the forms with the saved values

    @rx.var
    def timezones(self) -> list[str]:
        zones = list(profile.COMMON_TIMEZONES)
        return zones if self.timezone in zones else [self.timezone, *zones]

    def _reload(self, session: Session, actor: Actor) -> None:
        settings = get_settings()
        shown = profile.workspace_settings(session, actor.tenant_id, settings.platform_domain)
        self.name, self.brand_color = shown.name, shown.brand_color
        self.timezone, self.workspace_locale, self.slug = shown.timezone, shown.locale, shown.slug
        self.tenant_name, self.tenant_slug = shown.name, shown.slug
        self.old_slugs, self.subdomain, self.logo_path = (
            shown.old_slugs,
            shown.subdomain,
            shown.logo_path,
        )
        self.domains = [
            DomainRow(
                str(d.id),
                d.domain,
                d.verified,
                d.dns.txt_name,
                d.dns.txt_value,
                d.dns.cname_name,
                d.dns.cname_target,
                format_datetime(d.last_checked_at, self.lang) if d.last_checked_at else "",
                gettext_(self.lang, d.last_error) if d.last_error else "",
            )
            for d in domains.domains_of(session, actor.tenant_id, settings)
        ]

    def _saved(self, message_id: str):
        """After a saved form: re-mount the forms with what is stored now."""
        self.form_key += 1
        return self._done(message_id)

    @rx.event
    def load(self):
        self.domain_input, self.form_key = "", self.form_key + 1
        return self._load_page(Permission.edit_settings)

    @rx.event
    def save_profile(self, form: dict):
        data = profile.ProfileInput(
            name=str(form.get("name", ""))[:300],
            brand_color=str(form.get("brand_color", ""))[:20],
            timezone=str(form.get("timezone", ""))[:64],
            locale=str(form.get("locale", ""))[:8],
        )
        # A refused form is not re-mounted: what was typed stays (forms are uncontrolled).
        return self._run(
            Permission.edit_settings,
            lambda session, actor: profile.update_profile(session, actor, data),
            then=lambda _: self._saved("settings.saved"),
        )

    @rx.event
    def save_slug(self, form: dict):
        wanted = str(form.get("slug", ""))[:100]
        return self._run(
            Permission.edit_settings,
            lambda session, actor: profile.change_slug(session, actor, wanted),
            then=lambda _: self._saved("settings.slug_saved"),
        )

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]):
        settings = get_settings()
        if not files:
            return None
        # Read one byte past the limit: enough to tell "too big" without holding a huge upload.
        data = await files[0].read(settings.logo_max_bytes + 1)
        return self._run(
            Permission.edit_settings,
            lambda session, actor: profile.set_logo(
                session, actor, data, settings.media_dir, settings.logo_max_bytes
            ),
            then=lambda previous: self._logo_replaced(previous, "settings.logo_saved"),
        )

    def _logo_replaced(self, previous: str | None, message_id: str | None):
        """The change is committed: the old file is no longer used by anything."""
        profile.delete_media_file(get_settings().media_dir, previous)
        return self._done(message_id)

    @rx.event
    def logo_rejected(self, _rejections: list[dict]):
        return self._refuse(ServiceError(LogoError.bad_type))

    @rx.event
    def remove_logo(self):
        return self._run(
            Permission.edit_settings,
            profile.remove_logo,
            then=lambda previous: self._logo_replaced(previous, None),
        )

    @rx.event
    def add_domain(self, form: dict):
        self.domain_input = str(form.get("domain", ""))[:300]
        raw = self.domain_input
        return self._run(
            Permission.edit_settings,
            lambda session, actor: domains.add_domain(session, actor, raw, get_settings()),
            then=self._domain_added,
        )

    def _domain_added(self, _result) -> None:
        self.domain_input, self.form_key = "", self.form_key + 1

    @rx.event
    def verify_domain(self, domain_id: str):
        """Check the DNS records (the answer is kept on the claim), then say what it found."""
        settings = get_settings()

        def check(session: Session, actor: Actor) -> None:
            domains.verify_domain(
                session, actor, parse_id(domain_id), resolver_from_settings(settings), settings
            )

        return self._run(
            Permission.edit_settings,
            check,
            then=lambda _: self._run(
                Permission.edit_settings,
                lambda session, actor: domains.last_check(session, actor, parse_id(domain_id)),
                done="domain.verified_toast",
            ),
        )

    @rx.event
    def remove_domain(self, domain_id: str):
        return self._run(
            Permission.edit_settings,
            lambda session, actor: domains.remove_domain(session, actor, parse_id(domain_id)),
        )
