from datetime import UTC, datetime

import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.support.errors import refusal
from tochka_app.api import tenant_hosts
from tochka_app.integrations.errors import IntegrationError
from tochka_app.models import AuditEvent, Tenant, TenantDomain
from tochka_app.services.team import Actor
from tochka_app.services.tenant import domains
from tochka_app.services.tenant.domains import normalize_domain
from tochka_app.services.tenant.resolution import classify_host


class FakeResolver:
    """DNS answers from a dict, like a zone file; `broken` mimics a timeout."""

    def __init__(self, txt=None, cname=None, broken=False):
        self.records = {"TXT": txt or {}, "CNAME": cname or {}}
        self.broken = broken

    def _answer(self, kind, name):
        if self.broken:
            raise IntegrationError("dns_failed", f"{kind} {name}: Timeout")
        return self.records[kind].get(name, [])

    def txt(self, name):
        return self._answer("TXT", name)

    def cname(self, name):
        return self._answer("CNAME", name)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Shop.Example.RU", "shop.example.ru"),
        ("https://shop.example.ru/path?q=1", "shop.example.ru"),
        ("магазин.рф", "xn--80aairftm.xn--p1ai"),
        ("shop.example.ru.", "shop.example.ru"),
        ("", None),
        ("localhost", None),
        ("127.0.0.1", None),
        ("a..b", None),
        ("-a.ru", None),
        ("shop.example.ru:8080", None),
        ("a b.ru", None),
        ("x" * 64 + ".ru", None),
        ("<script>.ru", None),
    ],
)
def test_normalize_domain(raw, expected):
    assert normalize_domain(raw) == expected


def _claim(db, actor, settings, raw="shop.example.ru") -> TenantDomain:
    assert refusal(domains.add_domain, db, actor, raw, settings) is None
    return db.exec(select(TenantDomain).where(TenantDomain.domain == normalize_domain(raw))).one()


def test_add_domain_rules(db, demo_team, settings):
    _tenant, actors = demo_team
    admin = actors["admin"]
    assert refusal(domains.add_domain, db, actors["staff"], "a.example.ru", settings) == (
        "app.forbidden"
    )
    assert refusal(domains.add_domain, db, admin, "not a domain", settings) == "domain.invalid"
    assert refusal(domains.add_domain, db, admin, f"x.{settings.platform_domain}", settings) == (
        "domain.platform"
    )
    _claim(db, admin, settings)
    assert refusal(domains.add_domain, db, admin, "SHOP.example.ru", settings) == "domain.taken"
    for n in range(4):
        assert refusal(domains.add_domain, db, admin, f"s{n}.example.ru", settings) is None
    assert refusal(domains.add_domain, db, admin, "s9.example.ru", settings) == "domain.too_many"
    other = Tenant(name="Other", slug="other", owner_id=admin.user_id)
    db.add(other)
    db.flush()
    # An unverified claim blocks nobody (issue 11: squatting); tests/security covers the rest.
    assert (
        refusal(
            domains.add_domain,
            db,
            Actor(admin.user_id, other.id, "owner"),
            "shop.example.ru",
            settings,
        )
        is None
    )


def test_verify_domain_needs_txt_then_cname(db, demo_team, settings):
    _tenant, actors = demo_team
    row = _claim(db, actors["admin"], settings)
    hint = domains.instructions(row, settings)
    assert hint.txt_name == "_tochka-verify.shop.example.ru"
    assert hint.txt_value == f"tochka-verify={row.verification_token}"

    def verify(resolver):
        """What the page does: check (the answer is kept on the claim), then say what it found."""
        assert (
            refusal(domains.verify_domain, db, actors["admin"], row.id, resolver, settings) is None
        )
        return refusal(domains.last_check, db, actors["admin"], row.id)

    assert verify(FakeResolver()) == "domain.txt_missing"
    assert verify(FakeResolver(txt={hint.txt_name: ["tochka-verify=wrong"]})) == (
        "domain.txt_missing"
    )
    assert verify(FakeResolver(broken=True)) == "domain.dns_failed"
    assert row.verified_at is None and row.last_error == "domain.dns_failed"
    with_txt = {hint.txt_name: ["v=spf1 -all", hint.txt_value]}
    assert verify(FakeResolver(txt=with_txt)) == "domain.cname_missing"
    assert classify_host(db, "shop.example.ru", settings).kind == "unknown"  # not yet
    assert (
        verify(FakeResolver(txt=with_txt, cname={row.domain: [settings.sites_cname_target]}))
        is None
    )
    assert row.verified_at is not None and row.last_error is None
    assert classify_host(db, "shop.example.ru", settings).slug == "demo"
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "settings.domain_verified")).one()


