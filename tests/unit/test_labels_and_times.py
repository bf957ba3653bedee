"""Human labels, the one time formatter with its zone note, durations, plural stats, the audit
change as per-field lines, and device names from User-Agent headers (issue 10)."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tochka_app import i18n
from tochka_app.i18n import labels
from tochka_app.services import audit_view
from tochka_app.services.user_agents import describe

NOV_20 = datetime(2026, 11, 20, 10, 5, tzinfo=UTC)
JUL_1 = datetime(2026, 7, 1, 10, 5, tzinfo=UTC)
CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1"
)


def test_times_are_shown_in_the_viewers_zone():
    assert i18n.format_datetime(NOV_20, "ru", "short", "Europe/Moscow") == "20.11.2026, 13:05"
    assert i18n.format_datetime(NOV_20, "ru", "short", "Asia/Yekaterinburg") == "20.11.2026, 15:05"
    assert (
        i18n.format_datetime(NOV_20, "en", "short", "America/New_York") == "11/20/26, 5:05\u202fAM"
    )
    # A zone name from a browser that is not a real zone falls back to Moscow, never raises.
    assert i18n.format_datetime(NOV_20, "ru", "short", "Mars/Olympus") == "20.11.2026, 13:05"
    assert i18n.time_zone("Europe/Berlin") == "Europe/Berlin"
    assert i18n.time_zone("../../etc/passwd") == i18n.time_zone("") == "Europe/Moscow"


def test_zone_note_names_the_zone_and_its_offset():
    assert i18n.zone_note("Europe/Moscow", "ru") == "время: Москва (UTC+3)"
    assert i18n.zone_note("Europe/Moscow", "en") == "time: Moscow (UTC+3)"
    assert i18n.zone_note("UTC", "ru") == "время: UTC"
    assert i18n.zone_label("Asia/Kolkata", "en") == "Kolkata (UTC+5:30)"
    # The offset is the one in force at that moment (daylight saving time).
    assert i18n.zone_label("America/New_York", "ru", at=NOV_20) == "Нью-Йорк (UTC−5)"
    assert i18n.zone_label("America/New_York", "ru", at=JUL_1) == "Нью-Йорк (UTC−4)"


def test_seconds_have_the_locales_unit():
    assert i18n.format_seconds(59, "ru") == "59 с"
    assert i18n.format_seconds(22, "en") == "22 sec"


@pytest.mark.parametrize(
    ("n", "ru", "en"),
    [
        (1, "компания работает на платформе", "company on the platform"),
        (2, "компании работают на платформе", "companies on the platform"),
        (5, "компаний работают на платформе", "companies on the platform"),
        (21, "компания работает на платформе", "companies on the platform"),
    ],
)
def test_landing_stats_agree_with_the_number(n, ru, en):
    assert i18n.ngettext_("ru", "landing.stat.tenants", n) == ru
    assert i18n.ngettext_("en", "landing.stat.tenants", n) == en
    assert i18n.ngettext_("ru", "landing.stat.subscriptions", 1) == "активная подписка"


def test_codes_get_human_labels():
    assert labels.action_label("admin.content_published", "ru") == "Контент опубликован"
    assert labels.action_label("something.new", "ru") == "something.new"
    assert labels.role_label("owner", "ru") == "Владелец"
    assert labels.subscription_status_label("trial", "ru") == "Пробный период"
    assert labels.tenant_status_label("suspended", "en") == "Suspended"
    assert labels.month_label("2026-11", "ru") == "нояб. 2026"
    assert labels.month_label("2026-11", "en") == "Nov 2026"
    assert (
        labels.target_label("tenant", "2", "ru", tenant_name="Ромашка") == "Пространство «Ромашка»"
    )
    assert labels.target_label("user", "5", "en") == "User #5"
    assert labels.target_label("content", "hero:en", "ru") == "Лендинг · Главный экран · EN"


def test_content_editor_fields_have_names():
    assert labels.field_label("badge", "ru") == "Плашка над заголовком"
    assert labels.field_label("cta_primary", "en") == "Main button"
    assert labels.field_label("items.2.q", "ru") == "Пункт 3 · Вопрос"
    assert labels.field_label("name.en", "ru") == "Название · EN"


def test_every_recorded_action_has_a_label_in_both_languages():
    source = Path(labels.__file__).parents[1]
    calls = re.compile(
        r"(?:audit\.record\(\s*session,|_change\(\s*session,\s*admin,\s*user,|"
        r"_publish_value\([^)]*?value,)\s*([^,)]+)[,)]"
    )
    actions = {"admin_login.failed"}  # recorded through a constant
    for path in source.rglob("*.py"):
        for expression in calls.findall(path.read_text(encoding="utf-8")):
            actions |= set(re.findall(r'"([a-z_]+\.[a-z_.]+|logout)"', expression))
    assert {
        "admin.content_published",
        "admin.user_blocked",
        "team.role_changed",
        "logout",
    } <= actions and len(actions) > 60
    for locale in ("ru", "en"):
        missing = sorted(a for a in actions if labels.action_label(a, locale) == a)
        assert missing == [], locale


def test_audit_change_is_one_line_per_changed_field():
    details = {
        "before": {"title": "Старый", "badge": "Та же"},
        "after": {"title": "Новый", "badge": "Та же"},
        "version": 3,
    }
    assert audit_view.changes(details, "admin.content_published", "ru") == [
        "Заголовок: Старый → Новый"
    ]
    assert audit_view.facts(details, "ru") == ["Версия: 3"]
    suspended = {
        "before": {"status": "active"},
        "after": {"status": "suspended"},
        "reason": "жалоба",
    }
    assert (
        audit_view.summary(suspended, "admin.tenant_suspended", "ru", target_type="tenant")
        == "Статус: Работает → Приостановлено\n"
        "Причина: жалоба"
    )
    assert audit_view.changes({"before": "staff", "after": "admin"}, "team.role_changed", "en") == [
        "Role: Staff → Admin"
    ]
    per_field = {"timezone": {"before": "Europe/Moscow", "after": "Asia/Omsk"}}
    assert audit_view.changes(per_field, "settings.profile_changed", "ru") == [
        "Часовой пояс: Москва (UTC+3) → Омск (UTC+6)"
    ]
    faq = {
        "before": {"items": [{"q": "Старый?", "a": "Да"}]},
        "after": {"items": [{"q": "Новый?", "a": "Да"}]},
    }
    assert audit_view.changes(faq, "admin.content_published", "en") == [
        "Item 1 · Question: Старый? → Новый?"
    ]


def test_audit_values_read_as_words_money_and_local_times():
    tariff = {
        "before": {"price": 99_000, "is_public": True},
        "after": {"price": 149_000, "is_public": False},
    }
    assert audit_view.changes(tariff, "admin.tariff_saved", "ru") == [
        "Цена в месяц: 990\xa0₽ → 1\xa0490\xa0₽",
        "На лендинге: да → нет",
    ]
    visit = {"reason": "поддержка", "read_only": True, "expires_at": NOV_20.isoformat()}
    assert audit_view.facts(visit, "ru", "Asia/Yekaterinburg") == [
        "Причина: поддержка",
        "Только чтение: да",
        "Действует до: 20.11.2026, 15:05",
    ]
    long = {"before": {"text": "слово " * 40}, "after": {"text": "другое"}}
    line = audit_view.changes(long, "admin.content_published", "ru")[0]
    assert "слово…" in line and len(line) < 160  # shortened at a word boundary


def test_devices_are_named_from_the_user_agent():
    assert describe(CHROME_LINUX) == "Chrome 131 · Linux"
    assert describe(SAFARI_IPHONE) == "Mobile Safari 17 · iOS 17 · iPhone"
    assert describe("python-httpx/0.28.1") == ""
    assert describe("") == describe(None) == ""


def test_card_title_from_the_provider_reads_in_the_users_language():
    method_label = labels.payment_method_label
    assert method_label("Bank card *4444", "ru") == "Банковская карта *4444"
    assert method_label("Bank card *4444", "en") == "Bank card *4444"
    assert method_label("YooMoney wallet 4100", "ru") == "YooMoney wallet 4100"
    assert method_label("", "ru") == ""


def test_stored_codes_among_the_details_read_as_words():
    assert audit_view.facts({"source": "seed", "method": "phone_code"}, "ru") == [
        "Источник: начальные данные",
        "Способ: код по телефону",
    ]
    assert (
        labels.target_label("tenant", "3", "ru", tenant_name="Кофейня «Зерно»")
        == "Пространство Кофейня «Зерно»"
    )
