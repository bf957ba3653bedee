"""The README's run command, exactly as written, on a fresh copy: `scripts/run.sh` in development
mode settles (one compile, no restarts for a minute), shows the landing with its content and
downloads a CSV export; `scripts/run.sh --prod` is production (no dev routes, a generated secret
key kept outside git, no fake YooKassa). Neither run rewrites a tracked file.

Both runs use the embedded SQLite default of a newcomer, on free ports (FRONTEND_PORT,
BACKEND_PORT, PORT and FAKE_YOOKASSA_PORT, as the README says).
"""

import csv
import io
import re
import signal
import socket
import stat
import time

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.support.app_process import free_port
from tests.support.readme_run import ReadmeRun, changed_tracked_files, fresh_copy, newcomer_env

SETTLE_S = 60


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory):
    copy = fresh_copy(tmp_path_factory.mktemp("dev-copy"))
    ports = {
        "FRONTEND_PORT": free_port(),
        "BACKEND_PORT": free_port(),
        "FAKE_YOOKASSA_PORT": free_port(),
    }
    run = ReadmeRun(
        copy,
        [],
        newcomer_env(**{k: str(v) for k, v in ports.items()}),
        ARTIFACTS / "readme-run-dev.log",
    )
    try:
        url = run.wait_ready()
        yield run, url, ports
    finally:
        run.stop()


@pytest.fixture(scope="module")
def prod_run(tmp_path_factory):
    copy = fresh_copy(tmp_path_factory.mktemp("prod-copy"))
    ports = {"PORT": free_port(), "FAKE_YOOKASSA_PORT": free_port()}
    run = ReadmeRun(
        copy,
        ["--prod"],
        newcomer_env(**{k: str(v) for k, v in ports.items()}),
        ARTIFACTS / "readme-run-prod.log",
    )
    try:
        url = run.wait_ready()
        yield run, url, ports
    finally:
        run.stop()


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_dev_run_shows_the_landing_with_its_content(dev_run, browser):
    run, url, _ports = dev_run
    context = browser.new_context(base_url=url)
    try:
        page = context.new_page()
        page.goto("/")
        expect(page.locator("#hero-title")).to_have_text(
            "Ваш бизнес онлайн за один вечер", timeout=60_000
        )
        expect(page.locator(".tariff-card").first).to_be_visible()
        expect(page.get_by_text("Тарифы скоро появятся")).to_have_count(0)
    finally:
        context.close()
    assert (run.copy / ".data/tochka.db").is_file()  # the SQLite default, outside the sources
    assert not list(run.copy.glob("tochka.db*"))


