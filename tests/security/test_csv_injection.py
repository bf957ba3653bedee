"""CSV formula injection (issue 11, item 4): text a tenant or a visitor typed — a user's name, a
workspace's name, a catalog item — that starts with = + - @, a tab or a carriage return must reach
an admin's or a tenant's spreadsheet as text. The real HTTP downloads are fetched with real session
cookies; and the knowledge base reads its own export back to exactly the values it had."""

import csv
import io

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from tochka_app.api import build_api
from tochka_app.api.admin_export import ADMIN_COOKIE
from tochka_app.api.auth import SESSION_COOKIE
from tochka_app.models import User
from tochka_app.modules.knowledge import importer, service
from tochka_app.modules.knowledge.export_api import EXPORT_PATH
from tochka_app.modules.knowledge.models import KnowledgeItem
from tochka_app.services import audit, csv_safe, marketplace
from tochka_app.services.admin import admin_tables
from tochka_app.services.auth import sessions

PAYLOADS = (
    '=HYPERLINK("http://evil.test","Open")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
)


def _cells(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.content.startswith(csv_safe.BOM)
    return list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )


def _bare_formulas(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(csv_safe.FORMULA_START)]


@pytest.fixture
def planted(db, demo_team, settings):
    """Every payload as a user's name, the workspace's name, catalog names, SKUs and descriptions
    (written straight to the rows: whatever path got them there), and the two sessions."""
    tenant, actors = demo_team
    marketplace.enable(db, actors["owner"], "knowledge")
    for n, payload in enumerate(PAYLOADS):
        db.add(User(phone=f"+7900555{n:04d}", name=payload))
        db.add(
            KnowledgeItem(
                tenant_id=tenant.id,
                name=payload,
                sku=f"{payload[:20]}#{n}",
                category=payload,
                description=payload,
            )
        )
    tenant.name = PAYLOADS[0]
    db.add(tenant)
    audit.record(
        db,
        "kb.item_saved",
        actor=audit.By(user_id=actors["owner"].user_id),
        tenant_id=tenant.id,
        details={"name": PAYLOADS[1]},
    )
    db.flush()
    admin = db.exec(select(User).where(User.is_super_admin)).first()
    owner = db.get(User, actors["owner"].user_id)
    return {
        "admin": sessions.start(db, settings, admin, kind="admin"),
        "member": sessions.start(db, settings, owner, tenant_id=tenant.id),
    }


def test_formula_in_a_name_is_neutralised_in_every_export(planted):
    admin = TestClient(build_api(), cookies={ADMIN_COOKIE: planted["admin"]})
    files = {name: _cells(admin.get(f"/api/admin/export/{name}.csv")) for name in admin_tables.ALL}
    member = TestClient(build_api(), cookies={SESSION_COOKIE: planted["member"]})
    files["knowledge"] = _cells(member.get(EXPORT_PATH))
    assert set(files) == {"users", "tenants", "audit", "knowledge"}
    for name, rows in files.items():
        assert _bare_formulas(rows) == [], name
    users = {cell for row in files["users"] for cell in row}
    assert {"'" + p for p in PAYLOADS} <= users
    assert "'" + PAYLOADS[0] in {cell for row in files["tenants"] for cell in row}
    knowledge = files["knowledge"][1:]
    assert [row[0] for row in knowledge] == ["'" + p for p in PAYLOADS]
    assert all(row[2] == row[5] == row[0] for row in knowledge)  # category, description too


def test_importer_reads_its_own_export_back_unchanged(db, demo_team, settings):
    tenant, actors = demo_team
    marketplace.enable(db, actors["owner"], "knowledge")
    # What the form and the importer can store (they trim surrounding blanks): formula starts,
    # a value that itself starts with an apostrophe, separators, quotes and line breaks inside.
    originals = [
        {
            "name": '=HYPERLINK("http://evil.test","Open")',
            "sku": "@SUM(1)",
            "category": "-2+3",
            "price": "1234.50",
            "quantity": "7",
            "description": "+cmd|' /C calc'!A0",
        },
        {
            "name": "'=1+1 typed with its apostrophe",
            "sku": "''@2",
            "category": "'плюс",
            "price": "",
            "quantity": "",
            "description": 'строка 1\r\nстрока 2;\t"кавычки"',
        },
        {
            "name": "Чай «Сенча»",
            "sku": "T-1",
            "category": "Чай",
            "price": "0.99",
            "quantity": "0",
            "description": "-",
        },
    ]
    for form in originals:
        service.save_item(db, actors["owner"], None, form)  # a refusal would raise
    stored = [
        (r.name, r.sku, r.category, r.price_kopecks, r.quantity, r.description)
        for r in db.exec(
            select(KnowledgeItem)
            .where(KnowledgeItem.tenant_id == tenant.id)
            .order_by(KnowledgeItem.id)
        )
    ]
    owner = db.get(User, actors["owner"].user_id)
    client = TestClient(
        build_api(),
        cookies={SESSION_COOKIE: sessions.start(db, settings, owner, tenant_id=tenant.id)},
    )
    exported = client.get(EXPORT_PATH)
    assert exported.status_code == 200
    headers, rows = importer.read_table(exported.content, "knowledge.csv")
    checked = importer.validate(rows, importer.guess_mapping(headers))
    assert checked.errors == []
    assert [
        (i.name, i.sku, i.category, i.price_kopecks, i.quantity, i.description)
        for _, i in checked.items
    ] == stored
