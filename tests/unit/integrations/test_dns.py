"""The dnspython resolver against a local DNS server speaking the real protocol."""

import pytest

from tests.support.fake_dns import FakeDns
from tochka_app.integrations.dns import SystemDnsResolver
from tochka_app.integrations.errors import IntegrationError


@pytest.fixture
def fake_dns():
    with FakeDns() as server:
        yield server


def test_txt_and_cname_answers(fake_dns):
    fake_dns.set("_tochka-verify.shop.example.ru", "TXT", "v=spf1 -all", "tochka-verify=abc")
    fake_dns.set("shop.example.ru", "CNAME", "Sites.Tochka-Rosta.ru")
    resolver = SystemDnsResolver(["127.0.0.1"], timeout_s=2, port=fake_dns.port)
    assert sorted(resolver.txt("_tochka-verify.shop.example.ru")) == [
        "tochka-verify=abc",
        "v=spf1 -all",
    ]  # DNS does not order records
    assert resolver.cname("shop.example.ru") == ["sites.tochka-rosta.ru"]
    assert resolver.cname("_tochka-verify.shop.example.ru") == []  # exists, no such record
    assert resolver.txt("nothing.example.ru") == []  # NXDOMAIN


def test_server_failure_raises(fake_dns):
    fake_dns.failing.add("broken.example.ru")
    resolver = SystemDnsResolver(["127.0.0.1"], timeout_s=1, port=fake_dns.port)
    with pytest.raises(IntegrationError) as exc:
        resolver.txt("broken.example.ru")
    assert exc.value.reason == "dns_failed"
