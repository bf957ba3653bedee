"""Product photos: checked, re-encoded as WebP (long side at most 2000 px) with a 480 px
thumbnail, ordered; the first is the main one (the catalog card, og:image)."""

import hashlib
import secrets
from pathlib import Path

from sqlmodel import Session, col, select

from tochka_app.modules.shop.catalog import own_product
from tochka_app.modules.shop.models import ShopProductMedia
from tochka_app.modules.shop.rules import PhotoError, ShopError, ShopPermission
from tochka_app.services import audit, images
from tochka_app.services.access import Actor
from tochka_app.services.errors import ServiceError
from tochka_app.services.permissions import require

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE_IN = 8000  # refused before decoding above this (decompression bombs)
FULL_SIDE, THUMB_SIDE = 2000, 480
MAX_PHOTOS = 12


def photos_of(session: Session, product_id: int) -> list[ShopProductMedia]:
    return list(
        session.exec(
            select(ShopProductMedia)
            .where(ShopProductMedia.product_id == product_id)
            .order_by(col(ShopProductMedia.position), col(ShopProductMedia.id))
        )
    )


def add_photo(
    session: Session, actor: Actor, product_id: int, data: bytes, media_dir: Path
) -> tuple[int, list[Path]]:
    """Store a photo as the product's last; returns its id and the files written (to delete if
    the transaction does not commit)."""
    require(actor, ShopPermission.catalog)
    product = own_product(session, actor.tenant_id, product_id)
    existing = photos_of(session, product_id)
    if len(existing) >= MAX_PHOTOS:
        raise ServiceError(PhotoError.too_many)
    image = images.decode_upload(data, MAX_BYTES, MAX_SIDE_IN, PhotoError, mode="RGB")
    full = images.encode(image, FULL_SIDE, "WEBP", quality=85, method=4)
    thumb = images.encode(image, THUMB_SIDE, "WEBP", quality=80, method=4)
    # The content's hash and a random part: the same picture uploaded twice is two files, so
    # removing one photo never takes the other's files.
    digest = f"{hashlib.sha256(full).hexdigest()[:12]}-{secrets.token_hex(4)}"
    folder = f"tenants/{actor.tenant_id}/shop/{product.id}"
    written = []
    for name, content in ((f"{digest}.webp", full), (f"{digest}-thumb.webp", thumb)):
        target = media_dir / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    width, height = image.size
    scale = min(1.0, FULL_SIDE / max(width, height))
    media = ShopProductMedia(
        tenant_id=actor.tenant_id,
        product_id=product_id,
        path=f"{folder}/{digest}.webp",
        thumb_path=f"{folder}/{digest}-thumb.webp",
        width=round(width * scale),
        height=round(height * scale),
        position=(existing[-1].position + 1) if existing else 0,
    )
    session.add(media)
    session.flush()
    assert media.id is not None
    audit.record(
        session, "shop.photo_added", actor=actor, target_type="product", target_id=product_id
    )
    return media.id, written


def _own_photo(session: Session, actor: Actor, media_id: int) -> ShopProductMedia:
    media = session.get(ShopProductMedia, media_id)
    if media is None or media.tenant_id != actor.tenant_id:
        raise ServiceError(ShopError.not_found)
    return media


def move_photo(session: Session, actor: Actor, media_id: int, to_index: int) -> None:
    """Put a photo at `to_index` (0 = the main photo); the others keep their order."""
    require(actor, ShopPermission.catalog)
    media = _own_photo(session, actor, media_id)
    ordered = [m for m in photos_of(session, media.product_id) if m.id != media.id]
    ordered.insert(max(0, min(to_index, len(ordered))), media)
    for position, item in enumerate(ordered):
        item.position = position
        session.add(item)
    session.flush()


def remove_photo(session: Session, actor: Actor, media_id: int) -> list[str]:
    """Returns the files to delete once the change is committed."""
    require(actor, ShopPermission.catalog)
    media = _own_photo(session, actor, media_id)
    files = [media.path, media.thumb_path]
    session.delete(media)
    session.flush()
    return files


def delete_files(media_dir: Path, files: list[str]) -> None:
    """Remove files of photos that are gone (after the commit); only below media_dir."""
    root = media_dir.resolve()
    for name in files:
        target = (media_dir / name).resolve()
        if target.is_relative_to(root):
            target.unlink(missing_ok=True)
