"""Workspace settings in Chromium: profile, logo, address change with redirects, custom domain
verified through a local DNS server, and the site served on its subdomain and domain."""

import io
from urllib.parse import urlsplit

import httpx
from PIL import Image
from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.e2e.auth_helpers import create_workspace, new_phone, sign_in_by_phone
from tests.e2e.conftest import PLATFORM_DOMAIN
from tochka_app.models import TenantDomain


def _png(path, size=(900, 300)):
    image = io.BytesIO()
    Image.new("RGB", size, (170, 51, 85)).save(image, format="PNG")
    path.write_bytes(image.getvalue())
    return path


def test_settings_logo_address_and_custom_domain(
    page: Page, app_url, fake_telegram, fake_dns, e2e_db, tmp_path, screenshot_dir, console_errors
):
    port = urlsplit(app_url).port
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), 7401)
    create_workspace(page, "Настройки Тест", "settings-e2e")
    page.set_viewport_size({"width": 1440, "height": 1000})  # toasts stay clear of the buttons
    page.goto("/app/settings")
    expect(page.locator("#breadcrumbs")).to_contain_text("Настройки")

    page.fill("#name", "   ")
    page.locator("#brand_color").fill("#aa3355")
    page.click("#profile-save")
    expect(page.locator("#name-error")).to_have_text("Укажите название")
    page.fill("#name", "Цветы у дома")
    page.click("#profile-save")
    expect(page.get_by_text("Настройки сохранены")).to_be_visible()
    expect(page.locator("#tenant-name")).to_have_text("Цветы у дома")

    not_an_image = tmp_path / "fake.png"
    not_an_image.write_text("<svg onload=alert(1)>")
    page.set_input_files("#logo-upload input[type=file]", str(not_an_image))
    expect(page.get_by_text("Это не изображение PNG, JPEG, WebP или GIF")).to_be_visible()
    expect(page.locator("#logo-preview")).to_have_count(0)
    page.set_input_files("#logo-upload input[type=file]", str(_png(tmp_path / "logo.png")))
    expect(page.locator("#logo-preview")).to_be_visible()
    logo_src = page.locator("#logo-preview").get_attribute("src")
    assert "/_upload/tenants/" in logo_src  # served by the backend's upload endpoint
    logo_url = logo_src if logo_src.startswith("http") else app_url + logo_src
    assert httpx.get(logo_url).headers["content-type"] == "image/png"

    page.fill("#slug", "admin")
    page.click("#slug-save")
    expect(page.locator("#slug-error")).to_be_visible()
    expect(page.locator("#slug")).to_have_value("admin")  # what was typed stays
    page.fill("#slug", "cvety-u-doma")
    page.click("#slug-save")
    expect(page.locator("#old-slugs")).to_contain_text("settings-e2e")
    expect(page.locator("#site-subdomain")).to_have_text(f"cvety-u-doma.{PLATFORM_DOMAIN}")

    page.fill("#domain-input", "Cvety.Example.test")
    page.click("#domain-add")
    row = page.locator('.domain-row[data-domain="cvety.example.test"]')
    expect(row.locator(".dns-txt")).to_contain_text("_tochka-verify.cvety.example.test")
    row.locator(".verify-domain").click()
    expect(row.locator(".domain-error")).to_contain_text("TXT-запись")
    token = e2e_db.exec(
        select(TenantDomain.verification_token).where(TenantDomain.domain == "cvety.example.test")
    ).one()
    fake_dns.set("_tochka-verify.cvety.example.test", "TXT", f"tochka-verify={token}")
    fake_dns.set("cvety.example.test", "CNAME", f"sites.{PLATFORM_DOMAIN}")
    row.locator(".verify-domain").click()
    expect(row.get_by_text("Подтверждён")).to_be_visible()
    page.screenshot(path=screenshot_dir / "settings-1440.png", full_page=True)

    # The old address redirects to the new one; the site shows the tenant's name and logo.
    page.goto("/s/settings-e2e")
    page.wait_for_url("**/s/cvety-u-doma")
    expect(page.locator("#site-name")).to_have_text("Цветы у дома")
    expect(page.locator("#site-logo")).to_be_visible()
    expect(page.locator("#site-empty")).to_be_visible()

    for host in (f"cvety-u-doma.{PLATFORM_DOMAIN}", "cvety.example.test"):
        page.goto(f"http://{host}:{port}/")
        page.wait_for_url(f"http://{host}:{port}/s/cvety-u-doma")
        expect(page.locator("#site-name")).to_have_text("Цветы у дома")
    console_errors.allow(r"nobody-here\..*: Failed to load resource: .* 404")
    response = page.goto(f"http://nobody-here.{PLATFORM_DOMAIN}:{port}/")
    assert response.status == 404
    expect(page.locator("#host-not-found")).to_be_visible()


def test_staff_sees_settings_as_read_only(page: Page, app_url, fake_telegram, e2e_db):
    from tochka_app.models import Membership, User

    phone = new_phone()
    sign_in_by_phone(page, app_url, fake_telegram, phone, 7402)
    create_workspace(page, "Штат Тест", "staff-settings-e2e")
    user = e2e_db.exec(select(User).where(User.phone == phone)).one()
    membership = e2e_db.exec(select(Membership).where(Membership.user_id == user.id)).one()
    membership.role = "staff"
    e2e_db.add(membership)
    e2e_db.commit()
    page.goto("/app/settings")
    expect(page.locator("#settings-forbidden")).to_be_visible()
    expect(page.locator("#profile-save")).to_have_count(0)
