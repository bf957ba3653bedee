"""Uploaded images, checked before they are decoded and re-encoded before they are stored, so a
stored file is always a plain image whatever the upload held (metadata, scripts, a polyglot).
Shared by tenant logos and shop photos; each names its refusals with an `ErrorCode` enum that has
the members `empty`, `too_big`, `bad_type` and `too_large_dimensions`."""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from tochka_app.services.errors import ErrorCode, ServiceError

FORMATS = frozenset({"PNG", "JPEG", "WEBP", "GIF", "MPO"})  # MPO: many phones' JPEGs
MAX_PIXELS = 40_000_000  # a decoded RGBA copy of this is ~160 MB; more is refused unread


def decode_upload(
    data: bytes, max_bytes: int, max_side: int, errors: type[ErrorCode], mode: str = "RGBA"
) -> Image.Image:
    """The upload as a decoded image in `mode`, or a refusal: empty, over `max_bytes`, not one
    of FORMATS, or a side over `max_side` (checked from the header, before decoding: no
    decompression bomb gets decoded)."""
    if not data:
        raise ServiceError(errors["empty"])
    if len(data) > max_bytes:
        raise ServiceError(errors["too_big"])
    try:
        # Only these parsers ever see the bytes; Pillow's JPEG one also reads MPO.
        with Image.open(io.BytesIO(data), formats=("GIF", "JPEG", "PNG", "WEBP")) as probe:
            if probe.format not in FORMATS:
                raise ServiceError(errors["bad_type"])
            width, height = probe.size
            if max(width, height) > max_side or width * height > MAX_PIXELS:
                raise ServiceError(errors["too_large_dimensions"])
            probe.load()
            # The camera's rotation applied, so a phone photo is not stored lying on its side.
            return ImageOps.exif_transpose(probe).convert(mode)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ServiceError(errors["bad_type"]) from exc


def encode(image: Image.Image, longest_side: int, fmt: str, **options) -> bytes:
    """A copy no longer than `longest_side` on its long side, encoded as `fmt`."""
    copy = image.copy()
    copy.thumbnail((longest_side, longest_side))
    out = io.BytesIO()
    copy.save(out, format=fmt, **options)
    return out.getvalue()
