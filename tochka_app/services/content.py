"""Editable content blocks of the public site (hero, features, faq, ...)."""

from sqlmodel import Session, col, select

from tochka_app.i18n import DEFAULT_LOCALE, normalize_locale
from tochka_app.models import PlatformContent
from tochka_app.models._types import utcnow

# Every block the landing page shows; the admin content editor edits exactly these.
LANDING_KEYS = ("hero", "stats", "features", "modules", "pricing", "faq", "cta", "footer")


def get_blocks(session: Session, locale: str, keys=LANDING_KEYS) -> dict[str, dict]:
    """Blocks in `locale`; a block missing in that locale falls back to the default locale."""
    locale = normalize_locale(locale)
    rows = session.exec(
        select(PlatformContent).where(
            col(PlatformContent.key).in_(keys),
            col(PlatformContent.locale).in_({locale, DEFAULT_LOCALE}),
        )
    ).all()
    blocks: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r.locale == locale):  # requested locale wins
        blocks[row.key] = row.value
    return {key: blocks.get(key, {}) for key in keys}


def set_block(
    session: Session, key: str, locale: str, value: dict, actor_id: int | None = None
) -> PlatformContent:
    locale = normalize_locale(locale)
    row = session.exec(
        select(PlatformContent).where(PlatformContent.key == key, PlatformContent.locale == locale)
    ).first()
    if row is None:
        row = PlatformContent(key=key, locale=locale)
    row.value = value
    row.updated_at = utcnow()
    row.updated_by_id = actor_id
    session.add(row)
    session.flush()
    return row
