"""Issue 11 item 7: nobody can lock the super admin out from elsewhere, and an admin may require
a second factor (TOTP with single-use recovery codes)."""

import time
from datetime import timedelta

import pyotp
import pytest
from sqlmodel import select

from tests.support.async_run import run_async
from tests.support.browser_state import in_browser, ticket_in
from tests.support.errors import refusal
from tochka_app.models import AdminRecoveryCode, AdminTotp, AuditEvent, User
from tochka_app.models._types import utcnow
from tochka_app.pages.admin.login import AdminLoginState
from tochka_app.pages.admin.security import AdminSecurityState
from tochka_app.services.auth import admin_login, admin_totp, sessions
from tochka_app.services.passwords import hash_password

PHONE, PASSWORD = "+79005553333", "Pa55-word"
ADMIN_IP, ATTACKER_IP = "198.51.100.10", "203.0.113.66"


run = run_async  # async handlers, awaited on a loop of their own


@pytest.fixture
def admin(db):
    user = User(phone=PHONE, is_super_admin=True, password_hash=hash_password(PASSWORD))
    db.add(user)
    db.flush()
    return user


def test_attacker_elsewhere_cannot_lock_the_admin_out(db, admin):
    for _ in range(admin_login.MAX_FAILURES_PER_PHONE_AND_IP + 1):
        refusal(admin_login.login, db, PHONE, "guess", ATTACKER_IP)
    assert refusal(admin_login.login, db, PHONE, PASSWORD, ATTACKER_IP) == "admin.locked"
    assert admin_login.login(db, PHONE, PASSWORD, ADMIN_IP).user.id == admin.id


def test_attacker_from_many_addresses_only_slows_the_phone_down(db, admin):
    assert admin_login.attempt_delay(db, PHONE) == 0
    for n in range(admin_login.GLOBAL_SLOWDOWN_AFTER):  # a botnet: 4 tries from each address
        refusal(admin_login.login, db, PHONE, "guess", f"203.0.113.{n // 4}")
    delay = admin_login.attempt_delay(db, PHONE)
    assert 0 < delay <= admin_login.MAX_DELAY_S
    assert admin_login.login(db, PHONE, PASSWORD, ADMIN_IP).user.id == admin.id


def test_one_address_cannot_spray_many_phones(db, admin):
    for n in range(admin_login.MAX_FAILURES_PER_IP):
        refusal(admin_login.login, db, f"+7900555{n:04d}", "guess", ATTACKER_IP)
    assert refusal(admin_login.login, db, PHONE, PASSWORD, ATTACKER_IP) == "admin.locked"


def test_login_form_awaits_the_slowdown_without_blocking_the_server(
    db, admin, make_state, monkeypatch
):
    waited = []

    async def fake_sleep(seconds):
        waited.append(seconds)

    monkeypatch.setattr("tochka_app.pages.admin.login.asyncio.sleep", fake_sleep)
    monkeypatch.setattr(AdminLoginState, "_client_ip", lambda self: ADMIN_IP)
    for n in range(admin_login.GLOBAL_SLOWDOWN_AFTER):
        refusal(admin_login.login, db, PHONE, "guess", f"203.0.113.{n // 4}")
    state = make_state(AdminLoginState)
    result = run(state.submit({"phone": PHONE, "password": PASSWORD}))
    assert waited and waited[0] > 0
    assert ticket_in(result) and state.error == ""


def _enable_totp(db, admin, settings) -> tuple[str, list[str]]:
    setup = admin_totp.begin_setup(db, admin.id, settings)
    assert setup.uri.startswith("otpauth://totp/") and setup.secret in setup.uri
    assert not admin_totp.is_enabled(db, admin.id)  # not before a first code proves the app
    codes = admin_totp.confirm_setup(db, admin.id, pyotp.TOTP(setup.secret).now(), None)
    assert len(codes) == admin_totp.RECOVERY_CODES
    return setup.secret, codes


def _code_for_next_step(secret: str) -> str:
    return pyotp.TOTP(secret).at(time.time() + admin_totp.STEP_S)


def test_stolen_password_is_not_enough_once_totp_is_on(db, admin, settings):
    secret, _ = _enable_totp(db, admin, settings)
    result = admin_login.login(db, PHONE, PASSWORD, ADMIN_IP)
    assert result.user is None and result.pending_user_id == admin.id  # the code comes next
    assert (
        refusal(admin_login.second_factor, db, admin.id, "000000", ADMIN_IP, utcnow())
        == "admin.totp.bad_code"
    )
    good = admin_login.second_factor(db, admin.id, _code_for_next_step(secret), ADMIN_IP, utcnow())
    assert good.id == admin.id


def test_a_totp_code_cannot_be_replayed(db, admin, settings):
    secret, _ = _enable_totp(db, admin, settings)
    code = _code_for_next_step(secret)
    assert refusal(admin_login.second_factor, db, admin.id, code, ADMIN_IP, utcnow()) is None
    assert (
        refusal(admin_login.second_factor, db, admin.id, code, ADMIN_IP, utcnow())
        == "admin.totp.bad_code"
    )


