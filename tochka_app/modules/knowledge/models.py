from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tochka_app.models._types import TZDateTime, utcnow


class KnowledgeItem(SQLModel, table=True):
    """One row of a tenant's knowledge base / catalog (imported from CSV/XLSX or typed in)."""

    __tablename__ = "module_knowledge_items"
    __table_args__ = (
        # Keyset paging of one tenant's rows, newest first.
        sa.Index("ix_module_knowledge_items_tenant_id_id", "tenant_id", "id"),
        # An SKU is unique within a tenant (imports update by it); empty SKUs are allowed.
        sa.Index(
            "uq_module_knowledge_items_tenant_id_sku",
            "tenant_id",
            "sku",
            unique=True,
            postgresql_where=sa.text("sku IS NOT NULL"),
            sqlite_where=sa.text("sku IS NOT NULL"),
        ),
        # Substring search ("LIKE '%чай%'") through a trigram index on PostgreSQL.
        sa.Index(
            "ix_module_knowledge_items_search_text",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        sa.CheckConstraint("price_kopecks IS NULL OR price_kopecks >= 0", name="price"),
        sa.CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", ondelete="CASCADE")
    name: str = Field(max_length=300)
    sku: str | None = Field(default=None, max_length=64)
    category: str = Field(default="", max_length=200)
    price_kopecks: int | None = Field(default=None, sa_type=sa.BigInteger)
    quantity: int | None = Field(default=None)
    description: str = Field(default="", sa_type=sa.Text)
    search_text: str = Field(default="", sa_type=sa.Text)  # lower-case name, SKU and category
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
