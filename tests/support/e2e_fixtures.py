"""End-to-end fixtures: the app built and started once per session with `reflex run --env prod`
on a free port and its own PostgreSQL database, and Playwright driving Debian's Chromium.

A plugin of the root conftest (`pytest_plugins`), so tests/e2e and tests/security/e2e share one
app per run: fixtures defined in two conftests would start two apps on the same database."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from sqlalchemy import create_engine
from sqlmodel import Session

from tests.conftest import TEST_DATABASE_URL
from tests.pgtool import create_database, drop_database
from tests.support.app_process import (
    ROOT,
    AppStartError,
    free_port,
    setup_database,
    start_app,
    stop_app,
)
from tests.support.fake_dns import FakeDns
from tests.support.fake_telegram import FakeTelegramBotApi
from tests.support.fake_telegram_login import FakeTelegramLogin
from tests.support.fake_vk import FakeVkId
from tochka_app.devtools.fake_yookassa import FakeYooKassa

ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # Debian's chromium on a machine with no outside network
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Tenant subdomains and custom domains of the tests all live under .test and reach the app.
    "--host-resolver-rules=MAP *.test 127.0.0.1",
]
PLATFORM_DOMAIN = "tochka.test"
# Tenant sites where tests sign a shop customer in. Production cookies are Secure and production
# serves every site over TLS; the suite serves them over plain HTTP, so Chromium is told to
# trust these origins (pages and websocket) as it trusts 127.0.0.1. Exact origins only.
SECURE_TEST_SITES = ("zerno-buy", "shop-a", "shop-b")


def secure_test_origins(port: int) -> str:
    origins = [
        f"{scheme}://{slug}.{PLATFORM_DOMAIN}:{port}"
        for slug in SECURE_TEST_SITES
        for scheme in ("http", "ws")
    ]
    return "--unsafely-treat-insecure-origin-as-secure=" + ",".join(origins)


BOT_TOKEN = "123456:e2e-test-token"
WEBHOOK_SECRET = "e2e-webhook-secret"
SUPER_ADMIN_PASSWORD = "e2e-Admin-pass-42"


@pytest.fixture(scope="session")
def fake_telegram():
    with FakeTelegramBotApi(BOT_TOKEN) as fake:
        yield fake


@pytest.fixture(scope="session")
def fake_telegram_login():
    with FakeTelegramLogin(BOT_TOKEN) as fake:
        yield fake


@pytest.fixture
def telegram_login(fake_telegram_login):
    """The fake Telegram Login page, back to its defaults after each test."""
    yield fake_telegram_login
    fake_telegram_login.mode, fake_telegram_login.capture = "fragment", False
    fake_telegram_login.captured = None
    fake_telegram_login.user = {"id": "424242", "first_name": "Мария", "username": "maria"}


VK_CLIENT_ID = "51234567"
VK_USER = {
    "user_id": "90001",
    "first_name": "Иван",
    "last_name": "Петров",
    "avatar": "https://example.invalid/a.png",
}


@pytest.fixture(scope="session")
def fake_vk():
    with FakeVkId(VK_CLIENT_ID, VK_USER) as fake:
        yield fake


@pytest.fixture(scope="session")
def fake_dns():
    with FakeDns() as server:
        yield server


KASSA_SHOP, KASSA_SECRET = "e2e-shop", "e2e-kassa-secret"


@pytest.fixture(scope="session")
def fake_kassa(app_port):
    """The local YooKassa: checkout pages in the browser, notifications to the app's webhook."""
    webhook = f"http://127.0.0.1:{app_port}/api/payments/webhook"
    with FakeYooKassa(KASSA_SHOP, KASSA_SECRET, webhook) as fake:
        yield fake


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def app_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def app_env(
    fake_telegram, fake_telegram_login, fake_vk, fake_dns, fake_kassa, media_dir, app_port
) -> dict[str, str]:
    """Production settings; Telegram, VK ID, DNS and YooKassa pointed at local fakes."""
    return {
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{app_port}",
        "VK_CLIENT_ID": VK_CLIENT_ID,
        "VK_ID_BASE": fake_vk.url,
        "SECRET_KEY": "e2e-secret-key-not-for-production",
        "AUTH_CODE_CHANNEL": "telegram_bot",
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "TELEGRAM_API_BASE": fake_telegram.url,
        "TELEGRAM_OAUTH_BASE": fake_telegram_login.url,
        "SUPER_ADMIN_PASSWORD": SUPER_ADMIN_PASSWORD,
        "PLATFORM_DOMAIN": PLATFORM_DOMAIN,
        "SITES_CNAME_TARGET": f"sites.{PLATFORM_DOMAIN}",
        "DNS_NAMESERVERS": '["127.0.0.1"]',
        "DNS_PORT": str(fake_dns.port),
        "DNS_TIMEOUT_S": "2",
        "MEDIA_DIR": str(media_dir),
        "YOOKASSA_SHOP_ID": KASSA_SHOP,
        "YOOKASSA_SECRET_KEY": KASSA_SECRET,
        "YOOKASSA_BASE_URL": f"{fake_kassa.url}/v3",
        "BILLING_TICK_SECONDS": "0",  # renewals run when a test asks (billing-tick)
        # Every browser of the suite comes from 127.0.0.1: the per-address limit would stop the
        # suite, not an attacker (tests/unit/services/auth/test_codes.py proves the limit).
        "LOGIN_CODES_PER_IP_HOUR": "1000",
    }


