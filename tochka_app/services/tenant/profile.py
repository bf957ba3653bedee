"""Workspace profile: name, address (slug), brand colour, timezone, language and logo."""

import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import available_timezones

from PIL import Image, UnidentifiedImageError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from tochka_app.models import Tenant, TenantSlugAlias
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth.onboarding import slug_error
from tochka_app.services.permissions import Permission, allowed
from tochka_app.services.team import Actor

COLOR_RE = re.compile(r"^#[0-9a-f]{6}$")
LOCALES = ("ru", "en")
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
LOGO_MAX_SIDE = 4096  # larger images are refused before decoding (decompression bombs)
LOGO_STORED_SIDE = 512
# Offered first in the timezone picker; any IANA zone is accepted.
COMMON_TIMEZONES = (
    "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
    "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
    "Asia/Magadan", "Asia/Kamchatka", "Europe/Minsk", "Asia/Almaty", "Asia/Tashkent",
    "Asia/Yerevan", "Asia/Tbilisi", "Europe/Istanbul", "Asia/Dubai", "Europe/Berlin", "UTC",
)


@lru_cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


@dataclass
class ProfileInput:
    name: str
    brand_color: str
    timezone: str
    locale: str


def update_profile(session: Session, actor: Actor, data: ProfileInput) -> dict[str, str]:
    """Save name, colour, timezone and language; returns field -> error id (empty when saved)."""
    if not allowed(actor, Permission.edit_settings):
        return {"_": "settings.forbidden"}
    name, color = data.name.strip(), data.brand_color.strip().lower()
    errors = {}
    if not name:
        errors["name"] = "settings.name_required"
    elif len(name) > 200:
        errors["name"] = "settings.too_long"
    if not COLOR_RE.match(color):
        errors["brand_color"] = "settings.bad_color"
    if data.timezone not in _zones():
        errors["timezone"] = "settings.bad_timezone"
    if data.locale not in LOCALES:
        errors["locale"] = "settings.bad_choice"
    if errors:
        return errors
    tenant = session.get(Tenant, actor.tenant_id)
    before = {"name": tenant.name, "brand_color": tenant.brand_color,
              "timezone": tenant.timezone, "locale": tenant.locale}
    after = {"name": name, "brand_color": color, "timezone": data.timezone, "locale": data.locale}
    if before == after:
        return {}
    tenant.name, tenant.brand_color, tenant.timezone, tenant.locale = (
        name, color, data.timezone, data.locale)
    tenant.updated_at = utcnow()
    session.add(tenant)
    changed = {k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]}
    audit.record(session, "settings.profile_changed", actor=actor, target_type="tenant",
                 target_id=actor.tenant_id, details=changed)
    return {}


def change_slug(session: Session, actor: Actor, raw_slug: str) -> str | None:
    """Move the workspace to a new address; the old one stays as an alias that redirects."""
    if not allowed(actor, Permission.edit_settings):
        return "settings.forbidden"
    slug = (raw_slug or "").strip().lower()
    tenant = session.get(Tenant, actor.tenant_id)
    if slug == tenant.slug:
        return None
    error = slug_error(session, slug, tenant_id=tenant.id)
    if error:
        return error
    old = tenant.slug
    own_alias = session.get(TenantSlugAlias, slug)
    try:
        with session.begin_nested():
            if own_alias is not None:  # taking back an old address
                session.delete(own_alias)
            session.add(TenantSlugAlias(slug=old, tenant_id=tenant.id))
            tenant.slug, tenant.updated_at = slug, utcnow()
            session.add(tenant)
            session.flush()
    except IntegrityError:  # another workspace took it between the check and the write
        return "slug.taken"
    audit.record(session, "settings.slug_changed", actor=actor, tenant_id=tenant.id,
                 target_type="tenant", target_id=tenant.id,
                 details={"before": old, "after": slug})
    return None


def aliases(session: Session, tenant_id: int) -> list[str]:
    return list(session.exec(select(TenantSlugAlias.slug).where(
        TenantSlugAlias.tenant_id == tenant_id).order_by(TenantSlugAlias.created_at)))


class LogoError(ValueError):
    pass


def prepare_logo(data: bytes, max_bytes: int) -> bytes:
    """Check an uploaded image and re-encode it as a PNG of at most 512 px (metadata dropped).

    Re-encoding means the stored file is always a plain image, whatever the upload contained.
    """
    if not data:
        raise LogoError("logo.empty")
    if len(data) > max_bytes:
        raise LogoError("logo.too_big")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in LOGO_FORMATS:
                raise LogoError("logo.bad_type")
            if max(probe.size) > LOGO_MAX_SIDE:
                raise LogoError("logo.too_large_dimensions")
            probe.load()
            image = probe.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise LogoError("logo.bad_type") from exc
    image.thumbnail((LOGO_STORED_SIDE, LOGO_STORED_SIDE))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def set_logo(session: Session, actor: Actor, data: bytes, media_dir: Path,
             max_bytes: int) -> tuple[str | None, str | None]:
    """Store a new logo; returns (error id, previous file to delete after the commit)."""
    if not allowed(actor, Permission.edit_settings):
        return "settings.forbidden", None
    try:
        png = prepare_logo(data, max_bytes)
    except LogoError as exc:
        return str(exc), None
    relative = f"tenants/{actor.tenant_id}/logo-{hashlib.sha256(png).hexdigest()[:16]}.png"
    target = media_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    tenant = session.get(Tenant, actor.tenant_id)
    previous = tenant.logo_path if tenant.logo_path != relative else None
    tenant.logo_path, tenant.updated_at = relative, utcnow()
    session.add(tenant)
    audit.record(session, "settings.logo_changed", actor=actor, tenant_id=tenant.id,
                 target_type="tenant", target_id=tenant.id,
                 details={"file": relative, "bytes": len(png)})
    return None, previous


def remove_logo(session: Session, actor: Actor) -> tuple[str | None, str | None]:
    if not allowed(actor, Permission.edit_settings):
        return "settings.forbidden", None
    tenant = session.get(Tenant, actor.tenant_id)
    previous, tenant.logo_path = tenant.logo_path, None
    session.add(tenant)
    if previous:
        audit.record(session, "settings.logo_removed", actor=actor, tenant_id=tenant.id,
                     target_type="tenant", target_id=tenant.id)
    return None, previous


def delete_media_file(media_dir: Path, relative: str | None) -> None:
    """Remove a stored file once nothing points at it; refuses paths outside the media folder."""
    if not relative:
        return
    target = (media_dir / relative).resolve()
    if media_dir.resolve() in target.parents and target.is_file():
        target.unlink()
