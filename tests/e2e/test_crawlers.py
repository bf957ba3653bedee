"""What a crawler or a link preview gets from the production build without running the app: the
status line of public pages, robots.txt and the sitemap (plain HTTP, no browser)."""

import httpx


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
