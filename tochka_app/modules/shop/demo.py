"""The demo workspace's shop, so a newcomer sees a living one on the first run: categories,
~20 products with photos drawn at seed time, sizes with stock (one sold out), a preorder product,
and orders in different statuses — all made through the shop's own rules."""

import hmac
import io
from hashlib import sha256
from pathlib import Path

from PIL import Image, ImageDraw
from sqlmodel import Session

from tochka_app.models import Role
from tochka_app.modules.shop import catalog, checkout, orders, photos, rules
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import ShopPaymentAccount
from tochka_app.services import marketplace, vault
from tochka_app.services.access import Actor
from tochka_app.settings import Settings

SIZES = ("XS", "S", "M", "L", "XL")
SIZE_TABLE = (
    ("Размер", "Грудь, см", "Длина, см"),
    ("S", "96", "70"),
    ("M", "102", "72"),
    ("L", "108", "74"),
    ("XL", "114", "76"),
)
CARE = "Стирка при 30 °C, не отбеливать, гладить с изнанки."
# (category slug, name, colour of the picture, price in roubles, old price)
PRODUCTS = [
    ("t-shirts", "Футболка «Точка» белая", (236, 236, 236), 1490, None),
    ("t-shirts", "Футболка «Точка» чёрная", (40, 40, 40), 1490, 1790),
    ("t-shirts", "Футболка оверсайз песочная", (214, 190, 150), 1890, None),
    ("t-shirts", "Футболка с длинным рукавом", (120, 140, 170), 2190, None),
    ("t-shirts", "Футболка поло хаки", (110, 120, 80), 2490, None),
    ("hoodies", "Худи «Рост» зелёное", (48, 164, 108), 4490, 4990),
    ("hoodies", "Худи на молнии серое", (150, 150, 155), 4790, None),
    ("hoodies", "Свитшот базовый синий", (50, 80, 160), 3590, None),
    ("hoodies", "Свитшот с вышивкой", (190, 60, 70), 3990, None),
    ("caps", "Кепка бейсболка чёрная", (30, 30, 30), 1290, None),
    ("caps", "Панама хлопковая", (220, 200, 160), 1190, None),
    ("bags", "Шопер холщовый", (230, 220, 200), 990, None),
    ("bags", "Рюкзак городской", (70, 70, 80), 3490, 3990),
    ("bags", "Поясная сумка", (160, 100, 60), 1790, None),
    ("accessories", "Носки «Точка», 3 пары", (240, 200, 60), 690, None),
    ("accessories", "Шарф вязаный", (130, 40, 50), 1590, None),
    ("accessories", "Значок эмалевый", (48, 164, 108), 390, None),
    ("accessories", "Термокружка 350 мл", (60, 130, 180), 1290, None),
    ("accessories", "Блокнот в точку", (200, 80, 40), 490, None),
    ("hoodies", "Худи «Волна» — предзаказ", (90, 60, 150), 5290, None),
]
CATEGORIES = [
    ("Одежда", "clothes", None),
    ("Футболки", "t-shirts", "clothes"),
    ("Худи и свитшоты", "hoodies", "clothes"),
    ("Головные уборы", "caps", "clothes"),
    ("Сумки", "bags", None),
    ("Аксессуары", "accessories", None),
]
BUYERS = [
    ("Анна Смирнова", "+79161230001", "Москва, ул. Лесная, 5, кв. 12"),
    ("Игорь Петров", "+79161230002", "Санкт-Петербург, Невский пр., 100"),
    ("Мария Кузнецова", "+79161230003", "Казань, ул. Баумана, 20"),
    ("Олег Соколов", "+79161230004", "Екатеринбург, ул. Ленина, 1"),
    ("Елена Попова", "+79161230005", "Новосибирск, Красный пр., 30"),
]


def _picture(name: str, colour: tuple[int, int, int]) -> bytes:
    """A product photo drawn now: the colour of the item, a silhouette, its name's initials."""
    image = Image.new("RGB", (1200, 1200), (246, 246, 242))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((250, 300, 950, 1000), radius=80, fill=colour)
    draw.polygon([(250, 300), (100, 500), (250, 560)], fill=colour)
    draw.polygon([(950, 300), (1100, 500), (950, 560)], fill=colour)
    draw.ellipse((500, 250, 700, 380), fill=(246, 246, 242))
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    shade = (255, 255, 255) if sum(colour) < 380 else (30, 30, 30)
    draw.text((560, 620), initials, fill=shade, font_size=120)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


