"""The YooKassa client against the local fake speaking the v3 API (auth, idempotence, errors)."""

import httpx
import pytest

from tochka_app.devtools.fake_yookassa import FakeYooKassa
from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.yookassa import YooKassa

SHOP, SECRET = "123456", "test_secret"


@pytest.fixture
def fake():
    with FakeYooKassa(SHOP, SECRET) as server:
        yield server


def client(fake, secret=SECRET, timeout=5.0):
    return YooKassa(SHOP, secret, base_url=f"{fake.url}/v3", timeout=timeout, sleep=lambda _s: None)


def test_create_then_get_a_redirect_payment(fake):
    api = client(fake)
    payment = api.create_payment(
        amount_kopecks=299000,
        description="Тариф Бизнес",
        metadata={"payment_id": 7},
        idempotence_key="k-1",
        return_url="http://app/return",
        save_payment_method=True,
    )
    assert payment.status == "pending" and payment.amount_kopecks == 299000
    assert payment.confirmation_url.endswith(f"/checkout/{payment.id}")
    assert api.get_payment(payment.id).metadata == {"payment_id": "7"}
    again = api.create_payment(
        amount_kopecks=299000,
        description="Тариф Бизнес",
        metadata={"payment_id": 7},
        idempotence_key="k-1",
        return_url="http://app/return",
    )
    assert again.id == payment.id and len(fake.payments) == 1  # same key, same payment


def test_500_is_retried_with_the_same_key(fake):
    fake.fail_next = 2  # the first two answers are lost after the payment was created
    payment = client(fake).create_payment(
        amount_kopecks=99000,
        description="x",
        metadata={},
        idempotence_key="k-500",
        return_url="http://app/r",
    )
    posts = [r for r in fake.requests if r[0] == "POST"]
    assert [key for _, _, key in posts] == ["k-500"] * 3
    assert len(fake.payments) == 1 and payment.id in fake.payments


def test_500_three_times_gives_up(fake):
    fake.fail_next = 3
    with pytest.raises(IntegrationError) as exc:
        client(fake).create_payment(
            amount_kopecks=100,
            description="x",
            metadata={},
            idempotence_key="k-dead",
            return_url="http://app/r",
        )
    assert exc.value.reason == "server_error" and exc.value.status == 500


def test_timeout_is_retried_with_the_same_key(fake):
    fake.slow_next = 4.0  # far past the timeout, so a loaded machine still tells them apart
    payment = client(fake, timeout=1.5).create_payment(
        amount_kopecks=100,
        description="x",
        metadata={},
        idempotence_key="k-slow",
        return_url="http://app/r",
    )
    assert payment.status == "pending"
    assert {key for method, _, key in fake.requests if method == "POST"} == {"k-slow"}


def test_wrong_secret_is_401_and_not_retried(fake):
    with pytest.raises(IntegrationError) as exc:
        client(fake, secret="wrong").get_payment("anything")
    assert exc.value.reason == "unauthorized" and len(fake.requests) == 1


def test_saved_method_charge_succeeds_at_once(fake):
    fake.saved_methods["pm-1"] = True
    fake.saved_methods["pm-broke"] = False
    api = client(fake)
    ok = api.create_payment(
        amount_kopecks=500,
        description="renewal",
        metadata={},
        idempotence_key="r-1",
        payment_method_id="pm-1",
    )
    failed = api.create_payment(
        amount_kopecks=500,
        description="renewal",
        metadata={},
        idempotence_key="r-2",
        payment_method_id="pm-broke",
    )
    assert (ok.status, ok.method_id, failed.status, failed.cancel_reason) == (
        "succeeded",
        "pm-1",
        "canceled",
        "insufficient_funds",
    )


def test_bad_answers_are_errors():
    def handler(request):
        return httpx.Response(200, json={"id": "x"})  # no status, no amount

    api = YooKassa(
        SHOP, SECRET, base_url="https://api.example/v3", transport=httpx.MockTransport(handler)
    )
    with pytest.raises(IntegrationError) as exc:
        api.get_payment("x")
    assert exc.value.reason == "bad_response"
