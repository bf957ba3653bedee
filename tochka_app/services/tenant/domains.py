"""Custom domains: a tenant claims a domain, proves it owns it with a DNS TXT record, and points
it at the platform with a CNAME. Only verified domains serve the tenant's site.

A claim proves nothing, so it blocks nobody: several tenants may claim the same domain, and the
first to verify it wins (the partial unique index on verified domains settles races); the other
tenants' claims of that domain are then dropped. A domain verified by someone is taken. An
unverified claim expires CLAIM_TTL after it was made and is deleted the next time claims of that
domain (or of that tenant) are looked at; the tenant may claim it again with a new token.
A claim that lost to another tenant's verification is dropped the same way.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from tochka_app.integrations.dns import DnsResolver
from tochka_app.integrations.errors import IntegrationError
from tochka_app.models import TenantDomain
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.permissions import Permission, require
from tochka_app.settings import Settings

MAX_DOMAINS_PER_TENANT = 5
CLAIM_TTL = timedelta(days=7)
TXT_PREFIX = "_tochka-verify"
TXT_VALUE_PREFIX = "tochka-verify="


def normalize_domain(raw: str) -> str | None:
    """Lower-case IDNA form of a host name (`Магазин.рф` -> `xn--80aa...`), or None if invalid."""
    text = (raw or "").strip().lower().rstrip(".")
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    text = text.split("/", 1)[0]
    if not text or len(text) > 253 or ":" in text:
        return None
    try:
        ascii_name = text.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(
        0 < len(label) <= 63
        and label.replace("-", "").isalnum()
        and label.isascii()
        and not label.startswith("-")
        and not label.endswith("-")
        for label in labels
    ):
        return None
    if labels[-1].isdigit():  # an IP address, not a domain
        return None
    return ascii_name


class DomainError(ErrorCode):
    invalid = "domain.invalid"
    platform = "domain.platform"
    too_many = "domain.too_many"
    taken = "domain.taken"
    not_found = "domain.not_found"
    claim_expired = "domain.claim_expired"
    txt_missing = "domain.txt_missing"
    cname_missing = "domain.cname_missing"
    dns_failed = "domain.dns_failed"


@dataclass
class DnsInstructions:
    txt_name: str
    txt_value: str
    cname_name: str
    cname_target: str


@dataclass
class Domain:
    """A claimed domain as the settings page shows it."""

    id: int
    domain: str  # in its own letters (`магазин.рф`), not the IDNA form
    verified: bool
    dns: DnsInstructions
    last_checked_at: datetime | None
    last_error: DomainError | None  # what the last check found missing


def instructions(row: TenantDomain, settings: Settings) -> DnsInstructions:
    return DnsInstructions(
        f"{TXT_PREFIX}.{row.domain}",
        f"{TXT_VALUE_PREFIX}{row.verification_token}",
        row.domain,
        settings.sites_cname_target,
    )


def _expire_claims(session: Session, *where) -> None:
    """Delete unverified claims older than CLAIM_TTL among the rows `where` selects."""
    stale = session.exec(
        select(TenantDomain).where(
            col(TenantDomain.verified_at).is_(None),
            TenantDomain.created_at < utcnow() - CLAIM_TTL,
            *where,
        )
    ).all()
    for row in stale:
        session.delete(row)
        audit.record(
            session,
            "settings.domain_claim_expired",
            tenant_id=row.tenant_id,
            target_type="domain",
            target_id=row.id,
            details={"domain": row.domain},
        )
    if stale:
        session.flush()


def _drop_lost_claims(session: Session, tenant_id: int) -> None:
    """Delete the tenant's unverified claims of domains another tenant has verified (a check
    that lost the race is refused and rolled back; its claim goes here, on the next look)."""
    verified = aliased(TenantDomain)
    lost = session.exec(
        select(TenantDomain).where(
            TenantDomain.tenant_id == tenant_id,
            col(TenantDomain.verified_at).is_(None),
            col(TenantDomain.domain).in_(
                select(verified.domain).where(
                    col(verified.verified_at).is_not(None), verified.tenant_id != tenant_id
                )
            ),
        )
    ).all()
    for row in lost:
        _lose(session, row)


def list_domains(session: Session, tenant_id: int) -> list[TenantDomain]:
    _expire_claims(session, TenantDomain.tenant_id == tenant_id)
    _drop_lost_claims(session, tenant_id)
    return list(
        session.exec(
            select(TenantDomain)
            .where(TenantDomain.tenant_id == tenant_id)
            .order_by(col(TenantDomain.created_at), col(TenantDomain.id))
        )
    )


def domains_of(session: Session, tenant_id: int, settings: Settings) -> list[Domain]:
    """The tenant's claims with the DNS records each one needs, for the settings page."""
    return [_domain(row, settings) for row in list_domains(session, tenant_id)]


def _domain(row: TenantDomain, settings: Settings) -> Domain:
    assert row.id is not None  # a loaded row
    return Domain(
        row.id,
        row.domain.encode().decode("idna"),
        row.verified_at is not None,
        instructions(row, settings),
        row.last_checked_at,
        DomainError(row.last_error) if row.last_error else None,
    )


