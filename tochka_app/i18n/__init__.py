"""Russian/English messages, plural forms, money and dates — all through Babel.

Catalogs are gettext `.po` files under `locales/<lang>/LC_MESSAGES/messages.po`, read with Babel at
first use (no compile step). Message ids are stable keys such as ``nav.login``.
"""

import gettext
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.dates import format_skeleton as _babel_format_skeleton
from babel.dates import get_timezone_location
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.units import format_unit

LOCALES = ("ru", "en")
DEFAULT_LOCALE = "ru"
LOCALE_COOKIE = "locale"  # the visitor's choice (state/i18n.py), read by public pages too
DEFAULT_TIME_ZONE = "Europe/Moscow"  # a tenant's default; a viewer with no known zone gets it too
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


def time_zone(name: str | None) -> str:
    """An IANA zone name as given when it is a real zone, else the default (Moscow)."""
    name = (name or "").strip()
    if name and name in _zone_names():
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return DEFAULT_TIME_ZONE


@lru_cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


def format_datetime(value: datetime, locale: str, fmt: str = "short", tz: str | None = None) -> str:
    """A timestamp in the locale's format, in the viewer's zone `tz` (IANA name); every time a
    person reads goes through here (with `zone_note` next to it saying which zone it is)."""
    return _babel_format_datetime(
        value,
        format=fmt,
        locale=normalize_locale(locale),
        tzinfo=ZoneInfo(time_zone(tz)) if tz else None,
    )


def utc_offset(tz: str, at: datetime | None = None) -> str:
    """ "UTC+3", "UTC+5:30", "UTC−5" or "UTC" for zone `tz` at moment `at` (now by default)."""
    offset = (at or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(time_zone(tz))).utcoffset()
    minutes = int((offset or timedelta()).total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '−'}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(tz: str, locale: str, at: datetime | None = None) -> str:
    """The zone as a person names it: "Москва (UTC+3)", "New York (UTC−5)", "UTC"."""
    tz = time_zone(tz)
    offset = utc_offset(tz, at)
    if tz in ("UTC", "Etc/UTC"):
        return offset
    city = get_timezone_location(tz, locale=normalize_locale(locale), return_city=True)
    return f"{city} ({offset})"


def zone_note(tz: str, locale: str) -> str:
    """What is written next to times: "время: Москва (UTC+3)"."""
    return gettext_(locale, "time.zone_note", zone=zone_label(tz, locale))


def format_seconds(seconds: int, locale: str) -> str:
    """A short duration in seconds with the locale's unit: "59 с", "59 sec"."""
    return format_unit(
        int(seconds), "duration-second", length="short", locale=normalize_locale(locale)
    )


def language_name(locale: str) -> str:
    return (Locale.parse(locale).get_display_name(locale) or locale).capitalize()


def localized(values: dict | None, locale: str) -> str:
    """Pick a locale's text from a {"ru": ..., "en": ...} column, falling back to Russian."""
    values = values or {}
    return values.get(normalize_locale(locale)) or values.get(DEFAULT_LOCALE) or ""


def format_number(value: int, locale: str) -> str:
    return format_decimal(value, locale=normalize_locale(locale))


def format_day_month(value: date | datetime, locale: str) -> str:
    """Day and month in the locale's own order: «15 декабря», "December 15"."""
    return _babel_format_skeleton("MMMMd", value, locale=normalize_locale(locale))
