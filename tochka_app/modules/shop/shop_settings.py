"""The shop's settings (the marketplace builds their form from `FIELDS`, validates and stores
them) and the typed view the rules read."""

from dataclasses import dataclass

from sqlmodel import Session

from tochka_app.modules.sdk import SettingField
from tochka_app.modules.shop.rules import CODE, RESERVE_MINUTES
from tochka_app.services import marketplace

# YooKassa's vat_code per choice (54-FZ): 1 no VAT, 2 0 %, 3 10 %, 4 20 %, 5 10/110, 6 20/120.
VAT_CODES = {"без НДС": 1, "0%": 2, "10%": 3, "20%": 4, "10/110": 5, "20/120": 6}

FIELDS = (
    SettingField(
        "shop_title",
        "str",
        {"ru": "Название магазина на сайте", "en": "Shop name on the site"},
        default="",
        max_length=120,
    ),
    SettingField(
        "currency_sign",
        "choice",
        {"ru": "Как писать рубли", "en": "How to write roubles"},
        default="₽",
        choices=("₽", "руб."),
    ),
    SettingField(
        "min_order_rubles",
        "int",
        {"ru": "Минимальная сумма заказа, ₽", "en": "Minimum order, ₽"},
        default=0,
        min=0,
        max=1_000_000,
    ),
    SettingField(
        "reserve_minutes",
        "int",
        {
            "ru": "Сколько минут держать товар до оплаты",
            "en": "Minutes an unpaid order holds stock",
        },
        default=RESERVE_MINUTES,
        min=5,
        max=1440,
    ),
    SettingField(
        "vat",
        "choice",
        {"ru": "НДС в чеке", "en": "VAT in the receipt"},
        default="без НДС",
        choices=tuple(VAT_CODES),
        choice_labels={"без НДС": {"ru": "Без НДС", "en": "No VAT"}},
    ),
    SettingField(
        "payment_subject",
        "choice",
        {"ru": "Предмет расчёта в чеке", "en": "Payment subject in the receipt"},
        default="commodity",
        choices=("commodity", "service"),
        choice_labels={
            "commodity": {"ru": "Товар", "en": "Goods"},
            "service": {"ru": "Услуга", "en": "Service"},
        },
    ),
    SettingField(
        "payment_mode",
        "choice",
        {"ru": "Способ расчёта в чеке", "en": "Payment mode in the receipt"},
        default="full_payment",
        choices=("full_payment", "full_prepayment"),
        choice_labels={
            "full_payment": {"ru": "Полный расчёт", "en": "Full payment"},
            "full_prepayment": {"ru": "Предоплата 100 %", "en": "Full prepayment"},
        },
    ),
    SettingField(
        "offer_page",
        "str",
        {
            "ru": "Адрес страницы оферты (модуль «Страницы», например offer)",
            "en": "Address of the offer page (Pages module, e.g. offer)",
        },
        default="",
        max_length=80,
    ),
    SettingField(
        "returns_page",
        "str",
        {
            "ru": "Адрес страницы о возврате (модуль «Страницы», например returns)",
            "en": "Address of the returns page (Pages module, e.g. returns)",
        },
        default="",
        max_length=80,
    ),
)


@dataclass(frozen=True)
class ShopSettings:
    shop_title: str = ""
    currency_sign: str = "₽"
    min_order_kopecks: int = 0
    reserve_minutes: int = RESERVE_MINUTES
    vat_code: int = 1
    payment_subject: str = "commodity"
    payment_mode: str = "full_payment"
    offer_page: str = ""
    returns_page: str = ""


def of(session: Session, tenant_id: int) -> ShopSettings:
    stored = {f.key: f.default for f in FIELDS} | marketplace.settings_of(session, tenant_id, CODE)
    return ShopSettings(
        shop_title=str(stored.get("shop_title") or ""),
        currency_sign=str(stored.get("currency_sign") or "₽"),
        min_order_kopecks=int(stored.get("min_order_rubles") or 0) * 100,
        reserve_minutes=int(stored.get("reserve_minutes") or RESERVE_MINUTES),
        vat_code=VAT_CODES.get(str(stored.get("vat")), 1),
        payment_subject=str(stored.get("payment_subject") or "commodity"),
        payment_mode=str(stored.get("payment_mode") or "full_payment"),
        offer_page=str(stored.get("offer_page") or "").strip("/"),
        returns_page=str(stored.get("returns_page") or "").strip("/"),
    )
