"""First login: the new user's name, company and workspace address (tenant slug)."""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session, select

from tochka_app.models import (
    Membership,
    Role,
    Subscription,
    SubscriptionStatus,
    Tariff,
    Tenant,
    TenantSlugAlias,
    User,
)
from tochka_app.models._types import utcnow
from tochka_app.services import audit, slugs
from tochka_app.services.seed_data import DEFAULT_TARIFF_CODE

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$")
RESERVED_SLUGS = frozenset({
    "admin", "api", "app", "www", "mail", "login", "logout", "static", "assets", "dev", "s",
    "help", "support", "billing", "marketplace", "health", "auth", "tochka", "root", "ftp",
    "sites", "media", "cdn", "status",
})
MAX_NAME = 200


@dataclass
class OnboardingResult:
    tenant: Tenant | None = None
    errors: dict[str, str] = field(default_factory=dict)  # field -> i18n message id
    slug_suggestions: list[str] = field(default_factory=list)


def suggest_slug(company: str) -> str:
    return slugs.slug_from(company) or "company"


def _taken(session: Session, candidates: list[str]) -> set[str]:
    """The candidates that cannot be a new workspace's address (used, old, reserved, invalid)."""
    taken = set(session.exec(select(Tenant.slug).where(Tenant.slug.in_(candidates))))
    taken |= set(session.exec(select(TenantSlugAlias.slug).where(
        TenantSlugAlias.slug.in_(candidates))))
    return taken | {c for c in candidates if c in RESERVED_SLUGS or not SLUG_RE.match(c)}


def _free_slugs(session: Session, base: str, count: int = 3) -> list[str]:
    base = base[:56].strip("-") or "company"
    candidates = list(slugs.numbered(base, 63))[:28]
    taken = _taken(session, candidates)
    return [c for c in candidates if c not in taken][:count]


def free_slug(session: Session, company: str) -> str:
    """The free address offered while the company name is typed: "Ромашка" → "romashka" (or
    "romashka-2" when that one is taken)."""
    return slugs.first_free(suggest_slug(company), 63, lambda c: _taken(session, c))


def slug_error(session: Session, slug: str, tenant_id: int | None = None) -> str | None:
    """Why `slug` cannot be used (by `tenant_id`, which may take back its own old slugs)."""
    if not SLUG_RE.match(slug):
        return "slug.invalid"
    if slug in RESERVED_SLUGS:
        return "slug.taken"
    if session.exec(select(Tenant.id).where(Tenant.slug == slug)).first() is not None:
        return "slug.taken"
    alias_owner = session.exec(select(TenantSlugAlias.tenant_id).where(
        TenantSlugAlias.slug == slug)).first()
    if alias_owner is not None and alias_owner != tenant_id:
        return "slug.taken"  # an old address of another workspace still redirects there
    return None


def complete(session: Session, user: User, name: str, company: str, slug: str,
             ip: str | None = None) -> OnboardingResult:
    name, company, slug = (name or "").strip(), (company or "").strip(), (slug or "").strip().lower()
    result = OnboardingResult()
    if not name or len(name) > MAX_NAME:
        result.errors["name"] = "onboarding.name_required"
    if not company or len(company) > MAX_NAME:
        result.errors["company"] = "onboarding.company_required"
    error = slug_error(session, slug)
    if error:
        result.errors["slug"] = error
        if error == "slug.taken":
            result.slug_suggestions = _free_slugs(session, slug)
    if result.errors:
        return result

    tariff = session.exec(select(Tariff).where(Tariff.code == DEFAULT_TARIFF_CODE)).first()
    user.name = name
    user.updated_at = utcnow()
    tenant = Tenant(name=company, slug=slug, owner_id=user.id)
    session.add_all([user, tenant])
    session.flush()
    session.add(Membership(user_id=user.id, tenant_id=tenant.id, role=Role.owner))
    if tariff is not None:
        now = utcnow()
        session.add(Subscription(tenant_id=tenant.id, tariff_id=tariff.id,
                                 status=SubscriptionStatus.trial, period_start=now,
                                 period_end=now + timedelta(days=tariff.trial_days)))
    audit.record(session, "tenant.created", actor=audit.By(user_id=user.id, ip=ip),
                 tenant_id=tenant.id, target_type="tenant", target_id=tenant.id,
                 details={"slug": slug, "tariff": tariff.code if tariff else None})
    result.tenant = tenant
    return result


def memberships(session: Session, user_id: int) -> list[tuple[Membership, Tenant]]:
    return list(session.exec(
        select(Membership, Tenant).join(Tenant, Tenant.id == Membership.tenant_id)
        .where(Membership.user_id == user_id).order_by(Tenant.name)
    ))


def switch_tenant(session: Session, active, tenant_id: str) -> bool:
    """Make another workspace current — only one the user belongs to (the id comes from the
    browser)."""
    allowed = {t.id for _, t in memberships(session, active.user.id)}
    if not (str(tenant_id).isdigit() and int(tenant_id) in allowed):
        return False
    active.session.current_tenant_id = int(tenant_id)
    session.add(active.session)
    return True
