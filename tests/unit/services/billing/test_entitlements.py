"""What a tenant may do follows its subscription: read-only when it ends, over-limit rows
read-only after a downgrade, paying stays possible."""

from sqlmodel import select

from tests.support.errors import refusal
from tochka_app.models import Subscription, Tariff
from tochka_app.modules.knowledge import service as kb
from tochka_app.modules.knowledge.models import KnowledgeItem
from tochka_app.services import entitlements, marketplace, team
from tochka_app.services.permissions import Permission, allowed
from tochka_app.services.team import Actor


def test_ended_subscription_makes_the_workspace_read_only(db, demo_team):
    tenant, actors = demo_team
    owner = actors["owner"]
    assert not entitlements.is_read_only(db, tenant.id)
    sub = db.exec(select(Subscription).where(Subscription.tenant_id == tenant.id)).one()
    sub.status = "expired"
    db.add(sub)
    db.flush()
    assert entitlements.is_read_only(db, tenant.id)
    frozen = Actor(owner.user_id, tenant.id, "owner", read_only=True)
    assert allowed(frozen, Permission.manage_billing) and allowed(frozen, Permission.view_audit)
    for permission in (
        Permission.change_roles,
        Permission.invite_members,
        Permission.edit_settings,
        Permission.manage_modules,
    ):
        assert not allowed(frozen, permission)
    assert refusal(team.invite, db, frozen, "+79001234599", "staff") == "app.read_only"
    assert refusal(marketplace.enable, db, frozen, "pages") == "app.read_only"


def test_rows_over_the_limit_turn_read_only_not_deleted(db, demo_team):
    tenant, actors = demo_team
    owner = actors["owner"]
    marketplace.enable(db, owner, "knowledge")
    row = kb.save_item(db, owner, None, {"name": "Первая"})
    for n in range(3):
        db.add(KnowledgeItem(tenant_id=tenant.id, name=f"Импорт {n}"))
    start = db.exec(select(Tariff).where(Tariff.code == "start")).one()
    start.max_products = 2  # as if downgraded to a tariff with room for 2
    db.add(start)
    db.flush()
    assert kb.over_limit(db, tenant.id)
    assert refusal(kb.save_item, db, owner, row.id, {"name": "Правка"}) == "kb.over_limit"
    assert kb.count(db, tenant.id) == 4  # nothing deleted
    # deleting brings the tenant back within limits
    assert refusal(kb.delete_item, db, owner, row.id) is None
    db.flush()
    assert (
        refusal(
            kb.delete_item,
            db,
            owner,
            db.exec(select(KnowledgeItem.id).where(KnowledgeItem.tenant_id == tenant.id)).first(),
        )
        is None
    )
    db.flush()
    assert not kb.over_limit(db, tenant.id)
