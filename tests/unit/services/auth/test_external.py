import base64
import hashlib
import hmac

import httpx
import pytest
from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.vk_id import VkId
from tochka_app.models import DeletedAccount, ExternalAccount, Tenant, User
from tochka_app.services.access import Actor
from tochka_app.services.auth import accounts, external

BOT_TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
WIDGET = {"id": "12345678", "first_name": "Ivan", "username": "ivan", "auth_date": "1700000000"}
# Computed independently: HMAC_SHA256(key=SHA256(token), "auth_date=...\nfirst_name=...\n...").
KNOWN_HASH = hmac.new(
    hashlib.sha256(BOT_TOKEN.encode()).digest(),
    b"auth_date=1700000000\nfirst_name=Ivan\nid=12345678\nusername=ivan",
    hashlib.sha256,
).hexdigest()


def test_widget_hash_matches_the_documented_algorithm():
    assert external.telegram_widget_hash(WIDGET, BOT_TOKEN) == KNOWN_HASH


def test_widget_verification():
    signed = {**WIDGET, "hash": KNOWN_HASH}
    identity = external.verify_telegram_widget(signed, BOT_TOKEN, now=1700000000 + 60)
    assert identity.provider == "telegram" and identity.provider_user_id == "12345678"
    assert identity.display_name == "Ivan" and identity.profile == {"username": "ivan"}
    # stale (older than 10 minutes), from the future, tampered, wrong token, missing hash
    assert external.verify_telegram_widget(signed, BOT_TOKEN, now=1700000000 + 601) is None
    assert external.verify_telegram_widget(signed, BOT_TOKEN, now=1700000000 - 120) is None
    assert external.verify_telegram_widget({**signed, "id": "1"}, BOT_TOKEN, 1700000010) is None
    assert external.verify_telegram_widget(signed, "other:token", now=1700000010) is None
    assert external.verify_telegram_widget(WIDGET, BOT_TOKEN, now=1700000010) is None


def test_pkce_pair_is_s256():
    verifier, challenge = external.pkce_pair()
    assert 43 <= len(verifier) <= 128
    assert set(verifier) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    assert challenge == expected.decode()
    assert external.pkce_pair()[0] != verifier and external.new_state() != external.new_state()


def vk_transport(calls):
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append((request.url.path, dict(httpx.QueryParams(request.content.decode()))))
        if request.url.path == "/oauth2/auth":
            if calls[-1][1].get("code") == "bad":
                return httpx.Response(
                    400, json={"error": "invalid_grant", "error_description": "Code is expired"}
                )
            return httpx.Response(200, json={"access_token": "at", "state": "s", "user_id": 7})
        return httpx.Response(
            200, json={"user": {"user_id": "7", "first_name": "Анна", "last_name": "К"}}
        )

    return httpx.MockTransport(handler)


def test_vk_client_exchange_and_user_info():
    calls = []
    vk = VkId("app-1", "https://id.vk.test", transport=vk_transport(calls))
    url = vk.authorize_url("https://app.test/auth/vk/callback", "st", "ch")
    assert url.startswith("https://id.vk.test/authorize?") and "code_challenge_method=S256" in url
    tokens = vk.exchange_code("c0de", "verifier", "dev-1", "https://app.test/cb", "st")
    assert tokens["access_token"] == "at"
    assert calls[0][1] == {
        "grant_type": "authorization_code",
        "code": "c0de",
        "code_verifier": "verifier",
        "client_id": "app-1",
        "device_id": "dev-1",
        "redirect_uri": "https://app.test/cb",
        "state": "st",
    }
    identity = external.vk_identity(vk.user_info("at"))
    assert (identity.provider_user_id, identity.display_name) == ("7", "Анна К")
    with pytest.raises(IntegrationError) as exc:
        vk.exchange_code("bad", "v", "d", "r", "s")
    assert exc.value.reason == "invalid_grant" and exc.value.status == 400


def user(db, phone, **kw):
    u = User(phone=phone, **kw)
    db.add(u)
    db.flush()
    return u


def test_sign_in_outcomes(db):
    vk = external.Identity("vk", "7", "Анна")
    assert external.sign_in(db, vk, None).pending  # unknown identity, nobody logged in
    anna = user(db, "+79005554441")
    assert external.sign_in(db, vk, anna.id).pending  # logged in: still never linked silently
    assert db.exec(select(ExternalAccount)).all() == []
    external.link(db, anna.id, vk)  # what the confirmation screen does
    linked = external.sign_in(db, vk, anna.id)
    assert linked.linked and linked.user.id == anna.id
    assert external.sign_in(db, vk, None).user.id == anna.id  # now a one-click login
    boris = user(db, "+79005554442")
    assert refusal(external.sign_in, db, vk, boris.id) == "external.linked_elsewhere"
    anna.is_blocked = True
    db.add(anna)
    assert refusal(external.sign_in, db, vk, None) == "account.blocked"


def test_unlink_only_own_accounts(db):
    anna, boris = user(db, "+79005554443"), user(db, "+79005554444")
    external.link(db, anna.id, external.Identity("telegram", "99", "A"))
    db.flush()
    account = db.exec(select(ExternalAccount)).one()
    assert refusal(external.unlink, db, boris.id, account.id) == "app.not_found"  # not theirs
    assert refusal(external.unlink, db, anna.id, account.id) is None
    assert db.exec(select(ExternalAccount)).all() == []


def test_delete_account_keeps_history_and_frees_the_phone(db):
    gone = user(db, "+79005554445", name="Уходящий")
    me = Actor(gone.id, 0, "staff")
    assert refusal(accounts.delete_own_account, db, me, "+79005554440", "") == (
        "profile.delete_confirm_mismatch"
    )  # the phone typed to confirm is not theirs
    assert refusal(accounts.delete_own_account, db, me, " +79005554445 ", "не нужен") is None
    history = db.exec(select(DeletedAccount)).one()
    assert (history.phone, history.name, history.reason) == ("+79005554445", "Уходящий", "не нужен")
    assert db.exec(select(User).where(User.phone == "+79005554445")).first() is None
    user(db, "+79005554445")  # the phone can sign up again


def test_owner_cannot_delete_account(db):
    owner = user(db, "+79005554446")
    db.add(Tenant(name="T", slug="owned-t", owner_id=owner.id))
    db.flush()
    assert refusal(accounts.delete_account, db, owner.id, "", owner.id) == (
        "account.owns_workspace"
    )
    assert db.get(User, owner.id) is not None
