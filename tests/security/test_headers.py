"""Issue 11 item 3: every response of the app's ASGI stack carries the security headers."""

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from tochka_app.api import api_transformers
from tochka_app.api.security_headers import SecurityHeadersMiddleware, content_security_policy
from tochka_app.settings import get_settings


def _wrap_like_reflex(inner):
    """What `rx.App.__call__` does with `api_transformer`: mount into Starlettes, wrap the rest."""
    app = inner
    for transformer in api_transformers():
        if isinstance(transformer, Starlette):
            transformer.mount("", app)
            app = transformer
        else:
            app = transformer(app)
    return app


@pytest.fixture
def stack(db, seeded, tmp_path):
    (tmp_path / "app.js").write_text("console.log(1)")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n")

    async def page(_request):
        return HTMLResponse("<!doctype html><div id=root></div>")

    inner = Starlette(
        routes=[
            Mount("/assets", StaticFiles(directory=tmp_path)),
            Mount("/_upload", StaticFiles(directory=tmp_path)),
            Route("/", page),
            Route("/login", page),
        ]
    )
    return TestClient(_wrap_like_reflex(inner), base_url="http://localhost")


EVERY_KIND = [
    ("localhost", "/"),  # a page
    ("localhost", "/assets/app.js"),  # the built frontend's static files
    ("localhost", "/_upload/logo.png"),  # uploads
    ("localhost", "/health"),  # API
    ("localhost", "/api/admin/export/users.csv"),  # downloads (403 without a session)
    ("localhost", "/no-such-file.js"),  # 404
    ("unclaimed.example", "/"),  # a host nobody owns: the 404 site page
    (f"demo.{get_settings().platform_domain}", "/"),  # a tenant site (redirect into /s/demo)
    (f"demo.{get_settings().platform_domain}", "/s/demo"),  # ...and its page
]


@pytest.mark.parametrize("host,path", EVERY_KIND)
def test_no_response_escapes_the_security_headers(stack, host, path):
    response = stack.get(path, headers={"host": host}, follow_redirects=False)
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["permissions-policy"]
    assert "geolocation=()" in response.headers["permissions-policy"]
    assert "strict-transport-security" not in response.headers  # development


def test_webhook_post_is_covered_too(stack):
    response = stack.post("/api/payments/webhook", content=b"not json")
    assert response.status_code == 400
    assert "content-security-policy" in response.headers


def test_hsts_only_in_production(monkeypatch):
    async def ok(scope, receive, send):
        await HTMLResponse("ok")(scope, receive, send)

    client = TestClient(SecurityHeadersMiddleware(ok))
    assert "strict-transport-security" not in client.get("/").headers
    production = get_settings().model_copy(update={"app_env": "production"})
    monkeypatch.setattr("tochka_app.api.security_headers.get_settings", lambda: production)
    assert client.get("/").headers["strict-transport-security"].startswith("max-age=31536000")


def test_evil_site_cannot_frame_or_inject_script_sources():
    policy = content_security_policy("localhost:3000")
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["frame-ancestors"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["script-src"].split()[0] == "'self'"
    assert "http" not in directives["script-src"] and "*" not in policy
    assert directives["connect-src"] == "'self' ws://localhost:3000 wss://localhost:3000"


def test_forged_host_header_cannot_widen_the_policy():
    policy = content_security_policy("evil.test; script-src *")
    assert "*" not in policy and "evil" not in policy


def test_a_response_that_sets_its_own_header_keeps_it():
    async def sandboxed(scope, receive, send):
        await HTMLResponse("x", headers={"Content-Security-Policy": "sandbox"})(
            scope, receive, send
        )

    response = TestClient(SecurityHeadersMiddleware(sandboxed)).get("/")
    assert response.headers["content-security-policy"] == "sandbox"
    assert response.headers["x-content-type-options"] == "nosniff"
