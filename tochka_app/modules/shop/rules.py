"""What the shop module is called, the rights it adds and the refusals it raises."""

from enum import StrEnum

from tochka_app.models import Role
from tochka_app.services.errors import ErrorCode

CODE = "shop"
RESERVE_MINUTES = 30  # an unpaid order holds its stock this long (a module setting later)
MAX_LINE_QUANTITY = 99


class ShopPermission(StrEnum):
    view = "shop.view"  # see products and orders
    orders = "shop.orders"  # move orders along, notes, tracking numbers
    catalog = "shop.catalog"  # products, variants, photos, categories
    settings = "shop.settings"  # the shop's own YooKassa account
    refunds = "shop.refunds"  # give a customer's money back


# Lowest role per right (the manifest hands these to the permission table).
PERMISSIONS = {
    ShopPermission.view: Role.staff,
    ShopPermission.orders: Role.staff,
    ShopPermission.catalog: Role.admin,
    ShopPermission.settings: Role.admin,
    ShopPermission.refunds: Role.admin,
}


class PhotoError(ErrorCode):
    """Refusals of a product photo (services/images.py names the members)."""

    empty = "shop.photo_empty"
    too_big = "shop.photo_too_big"
    bad_type = "shop.photo_bad_type"
    too_large_dimensions = "shop.photo_too_large"
    too_many = "shop.photo_too_many"


class ShopError(ErrorCode):
    not_found = "shop.not_found"
    name_required = "shop.name_required"
    sku_invalid = "shop.sku_invalid"
    sku_taken = "shop.sku_taken"
    price_invalid = "shop.price_invalid"
    old_price_invalid = "shop.old_price_invalid"
    category_depth = "shop.category_depth"
    slug_invalid = "shop.slug_invalid"
    slug_taken = "shop.slug_taken"
    limit_reached = "shop.limit_reached"
    cart_empty = "shop.cart_empty"
    sold_out = "shop.sold_out"
    not_for_sale = "shop.not_for_sale"
    quantity_invalid = "shop.quantity_invalid"
    contact_required = "shop.contact_required"
    bad_transition = "shop.bad_transition"
    tracking_required = "shop.tracking_required"
    note_invalid = "shop.note_invalid"
    kassa_shop_id = "shop.kassa_shop_id"
    kassa_secret = "shop.kassa_secret"  # noqa: S105 — a message id, not a password
    kassa_rejected = "shop.kassa_rejected"
    kassa_unreachable = "shop.kassa_unreachable"
    kassa_not_set = "shop.kassa_not_set"
    below_minimum = "shop.below_minimum"
    email_invalid = "shop.email_invalid"
    checkout_closed = "shop.checkout_closed"
    choose_size = "shop.choose_size"
    waves_full = "shop.waves_full"
    waves_invalid = "shop.waves_invalid"
    wave_below_taken = "shop.wave_below_taken"
    wave_message_too_long = "shop.wave_message_too_long"
    waitlist_login = "shop.waitlist_login"
    refund_not_paid = "shop.refund_not_paid"
    refund_units = "shop.refund_units"
    refund_pending = "shop.refund_pending"
    refund_failed = "shop.refund_failed"
    too_many_lines = "shop.too_many_lines"