def test_second_factor_step_expires_and_is_throttled(db, admin, settings):
    secret, _ = _enable_totp(db, admin, settings)
    late = utcnow() - admin_login.SECOND_FACTOR_TTL - timedelta(seconds=1)
    assert (
        refusal(
            admin_login.second_factor, db, admin.id, _code_for_next_step(secret), ADMIN_IP, late
        )
        == "admin.totp.expired"
    )
    for _ in range(admin_login.MAX_FAILURES_PER_PHONE_AND_IP):
        refusal(admin_login.second_factor, db, admin.id, "123456", ATTACKER_IP, utcnow())
    assert (
        refusal(
            admin_login.second_factor,
            db,
            admin.id,
            _code_for_next_step(secret),
            ATTACKER_IP,
            utcnow(),
        )
        == "admin.locked"
    )


def test_recovery_codes_are_stored_hashed_and_work_once(db, admin, settings):
    _, codes = _enable_totp(db, admin, settings)
    stored = [r.code_hash for r in db.exec(select(AdminRecoveryCode))]
    assert len(stored) == len(codes) and not set(codes) & set(stored)
    assert all(code not in h for code in codes for h in stored)
    assert (
        refusal(admin_login.second_factor, db, admin.id, codes[0].upper(), ADMIN_IP, utcnow())
        is None
    )
    assert (
        refusal(admin_login.second_factor, db, admin.id, codes[0], ADMIN_IP, utcnow())
        == "admin.totp.bad_code"
    )
    assert admin_totp.remaining_recovery_codes(db, admin.id) == len(codes) - 1


def test_disabling_totp_needs_a_valid_code(db, admin, settings):
    _secret, codes = _enable_totp(db, admin, settings)
    assert refusal(admin_totp.disable, db, admin.id, "999999", None) == "admin.totp.bad_code"
    assert admin_totp.is_enabled(db, admin.id)
    assert refusal(admin_totp.disable, db, admin.id, codes[3], None) is None
    assert db.get(AdminTotp, admin.id) is None
    assert admin_login.login(db, PHONE, PASSWORD, ADMIN_IP).user.id == admin.id


def test_admin_panel_sets_up_totp_and_the_secret_never_returns_to_the_browser(
    db, admin, settings, make_state, monkeypatch
):
    monkeypatch.setattr(AdminSecurityState, "_client_ip", lambda self: ADMIN_IP)
    token = sessions.start(db, settings, admin, kind="admin")
    state = in_browser(make_state(AdminSecurityState), admin=token)
    state.load()
    assert not state.enabled and state.setup_secret == ""
    state.start_setup()
    secret = state.setup_secret
    assert secret and secret in state.setup_uri
    assert state.setup_qr.startswith("data:image/svg+xml;base64,")
    state.confirm_setup({"code": pyotp.TOTP(secret).now()})
    assert state.enabled and state.setup_secret == "" and state.setup_uri == ""
    assert state.setup_qr == ""
    assert len(state.recovery_codes) == admin_totp.RECOVERY_CODES
    state.saved_codes()
    assert state.recovery_codes == []
    state.load()  # a later visit shows nothing secret
    assert state.enabled and state.setup_secret == "" and state.recovery_codes == []
    assert secret not in str(state.dict())
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "admin.totp_enabled")).one()


def test_login_form_asks_for_the_code_and_keeps_the_pending_admin_server_side(
    db, admin, settings, make_state, monkeypatch
):
    secret, _ = _enable_totp(db, admin, settings)
    monkeypatch.setattr(AdminLoginState, "_client_ip", lambda self: ADMIN_IP)
    state = make_state(AdminLoginState)
    result = run(state.submit({"phone": PHONE, "password": PASSWORD}))
    assert state.needs_code and result is None  # no session yet
    assert "_pending_user_id" not in state.get_delta().get(state.get_full_name(), {})
    result = run(state.submit_code({"code": "111111"}))
    assert result is None and state.needs_code and state.error
    result = run(state.submit_code({"code": _code_for_next_step(secret)}))
    assert ticket_in(result) and not state.needs_code


def test_operator_can_switch_off_a_lost_second_factor(db, admin, settings, monkeypatch, capsys):
    from tochka_app import cli
    from tochka_app import db as app_db

    _enable_totp(db, admin, settings)
    monkeypatch.setattr(cli, "session_scope", app_db.session_scope)  # the test's session
    monkeypatch.setattr(
        cli, "get_settings", lambda: settings.model_copy(update={"super_admin_phone": PHONE})
    )
    cli.admin_totp_reset()
    assert "switched off" in capsys.readouterr().out
    assert not admin_totp.is_enabled(db, admin.id)
    assert admin_login.login(db, PHONE, PASSWORD, ADMIN_IP).user.id == admin.id
