from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.models import AuditEvent, ContentVersion, User
from tochka_app.services import content
from tochka_app.services.admin import AdminActor, content_admin


def _admin(db) -> AdminActor:
    return AdminActor(db.exec(select(User.id).where(User.is_super_admin)).one())


def test_flatten_and_apply_keep_the_shape():
    block = {"title": "FAQ", "items": [{"q": "Как?", "a": "Так."}], "count": 3}
    assert content_admin.flatten(block) == [
        ("title", "FAQ"),
        ("items.0.q", "Как?"),
        ("items.0.a", "Так."),
        ("count", "3"),
    ]
    changed = content_admin.apply_texts(
        block, {"items.0.a": "Иначе.", "items.9.q": "x", "__class__": "x", "count": "5"}
    )
    assert changed == {"title": "FAQ", "items": [{"q": "Как?", "a": "Иначе."}], "count": 5}
    assert block["items"][0]["a"] == "Так."  # the original is untouched


def test_draft_preview_publish_and_rollback(db, seeded):
    admin = _admin(db)
    live_title = content.get_blocks(db, "en", keys=("hero",))["hero"]["title"]
    assert refusal(content_admin.publish, db, admin, "hero", "en") == "admin.content.no_draft"
    content_admin.save_draft(db, admin, "hero", "en", {"title": "Grow faster"})
    assert content.get_blocks(db, "en", keys=("hero",))["hero"]["title"] == live_title  # not live
    assert content_admin.preview_blocks(db, "en")["hero"]["title"] == "Grow faster"
    assert content_admin.preview_blocks(db, "ru")["hero"]["title"] != "Grow faster"
    assert refusal(content_admin.publish, db, admin, "hero", "en") is None
    assert content.get_blocks(db, "en", keys=("hero",))["hero"]["title"] == "Grow faster"
    versions = content_admin.history(db, "hero", "en")
    assert [v.version for v in versions] == [2, 1]  # 1 = what was live before the first edit
    assert refusal(content_admin.rollback, db, admin, versions[1].id) is None
    assert content.get_blocks(db, "en", keys=("hero",))["hero"]["title"] == live_title
    assert [v.version for v in content_admin.history(db, "hero", "en")] == [3, 2, 1]
    events = db.exec(
        select(AuditEvent).where(AuditEvent.target_id == "hero:en").order_by(AuditEvent.id)
    ).all()
    assert [e.action for e in events] == ["admin.content_published", "admin.content_rolled_back"]
    assert events[0].details["before"]["title"] == live_title
    assert events[0].details["after"]["title"] == "Grow faster"
    assert db.exec(select(ContentVersion).where(ContentVersion.status == "draft")).all() == []


def test_unknown_blocks_and_locales_are_refused(db, seeded):
    admin = _admin(db)
    assert refusal(content_admin.save_draft, db, admin, "evil", "ru", {}) == "admin.not_found"
    assert refusal(content_admin.save_draft, db, admin, "hero", "de", {}) == "admin.not_found"


def test_audit_table_shows_before_and_after(db, seeded):
    from tochka_app.services.admin import tables
    from tochka_app.services.admin.audit_admin import AUDIT_TABLE
    from tochka_app.services.admin.tables import TableQuery

    admin = _admin(db)
    content_admin.save_draft(db, admin, "cta", "ru", {"title": "Новый призыв"})
    content_admin.publish(db, admin, "cta", "ru")
    page = tables.page(db, AUDIT_TABLE, TableQuery(filters={"area": "admin"}))
    assert page.rows and all(r["code"].startswith("admin.") for r in page.rows)
    row = next(r for r in page.rows if r["code"] == "admin.content_published")
    assert row["action"] == "Контент опубликован"
    assert row["target"] == "Лендинг · Призыв к действию · RU"
    # Only the changed field, by its name, old → new; the unchanged ones are not repeated.
    assert row["changes"].startswith("Заголовок: ") and row["changes"].endswith("→ Новый призыв")
    assert "\n" not in row["changes"] and "{" not in row["changes"]
    assert row["details"] == "Версия: 2"
    assert tables.page(db, AUDIT_TABLE, TableQuery(search="content_pub")).rows
