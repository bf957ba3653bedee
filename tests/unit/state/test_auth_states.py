"""Auth state handlers on PostgreSQL: inputs kept on errors, server-side checks on every call."""

import re

from sqlmodel import select

from tests.support.browser_state import cookie_from, in_browser
from tochka_app.integrations import dev_inbox
from tochka_app.models import ExternalAccount, LoginCode, Membership, Tenant, User, UserSession
from tochka_app.pages.app.overview import OverviewState
from tochka_app.pages.app.profile import ProfileState
from tochka_app.pages.auth.login_state import LoginState
from tochka_app.pages.auth.onboarding_state import OnboardingState


def code_for(phone: str) -> str:
    return re.search(r"\d{6}", next(m for m in dev_inbox.messages() if m.phone == phone).text)[0]


def test_login_keeps_input_and_shows_clear_errors(db, seeded, make_state):
    state = make_state(LoginState)
    state.request_code({"phone": "8 900 12"})
    assert state.phone == "8 900 12" and state.step == "phone"
    assert state.error.startswith("Проверьте номер телефона")

    state.request_code({"phone": "8 900 777-66-55"})
    assert state.step == "code" and state.resend_in == 60 and state.error == ""
    assert state.verify({"code": "abc"}) is None
    assert state.error == "Код неверный или устарел"
    assert db.exec(select(UserSession)).all() == []

    cookie = cookie_from(db, state.verify({"code": code_for("+79007776655")}))
    assert cookie.kind == "user" and cookie.next_path == "/onboarding"
    assert db.exec(select(UserSession)).one().token_hash != cookie.token


def test_refused_codes_still_count_and_the_wait_is_written_in_words(db, seeded, make_state):
    state = make_state(LoginState)
    state.request_code({"phone": "+79007776659"})
    state.request_code({"phone": "+79007776659"})  # again at once: the cooldown
    assert re.fullmatch(r"Новый код можно запросить через \d+ с", state.error)
    assert 0 < state.resend_in <= 60 and state.step == "code"
    right = code_for("+79007776659")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):  # each refusal is rolled forward: the tries run out
        assert state.verify({"code": wrong}) is None and state.error == "Код неверный или устарел"
    assert state.verify({"code": right}) is None  # the code is locked now
    assert db.exec(select(LoginCode.attempts).where(LoginCode.phone == "+79007776659")).one() == 5
    assert db.exec(select(UserSession)).all() == []


def test_onboarding_then_overview(db, seeded, make_state):
    login = make_state(LoginState)
    login.request_code({"phone": "+79007776656"})
    token = cookie_from(db, login.verify({"code": code_for("+79007776656")})).token

    onboarding = make_state(OnboardingState)
    in_browser(onboarding, session=token)
    onboarding.submit({"name": "", "company": "Ромашка", "slug": "demo"})
    assert set(onboarding.field_errors) == {"name", "slug"} and onboarding.company == "Ромашка"
    assert onboarding.suggestions == ["demo-2", "demo-3", "demo-4"]
    assert "/app" in str(
        onboarding.submit({"name": "Вера", "company": "Ромашка", "slug": "romashka"})
    )

    overview = make_state(OverviewState)
    in_browser(overview, session=token)
    overview.load()
    assert (overview.tenant_name, overview.role, overview.members, overview.tariff) == (
        "Ромашка",
        "owner",
        1,
        "Старт",
    )


def test_protected_handlers_refuse_without_a_session(db, seeded, make_state):
    for cls in (OverviewState, ProfileState):
        state = make_state(cls)
        in_browser(state, session="forged-token")
        assert "/login" in str(state.load())
    profile = make_state(ProfileState)
    assert "/login" in str(profile.unlink("1"))
    assert "/login" in str(profile.end_other_sessions())


def test_no_access_to_other_tenants_or_accounts(db, seeded, make_state):
    login = make_state(LoginState)
    login.request_code({"phone": "+79007776657"})
    token = cookie_from(db, login.verify({"code": code_for("+79007776657")})).token
    in_browser(login, session=token)
    me = db.exec(select(User).where(User.phone == "+79007776657")).one()
    demo = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    # Someone else's tenant id: switching is ignored.
    login.switch_tenant(str(demo.id))
    session_row = db.exec(select(UserSession).where(UserSession.user_id == me.id)).one()
    assert session_row.current_tenant_id != demo.id
    assert db.exec(select(Membership).where(Membership.user_id == me.id)).all() == []
    # Someone else's linked account id: unlinking does nothing.
    owner = db.exec(select(User).where(User.phone == "+79000000010")).one()
    db.add(ExternalAccount(user_id=owner.id, provider="vk", provider_user_id="555"))
    db.flush()
    account_id = db.exec(select(ExternalAccount.id)).one()
    profile = make_state(ProfileState)
    in_browser(profile, session=token)
    profile.unlink(str(account_id))
    profile.unlink("'; drop table users; --")
    assert db.exec(select(ExternalAccount)).one().user_id == owner.id


def test_logout_revokes_the_session(db, seeded, make_state):
    login = make_state(LoginState)
    login.request_code({"phone": "+79007776658"})
    token = cookie_from(db, login.verify({"code": code_for("+79007776658")})).token
    in_browser(login, session=token)
    assert "/auth/logout" in str(login.logout())  # the endpoint then deletes the cookie
    overview = make_state(OverviewState)
    in_browser(overview, session=token)
    assert "/login" in str(overview.load())


def test_onboarding_fills_the_address_from_the_company_until_the_user_types_one(
    db, seeded, make_state
):
    state = make_state(OnboardingState)
    state.company_typed("ООО «Ромашка»")
    assert state.slug == "romashka" and state.slug_key == 1 and state.suggestions == []
    assert state.site_preview.endswith("/s/romashka")
    state.company_typed("Демо")
    assert state.slug == "demo-2"  # "demo" is taken: the next free one
    state.slug_typed("my-flowers")
    state.company_typed("Цветы у дома")
    assert state.slug == "my-flowers" and state.slug_key == 2  # the typed one stays
    assert state.suggestions == ["tsvety-u-doma"]  # only offered
    state.slug_typed("")  # emptied: suggestions fill it again
    state.company_typed("Цветы у дома")
    assert state.slug == "tsvety-u-doma" and state.suggestions == []