DEMO_KASSA_SHOP_ID = "100500"


def demo_kassa(settings: Settings) -> tuple[str, str, str]:
    """The demo shop's account at the local fake YooKassa: (shop id, secret key, notification
    token). Derived from the development signing key, so nothing secret sits in the repo and
    `cli fake-yookassa` knows the same account (payments and notifications work on first run)."""
    digest = hmac.new(settings.signing_key, b"demo-shop-kassa", sha256).hexdigest()
    return DEMO_KASSA_SHOP_ID, f"test_{digest[:32]}", digest[32:]


def seed_demo(session: Session, tenant_id: int, owner_id: int, settings: Settings) -> None:
    """The manifest's `seed_demo` (never run in production): the shop enabled and filled,
    files under MEDIA_DIR, the checkout connected to the local fake YooKassa."""
    seed(session, owner_id, tenant_id, Path(settings.media_dir), settings.signing_key)
    if session.get(ShopPaymentAccount, tenant_id) is None:
        shop_id, secret, token = demo_kassa(settings)
        session.add(
            ShopPaymentAccount(
                tenant_id=tenant_id,
                notify_token=token,
                shop_id=shop_id,
                secret_sealed=vault.seal(settings, secret),
                secret_hint=vault.mask(secret),
            )
        )


def seed(session: Session, owner_id: int, tenant_id: int, media_dir: Path, key: bytes) -> None:
    """Enable the shop for the demo tenant and fill it (only when it has no products yet)."""
    owner = Actor(user_id=owner_id, tenant_id=tenant_id, role=Role.owner)
    if not marketplace.is_enabled(session, tenant_id, rules.CODE):
        marketplace.enable(session, owner, rules.CODE)
    if catalog.product_count(session, tenant_id):
        return
    slugs: dict[str, int] = {}
    for name, slug, parent in CATEGORIES:
        slugs[slug] = catalog.save_category(
            session, owner, None, name, slug, slugs[parent] if parent else None
        )
    variants_of: dict[int, list[int]] = {}
    for index, (slug, name, colour, rubles, old) in enumerate(PRODUCTS):
        clothes = slug in ("t-shirts", "hoodies")
        sizes = SIZES[1:] if clothes else ("",)
        stock = [
            0 if (index == 1 and size == "XL") else 3 + (index * 7 + i) % 9
            for i, size in enumerate(sizes)
        ]  # the black T-shirt's XL: sold out
        preorder = "предзаказ" in name
        product_id = catalog.save_product(
            session,
            owner,
            None,
            ProductInput(
                name=name,
                sku=f"TR-{100 + index}",
                price_kopecks=rubles * 100,
                old_price_kopecks=old * 100 if old else None,
                description_md=f"**{name}** из коллекции «Точка Роста».\n\n"
                "Плотный хлопок, аккуратные швы, сделано в России.",
                category_id=slugs[slug],
                order_type="preorder" if preorder else "in_stock",
                care_instructions=CARE if clothes else "",
                size_table=SIZE_TABLE if clothes else (),
                variants=tuple(
                    VariantInput(size, "", f"-{size}" if size else "", 0 if preorder else n)
                    for size, n in zip(sizes, stock, strict=True)
                ),
                waves=(8, 10, 20) if preorder else (),
            ),
        )
        photos.add_photo(session, owner, product_id, _picture(name, colour), media_dir)
        variants_of[product_id] = [
            v.id for v in catalog.variants_of(session, tenant_id, product_id) if v.id
        ]
    _orders(session, owner, list(variants_of.values()), key)


def _orders(session: Session, owner: Actor, variants: list[list[int]], key: bytes) -> None:
    """Five orders along the way: awaiting payment, paid, assembling, shipped, delivered."""
    path = ("awaiting_payment", "paid", "assembling", "shipped", "delivered")
    for number, (name, phone, address) in enumerate(BUYERS):
        lines = [CartLine(variants[number * 3][0], 1), CartLine(variants[number * 2 + 2][0], 1)]
        placed = checkout.place_order(
            session, owner.tenant_id, lines, Contact(name, phone, "", address), key
        )
        target = path[number]
        if target == "awaiting_payment":
            continue
        checkout.mark_paid(session, placed.order_id)
        for step in path[2 : path.index(target) + 1]:
            orders.move(
                session,
                owner,
                placed.order_id,
                step,
                f"80{placed.order_id:010d}" if step == "shipped" else "",
            )
