"""The landing's texts as the super admin edits them: every block in Russian and English, edited
as a draft, previewed on the real landing, published as a numbered version, rolled back by
publishing an old version again. The block's shape stays as seeded; its texts change."""

import copy

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models import ContentVersion
from tochka_app.models._types import utcnow
from tochka_app.services import audit, content
from tochka_app.services.admin import AdminActor, AdminError
from tochka_app.services.errors import ErrorCode, ServiceError

LOCALES = ("ru", "en")
MAX_TEXT = 2000


class ContentAdminError(ErrorCode):
    no_draft = "admin.content.no_draft"


def flatten(value, prefix: str = "") -> list[tuple[str, str]]:
    """Every text of a block as (path, text): {"items": [{"q": "…"}]} -> [("items.0.q", "…")]."""
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in flatten(v, f"{prefix}{k}.")]
    if isinstance(value, list):
        return [pair for i, v in enumerate(value) for pair in flatten(v, f"{prefix}{i}.")]
    return [(prefix.rstrip("."), "" if value is None else str(value))]


def apply_texts(base: dict, texts: dict[str, str]) -> dict:
    """A copy of `base` with the texts at known paths replaced; unknown paths are ignored."""
    result = copy.deepcopy(base)
    known = dict(flatten(base))
    for path, raw in texts.items():
        if path not in known:
            continue
        *parents, leaf = path.split(".")
        node = result
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        key = int(leaf) if isinstance(node, list) else leaf
        original = node[key]
        text = str(raw)[:MAX_TEXT]
        node[key] = int(text) if isinstance(original, int) and text.strip().isdigit() else text
    return result


def _draft(session: Session, key: str, locale: str) -> ContentVersion | None:
    return session.exec(
        select(ContentVersion).where(
            ContentVersion.key == key,
            ContentVersion.locale == locale,
            ContentVersion.status == "draft",
        )
    ).first()


def _valid(key: str, locale: str) -> bool:
    return key in content.LANDING_KEYS and locale in LOCALES


def editable(session: Session, key: str, locale: str) -> tuple[dict, bool]:
    """(value to edit, is a draft): the draft if there is one, else what is live."""
    draft = _draft(session, key, locale)
    if draft is not None:
        return draft.value, True
    return content.get_blocks(session, locale, keys=(key,))[key], False


def save_draft(
    session: Session, admin: AdminActor, key: str, locale: str, texts: dict[str, str]
) -> None:
    if not _valid(key, locale):
        raise ServiceError(AdminError.not_found)
    base, _ = editable(session, key, locale)
    draft = _draft(session, key, locale) or ContentVersion(
        key=key, locale=locale, created_by_id=admin.user_id
    )
    draft.value, draft.created_at = apply_texts(base, texts), utcnow()
    session.add(draft)
    session.flush()


def discard_draft(session: Session, admin: AdminActor, key: str, locale: str) -> None:
    draft = _draft(session, key, locale)
    if draft is not None:
        session.delete(draft)


def _next_version(session: Session, key: str, locale: str) -> int:
    return (
        session.exec(
            select(func.max(ContentVersion.version)).where(
                ContentVersion.key == key, ContentVersion.locale == locale
            )
        ).one()
        or 0
    ) + 1


def _publish_value(
    session: Session, admin: AdminActor, key: str, locale: str, value: dict, action: str, **details
) -> ContentVersion:
    live = content.get_blocks(session, locale, keys=(key,))[key]
    if _next_version(session, key, locale) == 1 and live:
        # History starts with what was live before the first edit (e.g. the seed).
        session.add(
            ContentVersion(
                key=key,
                locale=locale,
                version=1,
                status="published",
                value=live,
                published_at=utcnow(),
            )
        )
        session.flush()
    row = ContentVersion(
        key=key,
        locale=locale,
        version=_next_version(session, key, locale),
        status="published",
        value=value,
        created_by_id=admin.user_id,
        published_at=utcnow(),
    )
    session.add(row)
    content.set_block(session, key, locale, value, admin.user_id)
    audit.record(
        session,
        action,
        actor=admin,
        target_type="content",
        target_id=f"{key}:{locale}",
        details={"before": live, "after": value, "version": row.version, **details},
    )
    return row


def publish(session: Session, admin: AdminActor, key: str, locale: str) -> None:
    draft = _draft(session, key, locale)
    if draft is None:
        raise ServiceError(ContentAdminError.no_draft)
    value = draft.value
    session.delete(draft)
    session.flush()
    _publish_value(session, admin, key, locale, value, "admin.content_published")


def rollback(session: Session, admin: AdminActor, version_id: int) -> None:
    old = session.get(ContentVersion, version_id)
    if old is None or old.status != "published":
        raise ServiceError(AdminError.not_found)
    _publish_value(
        session,
        admin,
        old.key,
        old.locale,
        old.value,
        "admin.content_rolled_back",
        restored_version=old.version,
    )


def history(session: Session, key: str, locale: str) -> list[ContentVersion]:
    return list(
        session.exec(
            select(ContentVersion)
            .where(
                ContentVersion.key == key,
                ContentVersion.locale == locale,
                ContentVersion.status == "published",
            )
            .order_by(col(ContentVersion.version).desc())
            .limit(20)
        )
    )


def preview_blocks(session: Session, locale: str) -> dict[str, dict]:
    """What the landing would show with every draft of `locale` published."""
    blocks = content.get_blocks(session, locale)
    for draft in session.exec(
        select(ContentVersion).where(
            ContentVersion.locale == locale, ContentVersion.status == "draft"
        )
    ):
        blocks[draft.key] = draft.value
    return blocks
