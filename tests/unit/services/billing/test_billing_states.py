"""The billing, receipt and workspace marketplace pages through the one guard: what each role sees,
what the owner may change, how a refusal comes back (a code, never a matched string)."""

from contextlib import nullcontext

import pytest
from reflex.istate.data import RouterData
from sqlmodel import select

from tests.support.browser_state import in_browser
from tochka_app.models import Payment, User
from tochka_app.pages.app import billing_state
from tochka_app.pages.app.billing import ReceiptState
from tochka_app.pages.app.billing_state import BillingState
from tochka_app.pages.app.marketplace import AppMarketplaceState
from tochka_app.services import marketplace
from tochka_app.services.access import Actor
from tochka_app.services.auth import onboarding, sessions
from tochka_app.services.billing.errors import BillingError
from tochka_app.services.errors import CommonError


@pytest.fixture
def signed_in(db, settings, make_state):
    """`signed_in(StateClass, actor, payment=None)`: the state in a tab of that member, on a URL
    with `?payment=<id>` (the billing page) / the `[payment]` route parameter (the receipt)."""

    def build(state_cls, actor, payment=None):
        state = make_state(state_cls)
        user = db.get(User, actor.user_id)
        in_browser(state, session=sessions.start(db, settings, user, tenant_id=actor.tenant_id))
        if payment is not None:
            root = state
            while root.parent_state is not None:
                root = root.parent_state
            headers = {"cookie": root.router.headers.cookie, "user-agent": "pytest"}
            root.router = RouterData.from_router_data(
                {
                    "token": "tab-1",
                    "ip": "127.0.0.1",
                    "headers": headers,
                    "pathname": "/app/billing",
                    "asPath": f"/app/billing?payment={payment}",
                    "query": {"payment": str(payment)},
                }
            )
        return state

    return build


@pytest.fixture
def kassa(monkeypatch, provider):
    """The billing page talks to the local fake YooKassa."""
    monkeypatch.setattr(billing_state, "opened", lambda _settings: nullcontext(provider))


def test_owner_pays_comes_back_and_reads_the_receipt(db, demo_team, fake_kassa, kassa, signed_in):
    _tenant, actors = demo_team
    owner = signed_in(BillingState, actors["owner"])
    assert owner.load() is None and owner.status == "trial"
    event = owner.checkout("business")
    payment = db.exec(select(Payment)).one()
    assert owner.busy and payment.confirmation_url in str(event)
    fake_kassa.decide(payment.provider_payment_id, True)

    back = signed_in(BillingState, actors["owner"], payment=payment.id)
    back.load()  # the notification has not come: the page asks the provider itself
    assert back.notice_ok and back.notice.startswith("Оплата прошла")
    assert back.status == "active" and back.history[0].status == "succeeded"

    receipt = signed_in(ReceiptState, actors["admin"], payment=payment.id)  # admins see billing
    receipt.load()
    assert receipt.found and receipt.receipt.number == f"TR-{payment.id:06d}"
    assert receipt.receipt.amount.replace("\xa0", " ") == "2 990 ₽"
    assert receipt.receipt.credit == "" and receipt.receipt.company == "Кофейня «Зерно»"
    for actor, raw in (
        (actors["staff"], payment.id),
        (actors["owner"], "x1"),
        (actors["owner"], payment.id + 1000),
    ):
        other = signed_in(ReceiptState, actor, payment=raw)
        other.load()
        assert not other.found


def test_someone_elses_payment_id_on_return_is_ignored(db, demo_team, fake_kassa, kassa, signed_in):
    _tenant, actors = demo_team
    user_b = User(phone="+79005550202", name="B")
    db.add(user_b)
    db.flush()
    tenant_b = onboarding.complete(db, user_b, "B", "Workspace B", "tenant-b")
    owner_b = Actor(user_b.id, tenant_b.id, "owner")
    signed_in(BillingState, owner_b).checkout("business")
    payment = db.exec(select(Payment)).one()
    fake_kassa.decide(payment.provider_payment_id, True)
    back = signed_in(BillingState, actors["owner"], payment=payment.id)
    back.load()
    assert back.notice == "" and back.status == "trial"
    db.refresh(payment)
    assert payment.status == "pending"  # not even asked about


def test_changes_go_through_the_guard(db, demo_team, signed_in):
    _tenant, actors = demo_team
    owner = signed_in(BillingState, actors["owner"])
    owner.load()
    owner.downgrade("start")
    assert owner.refused_code == BillingError.trial_pick_by_paying
    owner.cancel()
    assert owner.refused_code == "" and owner.cancel_at_period_end
    owner.cancel()
    assert owner.refused_code == BillingError.already_cancelled and owner.cancel_at_period_end

    admin = signed_in(BillingState, actors["admin"])
    admin.load()  # sees the page, changes nothing
    assert admin.status == "trial" and "billing.view" in admin.permissions
    assert "billing.manage" not in admin.permissions
    admin.resume()
    assert admin.refused_code == CommonError.forbidden
    owner.load()
    assert owner.cancel_at_period_end

    staff = signed_in(BillingState, actors["staff"])
    staff.load()  # no toast: the page says it is for admins
    assert staff.status == "" and staff.action_error == ""


def test_marketplace_page_enables_configures_and_refuses_by_field(db, demo_team, signed_in):
    tenant, actors = demo_team
    owner = signed_in(AppMarketplaceState, actors["owner"])
    owner.load()
    owner.enable("knowledge")
    assert marketplace.is_enabled(db, tenant.id, "knowledge")
    assert [e.route for e in owner.module_menu] == ["/app/m/knowledge"]
    assert next(c for c in owner.cards if c.code == "knowledge").state == "enabled"

    owner.open_settings("knowledge")
    assert owner.config_open and [f.key for f in owner.config_fields] == [
        "default_category",
        "page_size",
    ]
    owner.save_settings({"default_category": "Разное", "page_size": "7"})
    assert owner.config_open and set(owner.field_errors) == {"page_size"}
    assert [f.value for f in owner.config_fields] == ["Разное", "7"]  # what was typed stays
    owner.save_settings({"default_category": "Разное", "page_size": "50"})
    assert not owner.config_open and owner.field_errors == {}
    assert marketplace.settings_of(db, tenant.id, "knowledge") == {
        "default_category": "Разное",
        "page_size": "50",
    }

    staff = signed_in(AppMarketplaceState, actors["staff"])
    staff.load()  # sees the catalog
    assert staff.cards and "modules.manage" not in staff.permissions
    staff.disable("knowledge")
    assert staff.refused_code == CommonError.forbidden
    assert marketplace.is_enabled(db, tenant.id, "knowledge")
