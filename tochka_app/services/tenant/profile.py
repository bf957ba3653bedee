"""Workspace profile: name, address (slug), brand colour, timezone, language and logo."""

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import available_timezones

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from tochka_app.models import Tenant, TenantSlugAlias
from tochka_app.models._types import utcnow
from tochka_app.services import audit, images
from tochka_app.services.access import Actor
from tochka_app.services.auth.onboarding import slug_error
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.permissions import Permission, require

COLOR_RE = re.compile(r"^#[0-9a-f]{6}$")
LOCALES = ("ru", "en")
LOGO_MAX_SIDE = 4096  # larger images are refused before decoding (decompression bombs)
LOGO_STORED_SIDE = 512
# Offered first in the timezone picker; any IANA zone is accepted.
COMMON_TIMEZONES = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
    "Europe/Minsk",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Asia/Yerevan",
    "Asia/Tbilisi",
    "Europe/Istanbul",
    "Asia/Dubai",
    "Europe/Berlin",
    "UTC",
)


@lru_cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


class ProfileError(ErrorCode):
    name_required = "settings.name_required"
    too_long = "settings.too_long"
    bad_color = "settings.bad_color"
    bad_timezone = "settings.bad_timezone"
    bad_choice = "settings.bad_choice"
    slug_taken = "slug.taken"


class LogoError(ErrorCode):
    empty = "logo.empty"
    too_big = "logo.too_big"
    bad_type = "logo.bad_type"
    too_large_dimensions = "logo.too_large_dimensions"


@dataclass
class ProfileInput:
    name: str
    brand_color: str
    timezone: str
    locale: str


@dataclass
class WorkspaceSettings:
    """What the settings page shows of the workspace."""

    name: str
    brand_color: str
    timezone: str
    locale: str
    slug: str
    old_slugs: list[str]
    subdomain: str  # the site's address on the platform's domain
    logo_path: str  # relative to MEDIA_DIR; "" without a logo


def workspace_settings(session: Session, tenant_id: int, platform_domain: str) -> WorkspaceSettings:
    tenant = session.get_one(Tenant, tenant_id)
    return WorkspaceSettings(
        tenant.name,
        tenant.brand_color,
        tenant.timezone,
        tenant.locale,
        tenant.slug,
        aliases(session, tenant_id),
        f"{tenant.slug}.{platform_domain}",
        tenant.logo_path or "",
    )


def update_profile(session: Session, actor: Actor, data: ProfileInput) -> None:
    """Save name, colour, timezone and language; a wrong form is refused with every wrong field."""
    require(actor, Permission.edit_settings)
    name, color = data.name.strip(), data.brand_color.strip().lower()
    errors: dict[str, ErrorCode] = {}
    if not name:
        errors["name"] = ProfileError.name_required
    elif len(name) > 200:
        errors["name"] = ProfileError.too_long
    if not COLOR_RE.match(color):
        errors["brand_color"] = ProfileError.bad_color
    if data.timezone not in _zones():
        errors["timezone"] = ProfileError.bad_timezone
    if data.locale not in LOCALES:
        errors["locale"] = ProfileError.bad_choice
    if errors:
        raise ServiceError.form(errors)
    tenant = session.get_one(Tenant, actor.tenant_id)
    before = {
        "name": tenant.name,
        "brand_color": tenant.brand_color,
        "timezone": tenant.timezone,
        "locale": tenant.locale,
    }
    after = {"name": name, "brand_color": color, "timezone": data.timezone, "locale": data.locale}
    if before == after:
        return
    tenant.name, tenant.brand_color, tenant.timezone, tenant.locale = (
        name,
        color,
        data.timezone,
        data.locale,
    )
    tenant.updated_at = utcnow()
    session.add(tenant)
    changed = {k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]}
    audit.record(
        session,
        "settings.profile_changed",
        actor=actor,
        target_type="tenant",
        target_id=actor.tenant_id,
        details=changed,
    )


def change_slug(session: Session, actor: Actor, raw_slug: str) -> None:
    """Move the workspace to a new address; the old one stays as an alias that redirects."""
    require(actor, Permission.edit_settings)
    slug = (raw_slug or "").strip().lower()
    tenant = session.get_one(Tenant, actor.tenant_id)
    if slug == tenant.slug:
        return
    error = slug_error(session, slug, tenant_id=tenant.id)
    if error:
        raise ServiceError(error, field="slug")
    old = tenant.slug
    own_alias = session.get(TenantSlugAlias, slug)
    try:
        with session.begin_nested():
            if own_alias is not None:  # taking back an old address
                session.delete(own_alias)
            session.add(TenantSlugAlias(slug=old, tenant_id=actor.tenant_id))
            tenant.slug, tenant.updated_at = slug, utcnow()
            session.add(tenant)
            session.flush()
    except IntegrityError:  # another workspace took it between the check and the write
        raise ServiceError(ProfileError.slug_taken, field="slug") from None
    audit.record(
        session,
        "settings.slug_changed",
        actor=actor,
        tenant_id=tenant.id,
        target_type="tenant",
        target_id=tenant.id,
        details={"before": old, "after": slug},
    )


def aliases(session: Session, tenant_id: int) -> list[str]:
    return list(
        session.exec(
            select(TenantSlugAlias.slug)
            .where(TenantSlugAlias.tenant_id == tenant_id)
            .order_by(col(TenantSlugAlias.created_at))
        )
    )


def prepare_logo(data: bytes, max_bytes: int) -> bytes:
    """Check an uploaded image and re-encode it as a PNG of at most 512 px (metadata dropped).

    Re-encoding means the stored file is always a plain image, whatever the upload contained.
    """
    image = images.decode_upload(data, max_bytes, LOGO_MAX_SIDE, LogoError)
    return images.encode(image, LOGO_STORED_SIDE, "PNG", optimize=True)


def set_logo(
    session: Session, actor: Actor, data: bytes, media_dir: Path, max_bytes: int
) -> str | None:
    """Store a new logo; returns the previous file, to delete once the change is committed."""
    require(actor, Permission.edit_settings)
    png = prepare_logo(data, max_bytes)
    relative = f"tenants/{actor.tenant_id}/logo-{hashlib.sha256(png).hexdigest()[:16]}.png"
    target = media_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    tenant = session.get_one(Tenant, actor.tenant_id)
    previous = tenant.logo_path if tenant.logo_path != relative else None
    tenant.logo_path, tenant.updated_at = relative, utcnow()
    session.add(tenant)
    audit.record(
        session,
        "settings.logo_changed",
        actor=actor,
        tenant_id=tenant.id,
        target_type="tenant",
        target_id=tenant.id,
        details={"file": relative, "bytes": len(png)},
    )
    return previous


def remove_logo(session: Session, actor: Actor) -> str | None:
    """Drop the logo; returns its file, to delete once the change is committed."""
    require(actor, Permission.edit_settings)
    tenant = session.get_one(Tenant, actor.tenant_id)
    previous, tenant.logo_path = tenant.logo_path, None
    session.add(tenant)
    if previous:
        audit.record(
            session,
            "settings.logo_removed",
            actor=actor,
            tenant_id=tenant.id,
            target_type="tenant",
            target_id=tenant.id,
        )
    return previous


def delete_media_file(media_dir: Path, relative: str | None) -> None:
    """Remove a stored file once nothing points at it; refuses paths outside the media folder."""
    if not relative:
        return
    target = (media_dir / relative).resolve()
    if media_dir.resolve() in target.parents and target.is_file():
        target.unlink()
