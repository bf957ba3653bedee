"""Issue 11 item 9: an unverified custom-domain claim cannot keep the real owner out."""

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.support.errors import refusal
from tests.unit.services.tenant.test_domains_and_hosts import FakeResolver
from tochka_app.models import AuditEvent, Tenant, TenantDomain
from tochka_app.models._types import utcnow
from tochka_app.services.team import Actor
from tochka_app.services.tenant import domains
from tochka_app.services.tenant.resolution import classify_host

DOMAIN = "shop.example.ru"


@pytest.fixture
def rivals(db, demo_team):
    """The real owner (the demo tenant) and a squatter tenant."""
    _tenant, actors = demo_team
    squatter_tenant = Tenant(name="Squatter", slug="squatter", owner_id=actors["owner"].user_id)
    db.add(squatter_tenant)
    db.flush()
    return actors["owner"], Actor(actors["owner"].user_id, squatter_tenant.id, "owner")


def _claim(db, actor, settings) -> TenantDomain:
    assert refusal(domains.add_domain, db, actor, DOMAIN, settings) is None
    return db.exec(
        select(TenantDomain).where(
            TenantDomain.domain == DOMAIN, TenantDomain.tenant_id == actor.tenant_id
        )
    ).one()


def _dns_for(row, settings) -> FakeResolver:
    hint = domains.instructions(row, settings)
    return FakeResolver(
        txt={hint.txt_name: [hint.txt_value]}, cname={row.domain: [settings.sites_cname_target]}
    )


def test_squatters_unverified_claim_does_not_block_the_real_owner(db, rivals, settings):
    owner, squatter = rivals
    squat = _claim(db, squatter, settings)
    mine = _claim(db, owner, settings)  # was "domain.taken" before the fix
    assert mine.verification_token != squat.verification_token
    # Only the owner controls the DNS zone, so only the owner's token is published.
    assert (
        refusal(domains.verify_domain, db, owner, mine.id, _dns_for(mine, settings), settings)
        is None
    )
    assert db.get(TenantDomain, squat.id) is None  # the rival claim is dropped
    assert db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "settings.domain_lost", AuditEvent.tenant_id == squatter.tenant_id
        )
    ).one()
    assert classify_host(db, DOMAIN, settings).slug == "demo"
    # Once verified, the domain is taken for everyone else.
    assert refusal(domains.add_domain, db, squatter, DOMAIN, settings) == "domain.taken"


def test_first_to_verify_wins_and_the_late_verifier_loses_its_claim(db, rivals, settings):
    owner, other = rivals
    first, second = _claim(db, owner, settings), _claim(db, other, settings)
    assert (
        refusal(domains.verify_domain, db, owner, first.id, _dns_for(first, settings), settings)
        is None
    )
    # Even with both TXT records published, the second tenant cannot take it over.
    both = _dns_for(first, settings)
    both.records["TXT"][domains.instructions(second, settings).txt_name].append(
        domains.instructions(second, settings).txt_value
    )
    assert refusal(domains.verify_domain, db, other, second.id, both, settings) in (
        "domain.taken",
        "domain.not_found",
    )
    verified = db.exec(
        select(TenantDomain).where(
            TenantDomain.domain == DOMAIN, TenantDomain.verified_at.is_not(None)
        )
    ).all()
    assert [row.tenant_id for row in verified] == [owner.tenant_id]


def test_concurrent_second_verification_is_stopped_by_the_database(db, rivals, settings):
    owner, other = rivals
    first, second = _claim(db, owner, settings), _claim(db, other, settings)
    first.verified_at = utcnow()  # verified by another worker; rival claims not yet dropped
    db.add(first)
    db.flush()
    monkey = domains._verified_elsewhere
    domains._verified_elsewhere = lambda _s, _r: False  # the race: the check saw nothing yet
    try:
        assert (
            refusal(
                domains.verify_domain, db, other, second.id, _dns_for(second, settings), settings
            )
            == "domain.taken"
        )
    finally:
        domains._verified_elsewhere = monkey
    # The refusal wrote nothing; the lost claim is dropped the next time the list is shown.
    assert domains.list_domains(db, other.tenant_id) == []
    assert db.get(TenantDomain, second.id) is None
    assert db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "settings.domain_lost", AuditEvent.tenant_id == other.tenant_id
        )
    ).one()
    assert db.get(TenantDomain, first.id).verified_at is not None


def test_stale_unverified_claims_expire_after_seven_days(db, rivals, settings):
    _owner, squatter = rivals
    squat = _claim(db, squatter, settings)
    squat.created_at = utcnow() - domains.CLAIM_TTL - timedelta(minutes=1)
    db.add(squat)
    db.flush()
    squat_id = squat.id
    # The squatter can no longer verify it, even with the records in place...
    assert (
        refusal(domains.verify_domain, db, squatter, squat_id, _dns_for(squat, settings), settings)
        == "domain.claim_expired"
    )
    # The refusal wrote nothing; the claim is dropped the next time the list is shown.
    assert domains.list_domains(db, squatter.tenant_id) == []
    assert db.get(TenantDomain, squat_id) is None
    # ...and an expired claim disappears from lists and from the claim check.
    again = _claim(db, squatter, settings)
    again.created_at = utcnow() - timedelta(days=8)
    db.add(again)
    db.flush()
    assert domains.list_domains(db, squatter.tenant_id) == []
    assert timedelta(days=7) == domains.CLAIM_TTL


def test_a_fresh_claim_does_not_expire(db, rivals, settings):
    owner, _ = rivals
    row = _claim(db, owner, settings)
    row.created_at = utcnow() - timedelta(days=6)
    db.add(row)
    db.flush()
    assert [r.id for r in domains.list_domains(db, owner.tenant_id)] == [row.id]
    assert (
        refusal(domains.verify_domain, db, owner, row.id, _dns_for(row, settings), settings) is None
    )
    assert refusal(domains.last_check, db, owner, row.id) is None


def test_a_tenant_cannot_claim_the_same_domain_twice(db, rivals, settings):
    owner, _ = rivals
    _claim(db, owner, settings)
    assert refusal(domains.add_domain, db, owner, DOMAIN.upper(), settings) == "domain.taken"
