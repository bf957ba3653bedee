"""A team in Chromium: the owner invites staff, staff joins and sees only what staff may."""

from playwright.sync_api import expect

from tests.e2e.auth_helpers import create_workspace, new_phone, sign_in_by_phone


def test_invite_staff_who_joins_and_switches_workspaces(browser, base_url, app_url, fake_telegram):
    owner_ctx = browser.new_context(base_url=base_url)
    staff_ctx = browser.new_context(base_url=base_url)
    try:
        owner, staff = owner_ctx.new_page(), staff_ctx.new_page()
        staff_phone = new_phone()
        sign_in_by_phone(staff, app_url, fake_telegram, staff_phone, 7202)
        create_workspace(staff, "Своя лавка", "own-shop-e2e")

        sign_in_by_phone(owner, app_url, fake_telegram, new_phone(), 7201)
        create_workspace(owner, "Команда Один", "team-one-e2e")
        owner.goto("/app/team")
        expect(owner.locator("#team-seats")).to_have_text("Места: 1 из 3")
        invite_right = owner.locator('#team-rights [data-permission="team.invite"]')
        expect(invite_right).to_have_text("Приглашать сотрудников")
        owner.fill("#invite-phone", "garbage")
        owner.click("#invite-submit")
        expect(owner.locator("#invite-error")).to_contain_text("Проверьте номер")
        expect(owner.locator("#invite-phone")).to_have_value("garbage")
        owner.fill("#invite-phone", staff_phone)
        owner.click("#invite-submit")
        expect(owner.locator(".invite-row")).to_have_count(1)
        expect(owner.locator("#team-seats")).to_have_text("Места: 2 из 3")

        staff.reload()
        staff.locator(".accept-invite").click()
        staff.wait_for_url("**/app")
        expect(staff.locator("#overview-subtitle")).to_have_text("Команда Один · Сотрудник")

        staff.goto("/app/team")
        expect(staff.locator(".member-row")).to_have_count(2)
        expect(staff.locator("#invite-phone")).to_have_count(0)
        expect(staff.locator(".remove-member")).to_have_count(0)

        # Two workspaces now: switch without logging out.
        staff.goto("/app")
        staff.locator("#tenant-switcher").click()
        staff.get_by_role("option", name="Своя лавка").click()
        expect(staff.locator("#overview-subtitle")).to_have_text("Своя лавка · Владелец")
        staff.locator("#tenant-switcher").click()
        staff.get_by_role("option", name="Команда Один").click()
        expect(staff.locator("#overview-subtitle")).to_have_text("Команда Один · Сотрудник")

        owner.reload()
        expect(owner.locator(".member-row")).to_have_count(2)
        row = owner.locator(f'.member-row[data-phone="{staff_phone}"]')
        row.locator(".remove-member").click()
        owner.locator(".confirm-action").click()
        expect(owner.locator(".member-row")).to_have_count(1)

        staff.goto("/app/team")  # removed: back to the remaining workspace only
        expect(staff.locator("#tenant-name")).to_have_text("Своя лавка")
    finally:
        owner_ctx.close()
        staff_ctx.close()
