"""Gateway and SMS.ru clients against httpx.MockTransport answering like the real APIs."""

import json
from urllib.parse import parse_qs

import httpx
import pytest
from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.sms_ru import SmsRu
from tochka_app.integrations.telegram_gateway import TelegramGateway
from tochka_app.models import LoginCode
from tochka_app.services.auth import codes, delivery


def gateway_transport(calls: list, *, status=200, body=None):
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(
            (
                request.url.path,
                request.headers.get("authorization"),
                json.loads(request.content or b"{}"),
            )
        )
        if body is not None:
            return httpx.Response(status, json=body)
        if request.url.path == "/sendVerificationMessage":
            return httpx.Response(
                200,
                json={
                    "ok": True,
                    "result": {
                        "request_id": "req-1",
                        "phone_number": "79005550001",
                        "request_cost": 0.01,
                    },
                },
            )
        return httpx.Response(
            200,
            json={
                "ok": True,
                "result": {"request_id": "req-1", "verification_status": {"status": "code_valid"}},
            },
        )

    return httpx.MockTransport(handler)


def test_gateway_sends_our_code_with_bearer_token():
    calls = []
    gateway = TelegramGateway("gw-token", transport=gateway_transport(calls))
    assert gateway.send_verification_message("+79005550001", "123456", 300) == "req-1"
    path, auth, params = calls[0]
    assert (path, auth) == ("/sendVerificationMessage", "Bearer gw-token")
    assert params == {"phone_number": "+79005550001", "code": "123456", "ttl": 300}
    assert gateway.check_verification_status("req-1", "123456") == "code_valid"


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, {"ok": False, "error": "PHONE_NUMBER_INVALID"}),
        (401, {"ok": False, "error": "ACCESS_TOKEN_INVALID"}),
        (500, {"ok": False, "error": "INTERNAL"}),
    ],
)
def test_gateway_errors(status, body):
    gateway = TelegramGateway("t", transport=gateway_transport([], status=status, body=body))
    with pytest.raises(IntegrationError) as exc:
        gateway.send_verification_message("+79005550001", "123456", 300)
    assert exc.value.detail == body["error"]


def sms_transport(calls: list, answer: dict | None = None, status: int = 200):
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(parse_qs(request.content.decode()))
        if answer is not None:
            return httpx.Response(status, json=answer)
        to = calls[-1]["to"][0]
        return httpx.Response(
            200,
            json={
                "status": "OK",
                "status_code": 100,
                "balance": 10.5,
                "sms": {to: {"status": "OK", "status_code": 100, "sms_id": "000-100"}},
            },
        )

    return httpx.MockTransport(handler)


def test_sms_ru_sends_digits_only_number():
    calls = []
    sms = SmsRu("api-id", sender="Tochka", transport=sms_transport(calls))
    assert sms.send("+79005550001", "Код 123456") == "000-100"
    assert calls[0]["to"] == ["79005550001"] and calls[0]["api_id"] == ["api-id"]
    assert calls[0]["from"] == ["Tochka"] and calls[0]["json"] == ["1"]


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ({"status": "ERROR", "status_code": 200, "status_text": "Неправильный api_id"}, 200),
        (
            {
                "status": "OK",
                "sms": {
                    "79005550001": {
                        "status": "ERROR",
                        "status_code": 207,
                        "status_text": "На этот номер нельзя",
                    }
                },
            },
            200,
        ),
        ({"status": "ERROR"}, 503),
    ],
)
def test_sms_ru_errors(answer, status):
    sms = SmsRu("api-id", transport=sms_transport([], answer, status))
    with pytest.raises(IntegrationError):
        sms.send("+79005550001", "Код")


def test_failed_sms_delivery_is_not_counted_as_sent(db, dev_settings):
    settings = dev_settings.model_copy(
        update={
            "auth_code_channel": "sms",
            "sms_ru_api_id": "x",
            "sms_ru_base": "http://127.0.0.1:9",
        }
    )
    assert refusal(codes.request_code, db, settings, "+79005550001", None) == "code.delivery_failed"
    assert db.exec(select(LoginCode)).all() == []


def test_unconfigured_channels_fail_clearly(db, dev_settings):
    for channel in ("telegram_bot", "telegram_gateway", "sms"):
        settings = dev_settings.model_copy(update={"auth_code_channel": channel})
        assert refusal(codes.request_code, db, settings, "+79005550001", None) in (
            "code.channel_unavailable",
            "code.telegram_not_linked",
        )


def test_code_text_mentions_lifetime():
    assert "5 минут" in delivery.code_text("123456")
