"""Custom domains: a tenant claims a domain, proves it owns it with a DNS TXT record, and points
it at the platform with a CNAME. Only verified domains serve the tenant's site.

A claim proves nothing, so it blocks nobody: several tenants may claim the same domain, and the
first to verify it wins (the partial unique index on verified domains settles races); the other
tenants' claims of that domain are then dropped. A domain verified by someone is taken. An
unverified claim expires CLAIM_TTL after it was made and is deleted the next time claims of that
domain (or of that tenant) are looked at; the tenant may claim it again with a new token.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from tochka_app.integrations.dns import DnsResolver
from tochka_app.integrations.errors import IntegrationError
from tochka_app.models import TenantDomain
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.permissions import Permission, allowed
from tochka_app.services.team import Actor
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
            0 < len(label) <= 63 and label.replace("-", "").isalnum() and label.isascii()
            and not label.startswith("-") and not label.endswith("-") for label in labels):
        return None
    if labels[-1].isdigit():  # an IP address, not a domain
        return None
    return ascii_name


@dataclass
class DnsInstructions:
    txt_name: str
    txt_value: str
    cname_name: str
    cname_target: str


def instructions(row: TenantDomain, settings: Settings) -> DnsInstructions:
    return DnsInstructions(f"{TXT_PREFIX}.{row.domain}", f"{TXT_VALUE_PREFIX}{row.verification_token}",
                           row.domain, settings.sites_cname_target)


def _expire_claims(session: Session, *where) -> None:
    """Delete unverified claims older than CLAIM_TTL among the rows `where` selects."""
    stale = session.exec(select(TenantDomain).where(
        TenantDomain.verified_at.is_(None), TenantDomain.created_at < utcnow() - CLAIM_TTL,
        *where)).all()
    for row in stale:
        session.delete(row)
        audit.record(session, "settings.domain_claim_expired", tenant_id=row.tenant_id,
                     target_type="domain", target_id=row.id,
                     details={"domain": row.domain})
    if stale:
        session.flush()


def list_domains(session: Session, tenant_id: int) -> list[TenantDomain]:
    _expire_claims(session, TenantDomain.tenant_id == tenant_id)
    return list(session.exec(select(TenantDomain).where(TenantDomain.tenant_id == tenant_id)
                             .order_by(TenantDomain.created_at, TenantDomain.id)))


def add_domain(session: Session, actor: Actor, raw: str, settings: Settings) -> str | None:
    """Claim a domain for the actor's tenant; returns an error id or None."""
    if not allowed(actor, Permission.edit_settings):
        return "settings.forbidden"
    domain = normalize_domain(raw)
    if domain is None:
        return "domain.invalid"
    platform = settings.platform_domain.lower()
    if domain == platform or domain.endswith("." + platform):
        return "domain.platform"  # subdomains of the platform are given by the slug
    if len(list_domains(session, actor.tenant_id)) >= MAX_DOMAINS_PER_TENANT:
        return "domain.too_many"
    _expire_claims(session, TenantDomain.domain == domain)
    claims = session.exec(select(TenantDomain).where(TenantDomain.domain == domain)).all()
    if any(c.verified_at is not None or c.tenant_id == actor.tenant_id for c in claims):
        return "domain.taken"  # verified by someone, or already claimed by this tenant
    row = TenantDomain(tenant_id=actor.tenant_id, domain=domain,
                       verification_token=secrets.token_hex(16))
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # claimed by this tenant a moment ago (another tab)
        return "domain.taken"
    audit.record(session, "settings.domain_added", actor=actor, target_type="domain",
                 target_id=row.id, details={"domain": domain})
    return None


def _own(session: Session, actor: Actor, domain_id: int) -> TenantDomain | None:
    row = session.get(TenantDomain, domain_id)
    return row if row is not None and row.tenant_id == actor.tenant_id else None


def verify_domain(session: Session, actor: Actor, domain_id: int, resolver: DnsResolver,
                  settings: Settings) -> str | None:
    """Look up the TXT record; returns an error id or None when the domain is verified.

    The TXT record proves ownership; the CNAME is what routes visitors, so both must be in place.
    """
    if not allowed(actor, Permission.edit_settings):
        return "settings.forbidden"
    row = _own(session, actor, domain_id)
    if row is None:
        return "domain.not_found"
    if row.verified_at is None and row.created_at < utcnow() - CLAIM_TTL:
        _expire_claims(session, TenantDomain.id == row.id)
        return "domain.claim_expired"
    if row.verified_at is None and _verified_elsewhere(session, row):
        return _lose(session, row)
    expected = instructions(row, settings)
    error = None
    try:
        if expected.txt_value not in [t.strip() for t in resolver.txt(expected.txt_name)]:
            error = "domain.txt_missing"
        elif expected.cname_target.lower() not in resolver.cname(row.domain):
            error = "domain.cname_missing"
    except IntegrationError:
        error = "domain.dns_failed"
    row.last_checked_at, row.last_error = utcnow(), error
    if error is None and row.verified_at is None:
        try:
            with session.begin_nested():
                row.verified_at = utcnow()
                session.add(row)
                session.flush()
        except IntegrityError:  # another tenant verified it a moment ago: they were first
            session.refresh(row)
            return _lose(session, row)
        audit.record(session, "settings.domain_verified", actor=actor, target_type="domain",
                     target_id=row.id, details={"domain": row.domain})
        _drop_rival_claims(session, row)
    session.add(row)
    return error


def _verified_elsewhere(session: Session, row: TenantDomain) -> bool:
    return session.exec(select(TenantDomain.id).where(
        TenantDomain.domain == row.domain, TenantDomain.id != row.id,
        TenantDomain.verified_at.is_not(None))).first() is not None


def _lose(session: Session, row: TenantDomain) -> str:
    """Someone else verified this domain first: this claim is dropped."""
    session.delete(row)
    audit.record(session, "settings.domain_lost", tenant_id=row.tenant_id, target_type="domain",
                 target_id=row.id, details={"domain": row.domain})
    session.flush()
    return "domain.taken"


def _drop_rival_claims(session: Session, winner: TenantDomain) -> None:
    rivals = session.exec(select(TenantDomain).where(
        TenantDomain.domain == winner.domain, TenantDomain.id != winner.id,
        TenantDomain.verified_at.is_(None))).all()
    for rival in rivals:
        session.delete(rival)
        audit.record(session, "settings.domain_lost", tenant_id=rival.tenant_id,
                     target_type="domain", target_id=rival.id,
                     details={"domain": rival.domain, "verified_by_tenant": winner.tenant_id})
    if rivals:
        session.flush()


def remove_domain(session: Session, actor: Actor, domain_id: int) -> str | None:
    if not allowed(actor, Permission.edit_settings):
        return "settings.forbidden"
    row = _own(session, actor, domain_id)
    if row is None:
        return "domain.not_found"
    session.delete(row)
    audit.record(session, "settings.domain_removed", actor=actor, target_type="domain",
                 target_id=domain_id, details={"domain": row.domain})
    return None
