"""Addresses suggested from typed names: workspace slugs (free across the platform) and page
slugs (free within the workspace), Cyrillic transliterated."""

import pytest
from sqlmodel import select

from tochka_app.models import Tenant
from tochka_app.modules.pages import service as pages
from tochka_app.services import marketplace, slugs
from tochka_app.services.auth import onboarding


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Ромашка", "romashka"),
        ("ООО «Ромашка»", "romashka"),
        ("ИП Иванов И.И.", "ivanov-i-i"),
        ("Кофейня «Зерно» ltd", "kofeinia-zerno"),
        ("", ""),
        ("«»!!", ""),
    ],
)
def test_slug_from_names(typed, slug):
    assert slugs.slug_from(typed) == slug


def test_long_names_are_cut_on_a_word():
    slug = slugs.slug_from("Очень длинное название компании по продаже цветов и подарков")
    assert len(slug) <= 40 and not slug.endswith("-")
    assert all(len(c) <= 10 for c in list(slugs.numbered("abcdefghij", 10))[:3])


def test_workspace_slug_is_free_and_valid(db, seeded):
    assert onboarding.free_slug(db, "Ромашка") == "romashka"
    assert onboarding.free_slug(db, "Demo") == "demo-2"  # the demo workspace has "demo"
    assert onboarding.free_slug(db, "Admin") == "admin-2"  # reserved
    assert onboarding.free_slug(db, "Я") == "ia-2"  # too short on its own
    assert onboarding.free_slug(db, "!!!") == "company"
    demo = db.exec(select(Tenant).where(Tenant.slug == "demo")).one()
    db.add(Tenant(name="Ромашка", slug="romashka", owner_id=demo.owner_id))
    db.flush()
    assert onboarding.free_slug(db, "ООО Ромашка") == "romashka-2"


def test_page_slug_from_title_is_free_in_the_workspace(db, demo_team):
    tenant, actors = demo_team
    marketplace.enable(db, actors["owner"], "pages")
    assert pages.suggest_slug(db, tenant.id, "О нас") == "o-nas"
    page = pages.save(db, actors["owner"], None, "o-nas", "О нас", "", True)
    assert pages.suggest_slug(db, tenant.id, "О нас!") == "o-nas-2"
    assert pages.suggest_slug(db, tenant.id, "О нас", page_id=page.id) == "o-nas"  # its own
    assert pages.suggest_slug(db, tenant.id, "…") == ""
