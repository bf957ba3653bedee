"""The code request path end to end against local fakes of the Gateway and SMS.ru on 127.0.0.1."""

import re

import pytest
from sqlmodel import select

from tests.support.errors import refusal
from tests.support.fake_sms_gateway import FakeSmsRu, FakeTelegramGateway
from tochka_app.models import LoginCode
from tochka_app.services.auth import codes

PHONE = "+79005551234"


@pytest.fixture
def gateway():
    with FakeTelegramGateway("gw-token") as fake:
        yield fake


@pytest.fixture
def sms():
    with FakeSmsRu("api-id") as fake:
        yield fake


def test_gateway_channel_sends_our_code_and_reports_the_verification(db, dev_settings, gateway):
    settings = dev_settings.model_copy(
        update={
            "auth_code_channel": "telegram_gateway",
            "telegram_gateway_token": "gw-token",
            "telegram_gateway_base": gateway.url,
        }
    )
    assert refusal(codes.request_code, db, settings, PHONE, None) is None
    sent = gateway.sent[-1]
    assert sent["phone_number"] == PHONE and sent["ttl"] == 300
    assert db.exec(select(LoginCode)).one().provider_ref == "req-1"
    assert codes.verify_code(db, settings, PHONE, sent["code"], None).user is not None


def test_gateway_errors_are_not_counted_as_sent(db, dev_settings, gateway):
    base = {"auth_code_channel": "telegram_gateway", "telegram_gateway_base": gateway.url}
    wrong_token = dev_settings.model_copy(update={**base, "telegram_gateway_token": "nope"})
    assert refusal(codes.request_code, db, wrong_token, PHONE, None) == "code.delivery_failed"
    gateway.fail_with = "PHONE_NUMBER_INVALID"
    ok_token = dev_settings.model_copy(update={**base, "telegram_gateway_token": "gw-token"})
    assert refusal(codes.request_code, db, ok_token, PHONE, None) == "code.delivery_failed"
    assert db.exec(select(LoginCode)).all() == []


def test_sms_channel(db, dev_settings, sms):
    settings = dev_settings.model_copy(
        update={"auth_code_channel": "sms", "sms_ru_api_id": "api-id", "sms_ru_base": sms.url}
    )
    assert refusal(codes.request_code, db, settings, PHONE, None) is None
    text = sms.sent[-1]["msg"]
    assert sms.sent[-1]["to"] == PHONE.lstrip("+")
    code = re.search(r"\d{6}", text).group(0)
    assert codes.verify_code(db, settings, PHONE, code, None).user is not None


def test_sms_refused_number_and_bad_api_id(db, dev_settings, sms):
    sms.refused_numbers.add(PHONE.lstrip("+"))
    base = {"auth_code_channel": "sms", "sms_ru_base": sms.url}
    for api_id in ("api-id", "wrong"):
        settings = dev_settings.model_copy(update={**base, "sms_ru_api_id": api_id})
        assert refusal(codes.request_code, db, settings, PHONE, None) == "code.delivery_failed"
    assert db.exec(select(LoginCode)).all() == []
