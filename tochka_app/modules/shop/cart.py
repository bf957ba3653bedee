"""A cart as the customer sees it before paying: each line with today's name, price and what is
left, and what changed since it was added — honestly, before checkout, not as a refusal after.

The cart itself lives in the browser for a guest and on the server for a signed-in customer; both
are a list of (variant id, quantity, the price the customer saw) checked here."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from tochka_app.modules.shop import waves
from tochka_app.modules.shop.models import OrderType, ProductStatus, ShopProduct, ShopVariant
from tochka_app.modules.shop.rules import MAX_LINE_QUANTITY

MAX_LINES = 50


@dataclass(frozen=True)
class SavedLine:
    variant_id: int
    quantity: int
    seen_price_kopecks: int  # the price shown when it was added


@dataclass(frozen=True)
class CartLineView:
    variant_id: int
    product_id: int
    name: str
    variant_label: str
    price_kopecks: int
    quantity: int  # what can be bought now: at most what is left
    available: int
    price_changed: bool
    quantity_cut: bool  # fewer left than the customer wanted
    sold_out: bool


@dataclass(frozen=True)
class CartView:
    lines: list[CartLineView]
    total_kopecks: int
    dropped: int  # lines whose product is gone, archived or another shop's

    @property
    def changed(self) -> bool:
        return self.dropped > 0 or any(
            line.price_changed or line.quantity_cut or line.sold_out for line in self.lines
        )


def view(session: Session, tenant_id: int, saved: list[SavedLine]) -> CartView:
    saved = [s for s in saved[:MAX_LINES] if 0 < s.quantity <= MAX_LINE_QUANTITY]
    variants = {
        v.id: v
        for v in session.exec(
            select(ShopVariant).where(
                ShopVariant.tenant_id == tenant_id,
                col(ShopVariant.id).in_([s.variant_id for s in saved]),
            )
        )
    }
    products = {
        p.id: p
        for p in session.exec(
            select(ShopProduct).where(
                ShopProduct.tenant_id == tenant_id,
                col(ShopProduct.id).in_({v.product_id for v in variants.values()}),
            )
        )
    }
    places = waves.summaries(
        session, [pid for pid, p in products.items() if pid and p.order_type == OrderType.preorder]
    )
    lines, dropped = [], 0
    for item in saved:
        variant = variants.get(item.variant_id)
        product = products.get(variant.product_id) if variant else None
        if variant is None or product is None or product.status != ProductStatus.active:
            dropped += 1
            continue
        left = max(0, variant.stock - variant.reserved)
        if (wave := places.get(product.id or 0)) is not None:  # a preorder: places, not stock
            left = wave.left_in_all
        quantity = min(item.quantity, left)
        lines.append(
            CartLineView(
                variant_id=item.variant_id,
                product_id=product.id or 0,
                name=product.name,
                variant_label=" / ".join(filter(None, (variant.size, variant.colour))),
                price_kopecks=product.price_kopecks,
                quantity=quantity,
                available=left,
                price_changed=product.price_kopecks != item.seen_price_kopecks,
                quantity_cut=0 < quantity < item.quantity,
                sold_out=left == 0,
            )
        )
    total = sum(line.price_kopecks * line.quantity for line in lines)
    return CartView(lines, total, dropped)
