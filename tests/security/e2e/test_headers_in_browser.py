"""Issue 11 item 3 in Chromium against the production build: the CSP lets the app run (no
violation, not even when the backend sends JavaScript to run), and another site cannot frame it."""

import re

from playwright.sync_api import Page, expect

from tests.support.fake_http import FakeHttpServer, Request

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
    # The built frontend's files and the API answer with the same headers.
    script = page.evaluate(
        "[...document.querySelectorAll('script[src], link[rel=modulepreload]')]"
        ".map(e => e.src || e.href).find(u => u.includes('/assets/'))"
    )
    assert script, "no built script found on the page"
    for path in (script, "/favicon.ico", "/health", "/api/admin/export/users.csv"):
        headers = page.request.get(path).headers
        assert "frame-ancestors 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path
    # The phone login form talks to the backend over the websocket.
    page.goto("/login")
    expect(page.locator("input[type=tel]").first).to_be_visible()
    # The Telegram callback makes the backend send `rx.call_script` (run with eval in state.js);
    # its callback reaches the server, which answers with the failure message.
    page.goto("/auth/telegram/callback#tgAuthResult=not-base64")
    expect(page.get_by_text(re.compile("Не удалось|Could not"))).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []


class FramingSite(FakeHttpServer):
    """Another origin (same machine, other port) whose page frames the app."""

    def __init__(self, target: str):
        super().__init__()
        self.target = target

    def handle(self, request: Request):
        body = (
            f"<!doctype html><title>evil</title><iframe id=victim src='{self.target}' "
            "width=600 height=400></iframe>"
        ).encode()
        return 200, body, {"Content-Type": "text/html; charset=utf-8"}


def test_another_site_cannot_frame_the_app(page: Page, app_url, console_errors):
    console_errors.allow(r"frame-ancestors|Refused to (display|frame)")
    with FramingSite(f"{app_url}/") as evil:
        page.goto(evil.url)
        victim = page.wait_for_selector("#victim").content_frame()
        victim.wait_for_load_state()
        page.wait_for_timeout(500)
        # Unprotected, the frame shows our landing page (its HTML carries the React Router
        # context script); blocked, Chromium shows its own error page in the frame instead.
        html = victim.content()
    assert "__reactRouterContext" not in html and "hero-title" not in html, victim.url
