"""Idempotent demo data: running it twice changes nothing; it never overwrites edits."""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session, col, select

from tochka_app.models import (
    Membership,
    Module,
    PlatformContent,
    Subscription,
    SubscriptionStatus,
    Tariff,
    Tenant,
    User,
)
from tochka_app.models._types import utcnow
from tochka_app.modules import registry
from tochka_app.services import audit, seed_data
from tochka_app.services.passwords import hash_password
from tochka_app.services.phones import normalize_phone
from tochka_app.settings import Settings


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    generated_password: str | None = None  # shown once, only when the super admin was created


def _get_or_create_user(session: Session, phone: str, name: str, report: SeedReport) -> User:
    user = session.exec(select(User).where(User.phone == phone)).first()
    if user is None:
        user = User(phone=phone, name=name)
        session.add(user)
        session.flush()
        report.created.append(f"user {phone}")
    return user


def _seed_tariffs(session: Session, report: SeedReport) -> dict[str, Tariff]:
    existing = {t.code: t for t in session.exec(select(Tariff))}
    for spec in seed_data.TARIFFS:
        if spec["code"] not in existing:
            existing[spec["code"]] = Tariff(**spec)
            session.add(existing[spec["code"]])
            report.created.append(f"tariff {spec['code']}")
    session.flush()
    return existing


def _seed_modules(session: Session, tariffs: dict[str, Tariff], report: SeedReport) -> None:
    existing = set(session.exec(select(Module.code)))
    for order, (code, name, description, category, icon, min_tariff, price) in enumerate(
        seed_data.MODULES
    ):
        if code in existing:
            continue
        session.add(
            Module(
                code=code,
                name=name,
                description=description,
                category=category,
                icon=icon,
                min_tariff_id=tariffs[min_tariff].id if min_tariff else None,
                price_month_kopecks=price,
                is_published=True,
                sort_order=order * 10,
            )
        )
        report.created.append(f"module {code}")


def _seed_content(session: Session, report: SeedReport) -> None:
    existing = set(session.exec(select(PlatformContent.key, PlatformContent.locale)))
    for locale, blocks in seed_data.LANDING.items():
        for key, value in blocks.items():
            if (key, locale) not in existing:
                session.add(PlatformContent(key=key, locale=locale, value=value))
                report.created.append(f"content {key}/{locale}")


SUPER_ADMIN_NAME = "Администратор платформы"
OLD_SUPER_ADMIN_NAME = "Super Admin"  # the seed's name before issue 10


def _seed_super_admin(session: Session, settings: Settings, report: SeedReport) -> User:
    phone = normalize_phone(settings.super_admin_phone)
    admin = session.exec(select(User).where(User.phone == phone)).first()
    if admin is not None and admin.name == OLD_SUPER_ADMIN_NAME:
        # The seed's own former default, never typed by anyone: renamed; a real edit is kept.
        admin.name = SUPER_ADMIN_NAME
        session.add(admin)
        report.created.append(f"super admin name {phone}")
    if admin is None:
        password = settings.super_admin_password
        if not password:
            password = report.generated_password = secrets.token_urlsafe(12)
        admin = User(
            phone=phone,
            name=SUPER_ADMIN_NAME,
            is_super_admin=True,
            password_hash=hash_password(password),
        )
        session.add(admin)
        session.flush()
        report.created.append(f"super admin {phone}")
    return admin


def _seed_demo_tenant(session: Session, tariffs: dict[str, Tariff], report: SeedReport) -> None:
    spec = seed_data.DEMO_TENANT
    if session.exec(select(Tenant).where(Tenant.slug == spec["slug"])).first():
        return
    members = [
        (_get_or_create_user(session, phone, name, report), role)
        for phone, name, role in seed_data.DEMO_MEMBERS
    ]
    owner = next(user for user, role in members if role == "owner")
    assert owner.id is not None  # _get_or_create_user flushes
    tenant = Tenant(name=spec["name"], slug=spec["slug"], owner_id=owner.id)
    session.add(tenant)
    session.flush()
    assert tenant.id is not None  # given by the flush
    for user, role in members:
        assert user.id is not None  # _get_or_create_user flushes
        session.add(Membership(user_id=user.id, tenant_id=tenant.id, role=role))
    tariff = tariffs[seed_data.DEFAULT_TARIFF_CODE]
    assert tariff.id is not None  # _seed_tariffs flushes
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
        actor=audit.By(user_id=owner.id),
        tenant_id=tenant.id,
        target_type="tenant",
        target_id=tenant.id,
        details={"source": "seed"},
    )
    report.created.append(f"tenant {spec['slug']}")


def seed_demo_data(session: Session, settings: Settings, module_demos: bool = False) -> SeedReport:
    """The platform's own rows; with `module_demos` also each module's demo data in the demo
    workspace (the CLI asks for it outside production: a newcomer sees a living shop, a real
    deployment gets no made-up orders)."""
    report = SeedReport()
    tariffs = _seed_tariffs(session, report)
    _seed_modules(session, tariffs, report)
    session.flush()
    registry.sync(session)  # installed module packages describe themselves
    _seed_content(session, report)
    _seed_super_admin(session, settings, report)
    _seed_demo_tenant(session, tariffs, report)
    session.flush()
    if module_demos:
        _seed_module_demos(session, settings, report)
    return report


def _seed_module_demos(session: Session, settings: Settings, report: SeedReport) -> None:
    """Each module that has demo data fills the demo workspace (once: it checks for itself)."""
    tenant = session.exec(
        select(Tenant).where(Tenant.slug == seed_data.DEMO_TENANT["slug"])
    ).first()
    if tenant is None or tenant.id is None:
        return
    # Room for the modules with demo data and a few more to try: the demo trial is on the plan
    # with the most modules (a new sign-up's trial stays on the default plan).
    roomiest = session.exec(
        select(Tariff).order_by(col(Tariff.max_modules).desc().nulls_first())
    ).first()
    trial = session.exec(
        select(Subscription).where(
            Subscription.tenant_id == tenant.id,
            Subscription.status == SubscriptionStatus.trial,
        )
    ).first()
    if roomiest is not None and roomiest.id is not None and trial is not None:
        trial.tariff_id = roomiest.id
        session.add(trial)
        session.flush()
    for manifest in registry.manifests().values():
        if manifest.seed_demo is not None:
            manifest.seed_demo(session, tenant.id, tenant.owner_id, settings)
            session.flush()
            report.created.append(f"demo {manifest.code}")
