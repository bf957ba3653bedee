import re
import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, delete, select

from tests.support.errors import refusal
from tochka_app.integrations import dev_inbox
from tochka_app.models import AuditEvent, LoginCode, User
from tochka_app.services.auth import codes
from tochka_app.services.auth.errors import CodeError
from tochka_app.services.errors import ServiceError

PHONE = "+79005550001"


def last_code_sent(phone: str) -> str:
    message = next(m for m in dev_inbox.messages() if m.phone == phone)
    return re.search(r"\d{6}", message.text).group(0)


def backdate(db, phone: str, **delta) -> None:
    for row in db.exec(select(LoginCode).where(LoginCode.phone == phone)):
        row.created_at -= timedelta(**delta)
        row.expires_at -= timedelta(**delta)
        db.add(row)
    db.flush()


def actions(db) -> list[str]:
    return [e.action for e in db.exec(select(AuditEvent).order_by(AuditEvent.id))]


def test_code_is_sent_stored_hashed_and_logs_in_a_new_user(db, dev_settings):
    result = codes.request_code(db, dev_settings, "8 900 555-00-01", "10.0.0.1")
    assert result.phone == PHONE and result.retry_after_s == 60
    code = last_code_sent(PHONE)
    row = db.exec(select(LoginCode).where(LoginCode.phone == PHONE)).one()
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert (row.expires_at - row.created_at) == timedelta(minutes=5)

    check = codes.verify_code(db, dev_settings, "+7 (900) 555-00-01", code, "10.0.0.1")
    assert check.is_new_user and check.user.phone == PHONE
    assert check.user.last_login_at is not None
    assert {"code.sent", "user.signed_up", "login.succeeded"} <= set(actions(db))


def test_code_is_single_use(db, dev_settings):
    codes.request_code(db, dev_settings, PHONE, None)
    code = last_code_sent(PHONE)
    assert codes.verify_code(db, dev_settings, PHONE, code, None).user is not None
    assert refusal(codes.verify_code, db, dev_settings, PHONE, code, None) == "code.invalid"


def test_existing_user_is_not_new(db, dev_settings):
    db.add(User(phone=PHONE, name="Есть"))
    db.flush()
    codes.request_code(db, dev_settings, PHONE, None)
    check = codes.verify_code(db, dev_settings, PHONE, last_code_sent(PHONE), None)
    assert check.user.name == "Есть" and not check.is_new_user


def test_expired_code_fails_with_the_generic_message(db, dev_settings):
    codes.request_code(db, dev_settings, PHONE, None)
    code = last_code_sent(PHONE)
    backdate(db, PHONE, minutes=5, seconds=1)
    assert refusal(codes.verify_code, db, dev_settings, PHONE, code, None) == "code.invalid"


def test_five_wrong_tries_lock_the_code(db, dev_settings):
    codes.request_code(db, dev_settings, PHONE, None)
    code = last_code_sent(PHONE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(codes.MAX_TRIES):
        assert refusal(codes.verify_code, db, dev_settings, PHONE, wrong, None) == "code.invalid"
    assert refusal(codes.verify_code, db, dev_settings, PHONE, code, None) == "code.invalid"
    assert "code.locked" in actions(db)


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "１２３４５６", " " * 6])
def test_malformed_codes_count_as_wrong(db, dev_settings, typed):
    codes.request_code(db, dev_settings, PHONE, None)
    assert refusal(codes.verify_code, db, dev_settings, PHONE, typed, None) == "code.invalid"
    assert db.exec(select(LoginCode.attempts).where(LoginCode.phone == PHONE)).one() == 1


def test_a_new_code_cancels_the_old_one(db, dev_settings):
    codes.request_code(db, dev_settings, PHONE, None)
    first = last_code_sent(PHONE)
    backdate(db, PHONE, seconds=61)
    codes.request_code(db, dev_settings, PHONE, None)
    second = last_code_sent(PHONE)
    if first != second:
        assert refusal(codes.verify_code, db, dev_settings, PHONE, first, None) == "code.invalid"
    assert codes.verify_code(db, dev_settings, PHONE, second, None).user is not None


def test_resend_cooldown(db, dev_settings):
    assert refusal(codes.request_code, db, dev_settings, PHONE, None) is None
    with pytest.raises(ServiceError) as refused:
        codes.request_code(db, dev_settings, PHONE, None)
    assert refused.value.code == CodeError.cooldown and refused.value.field == "phone"
    assert 0 < refused.value.params["seconds"] <= 60
    backdate(db, PHONE, seconds=61)
    assert refusal(codes.request_code, db, dev_settings, PHONE, None) is None


