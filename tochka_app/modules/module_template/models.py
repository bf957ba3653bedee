from datetime import datetime

from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow


class ModuleTemplateItem(SQLModel, table=True):
    __tablename__ = "module_module_template_items"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
