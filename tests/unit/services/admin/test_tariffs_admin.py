import pytest
from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.models import AuditEvent, Tariff, User
from tochka_app.services import tariffs
from tochka_app.services.admin import AdminActor, tariffs_admin
from tochka_app.services.admin.tariffs_admin import TariffError
from tochka_app.services.errors import ServiceError

FORM = {
    "name_ru": "Премиум",
    "name_en": "Premium",
    "description_ru": "",
    "description_en": "",
    "price": "12 990,50",
    "trial_days": "7",
    "max_modules": "",
    "max_staff": "50",
    "max_products": "",
    "max_storage_mb": "",
    "is_public": "on",
}


def _admin(db) -> AdminActor:
    return AdminActor(db.exec(select(User.id).where(User.is_super_admin)).one())


def _by_code(db, code) -> Tariff:
    return db.exec(select(Tariff).where(Tariff.code == code)).one()


def _refused(call, *args, **kwargs) -> ServiceError:
    with pytest.raises(ServiceError) as refused:
        call(*args, **kwargs)
    return refused.value


def test_create_validates_and_shows_on_the_landing(db, seeded):
    admin = _admin(db)
    error = _refused(
        tariffs_admin.save,
        db,
        admin,
        None,
        {**FORM, "code": "Bad Code", "price": "abc", "name_ru": "", "max_staff": "-1"},
    )
    assert error.fields == {
        "name_ru": "admin.tariff.name_required",
        "price": "admin.tariff.bad_price",
        "max_staff": "admin.tariff.bad_number",
        "code": "admin.tariff.bad_code",
    }
    assert _refused(tariffs_admin.save, db, admin, None, {**FORM, "code": "start"}).fields == {
        "code": "admin.tariff.code_taken"
    }
    assert tariffs_admin.save(db, admin, None, {**FORM, "code": "premium"}) == 0
    premium = _by_code(db, "premium")
    assert (premium.price_month_kopecks, premium.max_staff, premium.max_modules) == (
        1299050,
        50,
        None,
    )
    assert "premium" in [c.code for c in tariffs.pricing_cards(db, "ru")]
    assert tariffs_admin.form_values(db, premium.id)["price"] == "12990,50"
    assert refusal(tariffs_admin.form_values, db, 10**9) == "admin.not_found"


def test_change_with_subscribers_needs_the_count_confirmed(db, demo_team):
    admin = _admin(db)
    start = _by_code(db, "start")
    form = {**FORM, "name_ru": "Старт+", "price": "1090"}
    asked = _refused(tariffs_admin.save, db, admin, start.id, form)
    # A new price: the confirmation also says that subscribers pay it from their next period.
    assert asked.code == TariffError.confirm and not asked.fields
    assert asked.params == {"subscribers": 1, "new_price": True}
    same_price = {**form, "price": "990"}
    assert _refused(tariffs_admin.save, db, admin, start.id, same_price).params == {
        "subscribers": 1,
        "new_price": False,
    }
    db.refresh(start)
    assert start.price_month_kopecks == 99000  # nothing changed yet
    assert tariffs_admin.save(db, admin, start.id, form, confirmed_subscribers=1) == 1
    assert start.price_month_kopecks == 109000
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "admin.tariff_saved")).one()
    assert event.details["before"]["price"] == 99000 and event.details["after"]["price"] == 109000


def test_archive_delete_and_reorder(db, demo_team):
    admin = _admin(db)
    start = _by_code(db, "start")
    assert refusal(tariffs_admin.delete, db, admin, start.id) == "admin.tariff.has_subscribers"
    assert refusal(tariffs_admin.set_archived, db, admin, start.id, True) is None
    assert "start" not in [c.code for c in tariffs.pricing_cards(db, "ru")]
    tariffs_admin.save(db, admin, None, {**FORM, "code": "temp"})
    assert refusal(tariffs_admin.delete, db, admin, _by_code(db, "temp").id) is None
    order = lambda: [c.code for c in tariffs.pricing_cards(db, "ru")]  # noqa: E731
    assert order() == ["business", "pro"]
    assert refusal(tariffs_admin.move, db, admin, _by_code(db, "pro").id, -1) is None
    db.flush()
    assert order() == ["pro", "business"]
