"""What a crawler or a link preview gets from the production build without running the app: the
status line of public pages, their link-preview tags and JSON-LD, the preview images, robots.txt
and the sitemap (plain HTTP, no browser)."""

import io
import json
import re

import httpx
from PIL import Image
from playwright.sync_api import Page, expect


def test_public_page_status_and_crawler_files(app_url):
    with httpx.Client(base_url=app_url, follow_redirects=False, timeout=20) as http:
        assert http.get("/").status_code == 200
        assert http.get("/marketplace/knowledge").status_code == 200
        missing = http.get("/s/no-such-tenant")
        assert missing.status_code == 404
        assert "<html" in missing.text.lower()  # the app's page, which shows its own view
        assert http.get("/marketplace/no-such-module").status_code == 404
        robots = http.get("/robots.txt")
        assert robots.status_code == 200 and "Disallow: /admin" in robots.text
        sitemap = http.get("/sitemap.xml")
        assert sitemap.status_code == 200 and "/marketplace/knowledge</loc>" in sitemap.text


def test_link_previews_of_the_landing_and_a_module_page(app_url):
    with httpx.Client(base_url=app_url, timeout=20) as http:
        landing = http.get("/?lang=en").text
        assert (
            '<meta property="og:title" content="Tochka Rosta — a platform for small business">'
            in (landing)
        )
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', landing)
        assert {json.loads(b)["@type"] for b in blocks} == {
            "Organization",
            "SoftwareApplication",
            "FAQPage",
        }
        http.cookies.clear()  # a crawler keeps no language cookie from the English link
        module = http.get("/marketplace/knowledge").text
        assert '<meta property="og:title" content="База знаний — Точка Роста">' in module
        image = re.search(r'<meta property="og:image" content="([^"]+)"', module).group(1)
        png = http.get(image.replace(image.split("/og/")[0], app_url.rstrip("/")))
        assert png.status_code == 200 and Image.open(io.BytesIO(png.content)).size == (1200, 630)


def test_a_link_in_english_opens_the_site_in_english_and_keeps_it(page: Page):
    page.goto("/?lang=en")
    expect(page.locator("#hero-title")).to_have_text("Your business online in one evening")
    page.goto("/")  # the choice is the visitor's from now on
    expect(page.locator("#hero-title")).to_have_text("Your business online in one evening")
    page.goto("/?lang=ru")
    expect(page.locator("#hero-title")).to_have_text("Ваш бизнес онлайн за один вечер")
