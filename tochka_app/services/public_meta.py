"""What a public page says about itself in its <head>, from the same services its state uses:
description, canonical address, Open Graph / Twitter card with a 1200×630 image, and JSON-LD
(Organization + SoftwareApplication with an Offer per public tariff + FAQPage on the landing,
Organization on a tenant's site). Link previews in Telegram, VK and WhatsApp and crawlers that do
not run JavaScript read these; the middleware in api/public_pages.py writes them into the HTML.
"""

import json
import re
from dataclasses import dataclass, field
from html import escape

from sqlmodel import Session, select

from tochka_app import routes
from tochka_app.i18n import DEFAULT_LOCALE, LOCALES, gettext_
from tochka_app.models import Tenant, TenantStatus
from tochka_app.services import catalog, content, tariffs
from tochka_app.services.public_status import MODULE_PATH, SITE_PATH, module_site_page

DESCRIPTION_CHARS = 200


def in_language(url: str, locale: str, default: str) -> str:
    """The address of a page in a language: `?lang=en`, plain for the platform's default one (the
    scheme the app follows too, see I18nState.locale_from_address)."""
    return url if locale == default else f"{url}?lang={locale}"


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str  # absolute, without the language (see `canonical`)
    image: str  # absolute og:image, 1200×630
    locale: str
    site_name: str
    kind: str = "website"
    json_ld: list[dict] = field(default_factory=list)
    default_locale: str = DEFAULT_LOCALE  # the app's own default (I18nState.locale)
    image_size: tuple[int, int] = (1200, 630)  # (0, 0): not known, not written

    @property
    def canonical(self) -> str:
        return in_language(self.url, self.locale, self.default_locale)

    def title_html(self) -> str:
        return f"<title>{escape(self.title)}</title>"

    def head_html(self, with_title: bool) -> str:
        """The tags, escaped; `with_title` when the page's HTML has no <title> of its own."""
        og_locale = "ru_RU" if self.locale == "ru" else "en_US"
        tags = [
            f'<meta name="description" content="{escape(self.description)}">',
            f'<link rel="canonical" href="{escape(self.canonical)}">',
            *(
                f'<link rel="alternate" hreflang="{lang}" '
                f'href="{escape(in_language(self.url, lang, self.default_locale))}">'
                for lang in LOCALES
            ),
            f'<link rel="alternate" hreflang="x-default" href="{escape(self.url)}">',
            f'<meta property="og:type" content="{self.kind}">',
            f'<meta property="og:site_name" content="{escape(self.site_name)}">',
            f'<meta property="og:title" content="{escape(self.title)}">',
            f'<meta property="og:description" content="{escape(self.description)}">',
            f'<meta property="og:url" content="{escape(self.canonical)}">',
            f'<meta property="og:image" content="{escape(self.image)}">',
            *(
                (
                    f'<meta property="og:image:width" content="{self.image_size[0]}">',
                    f'<meta property="og:image:height" content="{self.image_size[1]}">',
                )
                if all(self.image_size)
                else ()
            ),
            f'<meta property="og:locale" content="{og_locale}">',
            '<meta name="twitter:card" content="summary_large_image">',
            f'<meta name="twitter:title" content="{escape(self.title)}">',
            f'<meta name="twitter:description" content="{escape(self.description)}">',
            f'<meta name="twitter:image" content="{escape(self.image)}">',
        ]
        if with_title:
            tags.insert(0, self.title_html())
        for data in self.json_ld:
            # "</" inside a string would end the script element: JSON allows "<\/".
            text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
            tags.append(f'<script type="application/ld+json">{text}</script>')
        return "".join(tags)


