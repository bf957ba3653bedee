from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.models import AuditEvent, DeletedAccount, User, UserSession
from tochka_app.services.admin import AdminActor, tables, users
from tochka_app.services.admin.tables import TableQuery
from tochka_app.services.auth import sessions


def _admin(db) -> AdminActor:
    return AdminActor(db.exec(select(User.id).where(User.is_super_admin)).one())


def _make(db, n: int, prefix: str = "+7955") -> list[User]:
    rows = [User(phone=f"{prefix}{i:07d}", name=f"Пользователь {i}") for i in range(n)]
    db.add_all(rows)
    db.flush()
    return rows


def test_keyset_pages_sorted_both_ways(db, seeded):
    _make(db, 130)
    for sort, desc in (("created", True), ("phone", False), ("name", True)):
        seen, after = [], None
        while True:
            page = tables.page(
                db, users.USERS_TABLE, TableQuery(sort=sort, desc=desc, after=after, limit=40)
            )
            seen += [r["id"] for r in page.rows]
            if page.next_after is None:
                break
            after = page.next_after
        total = db.exec(select(User.id)).all()
        assert len(seen) == len(set(seen)) == len(total), sort
    phones = [
        r["phone"]
        for r in tables.page(
            db, users.USERS_TABLE, TableQuery(sort="phone", desc=False, limit=5)
        ).rows
    ]
    assert phones == sorted(phones)


def test_search_filters_and_capped_count(db, seeded):
    _make(db, 20)
    found = tables.page(db, users.USERS_TABLE, TableQuery(search="пользователь 1"))
    assert {r["name"] for r in found.rows} >= {"Пользователь 1", "Пользователь 10"}
    by_phone = tables.page(db, users.USERS_TABLE, TableQuery(search="+7 955 000-00-07"))
    assert [r["phone"] for r in by_phone.rows] == ["+79550000007"]
    assert tables.page(db, users.USERS_TABLE, TableQuery(search="%_%")).rows == []
    admins = tables.page(db, users.USERS_TABLE, TableQuery(filters={"status": "admin"}))
    assert [r["status"] for r in admins.rows] == ["Суперадмин"] and admins.total == 1
    assert [r["status_code"] for r in admins.rows] == ["admin"]
    assert not admins.total_is_estimate
    ignored = tables.page(db, users.USERS_TABLE, TableQuery(filters={"status": "evil'--"}))
    assert len(ignored.rows) > 1  # unknown filter values are ignored, not injected


def test_block_revokes_sessions_and_unblock(db, seeded, settings):
    admin = _admin(db)
    [user] = _make(db, 1)
    token = sessions.start(db, settings, user)
    assert refusal(users.set_blocked, db, admin, user.id, True) is None
    assert sessions.resolve(db, settings, token) is None
    assert db.exec(select(UserSession).where(UserSession.user_id == user.id)).one().revoked_at
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "admin.user_blocked")).one()
    assert event.details["before"] == {"blocked": False} and event.details["after"] == {
        "blocked": True
    }
    assert refusal(users.set_blocked, db, admin, admin.user_id, True) == "admin.not_yourself"
    assert refusal(users.set_blocked, db, admin, user.id, False) is None and not user.is_blocked
    assert refusal(users.set_blocked, db, admin, 10**9, True) == "admin.not_found"


def test_bulk_block_is_all_or_nothing(db, seeded, settings):
    admin = _admin(db)
    first, second = _make(db, 2)
    # The admin among the selected: refused before anyone is blocked.
    assert (
        refusal(users.set_blocked_many, db, admin, [first.id, admin.user_id, second.id], True)
        == "admin.not_yourself"
    )
    assert not first.is_blocked and not second.is_blocked
    assert refusal(users.set_blocked_many, db, admin, [first.id, 10**9], True) == (
        "admin.not_found"
    )
    assert not first.is_blocked
    users.set_blocked_many(db, admin, [first.id, second.id], True)
    assert first.is_blocked and second.is_blocked


def test_last_super_admin_is_kept(db, seeded):
    admin = _admin(db)
    assert refusal(users.set_super_admin, db, admin, admin.user_id, False) == "admin.not_yourself"
    [other] = _make(db, 1)
    assert refusal(users.set_super_admin, db, admin, other.id, True) is None
    other_admin = AdminActor(other.id)
    assert refusal(users.set_super_admin, db, other_admin, admin.user_id, False) is None
    assert refusal(users.set_super_admin, db, other_admin, other.id, False) == "admin.not_yourself"
    assert refusal(users.set_super_admin, db, admin, other.id, False) == "admin.last_super_admin"
    assert refusal(users.delete, db, AdminActor(admin.user_id), other.id, "уволен") == (
        "admin.last_super_admin"
    )


def test_delete_needs_a_reason_and_keeps_history(db, seeded):
    admin = _admin(db)
    [user] = _make(db, 1)
    assert refusal(users.delete, db, admin, user.id, "  ") == "admin.reason_required"
    assert refusal(users.delete, db, admin, user.id, "спам") is None
    history = db.exec(select(DeletedAccount)).one()
    assert (history.phone, history.reason, history.deleted_by_id) == (
        user.phone,
        "спам",
        admin.user_id,
    )
