"""Russian/English messages, plural forms, money and dates — all through Babel.

Catalogs are gettext `.po` files under `locales/<lang>/LC_MESSAGES/messages.po`, read with Babel at
first use (no compile step). Message ids are stable keys such as ``nav.login``.
"""

import gettext
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.dates import format_skeleton as _babel_format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALES = ("ru", "en")
DEFAULT_LOCALE = "ru"
_CATALOG_DIR = Path(__file__).parent / "locales"


def normalize_locale(locale: str | None) -> str:
    return locale if locale in LOCALES else DEFAULT_LOCALE


@lru_cache
def _catalog(locale: str):
    with open(_CATALOG_DIR / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=locale)


@lru_cache
def translations(locale: str) -> gettext.GNUTranslations:
    buffer = BytesIO()
    write_mo(buffer, _catalog(normalize_locale(locale)))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_(locale: str, msgid: str, **params) -> str:
    text = translations(normalize_locale(locale)).gettext(msgid)
    return text % params if params else text


def ngettext_(locale: str, msgid: str, n: int, **params) -> str:
    """Plural form by the locale's rules (ru: 1 модуль, 2 модуля, 5 модулей)."""
    text = translations(normalize_locale(locale)).ngettext(msgid, msgid, n)
    return text % {"n": format_decimal(n, locale=normalize_locale(locale)), **params}


@lru_cache
def ui_messages(locale: str) -> dict[str, str]:
    """Every singular message of a locale, for the browser's static labels."""
    return {
        str(m.id): str(m.string)
        for m in _catalog(normalize_locale(locale))
        if m.id and not m.pluralizable and m.string
    }


def format_money(kopecks: int, locale: str) -> str:
    """Roubles from integer kopecks; whole amounts without a fractional part (990 ₽)."""
    # Babel's English data spells the rouble "RUB"; the sign ₽ reads better in both languages.
    amount = Decimal(kopecks) / 100
    fmt = "#,##0" if kopecks % 100 == 0 else "#,##0.00"
    return f"{format_decimal(amount, format=fmt, locale=normalize_locale(locale))}\xa0₽"


def format_date(value: date | datetime, locale: str, fmt: str = "long") -> str:
    return _babel_format_date(value, format=fmt, locale=normalize_locale(locale))


def format_datetime(value: datetime, locale: str, fmt: str = "short",
                    tz: str | None = None) -> str:
    """A timestamp in the locale's format; in timezone `tz` (IANA name) when given."""
    return _babel_format_datetime(value, format=fmt, locale=normalize_locale(locale),
                                  tzinfo=ZoneInfo(tz) if tz else None)


def language_name(locale: str) -> str:
    return Locale.parse(locale).get_display_name(locale).capitalize()


def localized(values: dict | None, locale: str) -> str:
    """Pick a locale's text from a {"ru": ..., "en": ...} column, falling back to Russian."""
    values = values or {}
    return values.get(normalize_locale(locale)) or values.get(DEFAULT_LOCALE) or ""


def format_number(value: int, locale: str) -> str:
    return format_decimal(value, locale=normalize_locale(locale))


def format_day_month(value: date | datetime, locale: str) -> str:
    """Day and month in the locale's own order: «15 декабря», "December 15"."""
    return _babel_format_skeleton("MMMMd", value, locale=normalize_locale(locale))
