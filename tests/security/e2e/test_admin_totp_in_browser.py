"""Issue 11 item 7 in Chromium: the super admin turns on TOTP in the panel; from then on the
right password alone does not open the panel, the app code does, and the secret is gone from the
page after setup."""

import time

import pyotp
from playwright.sync_api import Page, expect
from sqlmodel import delete

from tests.e2e.auth_helpers import admin_login
from tests.support.e2e_fixtures import SUPER_ADMIN_PASSWORD
from tochka_app.models import AdminRecoveryCode, AdminTotp


def test_stolen_admin_password_is_not_enough_once_totp_is_on(page: Page, app_url, e2e_db):
    try:
        admin_login(page)
        page.goto("/admin/security")
        expect(page.locator("#totp-status")).to_be_visible()
        page.click("#totp-enable")
        secret = page.locator("#totp-secret").inner_text().strip()
        assert page.locator("#totp-uri").inner_text().startswith("otpauth://totp/")
        expect(page.locator("#totp-qr")).to_be_visible()  # a data: image, allowed by the CSP
        assert page.locator("#totp-qr").evaluate("img => img.naturalWidth") > 0
        page.fill("#totp-confirm-code", pyotp.TOTP(secret).now())
        page.click("#totp-confirm-submit")
        expect(page.locator(".recovery-code")).to_have_count(10)
        page.click("#codes-saved")
        expect(page.locator("#recovery-codes")).to_have_count(0)
        page.reload()
        expect(page.locator("#totp-status")).to_be_visible()
        assert secret not in page.content()

        page.click("#admin-logout")
        page.wait_for_url("**/admin/login")
        page.fill("#admin-phone", "+79000000001")
        page.fill("#admin-password", SUPER_ADMIN_PASSWORD)
        page.click("#admin-submit")
        expect(page.locator("#admin-code")).to_be_visible()
        assert "/admin/login" in page.url  # the password alone did not open the panel
        page.fill("#admin-code", "000000")
        page.click("#admin-code-submit")
        expect(page.locator("#admin-code")).to_be_visible()
        page.fill("#admin-code", pyotp.TOTP(secret).at(time.time() + 30))  # a fresh step
        page.click("#admin-code-submit")
        page.wait_for_url("**/admin")
        expect(page.locator("#admin-name")).to_be_visible()
    finally:  # other tests log in as this admin with the password only
        e2e_db.exec(delete(AdminRecoveryCode))
        e2e_db.exec(delete(AdminTotp))
        e2e_db.commit()