def _short(text: str) -> str:
    """Plain text for a description: Markdown marks and extra spaces out, cut at a word."""
    plain = re.sub(r"[#*_`>\[\]()!|~-]+", " ", text or "")
    plain = " ".join(plain.split())
    if len(plain) <= DESCRIPTION_CHARS:
        return plain
    return plain[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + "…"


def titled(name: str, of: str) -> str:
    """The tab title of a page about one thing: "База знаний — Точка Роста"."""
    return f"{name} — {of}"


def meta_for(
    session: Session, path: str, locale: str, base_url: str, platform_name: str
) -> PageMeta | None:
    """The head of a public page at `path` (on the platform's address `base_url`), or None when
    it is not a public page or does not exist (its 404 needs no preview)."""
    base = base_url.rstrip("/")
    brand = f"{base}/og/platform.png"
    if path in ("", "/"):
        return _landing(session, locale, base, brand, platform_name)
    if path.rstrip("/") == routes.MARKETPLACE:
        return PageMeta(
            gettext_(locale, "title.marketplace"),
            gettext_(locale, "meta.marketplace"),
            base + routes.MARKETPLACE,
            brand,
            locale,
            platform_name,
        )
    if match := MODULE_PATH.match(path):
        detail = catalog.module_detail(session, match.group(1), locale)
        if detail is None:
            return None
        card = detail.card
        return PageMeta(
            titled(card.name, gettext_(locale, "title.brand")),
            _short(card.description),
            base + routes.module_detail(card.code),
            brand,
            locale,
            platform_name,
        )
    if match := SITE_PATH.match(path):
        return _site(
            session, match.group(1).lower(), match.group(2) or "", locale, base, platform_name
        )
    return None


def _landing(session: Session, locale: str, base: str, image: str, platform: str) -> PageMeta:
    blocks = content.get_blocks(session, locale)
    hero, faq = blocks["hero"], blocks["faq"]
    description = _short(f"{hero.get('title', '')}. {hero.get('subtitle', '')}")
    organization: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": platform,
        "url": base + "/",
        "logo": image,
    }
    offers = [
        {
            "@type": "Offer",
            "name": tariff.name,
            "price": f"{tariff.price_month_kopecks / 100:.2f}",
            "priceCurrency": "RUB",
            "url": base + "/#pricing",
        }
        for tariff in tariffs.public_tariffs(session)
    ]
    application = {
        "@context": "https://schema.org",
        "@type": "SoftwareApplication",
        "name": platform,
        "applicationCategory": "BusinessApplication",
        "operatingSystem": "Web",
        "url": base + "/",
        "description": description,
        "offers": offers,
    }
    questions = [
        {
            "@type": "Question",
            "name": item.get("q", ""),
            "acceptedAnswer": {"@type": "Answer", "text": item.get("a", "")},
        }
        for item in faq.get("items", [])
        if item.get("q") and item.get("a")
    ]
    json_ld: list[dict] = [organization, application]
    if questions:
        json_ld.append(
            {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}
        )
    return PageMeta(
        gettext_(locale, "title.landing"),
        description,
        base + "/",
        image,
        locale,
        platform,
        json_ld=json_ld,
    )


def _site(
    session: Session, slug: str, rest: str, locale: str, base: str, platform: str
) -> PageMeta | None:
    tenant = session.exec(select(Tenant).where(Tenant.slug == slug[:63])).first()
    if tenant is None or tenant.id is None or tenant.status != TenantStatus.active:
        return None
    site_url = base + routes.site(tenant.slug)
    image = f"{base}/og/s/{tenant.slug}.png"
    organization: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": tenant.name,
        "url": site_url,
        "image": image,
    }
    if tenant.logo_path:
        organization["logo"] = f"{base}/_upload/{tenant.logo_path}"
    if rest in ("", "/"):
        return PageMeta(
            tenant.name,
            gettext_(locale, "meta.site", name=tenant.name, platform=platform),
            site_url,
            image,
            locale,
            tenant.name,
            json_ld=[organization],
        )
    page = module_site_page(session, tenant.id, rest)
    if page is None:
        return None
    url, size = site_url + rest, (1200, 630)
    if page.image:
        image, size = f"{base}/_upload/{page.image}", page.image_size
    extra = [{"url": url, **({"image": image} if page.image else {}), **d} for d in page.json_ld]
    return PageMeta(
        titled(page.title, tenant.name),
        _short(page.text) or page.title,
        url,
        image,
        locale,
        tenant.name,
        kind=page.kind,
        json_ld=[organization, *extra],
        image_size=size,
    )
