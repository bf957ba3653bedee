"""Human labels for the codes the database keeps: audit actions, roles, statuses, months, field
names and their values. One place, used by the workspace and the admin panel alike; every label
is a catalog key, so Russian and English come from the same `.po` files.

Keys: `audit.<action>`, `app.role.<role>`, `billing.status.<status>`, `admin.tenant.<status>`,
`admin.status.<status>`, `field.<name>` (a record's or a content block's field), `block.<key>`
(a landing block), `target.<type>` (what an audit event acted on).
"""

import re
from datetime import date, datetime

from babel.dates import format_date as _babel_format_date

from tochka_app.i18n import (
    format_datetime,
    format_money,
    format_number,
    gettext_,
    language_name,
    normalize_locale,
    translations,
    zone_label,
)

# Fields whose integer values are kopecks.
MONEY_FIELDS = frozenset({"price", "amount", "price_month_kopecks", "credit", "refund_amount"})
# Fields whose values are ISO timestamps.
TIME_FIELDS = frozenset({"expires_at", "at", "period_end", "paid_at"})


def known(locale: str, key: str) -> bool:
    """Whether the catalog has a text for `key` (gettext returns the id itself otherwise)."""
    return translations(normalize_locale(locale)).gettext(key) != key


def label(locale: str, key: str, fallback: str) -> str:
    return gettext_(locale, key) if known(locale, key) else fallback


def action_label(action: str, locale: str) -> str:
    """ "admin.content_published" -> "Контент опубликован"; an unknown code stays as it is."""
    return label(locale, f"audit.{action}", action)


def role_label(role: str, locale: str) -> str:
    return label(locale, f"app.role.{role}", role)


def subscription_status_label(status: str | None, locale: str) -> str:
    return label(locale, f"billing.status.{status}", status) if status else "—"


def tenant_status_label(status: str | None, locale: str) -> str:
    return label(locale, f"admin.tenant.{status}", status) if status else "—"


def user_status_label(status: str, locale: str) -> str:
    return label(locale, f"admin.status.{status}", status)


def block_label(key: str, locale: str) -> str:
    return label(locale, f"block.{key}", key)


def month_label(month: str | date, locale: str) -> str:
    """ "2026-11" (or a date) -> "нояб. 2026" / "Nov 2026"."""
    day = month if isinstance(month, date) else date.fromisoformat(f"{str(month)[:7]}-01")
    return _babel_format_date(day, format="LLL yyyy", locale=normalize_locale(locale))


def field_label(path: str, locale: str) -> str:
    """A field of a record or a landing block, by its dotted path: "cta_primary" -> "Кнопка
    (главная)", "items.0.q" -> "Пункт 1 · Вопрос", "name.ru" -> "Название · RU"."""
    parts, names = [], str(path).split(".")
    for i, part in enumerate(names):
        if i + 1 < len(names) and names[i + 1].isdigit():
            continue  # "items.0" reads "Пункт 1", not "Пункты · Пункт 1"
        if part.isdigit():
            parts.append(gettext_(locale, "field.item", n=int(part) + 1))
        elif part in ("ru", "en"):
            parts.append(part.upper())
        else:
            parts.append(label(locale, f"field.{part}", part))
    return " · ".join(parts)


def target_label(  # noqa: PLR0911  one return per kind of target
    target_type: str | None,
    target_id: str | None,
    locale: str,
    tenant_name: str | None = None,
) -> str:
    """What an event acted on: "Пространство «Ромашка»", "Пользователь №5", "Лендинг · Главный
    экран · RU"."""
    if not target_type:
        return "—"
    if target_type == "tenant" and tenant_name:
        if any(mark in tenant_name for mark in '«»"“”'):  # «Зерно» is not quoted again
            return f"{gettext_(locale, 'target.tenant')} {tenant_name}"
        return gettext_(locale, "target.tenant_named", name=tenant_name)
    if target_type == "content" and target_id and ":" in target_id:
        key, lang = target_id.split(":", 1)
        return f"{gettext_(locale, 'target.content')} · {block_label(key, locale)} · {lang.upper()}"
    kind = label(locale, f"target.{target_type}", target_type)
    if not target_id:
        return kind
    if str(target_id).isdigit():
        return gettext_(locale, "target.numbered", kind=kind, id=target_id)
    return f"{kind} {target_id}"


# How YooKassa titles a saved card (in English whatever the shop's language).
_CARD_TITLE = re.compile(r"^Bank card \*(\d{4})$")


def payment_method_label(title: str, locale: str) -> str:
    """A saved payment method's title in the viewer's language: "Bank card *4444" ->
    "Банковская карта *4444"; other titles (wallets…) as the provider wrote them."""
    match = _CARD_TITLE.match(title or "")
    return gettext_(locale, "billing.method.card", last4=match[1]) if match else (title or "")


def value_label(  # noqa: PLR0911, PLR0912  one return per kind of value, first match wins
    field: str,
    value,
    locale: str,
    tz: str | None = None,
    target_type: str | None = None,
) -> str:
    """A stored value as a person reads it: yes/no, money, a status or role name, a time in the
    viewer's zone, a language name."""
    leaf = str(field).rsplit(".", 1)[-1]
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext_(locale, "value.yes" if value else "value.no")
    if isinstance(value, str) and known(locale, f"value.{leaf}.{value}"):
        return gettext_(locale, f"value.{leaf}.{value}")  # "seed" -> "начальные данные"
    if leaf in MONEY_FIELDS and isinstance(value, int):
        return format_money(value, locale)
    if leaf == "status":
        by_target = {"tenant": tenant_status_label, "user": user_status_label}
        return by_target.get(target_type or "", subscription_status_label)(str(value), locale)
    if leaf == "role":
        return role_label(str(value), locale)
    if leaf == "locale" and value in ("ru", "en"):
        return language_name(str(value))
    if leaf == "timezone":
        return zone_label(str(value), locale)
    if leaf in TIME_FIELDS:
        try:
            return format_datetime(datetime.fromisoformat(str(value)), locale, "short", tz)
        except ValueError:
            return str(value)
    if isinstance(value, int):
        return format_number(value, locale)
    if isinstance(value, dict):  # a {"ru": ..., "en": ...} text or a small record
        return "; ".join(
            f"{field_label(k, locale)}: {value_label(k, v, locale, tz, target_type)}"
            for k, v in value.items()
        )
    if isinstance(value, list):
        return ", ".join(value_label(field, v, locale, tz, target_type) for v in value)
    return str(value)
