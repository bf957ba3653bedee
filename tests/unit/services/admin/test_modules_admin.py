from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.models import AuditEvent, Module, Tariff, User
from tochka_app.modules import registry
from tochka_app.services import catalog, marketplace
from tochka_app.services.admin import AdminActor, modules_admin


def _admin(db) -> AdminActor:
    return AdminActor(db.exec(select(User.id).where(User.is_super_admin)).one())


def test_publish_price_and_adoption_survive_a_registry_sync(db, demo_team):
    _tenant, actors = demo_team
    admin = _admin(db)
    marketplace.enable(db, actors["owner"], "pages")
    rows = {r.module.code: r for r in modules_admin.listing(db)}
    assert rows["pages"].tenants == 1 and rows["pages"].installed and not rows["tasks"].installed
    pages = rows["pages"].module
    assert refusal(modules_admin.set_pricing, db, admin, pages.id, "abc", "") == (
        "admin.tariff.bad_price"
    )
    assert refusal(modules_admin.set_pricing, db, admin, pages.id, "149,90", "business") is None
    assert refusal(modules_admin.set_published, db, admin, pages.id, False) is None
    assert "pages" not in [c.code for c in catalog.published_modules(db, "ru")]
    registry.sync(db)  # a deploy re-syncs manifests: the admin's choices stay
    db.refresh(pages)
    business = db.exec(select(Tariff).where(Tariff.code == "business")).one()
    assert (pages.price_month_kopecks, pages.min_tariff_id, pages.is_published) == (
        14990,
        business.id,
        False,
    )
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "admin.module_pricing")).one()
    assert event.details["before"]["price"] == 0 and event.details["after"]["price"] == 14990
    assert db.get(Module, pages.id) is not None