def test_at_most_five_sends_per_phone_per_hour(db, dev_settings):
    for _ in range(codes.MAX_SENDS_PER_PHONE_HOUR):
        assert refusal(codes.request_code, db, dev_settings, PHONE, None) is None
        backdate(db, PHONE, seconds=61)
    assert refusal(codes.request_code, db, dev_settings, PHONE, None) == "code.too_many"
    backdate(db, PHONE, minutes=60)
    assert refusal(codes.request_code, db, dev_settings, PHONE, None) is None


def test_at_most_twenty_sends_per_ip_per_hour(db, dev_settings):
    assert dev_settings.login_codes_per_ip_hour == 20  # the default
    for n in range(dev_settings.login_codes_per_ip_hour):
        assert refusal(codes.request_code, db, dev_settings, f"+7900556{n:04d}", "10.9.9.9") is None
    assert (
        refusal(codes.request_code, db, dev_settings, "+79005569999", "10.9.9.9") == "code.too_many"
    )
    assert (
        refusal(codes.request_code, db, dev_settings, "+79005569999", "10.9.9.8") is None
    )  # other IP


def test_invalid_phone_is_a_clear_error_and_writes_nothing(db, dev_settings):
    assert refusal(codes.request_code, db, dev_settings, "не телефон", None) == "phone.invalid"
    assert db.exec(select(LoginCode)).all() == []


def test_blocked_user_cannot_log_in(db, dev_settings):
    db.add(User(phone=PHONE, is_blocked=True))
    db.flush()
    codes.request_code(db, dev_settings, PHONE, None)
    assert (
        refusal(codes.verify_code, db, dev_settings, PHONE, last_code_sent(PHONE), None)
        == "account.blocked"
    )


def test_dev_inbox_is_refused_in_production(db, dev_settings):
    prod = dev_settings.model_copy(update={"app_env": "production"})
    assert refusal(codes.request_code, db, prod, PHONE, None) == "code.channel_unavailable"
    assert db.exec(select(LoginCode)).all() == []
    assert "code.delivery_failed" in actions(db)


def test_limits_hold_under_concurrent_requests(migrated_engine, dev_settings):
    """Ten parallel requests for one phone, each in its own transaction: exactly one is sent."""
    phone = "+79005557777"
    barrier = threading.Barrier(10)
    outcomes = []

    def attempt():
        with Session(migrated_engine) as session:
            barrier.wait()
            outcome = refusal(codes.request_code, session, dev_settings, phone, "10.1.1.1")
            session.commit()  # a refused request is committed too (its audit row)
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert outcomes.count(None) == 1
        assert outcomes.count("code.cooldown") == 9
    finally:
        with Session(migrated_engine) as session:
            session.exec(delete(LoginCode).where(LoginCode.phone == phone))
            session.exec(delete(AuditEvent).where(AuditEvent.target_id == phone))
            session.commit()


def test_parallel_wrong_guesses_never_exceed_five_tries(migrated_engine, dev_settings):
    phone = "+79005558888"
    with Session(migrated_engine) as session:
        codes.request_code(session, dev_settings, phone, None)
        session.commit()
    right = last_code_sent(phone)
    guesses = [*[f"{n:06d}" for n in range(20) if f"{n:06d}" != right][:12], right]
    barrier = threading.Barrier(len(guesses))
    users = []

    def guess(code):
        with Session(migrated_engine) as session:
            barrier.wait()
            try:
                users.append(codes.verify_code(session, dev_settings, phone, code, None).user)
            except ServiceError:
                users.append(None)
            session.commit()  # a wrong guess is committed too: it counts

    threads = [threading.Thread(target=guess, args=(g,)) for g in guesses]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with Session(migrated_engine) as session:
            row = session.exec(select(LoginCode).where(LoginCode.phone == phone)).one()
            assert row.attempts <= codes.MAX_TRIES
            # Either the right guess came before the lock, or the code locked first.
            assert sum(u is not None for u in users) == (1 if row.consumed_at else 0)
    finally:
        with Session(migrated_engine) as session:
            session.exec(delete(LoginCode).where(LoginCode.phone == phone))
            session.exec(delete(AuditEvent).where(AuditEvent.target_id == phone))
            user_ids = session.exec(select(User.id).where(User.phone == phone)).all()
            session.exec(delete(AuditEvent).where(AuditEvent.actor_user_id.in_(user_ids)))
            session.exec(delete(User).where(User.phone == phone))
            session.commit()
