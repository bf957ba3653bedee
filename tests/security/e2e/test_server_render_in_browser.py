"""A tenant's page text that tries to close the server-rendered state's <script> and run its own,
in Chromium against the production build: the text shows as text, nothing runs, the app still
starts from that state."""

import re

import httpx
from playwright.sync_api import Page, expect

from tests.support import factories
from tochka_app.models import TenantStatus
from tochka_app.modules.pages import service as pages
from tochka_app.services import marketplace

HOSTILE = "</script><script>window.__pwned = 1</script><!-- <img src=x onerror=window.__pwned=2>"


def test_a_page_that_closes_the_state_script_runs_nothing(page: Page, app_url, e2e_db):
    tenant = factories.tenant(e2e_db, slug="ssr-hostile", name="</title><script>x</script>")
    owner = factories.actor(e2e_db, tenant)
    marketplace.enable(e2e_db, owner, "pages")
    pages.save(e2e_db, owner, None, "evil", "Злая страница", f"Текст `{HOSTILE}`", True)
    e2e_db.commit()
    try:
        served = httpx.get(f"{app_url}/s/ssr-hostile/p/evil", timeout=20).text
        state = re.search(
            r'<script id="tochka-state" type="application/json">(.*?)</script>', served
        )
        assert state is not None and "window.__pwned" in state.group(1)  # inside, escaped
        assert "<script>window.__pwned" not in served and "<script>x</script>" not in served

        page.goto("/s/ssr-hostile/p/evil")
        expect(page.get_by_text("window.__pwned = 1", exact=False)).to_be_visible()
        page.wait_for_timeout(1500)  # the app has started and applied its state
        assert page.evaluate("window.__pwned") is None
        expect(page.locator("#site-page-title")).to_have_text("Злая страница")
    finally:
        tenant.status, tenant.slug = TenantStatus.suspended, f"gone-{tenant.id}"
        e2e_db.add(tenant)
        e2e_db.commit()
