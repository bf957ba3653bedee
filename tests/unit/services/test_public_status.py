"""Public pages answer with the truth in the status line, and crawlers get robots.txt and a sitemap
per host: what a search engine or a link preview learns without running the app."""

import gzip
import io
import json
import re
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
from PIL import Image
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.support.async_run import run_async
from tochka_app.api import build_api
from tochka_app.api.public_pages import PublicPagesMiddleware
from tochka_app.api.tenant_hosts import TenantHostMiddleware
from tochka_app.models import TenantDomain, TenantSlugAlias, TenantStatus
from tochka_app.modules.pages import service as pages
from tochka_app.services import content, marketplace, tariffs

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
    return TestClient(PublicPagesMiddleware(inner), follow_redirects=False)


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


# --- the head a public page carries: what a link preview or a crawler reads -------------------


SHELL = (
    b"<!doctype html><html><head><meta charset=utf-8></head><body><div id=root></div></body></html>"
)
LANDING = SHELL.replace(b"</head>", "<title>Точка Роста</title></head>".encode())


@pytest.fixture
def html_client(site):
    """The middleware around an app that serves the landing's prerendered HTML and the SPA shell
    (gzip-encoded when asked, as the production build's static files are)."""

    async def page(request):
        body = LANDING if request.url.path == "/" else SHELL
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(
                gzip.compress(body), media_type="text/html", headers={"content-encoding": "gzip"}
            )
        return Response(body, media_type="text/html")

    inner = Starlette(routes=[Route("/{path:path}", page)])
    return TestClient(PublicPagesMiddleware(inner), follow_redirects=False)


def _head(response) -> dict:
    text = response.text
    meta = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', text))
    meta["titles"] = re.findall(r"<title>([^<]*)</title>", text)
    meta["canonical"] = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
    meta["json_ld"] = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text)
    ]
    return meta


def test_landing_head_has_description_preview_and_json_ld(html_client, db, settings):
    head = _head(html_client.get("/"))
    base = settings.public_base_url.rstrip("/")
    # The page's own title takes the place of the prerendered one: still one <title>.
    assert head["titles"] == ["Точка Роста — платформа для малого бизнеса"]
    assert head["og:title"] == "Точка Роста — платформа для малого бизнеса"
    assert head["description"] and head["og:description"] == head["description"]
    assert head["canonical"] == f"{base}/" and head["og:image"] == f"{base}/og/platform.png"
    assert head["twitter:card"] == "summary_large_image" and head["og:locale"] == "ru_RU"
    kinds = {block["@type"]: block for block in head["json_ld"]}
    assert set(kinds) == {"Organization", "SoftwareApplication", "FAQPage"}
    offers = kinds["SoftwareApplication"]["offers"]
    public = tariffs.public_tariffs(db)
    assert [o["name"] for o in offers] == [t.name for t in public]
    assert all(o["@type"] == "Offer" and o["priceCurrency"] == "RUB" for o in offers)
    assert offers[-1]["price"] == f"{public[-1].price_month_kopecks / 100:.2f}"
    questions = kinds["FAQPage"]["mainEntity"]
    assert questions and all(
        q["@type"] == "Question" and q["acceptedAnswer"]["text"] for q in questions
    )


def test_landing_head_in_english_at_its_english_address(html_client):
    head = _head(html_client.get("/?lang=en"))
    assert head["og:title"] == "Tochka Rosta — a platform for small business"
    assert head["og:locale"] == "en_US"
    assert head["canonical"].endswith("/?lang=en")  # one address per language, shareable


def test_every_public_page_names_its_language_versions(html_client, settings):
    base = settings.public_base_url.rstrip("/")
    text = html_client.get("/s/demo/p/about", headers={"accept-language": "en"}).text
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', text))
    assert alternates == {
        "ru": f"{base}/s/demo/p/about",
        "en": f"{base}/s/demo/p/about?lang=en",
        "x-default": f"{base}/s/demo/p/about",
    }
    assert 'content="ru_RU"' in text  # the browser's language does not change the address's


def test_an_edited_landing_shows_in_the_next_response(html_client, db):
    hero = dict(content.get_blocks(db, "ru")["hero"])
    hero["title"] = "Новый заголовок для проверки"
    content.set_block(db, "hero", "ru", hero)
    assert "Новый заголовок для проверки" in _head(html_client.get("/"))["description"]


def test_a_tenant_page_head_names_the_page_and_the_tenant(html_client, site, settings):
    response = html_client.get("/s/demo/p/about", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and "content-encoding" not in response.headers
    head = _head(response)
    base = settings.public_base_url.rstrip("/")
    assert head["titles"] == [f"О нас — {site.name}"]  # the shell has none: the page's own
    assert head["og:description"] == "Мы печём хлеб." and head["og:type"] == "article"
    assert head["canonical"] == f"{base}/s/demo/p/about"
    assert head["og:image"] == f"{base}/og/s/demo.png"
    assert head["json_ld"][0]["@type"] == "Organization" and head["json_ld"][0]["name"] == site.name


def test_a_missing_page_gets_its_404_without_a_preview(html_client):
    response = html_client.get("/s/demo/p/draft")
    assert response.status_code == 404 and "og:title" not in response.text


def test_preview_images_are_1200_by_630(api, site):
    for path in ("/og/platform.png", "/og/s/demo.png"):
        response = api.get(path)
        assert response.status_code == 200 and response.headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    assert api.get("/og/s/no-such-tenant.png").status_code == 404
    assert api.get("/og/../secret_key").status_code == 404


def test_a_page_sent_as_a_file_path_gets_its_head_too(site, tmp_path):
    """The production server sends static pages with the ASGI `pathsend` extension."""
    shell = tmp_path / "index.html"
    shell.write_bytes(SHELL)

    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(SHELL)).encode()),
                ],
            }
        )
        await send({"type": "http.response.pathsend", "path": str(shell)})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/s/demo/p/about",
        "headers": [],
        "query_string": b"",
    }
    run_async(PublicPagesMiddleware(app)(scope, receive, send))
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    body = sent[1]["body"]
    assert b'property="og:title"' in body
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(body)).encode()