@pytest.fixture(scope="session")
def e2e_database_url(app_env):
    url = TEST_DATABASE_URL + "_e2e"
    drop_database(url)
    create_database(url)
    setup_database(url, app_env)
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def app_url(e2e_database_url, app_env, app_port):
    try:
        process, url = start_app(e2e_database_url, ARTIFACTS / "e2e-app.log", app_env, app_port)
    except AppStartError as exc:
        pytest.fail(str(exc))
    try:
        yield url
    finally:
        stop_app(process)


@pytest.fixture(scope="session")
def e2e_engine(e2e_database_url):
    engine = create_engine(e2e_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def e2e_db(e2e_engine):
    """A session on the running app's database (changes are committed and visible to the app)."""
    with Session(e2e_engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ConsoleErrors:
    """Console errors and uncaught exceptions of every page a test opens."""

    def __init__(self):
        self.errors: list[str] = []
        self._allowed: list[re.Pattern] = []

    def allow(self, pattern: str) -> None:
        """A test that provokes an error on purpose (a 404 page) names it here."""
        self._allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [
            e for e in dict.fromkeys(self.errors) if not any(p.search(e) for p in self._allowed)
        ]

    def watch(self, context: BrowserContext) -> BrowserContext:
        def on_console(message):
            if message.type == "error":
                where = (message.location or {}).get("url", "")
                self.errors.append(f"console error on {where}: {message.text}")

        def on_page(page):
            page.on("console", on_console)
            page.on("pageerror", lambda exc: self.errors.append(f"uncaught on {page.url}: {exc}"))

        context.on("page", on_page)
        return context


@pytest.fixture(autouse=True)
def console_errors(monkeypatch):
    """Every page of every test: a console error or an uncaught exception fails the test."""
    watcher = ConsoleErrors()
    original = Browser.new_context
    monkeypatch.setattr(
        Browser, "new_context", lambda self, *a, **kw: watcher.watch(original(self, *a, **kw))
    )
    yield watcher
    if unexpected := watcher.unexpected():
        pytest.fail("browser console errors:\n" + "\n".join(unexpected), pytrace=False)


@pytest.fixture(autouse=True)
def live_after_navigation(monkeypatch):
    """A server-rendered public page (tochka_app/server_render) is readable before the app runs;
    a click or a keystroke in that moment does nothing yet. `page.goto` and `page.reload` with
    the default `wait_until="load"` therefore also wait for `#app-live` on such a page, as a
    person waits for the page to respond; `wait_until="domcontentloaded"` sees the page as the
    server sent it (tests/e2e/test_server_rendering.py)."""

    def waiting(original):
        def navigate(self: Page, *args, **kwargs):
            response = original(self, *args, **kwargs)
            if kwargs.get("wait_until", "load") == "load" and self.locator("#tochka-state").count():
                self.wait_for_selector("#app-live", state="attached")
            return response

        return navigate

    monkeypatch.setattr(Page, "goto", waiting(Page.goto))
    monkeypatch.setattr(Page, "reload", waiting(Page.reload))


BACKEND_EXCEPTION = re.compile(r"\[Reflex Backend Exception\]|Traceback \(most recent call last\)")


@pytest.fixture(autouse=True)
def backend_exceptions(request):
    """A test that uses the running app fails when the app logged an exception meanwhile: the
    browser shows only "An error occurred" for it, which no console check sees."""
    if "app_url" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("app_url")  # started (and its startup logged) before counting
    log = ARTIFACTS / "e2e-app.log"
    start = log.stat().st_size
    yield
    with open(log, "rb") as handle:
        handle.seek(start)
        written = handle.read().decode("utf-8", "replace")
    if match := BACKEND_EXCEPTION.search(written):
        excerpt = written[max(match.start() - 200, 0) : match.start() + 3000]
        pytest.fail(f"the app logged an exception during this test:\n{excerpt}", pytrace=False)
