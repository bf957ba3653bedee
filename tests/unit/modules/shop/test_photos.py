"""Product photos: re-encoded WebP no longer than 2000 px with a thumbnail, the first is the main
one, reordered; hostile or huge files refused before decoding; another tenant's photo not found."""

import io

import pytest
from PIL import Image

from tests.support import factories
from tests.support.errors import refusal
from tochka_app.modules.shop import catalog, photos
from tochka_app.modules.shop.catalog import ProductInput
from tochka_app.modules.shop.rules import PhotoError, ShopError


def _jpeg(width: int, height: int, colour=(200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def product(db, shop):
    _, actors = shop
    return catalog.save_product(db, actors["admin"], None, ProductInput("Плед", "PLAID-1", 500_000))


def test_a_big_photo_is_reencoded_with_a_thumbnail(db, shop, product, tmp_path):
    _, actors = shop
    media_id, written = photos.add_photo(db, actors["admin"], product, _jpeg(4000, 3000), tmp_path)
    [stored] = photos.photos_of(db, product)
    assert stored.id == media_id and (stored.width, stored.height) == (2000, 1500)
    with (
        Image.open(tmp_path / stored.path) as full,
        Image.open(tmp_path / stored.thumb_path) as thumb,
    ):
        assert (full.format, full.size) == ("WEBP", (2000, 1500))
        assert max(thumb.size) == 480
    assert set(written) == {tmp_path / stored.path, tmp_path / stored.thumb_path}


def test_photos_reorder_and_the_first_is_the_main_one(db, shop, product, tmp_path):
    _, actors = shop
    ids = [
        photos.add_photo(db, actors["admin"], product, _jpeg(100, 100, (n * 40, 0, 0)), tmp_path)[0]
        for n in range(3)
    ]
    photos.move_photo(db, actors["admin"], ids[2], 0)
    assert [m.id for m in photos.photos_of(db, product)] == [ids[2], ids[0], ids[1]]
    photos.remove_photo(db, actors["admin"], ids[2])
    assert [m.id for m in photos.photos_of(db, product)] == [ids[0], ids[1]]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", PhotoError.empty),
        (b"<svg onload=alert(1)>", PhotoError.bad_type),
        (b"GIF89a" + b"\x00" * 20, PhotoError.bad_type),
    ],
)
def test_hostile_files_are_refused(db, shop, product, tmp_path, data, code):
    _, actors = shop
    assert refusal(photos.add_photo, db, actors["admin"], product, data, tmp_path) == code
    assert photos.photos_of(db, product) == []


def test_a_huge_picture_is_refused_from_its_header(db, shop, product, tmp_path):
    _, actors = shop
    out = io.BytesIO()
    Image.new("1", (9000, 100)).save(out, format="PNG")  # tiny file, huge canvas
    assert refusal(photos.add_photo, db, actors["admin"], product, out.getvalue(), tmp_path) == (
        PhotoError.too_large_dimensions
    )


def test_another_tenants_product_or_photo_is_not_found(db, shop, product, tmp_path):
    _, actors = shop
    outsider = factories.actor(db, factories.tenant(db))
    assert refusal(photos.add_photo, db, outsider, product, _jpeg(10, 10), tmp_path) == (
        ShopError.not_found
    )
    media_id, _ = photos.add_photo(db, actors["admin"], product, _jpeg(10, 10), tmp_path)
    assert refusal(photos.move_photo, db, outsider, media_id, 0) == ShopError.not_found
    assert refusal(photos.remove_photo, db, outsider, media_id) == ShopError.not_found


def test_the_same_picture_twice_is_two_files(db, shop, product, tmp_path):
    _, actors = shop
    picture = _jpeg(50, 50)
    first, _ = photos.add_photo(db, actors["admin"], product, picture, tmp_path)
    photos.add_photo(db, actors["admin"], product, picture, tmp_path)
    gone = photos.remove_photo(db, actors["admin"], first)
    [kept] = photos.photos_of(db, product)
    assert kept.path not in gone and (tmp_path / kept.path).is_file()


def test_a_phone_photo_is_stored_upright(db, shop, product, tmp_path):
    _, actors = shop
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; the picture must be rotated 90°
    out = io.BytesIO()
    Image.new("RGB", (300, 100), (10, 120, 10)).save(out, format="JPEG", exif=exif)
    photos.add_photo(db, actors["admin"], product, out.getvalue(), tmp_path)
    [stored] = photos.photos_of(db, product)
    assert (stored.width, stored.height) == (100, 300)
