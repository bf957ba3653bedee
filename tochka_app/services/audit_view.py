"""An audit event as a person reads it: the change as one line per field ("Заголовок: old → new")
and the other details as "Причина: …" — for the tenant's log and the admin's log alike.

Events store their details in a few shapes, all read here:
- {"before": {...}, "after": {...}, ...}: two snapshots (a tariff, a landing block) — only the
  fields that differ are shown;
- {"before": "staff", "after": "admin"}: one value, the field named by the action;
- {"name": {"before": …, "after": …}, ...}: a change per field (workspace settings).
"""

from tochka_app.i18n.labels import field_label, value_label

# Actions whose before/after are single values, and the field they are.
SCALAR_FIELDS = {"team.role_changed": "role", "settings.slug_changed": "slug"}
MAX_VALUE = 120  # a longer text is shortened at a word boundary
MAX_LINES = 20


def _leaves(value, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        return {
            path: v
            for key, item in value.items()
            for path, v in _leaves(item, f"{prefix}{key}.").items()
        }
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return {
            path: v
            for i, item in enumerate(value)
            for path, v in _leaves(item, f"{prefix}{i}.").items()
        }
    return {prefix.rstrip("."): value}


def _short(text: str) -> str:
    if len(text) <= MAX_VALUE:
        return text
    cut = text[:MAX_VALUE].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def _pairs(details: dict, action: str) -> list[tuple[str, object, object]]:
    if "before" in details or "after" in details:
        before, after = details.get("before"), details.get("after")
        if isinstance(before, dict) or isinstance(after, dict):
            old, new = _leaves(before or {}), _leaves(after or {})
            paths = list(new) + [p for p in old if p not in new]
            return [(p, old.get(p), new.get(p)) for p in paths if old.get(p) != new.get(p)]
        return [] if before == after else [(SCALAR_FIELDS.get(action, ""), before, after)]
    return [
        (key, v.get("before"), v.get("after"))
        for key, v in details.items()
        if isinstance(v, dict) and set(v) == {"before", "after"}
    ]


def _is_change(key: str, value) -> bool:
    return key in ("before", "after") or (
        isinstance(value, dict) and set(value) == {"before", "after"}
    )


def changes(
    details: dict | None,
    action: str,
    locale: str,
    tz: str | None = None,
    target_type: str | None = None,
) -> list[str]:
    """One line per changed field: "Заголовок: Было → Стало"."""
    lines = []
    for path, old, new in _pairs(details or {}, action):
        shown = (
            f"{_short(value_label(path, old, locale, tz, target_type))} → "
            f"{_short(value_label(path, new, locale, tz, target_type))}"
        )
        lines.append(f"{field_label(path, locale)}: {shown}" if path else shown)
    return lines[:MAX_LINES]


def facts(
    details: dict | None, locale: str, tz: str | None = None, target_type: str | None = None
) -> list[str]:
    """The other details: "Причина: проверка", "Только чтение: да"."""
    return [
        f"{field_label(key, locale)}: {_short(value_label(key, value, locale, tz, target_type))}"
        for key, value in (details or {}).items()
        if not _is_change(key, value)
    ][:MAX_LINES]


def summary(
    details: dict | None,
    action: str,
    locale: str,
    tz: str | None = None,
    target_type: str | None = None,
) -> str:
    """Changes and details on separate lines (a table cell shows them as lines)."""
    return "\n".join(
        changes(details, action, locale, tz, target_type) + facts(details, locale, tz, target_type)
    )