def add_domain(session: Session, actor: Actor, raw: str, settings: Settings) -> None:
    """Claim a domain for the actor's tenant."""
    require(actor, Permission.edit_settings)
    domain = normalize_domain(raw)
    if domain is None:
        raise ServiceError(DomainError.invalid, field="domain")
    platform = settings.platform_domain.lower()
    if domain == platform or domain.endswith("." + platform):
        # subdomains of the platform are given by the slug
        raise ServiceError(DomainError.platform, field="domain")
    if len(list_domains(session, actor.tenant_id)) >= MAX_DOMAINS_PER_TENANT:
        raise ServiceError(DomainError.too_many, field="domain")
    _expire_claims(session, TenantDomain.domain == domain)
    claims = session.exec(select(TenantDomain).where(TenantDomain.domain == domain)).all()
    if any(c.verified_at is not None or c.tenant_id == actor.tenant_id for c in claims):
        # verified by someone, or already claimed by this tenant
        raise ServiceError(DomainError.taken, field="domain")
    row = TenantDomain(
        tenant_id=actor.tenant_id, domain=domain, verification_token=secrets.token_hex(16)
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # claimed by this tenant a moment ago (another tab)
        raise ServiceError(DomainError.taken, field="domain") from None
    audit.record(
        session,
        "settings.domain_added",
        actor=actor,
        target_type="domain",
        target_id=row.id,
        details={"domain": domain},
    )


def _own(session: Session, actor: Actor, domain_id: int) -> TenantDomain:
    row = session.get(TenantDomain, domain_id)
    if row is None or row.tenant_id != actor.tenant_id:
        raise ServiceError(DomainError.not_found)
    return row


def verify_domain(
    session: Session, actor: Actor, domain_id: int, resolver: DnsResolver, settings: Settings
) -> None:
    """Look the TXT and CNAME records up and note on the claim what was found, verifying it when
    both are in place (`last_check` then answers whether they were). A check is a fact worth
    keeping, so a missing record is noted, not refused.

    The TXT record proves ownership; the CNAME is what routes visitors, so both must be in place.
    Refused, writing nothing: another tenant's id, an expired claim, a domain someone else has
    verified first (the next `list_domains` drops those claims).
    """
    require(actor, Permission.edit_settings)
    row = _own(session, actor, domain_id)
    if row.verified_at is None and row.created_at < utcnow() - CLAIM_TTL:
        raise ServiceError(DomainError.claim_expired)
    if row.verified_at is None and _verified_elsewhere(session, row):
        raise ServiceError(DomainError.taken)
    expected = instructions(row, settings)
    error = None
    try:
        if expected.txt_value not in [t.strip() for t in resolver.txt(expected.txt_name)]:
            error = DomainError.txt_missing
        elif expected.cname_target.lower() not in resolver.cname(row.domain):
            error = DomainError.cname_missing
    except IntegrationError:
        error = DomainError.dns_failed
    row.last_checked_at, row.last_error = utcnow(), error
    if error is None and row.verified_at is None:
        try:
            with session.begin_nested():
                row.verified_at = utcnow()
                session.add(row)
                session.flush()
        except IntegrityError:  # another tenant verified it a moment ago: they were first
            raise ServiceError(DomainError.taken) from None
        audit.record(
            session,
            "settings.domain_verified",
            actor=actor,
            target_type="domain",
            target_id=row.id,
            details={"domain": row.domain},
        )
        _drop_rival_claims(session, row)
    session.add(row)


def last_check(session: Session, actor: Actor, domain_id: int) -> None:
    """Refuses with what the last DNS check of the claim found missing; passes when it found
    everything in place."""
    require(actor, Permission.edit_settings)
    row = _own(session, actor, domain_id)
    if row.last_error:
        raise ServiceError(DomainError(row.last_error))
    if row.verified_at is None:
        raise ServiceError(DomainError.txt_missing)


def _verified_elsewhere(session: Session, row: TenantDomain) -> bool:
    return (
        session.exec(
            select(TenantDomain.id).where(
                TenantDomain.domain == row.domain,
                TenantDomain.id != row.id,
                col(TenantDomain.verified_at).is_not(None),
            )
        ).first()
        is not None
    )


def _lose(session: Session, row: TenantDomain) -> None:
    """Someone else verified this domain first: this claim is dropped."""
    session.delete(row)
    audit.record(
        session,
        "settings.domain_lost",
        tenant_id=row.tenant_id,
        target_type="domain",
        target_id=row.id,
        details={"domain": row.domain},
    )
    session.flush()


def _drop_rival_claims(session: Session, winner: TenantDomain) -> None:
    rivals = session.exec(
        select(TenantDomain).where(
            TenantDomain.domain == winner.domain,
            TenantDomain.id != winner.id,
            col(TenantDomain.verified_at).is_(None),
        )
    ).all()
    for rival in rivals:
        session.delete(rival)
        audit.record(
            session,
            "settings.domain_lost",
            tenant_id=rival.tenant_id,
            target_type="domain",
            target_id=rival.id,
            details={"domain": rival.domain, "verified_by_tenant": winner.tenant_id},
        )
    if rivals:
        session.flush()


def remove_domain(session: Session, actor: Actor, domain_id: int) -> None:
    require(actor, Permission.edit_settings)
    row = _own(session, actor, domain_id)
    session.delete(row)
    audit.record(
        session,
        "settings.domain_removed",
        actor=actor,
        target_type="domain",
        target_id=domain_id,
        details={"domain": row.domain},
    )
