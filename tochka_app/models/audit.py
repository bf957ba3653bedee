from datetime import datetime

from sqlmodel import Field, SQLModel

from tochka_app.models._types import BigIntId, JSONType, TZDateTime, utcnow


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_events"

    id: int | None = Field(default=None, primary_key=True, sa_type=BigIntId)
    actor_user_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
    tenant_id: int | None = Field(
        default=None, foreign_key="tenants.id", ondelete="CASCADE", index=True
    )
    action: str = Field(max_length=64, index=True)
    target_type: str | None = Field(default=None, max_length=32)
    target_id: str | None = Field(default=None, max_length=64)
    details: dict = Field(default_factory=dict, sa_type=JSONType)
    ip: str | None = Field(default=None, max_length=45)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime, index=True)
