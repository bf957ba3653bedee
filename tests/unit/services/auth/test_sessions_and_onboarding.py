from datetime import timedelta

import pytest
from sqlmodel import select

from tochka_app.models import Membership, Subscription, Tenant, User, UserSession
from tochka_app.services.auth import onboarding, sessions
from tochka_app.services.errors import ServiceError


def make_user(db, phone="+79005551111", **kw) -> User:
    user = User(phone=phone, **kw)
    db.add(user)
    db.flush()
    return user


def test_session_token_is_stored_only_as_a_hash(db, dev_settings):
    user = make_user(db)
    token = sessions.start(db, dev_settings, user, ip="1.2.3.4", user_agent="UA")
    db.flush()
    row = db.exec(select(UserSession)).one()
    assert token not in row.token_hash and len(token) >= 40
    active = sessions.resolve(db, dev_settings, token)
    assert active.user.id == user.id
    assert sessions.resolve(db, dev_settings, token + "x") is None
    assert sessions.resolve(db, dev_settings, "") is None
    assert sessions.resolve(db, dev_settings, token, kind="admin") is None


def test_sliding_and_absolute_expiry(db, dev_settings):
    user = make_user(db)
    token = sessions.start(db, dev_settings, user)
    db.flush()
    row = db.exec(select(UserSession)).one()
    # Activity after 2 minutes slides the idle expiry forward.
    row.last_seen_at -= timedelta(minutes=2)
    row.expires_at -= timedelta(minutes=2)
    before = row.expires_at
    db.add(row)
    assert sessions.resolve(db, dev_settings, token) is not None
    assert row.expires_at > before
    # Idle too long: gone.
    row.expires_at = row.last_seen_at = row.last_seen_at - timedelta(days=15)
    db.add(row)
    assert sessions.resolve(db, dev_settings, token) is None
    # Absolute cap wins over activity.
    token2 = sessions.start(db, dev_settings, user)
    db.flush()
    row2 = db.exec(select(UserSession).where(UserSession.id != row.id)).one()
    row2.absolute_expires_at -= timedelta(days=31)
    db.add(row2)
    assert sessions.resolve(db, dev_settings, token2) is None


def test_logout_other_sessions_and_blocking(db, dev_settings):
    user = make_user(db)
    tokens = [sessions.start(db, dev_settings, user) for _ in range(3)]
    db.flush()
    current = sessions.resolve(db, dev_settings, tokens[0])
    assert sessions.end_others(db, user.id, current.session.id) == 2
    assert sessions.resolve(db, dev_settings, tokens[1]) is None
    assert sessions.resolve(db, dev_settings, tokens[0]) is not None
    assert len(sessions.active_for_user(db, user.id)) == 1
    user.is_blocked = True
    db.add(user)
    assert sessions.resolve(db, dev_settings, tokens[0]) is None
    sessions.end(db, tokens[0])
    assert sessions.active_for_user(db, user.id) == []


def test_onboarding_creates_tenant_owner_and_trial(db, seeded):
    user = make_user(db)
    created = onboarding.complete(db, user, " Ольга ", "Цветы", "flowers")
    tenant = db.exec(select(Tenant).where(Tenant.slug == "flowers")).one()
    assert created.id == tenant.id
    assert tenant.owner_id == user.id and user.name == "Ольга"
    membership = db.exec(select(Membership).where(Membership.tenant_id == tenant.id)).one()
    assert membership.role == "owner"
    sub = db.exec(select(Subscription).where(Subscription.tenant_id == tenant.id)).one()
    assert sub.status == "trial" and (sub.period_end - sub.period_start) == timedelta(days=14)


def test_onboarding_validation_and_suggestions(db, seeded):
    user = make_user(db)
    with pytest.raises(ServiceError) as refused:  # every wrong field at once
        onboarding.complete(db, user, "", "x" * 201, "demo")
    assert refused.value.fields == {
        "name": "onboarding.name_required",
        "company": "onboarding.company_required",
        "slug": "slug.taken",
    }
    assert refused.value.params["suggestions"] == ["demo-2", "demo-3", "demo-4"]
    for bad in ("-abc", "ab", "Абв", "a_b", "abc-", "a" * 64, "admin"):
        with pytest.raises(ServiceError) as refused:
            onboarding.complete(db, user, "Имя", "Компания", bad)
        assert set(refused.value.fields) == {"slug"}, bad
    assert db.exec(select(Tenant).where(Tenant.owner_id == user.id)).all() == []


def test_slug_suggestion_transliterates():
    assert onboarding.suggest_slug("Кофейня «Зерно»") == "kofeinia-zerno"
    assert onboarding.suggest_slug("!!!") == "company"
