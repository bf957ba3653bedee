"""Addresses (slugs) suggested from names people type, in Latin letters: "ООО «Ромашка»" →
"romashka" (python-slugify transliterates Cyrillic). Used for workspace addresses and page
addresses; the callers check that the suggestion is free where it has to be unique."""

import re
from collections.abc import Callable, Iterable

from slugify import slugify

# Legal forms people put in a company name that do not belong in its address.
LEGAL_FORMS = frozenset(
    {
        "ооо",
        "оао",
        "зао",
        "пао",
        "ао",
        "ип",
        "нко",
        "ано",
        "тоо",
        "llc",
        "ltd",
        "inc",
        "gmbh",
        "ooo",
    }
)


def slug_from(text: str, max_length: int = 40) -> str:
    """The address a name suggests ('' when nothing usable is left)."""
    words = [w for w in re.findall(r"\w+", (text or "").lower()) if w not in LEGAL_FORMS]
    return slugify(" ".join(words), max_length=max_length, word_boundary=True)


def numbered(base: str, max_length: int) -> Iterable[str]:
    """base-2, base-3, ... each within `max_length` characters."""
    for n in range(2, 100):
        tail = f"-{n}"
        yield base[: max_length - len(tail)].rstrip("-") + tail


def first_free(base: str, max_length: int, taken: Callable[[list[str]], set[str]]) -> str:
    """`base` or the first numbered variant that `taken(candidates)` does not return."""
    candidates = [base, *numbered(base, max_length)]
    used = taken(candidates)
    return next((c for c in candidates if c not in used), base)
