"""Small text helpers shared by services."""

LIKE_ESCAPE = "\\"


def like_contains(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with % and _ taken literally (use LIKE_ESCAPE)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
