import reflex as rx

from tochka_app import db
from tochka_app.i18n import format_number, ngettext_
from tochka_app.services import catalog, content, stats, tariffs
from tochka_app.services.admin import content_admin
from tochka_app.services.catalog import ModuleCard
from tochka_app.services.tariffs import TariffCard
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.public import PublicState

SHOWCASE_SIZE = 6


class LandingState(PublicState):
    """Everything on the landing page comes from the database through services."""

    hero: dict[str, str] = {}
    stats_text: dict[str, str] = {}
    figures: dict[str, str] = {}
    features_title: str = ""
    features: list[dict[str, str]] = []
    modules_text: dict[str, str] = {}
    showcase: list[ModuleCard] = []
    pricing_text: dict[str, str] = {}
    tariffs: list[TariffCard] = []
    faq_title: str = ""
    faq: list[dict[str, str]] = []
    cta: dict[str, str] = {}
    loaded: bool = False
    preview: bool = False  # a super admin looking at unpublished drafts

    @rx.event
    def load(self):
        with db.session_scope() as session:
            self._fill(session, content.get_blocks(session, self.lang), self.lang)

    @rx.event
    async def load_preview(self):
        """`/?preview=ru|en` for a super admin: the landing with the content drafts applied."""
        wanted = str(self.router.url.query_parameters.get("preview", ""))
        if wanted not in ("ru", "en"):
            return
        admin = await self.get_state(AdminSessionState)
        with db.session_scope() as session:
            if admin._admin(session) is None:
                return
            self._fill(session, content_admin.preview_blocks(session, wanted), wanted)
        self.preview = True

    def _fill(self, session, blocks: dict, locale: str) -> None:
        numbers = stats.platform_stats(session)
        self.tariffs = tariffs.pricing_cards(session, locale)
        self.showcase = catalog.published_modules(session, locale)[:SHOWCASE_SIZE]
        self.hero = blocks["hero"]
        counts = {
            "tenants": numbers.tenants,
            "users": numbers.users,
            "modules": numbers.modules,
            "subscriptions": numbers.live_subscriptions,
        }
        self.figures = {key: format_number(n, locale) for key, n in counts.items()}
        # The words under each figure agree with it ("1 компания работает", "5 компаний
        # работают"): plural forms from the catalog, by the language's plural rules.
        self.stats_text = {
            key: ngettext_(locale, f"landing.stat.{key}", n) for key, n in counts.items()
        }
        self.features_title = blocks["features"].get("title", "")
        self.features = blocks["features"].get("items", [])
        self.modules_text = blocks["modules"]
        self.pricing_text = {k: str(v) for k, v in blocks["pricing"].items()}
        self.faq_title = blocks["faq"].get("title", "")
        self.faq = blocks["faq"].get("items", [])
        self.cta = blocks["cta"]
        self.loaded = True
