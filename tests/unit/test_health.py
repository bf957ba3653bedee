from starlette.testclient import TestClient

from tochka_app import db as app_db
from tochka_app.api import build_api


def test_health_reports_database_ok(migrated_engine):
    response = TestClient(build_api()).get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_reports_unreachable_database(migrated_engine, monkeypatch):
    monkeypatch.setattr(
        app_db,
        "get_engine",
        lambda: app_db.engine_for("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"),
    )
    response = TestClient(build_api()).get("/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