def test_foreign_domain_ids_are_not_found(db, demo_team, settings):
    _tenant, actors = demo_team
    row = _claim(db, actors["admin"], settings)
    other = Tenant(name="Other", slug="other", owner_id=actors["owner"].user_id)
    db.add(other)
    db.flush()
    stranger = Actor(actors["owner"].user_id, other.id, "owner")
    assert refusal(domains.verify_domain, db, stranger, row.id, FakeResolver(), settings) == (
        "domain.not_found"
    )
    assert refusal(domains.last_check, db, stranger, row.id) == "domain.not_found"
    assert refusal(domains.remove_domain, db, stranger, row.id) == "domain.not_found"
    assert refusal(domains.remove_domain, db, actors["staff"], row.id) == "app.forbidden"
    assert refusal(domains.remove_domain, db, actors["admin"], row.id) is None
    db.flush()
    assert db.get(TenantDomain, row.id) is None


def test_classify_host(db, demo_team, settings):
    tenant, _ = demo_team
    platform = settings.platform_domain
    assert classify_host(db, "localhost", settings).kind == "platform"
    assert classify_host(db, "10.0.0.7", settings).kind == "platform"
    assert classify_host(db, f"www.{platform}", settings).kind == "platform"
    assert classify_host(db, f"demo.{platform}", settings).slug == "demo"
    assert classify_host(db, f"nobody.{platform}", settings).kind == "unknown"
    assert classify_host(db, f"a.demo.{platform}", settings).kind == "unknown"
    assert classify_host(db, "evil.example.com", settings).kind == "unknown"
    tenant.status = "suspended"
    db.add(tenant)
    db.flush()
    assert classify_host(db, f"demo.{platform}", settings).kind == "unknown"


@pytest.fixture
def host_client(db, demo_team, settings):
    """The middleware around a tiny app that echoes the path it was given."""

    async def echo(request):
        return PlainTextResponse(f"inner:{request.url.path}")

    inner = Starlette(routes=[Route("/{path:path}", echo)])
    db.add(
        TenantDomain(
            tenant_id=demo_team[0].id,
            domain="shop.example.ru",
            verification_token="t",
            verified_at=datetime.now(UTC),
        )
    )
    db.flush()
    return TestClient(tenant_hosts.TenantHostMiddleware(inner), follow_redirects=False)


def test_middleware_routes_by_host(host_client, settings):
    platform = settings.platform_domain

    def get(host, path="/"):
        return host_client.get(path, headers={"host": host})

    assert get("localhost:3000", "/app").text == "inner:/app"
    response = get(f"demo.{platform}")
    assert response.status_code == 307 and response.headers["location"] == "/s/demo"
    assert get("shop.example.ru", "/p/about?x=1").headers["location"] == "/s/demo/p/about?x=1"
    assert get("shop.example.ru", "/s/demo/p/about").text == "inner:/s/demo/p/about"
    assert get("shop.example.ru", "/_event").text == "inner:/_event"
    assert get("shop.example.ru", "/assets/app.js").text == "inner:/assets/app.js"
    assert get("shop.example.ru", "/app/settings").headers["location"] == (
        settings.public_base_url.rstrip("/") + "/app/settings"
    )
    assert (
        get("shop.example.ru", "/s/other/p/x")
        .headers["location"]
        .startswith(settings.public_base_url.rstrip("/"))
    )  # another tenant's site is not served here
    missing = get("unknown.example.org", "/anything")
    assert missing.status_code == 404 and "id=host-not-found" in missing.text
    assert "unknown.example.org" in missing.text
    assert get("<b>x</b>.example.org").status_code == 404
    assert "<b>x</b>" not in get("<b>x</b>.example.org").text  # escaped
