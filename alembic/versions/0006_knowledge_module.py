"""knowledge module: module_knowledge_items

Reviewed by hand: one new table owned by the Knowledge base module. Keyset paging uses
(tenant_id, id); SKUs are unique per tenant when present (partial index, both dialects);
search_text gets a GIN trigram index on PostgreSQL (a plain index on SQLite). The extension is
left installed on downgrade: other objects may use it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 19:31:46.545175
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Trigram index for substring search; pg_trgm is a trusted extension (no superuser).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('module_knowledge_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=True),
    sa.Column('category', sa.String(length=200), nullable=False),
    sa.Column('price_kopecks', sa.BigInteger(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('price_kopecks IS NULL OR price_kopecks >= 0', name=op.f('ck_module_knowledge_items_price')),
    sa.CheckConstraint('quantity IS NULL OR quantity >= 0', name=op.f('ck_module_knowledge_items_quantity')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_knowledge_items_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_knowledge_items'))
    )
    op.create_index('ix_module_knowledge_items_search_text', 'module_knowledge_items', ['search_text'], unique=False, postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})
    op.create_index('ix_module_knowledge_items_tenant_id_id', 'module_knowledge_items', ['tenant_id', 'id'], unique=False)
    op.create_index('uq_module_knowledge_items_tenant_id_sku', 'module_knowledge_items', ['tenant_id', 'sku'], unique=True, postgresql_where=sa.text('sku IS NOT NULL'), sqlite_where=sa.text('sku IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('uq_module_knowledge_items_tenant_id_sku', table_name='module_knowledge_items', postgresql_where=sa.text('sku IS NOT NULL'), sqlite_where=sa.text('sku IS NOT NULL'))
    op.drop_index('ix_module_knowledge_items_tenant_id_id', table_name='module_knowledge_items')
    op.drop_index('ix_module_knowledge_items_search_text', table_name='module_knowledge_items', postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})
    op.drop_table('module_knowledge_items')
