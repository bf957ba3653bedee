from datetime import timedelta

import pytest
from sqlmodel import select

from tests.support.browser_state import in_browser
from tests.support.errors import form_refusal, refusal
from tochka_app.models import Module, Subscription, Tariff, Tenant, TenantModule
from tochka_app.modules import registry
from tochka_app.modules.pages import service as pages
from tochka_app.modules.pages.models import SitePage
from tochka_app.modules.pages.service import PagesError
from tochka_app.modules.sdk import SettingField, validate_settings
from tochka_app.services import marketplace
from tochka_app.services.errors import ServiceError
from tochka_app.services.team import Actor
from tochka_app.services.tenant.resolution import tenant_by_slug


@pytest.fixture
def demo(demo_team):
    return demo_team


def test_registry_discovers_packages_and_syncs_them(db, seeded):
    assert "pages" in registry.manifests()
    assert "module_template" not in registry.manifests()
    row = db.exec(select(Module).where(Module.code == "pages")).one()
    assert row.is_published and row.name["en"] == "Site pages"
    assert registry.sync(db) == []  # idempotent


def test_settings_validation():
    manifest = registry.get("pages")
    assert validate_settings(
        manifest, {"site_title": " Кофейня ", "show_updated": "on", "evil": "x"}
    ) == {"site_title": "Кофейня", "show_updated": True}
    with pytest.raises(ServiceError) as exc:
        validate_settings(manifest, {"site_title": "я" * 121})
    assert exc.value.fields == {"site_title": "settings.too_long"}
    number = type(manifest)(
        code="x",
        name={},
        description={},
        category="content",
        icon="x",
        version="1",
        settings=(
            SettingField("n", "int", {}, required=True, min=1, max=10),
            SettingField("c", "choice", {}, default="a", choices=("a", "b")),
        ),
    )
    assert validate_settings(number, {"n": "5", "c": "b"}) == {"n": 5, "c": "b"}
    for bad, error in (
        ({"n": "x"}, "settings.not_a_number"),
        ({"n": "11"}, "settings.out_of_range"),
        ({"n": ""}, "settings.required"),
    ):
        with pytest.raises(ServiceError) as exc:
            validate_settings(number, bad)
        assert exc.value.fields["n"] == error
    with pytest.raises(ServiceError):
        validate_settings(number, {"n": "2", "c": "z"})


def test_enable_configure_disable_restore(db, demo):
    tenant, actors = demo
    admin = actors["admin"]
    assert refusal(marketplace.enable, db, actors["staff"], "pages") == "app.forbidden"
    # no package yet
    assert refusal(marketplace.enable, db, admin, "tasks") == "marketplace.not_available"
    assert refusal(marketplace.enable, db, admin, "pages") is None
    assert marketplace.is_enabled(db, tenant.id, "pages")
    assert marketplace.menu(db, tenant.id, "ru") == [
        marketplace.MenuLink("Страницы", "/app/m/pages", "file-text")
    ]
    assert refusal(marketplace.save_settings, db, admin, "pages", {"site_title": "Зерно"}) is None
    assert refusal(marketplace.save_settings, db, actors["staff"], "pages", {}) == "app.forbidden"
    page = pages.save(db, admin, None, "about", "О нас", "текст", True)
    assert refusal(marketplace.disable, db, admin, "pages") is None
    assert not marketplace.is_enabled(db, tenant.id, "pages")
    assert marketplace.menu(db, tenant.id, "ru") == []
    assert pages.public_page(db, tenant.id, "about") is None  # gone from the public site
    assert refusal(marketplace.enable, db, admin, "pages") is None  # within grace: data is back
    assert pages.public_page(db, tenant.id, "about").id == page.id
    assert marketplace.settings_of(db, tenant.id, "pages")["site_title"] == "Зерно"


def test_tariff_and_module_limits(db, demo):
    tenant, actors = demo
    start = db.exec(select(Tariff).where(Tariff.code == "start")).one()
    start.max_modules = 0
    db.add(start)
    db.flush()
    assert refusal(marketplace.enable, db, actors["owner"], "pages") == "marketplace.module_limit"
    pages_row = db.exec(select(Module).where(Module.code == "pages")).one()
    pro = db.exec(select(Tariff).where(Tariff.code == "pro")).one()
    pages_row.min_tariff_id = pro.id
    db.add(pages_row)
    db.flush()
    assert refusal(marketplace.enable, db, actors["owner"], "pages") == "marketplace.needs_upgrade"
    card = next(c for c in marketplace.catalog(db, tenant.id, "en") if c.code == "pages")
    assert card.state == "needs_upgrade" and card.note == "Requires the “Pro” plan"


