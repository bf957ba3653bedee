from sqlalchemy import func
from sqlmodel import select

from tochka_app.models import (
    AuditEvent,
    Membership,
    Module,
    PlatformContent,
    Subscription,
    Tariff,
    Tenant,
    User,
)
from tochka_app.services import content
from tochka_app.services.passwords import verify_password
from tochka_app.services.seed import seed_demo_data


def _counts(db) -> dict[str, int]:
    return {
        model.__name__: db.exec(select(func.count()).select_from(model)).one()
        for model in (
            Tariff,
            Module,
            PlatformContent,
            User,
            Tenant,
            Membership,
            Subscription,
            AuditEvent,
        )
    }


def test_seed_creates_demo_data(db, seeded):
    counts = _counts(db)
    assert counts["Tariff"] == 3
    assert counts["Module"] == 7
    assert counts["PlatformContent"] == 16  # 8 blocks x 2 locales
    assert counts["Tenant"] == 1 and counts["Membership"] == 3 and counts["Subscription"] == 1
    assert db.exec(select(Module).where(Module.code == "shop")).one().sort_order == 0
    roles = set(db.exec(select(Membership.role)))
    assert roles == {"owner", "admin", "staff"}


def test_seed_is_idempotent_and_keeps_edits(db, seeded, settings):
    content.set_block(db, "hero", "ru", {"title": "Отредактировано"})
    before = _counts(db)
    again = seed_demo_data(db, settings)
    assert again.created == []
    assert again.generated_password is None
    assert _counts(db) == before
    assert content.get_blocks(db, "ru", keys=("hero",))["hero"] == {"title": "Отредактировано"}


def test_super_admin_gets_generated_password_once(db, seeded, settings):
    admin = db.exec(select(User).where(User.is_super_admin)).one()
    assert admin.phone == "+79000000001"
    if settings.super_admin_password:
        assert seeded.generated_password is None
        assert verify_password(settings.super_admin_password, admin.password_hash)
    else:
        assert seeded.generated_password and len(seeded.generated_password) >= 12
        assert verify_password(seeded.generated_password, admin.password_hash)
    assert not verify_password("wrong", admin.password_hash)


def test_configured_super_admin_password_is_used(db, settings):
    configured = settings.model_copy(update={"super_admin_password": "s3cret-Pa55"})
    report = seed_demo_data(db, configured)
    admin = db.exec(select(User).where(User.is_super_admin)).one()
    assert report.generated_password is None
    assert verify_password("s3cret-Pa55", admin.password_hash)
    assert admin.password_hash != "s3cret-Pa55"


def test_every_seeded_icon_is_bundled():
    from tochka_app.components.icons import DATA_ICONS
    from tochka_app.services import seed_data

    module_icons = {module[4] for module in seed_data.MODULES}
    feature_icons = {
        item["icon"]
        for blocks in seed_data.LANDING.values()
        for item in blocks["features"]["items"]
    }
    assert module_icons | feature_icons <= set(DATA_ICONS)
