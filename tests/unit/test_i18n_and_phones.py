import pytest

from tochka_app import i18n
from tochka_app.services.errors import ServiceError
from tochka_app.services.phones import PhoneError, normalize_phone


@pytest.mark.parametrize(
    ("n", "ru", "en"),
    [
        (1, "1 модуль", "1 module"),
        (2, "2 модуля", "2 modules"),
        (5, "5 модулей", "5 modules"),
        (11, "11 модулей", "11 modules"),
        (21, "21 модуль", "21 modules"),
        (1000, "1\xa0000 модулей", "1,000 modules"),
    ],
)
def test_plural_forms(n, ru, en):
    assert i18n.ngettext_("ru", "limit.modules", n) == ru
    assert i18n.ngettext_("en", "limit.modules", n) == en


def test_money_is_formatted_from_integer_kopecks():
    assert i18n.format_money(99_000, "ru") == "990\xa0₽"
    assert i18n.format_money(1_299_050, "ru") == "12\xa0990,50\xa0₽"
    assert i18n.format_money(1_299_050, "en") == "12,990.50\xa0₽"
    assert i18n.format_money(0, "en") == "0\xa0₽"


def test_catalogs_have_the_same_keys():
    assert set(i18n.ui_messages("ru")) == set(i18n.ui_messages("en"))
    assert i18n.ui_messages("ru")["nav.login"] == "Войти"
    assert i18n.ui_messages("en")["nav.login"] == "Log in"
    assert i18n.ui_messages("de") == i18n.ui_messages("ru")  # unknown locale -> default


def test_dates():
    from datetime import date

    assert i18n.format_date(date(2026, 11, 22), "ru") == "22 ноября 2026\u202fг."
    assert i18n.format_date(date(2026, 11, 22), "en") == "November 22, 2026"


@pytest.mark.parametrize(
    "typed",
    ["8 900 123-45-67", "+7 (900) 123 45 67", "9001234567", "89001234567", " +79001234567 "],
)
def test_russian_numbers_normalize_to_e164(typed):
    assert normalize_phone(typed) == "+79001234567"


@pytest.mark.parametrize("typed", ["", "   ", "123", "телефон", "+7 900", "9" * 40, None])
def test_invalid_numbers_are_rejected(typed):
    with pytest.raises(ServiceError) as exc:
        normalize_phone(typed)
    assert exc.value.field == "phone" and exc.value.code == PhoneError.invalid
