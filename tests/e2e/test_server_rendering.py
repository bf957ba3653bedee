"""Public pages send their content in the first HTML (tochka_app/server_render): what a crawler, a
link preview or a slow phone reads before any script runs, in both languages, on the platform host
and a tenant's own host, right after an edit or a publish; and in Chromium, that the page does not
change when the app takes over and stays fully interactive."""

import html
import json
import re

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.support import factories
from tests.support.e2e_fixtures import PLATFORM_DOMAIN
from tochka_app.models import Tariff, TenantStatus
from tochka_app.modules.pages import service as pages
from tochka_app.services import catalog, content, marketplace, tariffs

SLUG = "ssr-bakery"


def visible_text(page_html: str) -> str:
    """The body's text as a browser without JavaScript shows it."""
    body = page_html[page_html.find("<body") :]
    body = re.sub(r"<(script|style|template)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())  # NBSP → space


def spaced(text: str) -> str:
    return " ".join(text.split())


def json_ld_types(page_html: str) -> set[str]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return {json.loads(block)["@type"] for block in blocks}


@pytest.fixture
def bakery(e2e_db):
    """A tenant with a published page and a draft, removed afterwards."""
    tenant = factories.tenant(e2e_db, slug=SLUG, name="Пекарня «Колос»")
    owner = factories.actor(e2e_db, tenant)
    marketplace.enable(e2e_db, owner, "pages")
    pages.save(e2e_db, owner, None, "bread", "Наш хлеб", "Печём **каждое утро** на закваске.", True)
    pages.save(e2e_db, owner, None, "soon", "Скоро", "Новый рецепт", False)
    e2e_db.commit()
    yield tenant, owner
    tenant.status = TenantStatus.suspended  # out of the way of the other tests' sites
    tenant.slug = f"gone-{tenant.id}"
    e2e_db.add(tenant)
    e2e_db.commit()


@pytest.fixture
def http(app_url):
    with httpx.Client(base_url=app_url, timeout=20, follow_redirects=False) as client:
        yield client


def test_the_landing_holds_hero_prices_and_faq_in_both_languages(http, e2e_db):
    for lang, query in (("ru", ""), ("en", "?lang=en")):
        page = http.get("/" + query)
        assert page.status_code == 200
        text = visible_text(page.text)
        blocks = content.get_blocks(e2e_db, lang)
        assert blocks["hero"]["title"] in text
        for card in tariffs.pricing_cards(e2e_db, lang):
            assert card.name in text and spaced(card.price) in text
        for item in blocks["faq"]["items"][:3]:
            assert item["q"] in text
        assert ("Тарифы скоро появятся" in text) is False
        assert json_ld_types(page.text) == {"Organization", "SoftwareApplication", "FAQPage"}
        assert '<script id="tochka-state" type="application/json">' in page.text


def test_marketplace_and_a_module_page_hold_their_cards(http, e2e_db):
    text = visible_text(http.get("/marketplace").text)
    english = visible_text(http.get("/marketplace?lang=en").text)
    http.cookies.clear()  # the English link set the language cookie, as a browser keeps it
    for card in catalog.published_modules(e2e_db, "ru", "", ""):
        assert card.name in text and spaced(card.description) in text
    for card in catalog.published_modules(e2e_db, "en", "", ""):
        assert card.name in english
    detail = http.get("/marketplace/knowledge")
    assert detail.status_code == 200
    assert "База знаний" in visible_text(detail.text)
    assert "Knowledge base" in visible_text(http.get("/marketplace/knowledge?lang=en").text)


def test_a_tenant_site_and_its_page_on_both_hosts(http, bakery):
    home = http.get(f"/s/{SLUG}")
    assert home.status_code == 200
    text = visible_text(home.text)
    assert "Пекарня «Колос»" in text and "Наш хлеб" in text and "Скоро" not in text
    assert "Organization" in json_ld_types(home.text)
    page = visible_text(http.get(f"/s/{SLUG}/p/bread").text)
    assert "Наш хлеб" in page and "каждое утро" in page
    assert http.get(f"/s/{SLUG}/p/soon").status_code == 404  # a draft is not a page

    own_host = {"host": f"{SLUG}.{PLATFORM_DOMAIN}"}
    to_site = http.get("/", headers=own_host)
    assert to_site.status_code in (301, 302, 307, 308)
    on_host = http.get(to_site.headers["location"], headers=own_host)
    assert on_host.status_code == 200 and "Наш хлеб" in visible_text(on_host.text)


def test_an_edit_a_price_change_and_a_publish_show_in_the_next_html(http, e2e_db, bakery):
    _, owner = bakery
    hero = content.get_blocks(e2e_db, "ru", keys=("hero",))["hero"]
    tariff = e2e_db.exec(select(Tariff).where(Tariff.code == "business")).one()
    old_price = tariff.price_month_kopecks
    try:
        content.set_block(e2e_db, "hero", "ru", {**hero, "title": "Свежий заголовок с сервера"})
        tariff.price_month_kopecks = 123_400
        e2e_db.add(tariff)
        e2e_db.commit()
        text = visible_text(http.get("/").text)
        assert "Свежий заголовок с сервера" in text
        assert "1 234 ₽" in text

        assert pages.public_page(e2e_db, bakery[0].id, "soon") is None
        soon = next(p for p in pages.list_pages(e2e_db, bakery[0].id) if p.slug == "soon")
        pages.save(e2e_db, owner, soon.id, "soon", "Скоро", "Новый рецепт", True)
        e2e_db.commit()
        assert "Скоро" in visible_text(http.get(f"/s/{SLUG}").text)
        assert "Новый рецепт" in visible_text(http.get(f"/s/{SLUG}/p/soon").text)
    finally:
        content.set_block(e2e_db, "hero", "ru", hero)
        tariff.price_month_kopecks = old_price
        e2e_db.add(tariff)
        e2e_db.commit()


# Records every change of visible text after the HTML was parsed: a flash of other content (the
# "no tariffs yet" defaults, another language) shows up here as removed or changed text.
WATCH_TEXT = """
window.__textChanges = [];
const quiet = (n) => n.nodeType === 8 || ["STYLE", "SCRIPT", "TEMPLATE", "LINK", "META", "TITLE"]
  .includes(n.nodeName) || !(n.textContent || "").trim();
new MutationObserver((mutations) => {
  if (document.readyState === "loading") return;
  for (const m of mutations) {
    const where = m.target.nodeType === 1 ? m.target : m.target.parentNode;
    if (where?.closest?.("head, style, script")) continue; // styles moving, the tab title
    if (m.type === "characterData") window.__textChanges.push("changed: " + m.target.textContent);
    for (const n of m.removedNodes) if (!quiet(n)) window.__textChanges.push("removed " + n.nodeName + ": " + n.textContent.slice(0, 200));
    for (const n of m.addedNodes) if (!quiet(n)) window.__textChanges.push("added " + n.nodeName + " " + (n.id || n.className) + ": " + n.textContent.slice(0, 200));
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def _settled_without_changes(page: Page, path: str) -> None:
    page.add_init_script(WATCH_TEXT)
    page.goto(path, wait_until="domcontentloaded")
    first = page.locator("h1").first.inner_text()
    page.wait_for_timeout(2500)  # the websocket connects, hydrates and runs on_load meanwhile
    assert page.locator("h1").first.inner_text() == first
    assert page.evaluate("window.__textChanges") == []


def test_no_flash_when_the_app_takes_over_and_it_still_works(page: Page, bakery):
    _settled_without_changes(page, "/")
    page.locator("#lang-switch").get_by_role("radio", name="EN").click()
    expect(page.locator("#hero-title")).to_have_text(re.compile(r"[A-Za-z]"))
    page.get_by_role("link", name="All modules").first.click()
    expect(page).to_have_url(re.compile(r"/marketplace$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Module marketplace")
    page.get_by_placeholder(re.compile("Search", re.I)).fill("knowledge")
    expect(page.get_by_text("Knowledge base").first).to_be_visible()


def test_no_flash_on_a_tenant_page_in_the_language_chosen_before(page: Page, bakery):
    page.goto("/?lang=en")
    _settled_without_changes(page, f"/s/{SLUG}/p/bread")
    expect(page.get_by_text("каждое утро")).to_be_visible()
    _settled_without_changes(page, "/")
    expect(page.locator("#hero-title")).to_have_text(re.compile(r"[A-Za-z]"))


def test_the_tab_title_is_the_page_s_own_before_and_after_load(page: Page, bakery):
    page.goto(f"/s/{SLUG}/p/bread", wait_until="domcontentloaded")
    assert page.title() == "Наш хлеб — Пекарня «Колос»"
    page.wait_for_timeout(2500)
    assert page.title() == "Наш хлеб — Пекарня «Колос»"
    page.goto("/marketplace/knowledge?lang=en", wait_until="domcontentloaded")
    assert page.title() == "Knowledge base — Tochka Rosta"
    page.wait_for_timeout(2500)
    assert page.title() == "Knowledge base — Tochka Rosta"


def test_public_pages_do_not_load_the_workspace_admin_or_chart_code(http):
    """The landing and the marketplace preload only their own chunks: no admin or workspace
    layout, no chart library, no tenant-site Markdown stack (chunk names come from modules)."""
    for path in ("/", "/marketplace"):
        html_text = http.get(path).text
        preloads = json.loads(re.search(r"(\[[^\]]*\])\.forEach", html_text).group(1))
        assert any("/assets/entry.client" in p for p in preloads)
        heavy = [p for p in preloads if re.search(r"admin|_app_|YAxis|recharts|/site-", p)]
        assert heavy == [], path


def test_no_flash_on_the_marketplace(page: Page):
    _settled_without_changes(page, "/marketplace")
    expect(page.locator("#category-filter")).to_have_text("Все категории")
