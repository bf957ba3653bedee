"""Attacks on what public pages write on the server: a tenant's page title or text that tries to
break out of the head tags or the JSON-LD script, a draft that must not reach crawlers, and a
preview-image address that tries to climb out of its folder."""

from tests.unit.services import test_public_status as public
from tochka_app.modules.pages import service as pages

# The fixtures of the public-pages tests, under their own names so pytest finds them here.
site, html_client, api = public.site, public.html_client, public.api


def test_page_title_with_a_script_cannot_leave_the_meta_tags(html_client, db, demo_team):
    _, actors = demo_team
    pages.save(db, actors["owner"], None, "x", '"><script>alert(1)</script>', "текст", True)
    text = html_client.get("/s/demo/p/x").text
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)" in text  # shown as text, escaped


def test_page_text_closing_the_json_ld_script_stays_inside_it(html_client, db, demo_team):
    _, actors = demo_team
    pages.save(
        db, actors["owner"], None, "y", "Страница", "</script><img src=x onerror=alert(1)>", True
    )
    text = html_client.get("/s/demo/p/y").text
    assert "<img src=x" not in text


def test_a_draft_never_reaches_crawlers(api, html_client):
    assert "draft" not in api.get("/sitemap.xml").text
    response = html_client.get("/s/demo/p/draft")
    assert response.status_code == 404 and "секрет" not in response.text


def test_preview_image_path_traversal_is_not_found(api):
    for path in (
        "/og/../secret_key",
        "/og/s/../../secret_key.png",
        "/og/s/%2e%2e%2fsecret.png",
        "/og/s/demo.png/../../x",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.headers.get("content-type", "").startswith(("text/plain", "text/html"))
