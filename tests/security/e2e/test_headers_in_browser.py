"""Issue 11 item 3 in Chromium against the production build: the CSP lets the app run (no
violation, not even when the backend sends JavaScript to run), and another site cannot frame it."""

import re

from playwright.sync_api import Page, expect

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_pages_run_under_the_csp_without_violations(page: Page, app_url):
    page.add_init_script(COLLECT_VIOLATIONS)
    response = page.goto("/")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    expect(page.locator("#hero-title")).to_be_visible()
    # The phone login form talks to the backend over the websocket.
    page.goto("/login")
    expect(page.locator("input[type=tel]").first).to_be_visible()
    # The Telegram callback makes the backend send `rx.call_script` (run with eval in state.js);
    # its callback reaches the server, which answers with the failure message.
    page.goto("/auth/telegram/callback#tgAuthResult=not-base64")
    expect(page.get_by_text(re.compile("Не удалось|Could not"))).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []


def test_another_site_cannot_frame_the_app(page: Page, app_url, console_errors):
    console_errors.allow(r"frame-ancestors|Refused to (display|frame)")
    evil = "http://evil-framer.test/"
    page.route(evil, lambda route: route.fulfill(
        content_type="text/html",
        body=f"<!doctype html><iframe id=victim src='{app_url}/login' width=600 height=400>"
             "</iframe>"))
    page.goto(evil)
    page.wait_for_timeout(1500)
    victim = next(f for f in page.frames if f is not page.main_frame)
    # Blocked frames show Chromium's error page instead of the app.
    assert not victim.url.startswith(app_url) or victim.locator("input[type=tel]").count() == 0
    assert victim.locator("#__reflex, input[type=tel]").count() == 0
