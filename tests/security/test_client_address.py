"""Issue 11 item 8: the client address behind reverse proxies (TRUSTED_PROXIES)."""

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from tochka_app.api.client_address import ClientAddressMiddleware, request_ip
from tochka_app.services.client_address import client_address
from tochka_app.settings import get_settings

PROXIES = ["10.0.0.0/8", "127.0.0.1/32", "2001:db8::/32"]


def test_spoofed_forwarded_for_is_ignored_without_trusted_proxies():
    assert client_address("203.0.113.9", "1.2.3.4", []) == "203.0.113.9"


def test_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored():
    assert client_address("203.0.113.9", "1.2.3.4", PROXIES) == "203.0.113.9"


def test_client_behind_a_trusted_proxy_gets_its_own_address():
    assert client_address("10.0.0.2", "198.51.100.7", PROXIES) == "198.51.100.7"


def test_attacker_cannot_prepend_a_fake_address_through_the_proxy():
    # The attacker sends "X-Forwarded-For: 1.2.3.4"; nginx appends the real address.
    assert client_address("10.0.0.2", "1.2.3.4, 198.51.100.7", PROXIES) == "198.51.100.7"


def test_chains_of_trusted_proxies_are_walked_from_the_right():
    assert (
        client_address("127.0.0.1", "198.51.100.7, 10.1.1.1, 10.0.0.5", PROXIES) == "198.51.100.7"
    )
    assert (
        client_address("2001:db8::1", "[2001:db8::5]:443, 198.51.100.7:5555", PROXIES)
        == "198.51.100.7"
    )


def test_garbage_in_forwarded_for_stops_at_the_last_trusted_hop():
    assert client_address("10.0.0.2", "198.51.100.7, not-an-ip", PROXIES) == "10.0.0.2"
    assert client_address("10.0.0.2", "", PROXIES) == "10.0.0.2"


def test_only_trusted_hops_advance():
    # 10.0.0.5 is trusted, 203.0.113.1 is not: the walk stops there, whatever is left of it.
    assert client_address("10.0.0.2", "6.6.6.6, 203.0.113.1, 10.0.0.5", PROXIES) == "203.0.113.1"


@pytest.fixture
def echo():
    async def who(request):
        return PlainTextResponse(request_ip(request) or "")

    return ClientAddressMiddleware(Starlette(routes=[Route("/", who)]))


def test_http_endpoints_see_the_spoofed_header_ignored_by_default(echo):
    client = TestClient(echo, client=("203.0.113.9", 1234))
    assert client.get("/", headers={"x-forwarded-for": "1.2.3.4"}).text == "203.0.113.9"


def test_http_endpoints_behind_a_trusted_proxy_see_the_client(echo, monkeypatch):
    trusting = get_settings().model_copy(update={"trusted_proxies": PROXIES})
    monkeypatch.setattr("tochka_app.api.client_address.get_settings", lambda: trusting)
    client = TestClient(echo, client=("10.0.0.2", 1234))
    assert client.get("/", headers={"x-forwarded-for": "198.51.100.7"}).text == "198.51.100.7"
    outside = TestClient(echo, client=("203.0.113.9", 1234))
    assert outside.get("/", headers={"x-forwarded-for": "1.2.3.4"}).text == "203.0.113.9"


def test_the_websocket_scope_reflex_reads_is_rewritten(monkeypatch):
    """Reflex takes `router.session.client_ip` from the websocket's ASGI scope["client"]."""
    trusting = get_settings().model_copy(update={"trusted_proxies": PROXIES})
    monkeypatch.setattr("tochka_app.api.client_address.get_settings", lambda: trusting)
    seen = {}

    async def inner(scope, receive, send):
        seen["client"] = scope["client"]

    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    scope = {
        "type": "websocket",
        "client": ("10.0.0.2", 9),
        "path": "/_event",
        "headers": [(b"x-forwarded-for", b"198.51.100.7")],
    }
    with ThreadPoolExecutor(1) as pool:  # not the main thread: Playwright may own its loop
        pool.submit(asyncio.run, ClientAddressMiddleware(inner)(scope, None, None)).result()
    assert seen["client"] == ("198.51.100.7", 9)


def test_every_state_and_endpoint_uses_the_one_function():
    """No code reads the peer address on its own (it would skip TRUSTED_PROXIES)."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "tochka_app"
    offenders = []
    for path in root.rglob("*.py"):
        text = path.read_text()
        for needle in ("router.session.client_ip", "request.client", '"x-forwarded-for"'):
            if needle in text.lower() and path.name not in ("i18n.py", "client_address.py"):
                offenders.append(f"{path.relative_to(root)}: {needle}")
    assert offenders == []
