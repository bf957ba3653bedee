"""Public pages answer with the truth in the status line, and crawlers get robots.txt and a sitemap
per host: what a search engine or a link preview learns without running the app."""

from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from tochka_app.api import build_api
from tochka_app.api.public_status import PublicStatusMiddleware
from tochka_app.api.tenant_hosts import TenantHostMiddleware
from tochka_app.models import TenantDomain, TenantSlugAlias, TenantStatus
from tochka_app.modules.pages import service as pages
from tochka_app.services import marketplace

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def site(db, demo_team):
    """The demo tenant with the pages module on, one published page and one draft."""
    tenant, actors = demo_team
    if not marketplace.is_enabled(db, tenant.id, "pages"):
        marketplace.enable(db, actors["owner"], "pages")
    pages.save(db, actors["owner"], None, "about", "О нас", "Мы печём хлеб.", True)
    pages.save(db, actors["owner"], None, "draft", "Черновик", "секрет", False)
    db.add(TenantSlugAlias(slug="old-demo", tenant_id=tenant.id))
    db.flush()
    return tenant


@pytest.fixture
def client(site):
    async def app_page(request):
        return PlainTextResponse(f"app:{request.url.path}")

    inner = Starlette(routes=[Route("/{path:path}", app_page, methods=["GET", "POST"])])
    return TestClient(PublicStatusMiddleware(inner), follow_redirects=False)


def test_existing_public_pages_answer_200_with_the_app_page(client):
    for path in ("/s/demo", "/s/demo/", "/s/demo/p/about", "/marketplace/pages"):
        response = client.get(path)
        assert response.status_code == 200 and response.text == f"app:{path}", path


def test_unknown_tenant_page_or_module_answers_404_with_the_app_page(client):
    for path in (
        "/s/no-such-tenant",
        "/s/demo/p/draft",
        "/s/demo/p/nope",
        "/marketplace/nope",
        "/s/demo/p/about/deeper",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.text == f"app:{path}"  # the app still shows its own "not found" view


def test_an_old_slug_is_a_real_301_to_the_current_address(client):
    response = client.get("/s/old-demo/p/about?utm=tg")
    assert response.status_code == 301
    assert response.headers["location"] == "/s/demo/p/about?utm=tg"


def test_a_suspended_tenants_site_is_gone(client, db, site):
    site.status = TenantStatus.suspended
    db.add(site)
    db.flush()
    assert client.get("/s/demo").status_code == 410
    assert client.get("/s/old-demo").status_code == 410


def test_only_page_reads_are_judged(client):
    assert client.post("/s/no-such-tenant").status_code == 200  # not a page view
    assert client.get("/app/team").status_code == 200


def test_a_module_page_disappears_with_the_module(client, db, demo_team):
    _tenant, actors = demo_team
    marketplace.disable(db, actors["owner"], "pages")
    assert client.get("/s/demo/p/about").status_code == 404


@pytest.fixture
def api(db, site, settings):
    db.add(
        TenantDomain(
            tenant_id=site.id,
            domain="shop.example.ru",
            verification_token="t",
            verified_at=datetime.now(UTC),
        )
    )
    db.flush()
    return TestClient(TenantHostMiddleware(build_api()), base_url="http://localhost")


def _locs(xml: str) -> list[str]:
    return [loc.text or "" for loc in ElementTree.fromstring(xml).iter(f"{SITEMAP_NS}loc")]


def test_platform_robots_keep_crawlers_out_of_the_workspace(api, settings):
    robots = api.get("/robots.txt").text
    assert "Disallow: /app" in robots and "Disallow: /admin" in robots
    assert f"Sitemap: {settings.public_base_url.rstrip('/')}/sitemap.xml" in robots


def test_platform_sitemap_lists_public_pages_and_published_tenant_pages(api, settings):
    response = api.get("/sitemap.xml")
    assert response.headers["content-type"].startswith("application/xml")
    base = settings.public_base_url.rstrip("/")
    locs = _locs(response.text)
    assert {
        f"{base}/",
        f"{base}/marketplace",
        f"{base}/marketplace/pages",
        f"{base}/s/demo",
        f"{base}/s/demo/p/about",
    } <= set(locs)
    assert not any("draft" in loc or "/app" in loc for loc in locs)


def test_a_tenant_host_gets_its_own_robots_and_sitemap(api):
    robots = api.get("/robots.txt", headers={"host": "shop.example.ru"}).text
    assert "Sitemap: http://shop.example.ru/sitemap.xml" in robots and "Disallow" not in robots
    locs = _locs(api.get("/sitemap.xml", headers={"host": "shop.example.ru"}).text)
    assert locs == ["http://shop.example.ru/", "http://shop.example.ru/p/about"]


def test_a_page_published_later_is_in_the_next_sitemap(api, db, demo_team):
    _, actors = demo_team
    before = _locs(api.get("/sitemap.xml", headers={"host": "shop.example.ru"}).text)
    pages.save(db, actors["owner"], None, "delivery", "Доставка", "Курьером.", True)
    after = _locs(api.get("/sitemap.xml", headers={"host": "shop.example.ru"}).text)
    assert set(after) - set(before) == {"http://shop.example.ru/p/delivery"}
