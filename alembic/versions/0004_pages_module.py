"""pages module: module_pages

Reviewed by hand: one new table owned by the Pages module (tochka_app/modules/pages/models.py);
the unique (tenant_id, slug) index also serves every per-tenant lookup.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 18:50:14.473612
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('module_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('content_md', sa.Text(), nullable=False),
    sa.Column('is_published', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_pages_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_pages')),
    sa.UniqueConstraint('tenant_id', 'slug', name=op.f('uq_module_pages_tenant_id_slug'))
    )


def downgrade() -> None:
    op.drop_table("module_pages")