def test_purge_after_grace_period(db, demo):
    _tenant, actors = demo
    marketplace.enable(db, actors["owner"], "pages")
    pages.save(db, actors["owner"], None, "about", "О нас", "", True)
    marketplace.disable(db, actors["owner"], "pages")
    assert marketplace.purge_expired(db) == 0
    row = db.exec(select(TenantModule)).one()
    row.disabled_at -= marketplace.GRACE_PERIOD + timedelta(minutes=1)
    db.add(row)
    db.flush()
    assert marketplace.purge_expired(db) == 1
    assert db.exec(select(SitePage)).all() == []


def test_pages_rules_and_isolation(db, demo):
    tenant, actors = demo
    marketplace.enable(db, actors["owner"], "pages")
    page = pages.save(db, actors["staff"], None, "about", "О нас", "x", False)
    assert pages.public_page(db, tenant.id, "about") is None  # draft
    assert form_refusal(
        pages.save, db, actors["staff"], None, "about", "", "y" * 100_001, True
    ) == {
        "slug": PagesError.slug_taken,
        "title": PagesError.bad_title,
        "content": PagesError.too_long,
    }
    assert form_refusal(pages.save, db, actors["staff"], None, "Bad Slug!", "T", "", True) == {
        "slug": PagesError.bad_slug
    }
    other = Tenant(name="Чужой", slug="other-t", owner_id=actors["owner"].user_id)
    db.add(other)
    db.flush()
    stranger = Actor(actors["owner"].user_id, other.id, "owner")
    assert refusal(pages.save, db, stranger, page.id, "hack", "Взлом", "", True) == (
        PagesError.not_found
    )
    assert refusal(pages.delete_page, db, stranger, page.id) == PagesError.not_found
    read_only = Actor(actors["staff"].user_id, tenant.id, "staff", read_only=True)
    assert refusal(pages.delete_page, db, read_only, page.id) == "app.read_only"
    assert pages.list_pages(db, other.id) == []
    assert db.get(SitePage, page.id).title == "О нас"


def test_suspended_tenant_site_is_hidden(db, demo):
    tenant, actors = demo
    marketplace.enable(db, actors["owner"], "pages")
    pages.save(db, actors["owner"], None, "about", "О нас", "", True)
    tenant.status = "suspended"
    db.add(tenant)
    db.flush()
    assert tenant_by_slug(db, "demo") is None  # the whole site is off, pages included


def test_no_subscription_means_no_modules(db, demo):
    tenant, actors = demo
    for sub in db.exec(select(Subscription).where(Subscription.tenant_id == tenant.id)):
        sub.status = "expired"
        db.add(sub)
    db.flush()
    assert refusal(marketplace.enable, db, actors["owner"], "pages") == "marketplace.module_limit"


def test_page_address_follows_the_title_until_typed(db, demo, make_state, settings):
    from tochka_app.models import User
    from tochka_app.modules.pages.pages import PagesState
    from tochka_app.services.auth import sessions

    tenant, actors = demo
    marketplace.enable(db, actors["owner"], "pages")
    owner = db.get(User, actors["owner"].user_id)
    state = make_state(PagesState)
    in_browser(state, session=sessions.start(db, settings, owner, tenant_id=tenant.id))
    state.load()
    assert state.site_base == f"{settings.public_base_url.rstrip('/')}/s/{tenant.slug}"
    state.title_typed("Доставка и оплата")
    assert state.slug == "dostavka-i-oplata"
    assert state.page_link == state.site_base + "/p/dostavka-i-oplata"
    state.slug_typed("delivery")
    state.title_typed("Доставка")
    assert state.slug == "delivery" and state.page_link.endswith("/p/delivery")
    state.save({"title": "Доставка", "slug": "delivery", "content": ""})
    state.edit(state.pages[0].id)
    state.title_typed("Новая доставка")  # a saved page keeps its address
    assert state.slug == "delivery"
    state.new()
    state.title_typed("Доставка")
    assert state.slug == "dostavka"