def test_dev_run_banner_logs_the_super_admin_in_and_an_export_downloads(dev_run, browser):
    """The generated password is in the framed lines printed last; the admin CSV export is
    fetched from the backend's port, not answered with the app's HTML by the page server."""
    run, url, _ports = dev_run
    password = _admin_password(run)
    assert (run.copy / ".data/super-admin-password.txt").read_text().strip() == password
    context = browser.new_context(base_url=url, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto("/admin/login")
        page.fill("#admin-phone", "+79000000001")
        page.fill("#admin-password", password)
        page.click("#admin-submit")
        page.wait_for_url("**/admin", timeout=60_000)
        page.goto("/admin/users")
        expect(page.locator(".table-row").first).to_be_visible(timeout=60_000)
        with page.expect_download() as download:
            page.click("#table-export")
        assert download.value.url.startswith(f"http://localhost:{_ports['BACKEND_PORT']}/api/")
        text = download.value.path().read_text("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[0][:2] == ["Телефон", "Имя"] and len(rows) > 1
        assert "<html" not in text.lower()
    finally:
        context.close()


WORKSPACE_PAGES = [
    "/app",
    "/app/marketplace",
    "/app/m/pages",
    "/app/m/knowledge",
    "/app/team",
    "/app/settings",
    "/app/billing",
    "/app/audit",
    "/app/profile",
]
ADMIN_PAGES = [
    "/admin",
    "/admin/users",
    "/admin/tenants",
    "/admin/tariffs",
    "/admin/modules",
    "/admin/content",
    "/admin/audit",
]


def _admin_password(run: ReadmeRun) -> str:
    banner = run.output().split("Tochka Rosta is ready:")[-1]
    return re.search(r"password\s+(\S+)", banner).group(1)


def test_dev_run_pages_have_no_console_errors(dev_run, browser):
    """Development React reports what production hides (invalid nesting, missing keys): every
    workspace and admin page is opened in development mode; the autouse console check fails the
    test on any error."""
    _run, url, _ports = dev_run
    context = browser.new_context(base_url=url)
    try:
        page = context.new_page()
        page.goto("/dev/login")
        page.get_by_role("button", name=re.compile("Анна Смирнова")).click()
        page.wait_for_url("**/app", timeout=60_000)
        page.goto("/app/marketplace")
        for code in ("pages", "knowledge"):
            card = page.locator(f'.tenant-module[data-code="{code}"]')
            expect(card).to_have_attribute(
                "data-state", re.compile("available|enabled"), timeout=60_000
            )
            if card.get_attribute("data-state") == "available":
                card.locator(".enable-module").click()
                expect(card).to_have_attribute("data-state", "enabled")
        for path in WORKSPACE_PAGES:
            page.goto(path)
            expect(page.locator("h1").first).to_be_visible(timeout=60_000)
            page.wait_for_load_state("networkidle")
        page.goto("/admin/login")
        page.fill("#admin-phone", "+79000000001")
        page.fill("#admin-password", _admin_password(_run))
        page.click("#admin-submit")
        page.wait_for_url("**/admin", timeout=60_000)
        for path in ADMIN_PAGES:
            page.goto(path)
            page.wait_for_load_state("networkidle")
        page.goto("/admin/tariffs")  # the "has subscribers" confirmation (a callout with buttons)
        # the demo trial (on the roomiest plan in development) makes it a plan with subscribers
        page.locator('.tariff-row[data-code="pro"] .tariff-edit').click()
        page.fill("#tariff-price", "1 090")
        page.click("#tariff-save")
        expect(page.locator("#tariff-confirm")).to_be_visible()
        page.get_by_role("button", name="Отмена").last.click()
        page.goto("/admin/tenants")  # the impersonation banner over every workspace page
        page.locator(".table-row a", has_text="Зерно").first.click()
        page.fill("#impersonate-reason", "проверка в режиме разработки")
        page.click("#impersonate")
        page.wait_for_url("**/app")
        expect(page.locator("#impersonation-banner")).to_be_visible()
        page.goto("/app/m/pages")
        expect(page.locator("#impersonation-banner")).to_be_visible()
        page.click("#impersonation-end")
        page.wait_for_url("**/admin/tenants/*")
    finally:
        context.close()


def test_prod_run_is_production(prod_run, browser_name):
    # browser_name: parametrized like the browser tests, so pytest keeps one run per module
    run, url, ports = prod_run
    for dev_path in ("/dev/login", "/dev/inbox"):
        response = httpx.get(url + dev_path, timeout=10)
        assert response.status_code == 404, dev_path
        assert "Dev login" not in response.text
    assert httpx.get(url + "/", timeout=10).status_code == 200
    key_file = run.copy / ".data/secret_key"
    assert key_file.is_file() and len(key_file.read_text().strip()) >= 40
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    output = run.output()
    assert "generated one into" in output and ".data/secret_key" in output
    assert "fake YooKassa" not in output and not _listening(ports["FAKE_YOOKASSA_PORT"])
    assert "Demo users" not in output.split("Tochka Rosta is ready:")[-1]


def test_runs_rewrite_no_tracked_file(dev_run, prod_run, browser_name):
    assert changed_tracked_files(dev_run[0].copy) == []
    assert changed_tracked_files(prod_run[0].copy) == []


def test_dev_server_settles_and_has_not_restarted_after_a_minute(dev_run, browser_name):
    run, url, _ports = dev_run
    time.sleep(max(0.0, run.ready_at + SETTLE_S - time.monotonic()))
    assert run.process.poll() is None
    assert httpx.get(url + "/", timeout=30).status_code == 200
    compiles = run.output().count("Compiling:")
    assert compiles == 1, f"the dev server compiled {compiles} times:\n{run.output()[-3000:]}"


def test_stopping_run_sh_stops_everything_it_started(dev_run, browser_name):
    """A TERM to the script alone (not its process group) ends the app and the fake YooKassa."""
    run, _url, ports = dev_run
    run.process.send_signal(signal.SIGTERM)
    run.process.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(map(_listening, ports.values())):
        time.sleep(0.5)
    assert not [name for name, port in ports.items() if _listening(port)]
