"""First login: the new user's name, company and workspace address (tenant slug)."""

import re
from datetime import timedelta

from sqlmodel import Session, col, select

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
from tochka_app.services.auth.errors import OnboardingError
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.seed_data import DEFAULT_TARIFF_CODE

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$")
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "app",
        "www",
        "mail",
        "login",
        "logout",
        "static",
        "assets",
        "dev",
        "s",
        "help",
        "support",
        "billing",
        "marketplace",
        "health",
        "auth",
        "tochka",
        "root",
        "ftp",
        "sites",
        "media",
        "cdn",
        "status",
    }
)
MAX_NAME = 200


def suggest_slug(company: str) -> str:
    return slugs.slug_from(company) or "company"


def _taken(session: Session, candidates: list[str]) -> set[str]:
    """The candidates that cannot be a new workspace's address (used, old, reserved, invalid)."""
    taken = set(session.exec(select(Tenant.slug).where(col(Tenant.slug).in_(candidates))))
    taken |= set(
        session.exec(select(TenantSlugAlias.slug).where(col(TenantSlugAlias.slug).in_(candidates)))
    )
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


def slug_error(session: Session, slug: str, tenant_id: int | None = None) -> OnboardingError | None:
    """Why `slug` cannot be used (by `tenant_id`, which may take back its own old slugs); None
    when it can. A check, not a refusal: `check_slug` refuses with it."""
    if not SLUG_RE.match(slug):
        return OnboardingError.slug_invalid
    if slug in RESERVED_SLUGS:
        return OnboardingError.slug_taken
    if session.exec(select(Tenant.id).where(Tenant.slug == slug)).first() is not None:
        return OnboardingError.slug_taken
    alias_owner = session.exec(
        select(TenantSlugAlias.tenant_id).where(TenantSlugAlias.slug == slug)
    ).first()
    if alias_owner is not None and alias_owner != tenant_id:
        return OnboardingError.slug_taken  # an old address of another workspace redirects there
    return None


def check_slug(session: Session, slug: str, tenant_id: int | None = None) -> None:
    """Refuse (field "slug") an address that cannot be used; a taken one comes with free ones
    next to it in params["suggestions"]."""
    error = slug_error(session, slug, tenant_id)
    if error is not None:
        raise _slug_refusal(session, {"slug": error}, slug)


def _slug_refusal(session: Session, errors: dict[str, ErrorCode | str], slug: str) -> ServiceError:
    refusal = ServiceError.form(errors)
    if errors.get("slug") == OnboardingError.slug_taken:
        refusal.params["suggestions"] = _free_slugs(session, slug)
    return refusal


def complete(
    session: Session, user: User, name: str, company: str, slug: str, ip: str | None = None
) -> Tenant:
    """The user's first workspace (on the default tariff's trial). Refused as a whole form:
    every wrong field at once (`ServiceError.form`), free addresses in params["suggestions"]
    when the address is taken. Nothing is written before the checks pass."""
    name, company = (name or "").strip(), (company or "").strip()
    slug = (slug or "").strip().lower()
    errors: dict[str, ErrorCode | str] = {}
    if not name or len(name) > MAX_NAME:
        errors["name"] = OnboardingError.name_required
    if not company or len(company) > MAX_NAME:
        errors["company"] = OnboardingError.company_required
    if (error := slug_error(session, slug)) is not None:
        errors["slug"] = error
    if errors:
        raise _slug_refusal(session, errors, slug)

    tariff = session.exec(select(Tariff).where(Tariff.code == DEFAULT_TARIFF_CODE)).first()
    assert user.id is not None  # the signed-in user is a stored row
    user.name = name
    user.updated_at = utcnow()
    tenant = Tenant(name=company, slug=slug, owner_id=user.id)
    session.add_all([user, tenant])
    session.flush()
    assert tenant.id is not None  # flushed above
    session.add(Membership(user_id=user.id, tenant_id=tenant.id, role=Role.owner))
    if tariff is not None:
        assert tariff.id is not None  # a loaded row
        now = utcnow()
        session.add(
            Subscription(
                tenant_id=tenant.id,
                tariff_id=tariff.id,
                status=SubscriptionStatus.trial,
                period_start=now,
                period_end=now + timedelta(days=tariff.trial_days),
            )
        )
    audit.record(
        session,
        "tenant.created",
        actor=audit.By(user_id=user.id, ip=ip),
        tenant_id=tenant.id,
        target_type="tenant",
        target_id=tenant.id,
        details={"slug": slug, "tariff": tariff.code if tariff else None},
    )
    return tenant


def memberships(session: Session, user_id: int) -> list[tuple[Membership, Tenant]]:
    return list(
        session.exec(
            select(Membership, Tenant)
            .join(Tenant, col(Tenant.id) == Membership.tenant_id)
            .where(Membership.user_id == user_id)
            .order_by(Tenant.name)
        )
    )


def switch_tenant(session: Session, active, tenant_id: str) -> bool:
    """Make another workspace current — only one the user belongs to (the id comes from the
    browser)."""
    allowed = {t.id for _, t in memberships(session, active.user.id)}
    if not (str(tenant_id).isdigit() and int(tenant_id) in allowed):
        return False
    active.session.current_tenant_id = int(tenant_id)
    session.add(active.session)
    return True
