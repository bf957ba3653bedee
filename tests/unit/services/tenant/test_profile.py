import io

from PIL import Image
from sqlmodel import select

from tests.support.errors import form_refusal, refusal
from tochka_app.models import AuditEvent, Tenant, TenantSlugAlias
from tochka_app.services.auth.onboarding import slug_error
from tochka_app.services.team import Actor
from tochka_app.services.tenant import profile
from tochka_app.services.tenant.profile import ProfileInput, prepare_logo
from tochka_app.services.tenant.resolution import tenant_by_slug


def _image(fmt: str = "PNG", size=(800, 400)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def test_update_profile_saves_and_audits_changes(db, demo_team):
    tenant, actors = demo_team
    ok = ProfileInput("  Кофейня «Зерно» 2 ", "#FF8800", "Asia/Novosibirsk", "en")
    assert refusal(profile.update_profile, db, actors["admin"], ok) is None
    db.flush()
    db.refresh(tenant)
    assert (tenant.name, tenant.brand_color, tenant.timezone, tenant.locale) == (
        "Кофейня «Зерно» 2",
        "#ff8800",
        "Asia/Novosibirsk",
        "en",
    )
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "settings.profile_changed")).one()
    assert event.details["brand_color"] == {"before": "#30a46c", "after": "#ff8800"}
    assert refusal(profile.update_profile, db, actors["admin"], ok) is None  # unchanged: no event
    assert (
        len(
            db.exec(select(AuditEvent).where(AuditEvent.action == "settings.profile_changed")).all()
        )
        == 1
    )


def test_update_profile_rejects_bad_input_and_staff(db, demo_team):
    tenant, actors = demo_team
    bad = ProfileInput("", "red", "Mars/Olympus", "de")
    assert form_refusal(profile.update_profile, db, actors["owner"], bad) == {
        "name": "settings.name_required",
        "brand_color": "settings.bad_color",
        "timezone": "settings.bad_timezone",
        "locale": "settings.bad_choice",
    }
    assert form_refusal(
        profile.update_profile, db, actors["owner"], ProfileInput("я" * 201, "#000000", "UTC", "ru")
    ) == {"name": "settings.too_long"}
    good = ProfileInput("Other", "#000000", "UTC", "ru")
    assert refusal(profile.update_profile, db, actors["staff"], good) == "app.forbidden"
    db.flush()
    db.refresh(tenant)
    assert tenant.name != "Other"


def test_slug_change_keeps_old_address_as_alias(db, demo_team):
    tenant, actors = demo_team
    assert refusal(profile.change_slug, db, actors["staff"], "new-demo") == "app.forbidden"
    assert refusal(profile.change_slug, db, actors["admin"], "Bad Slug") == "slug.invalid"
    assert refusal(profile.change_slug, db, actors["admin"], "admin") == "slug.taken"
    assert refusal(profile.change_slug, db, actors["admin"], " New-Demo ") is None
    db.flush()
    db.refresh(tenant)
    assert tenant.slug == "new-demo"
    match = tenant_by_slug(db, "demo")
    assert match.tenant.id == tenant.id and match.via_alias
    assert not tenant_by_slug(db, "new-demo").via_alias
    assert profile.aliases(db, tenant.id) == ["demo"]
    # Nobody else can take the old address while it redirects.
    assert slug_error(db, "demo") == "slug.taken"
    assert slug_error(db, "demo", tenant_id=tenant.id) is None
    # Taking it back removes the alias and keeps "new-demo" as one.
    assert refusal(profile.change_slug, db, actors["owner"], "demo") is None
    assert db.exec(select(TenantSlugAlias.slug)).all() == ["new-demo"]
    assert refusal(profile.change_slug, db, actors["owner"], "demo") is None  # same slug: no-op


def test_slug_of_another_tenant_is_refused(db, demo_team):
    _tenant, actors = demo_team
    other = Tenant(name="Другая", slug="other-shop", owner_id=actors["owner"].user_id)
    db.add(other)
    db.flush()
    assert refusal(profile.change_slug, db, actors["owner"], "other-shop") == "slug.taken"


def test_prepare_logo_reencodes_and_checks():
    png = prepare_logo(_image("JPEG", (1200, 600)), 2_000_000)
    with Image.open(io.BytesIO(png)) as stored:
        assert stored.format == "PNG" and stored.size == (512, 256)
    for data, error in (
        (b"", "logo.empty"),
        (b"x" * 3000, "logo.too_big"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.bad_type"),
        (b"GIF89a-not-really", "logo.bad_type"),
    ):
        assert refusal(prepare_logo, data, 2000) == error
    assert refusal(prepare_logo, _image("PNG", (5000, 10)), 2_000_000) == (
        "logo.too_large_dimensions"
    )
    bmp = io.BytesIO()
    Image.new("RGB", (10, 10)).save(bmp, format="BMP")
    assert refusal(prepare_logo, bmp.getvalue(), 2_000_000) == "logo.bad_type"


def test_set_and_remove_logo_files(db, demo_team, tmp_path):
    tenant, actors = demo_team
    assert profile.set_logo(db, actors["admin"], _image(), tmp_path, 2_000_000) is None
    db.flush()
    db.refresh(tenant)
    first = tenant.logo_path
    assert first.startswith(f"tenants/{tenant.id}/logo-") and (tmp_path / first).is_file()
    previous = profile.set_logo(db, actors["admin"], _image(size=(64, 64)), tmp_path, 2_000_000)
    assert previous == first
    profile.delete_media_file(tmp_path, previous)
    assert not (tmp_path / first).exists()
    assert refusal(profile.set_logo, db, actors["staff"], _image(), tmp_path, 2_000_000) == (
        "app.forbidden"
    )
    assert refusal(profile.set_logo, db, actors["admin"], b"text", tmp_path, 2_000_000) == (
        "logo.bad_type"
    )
    previous = profile.remove_logo(db, actors["owner"])
    db.flush()
    db.refresh(tenant)
    assert tenant.logo_path is None and previous.startswith("tenants/")


def test_delete_media_file_stays_inside_media_dir(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("keep")
    media = tmp_path / "media"
    media.mkdir()
    profile.delete_media_file(media, "../secret.txt")
    assert outside.exists()


def test_actor_from_another_tenant_changes_only_its_own(db, demo_team):
    tenant, actors = demo_team
    other = Tenant(name="Чужая", slug="foreign", owner_id=actors["owner"].user_id)
    db.add(other)
    db.flush()
    foreign_admin = Actor(actors["admin"].user_id, other.id, "admin")
    assert refusal(profile.change_slug, db, foreign_admin, "foreign-2") is None
    db.flush()
    db.refresh(tenant)
    assert tenant.slug == "demo"
