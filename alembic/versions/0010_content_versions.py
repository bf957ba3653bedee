"""content versions: content_versions

Reviewed by hand: the JSON column uses the shared JSON type (JSONB on PostgreSQL). Every block
already on the landing becomes its published version 1, so history starts from what is live.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 20:41:38.639748
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('content_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('value', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_content_versions_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_content_versions_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_versions'))
    )
    op.create_index('ix_content_versions_key_locale_version', 'content_versions', ['key', 'locale', 'version'], unique=False)
    op.create_index('uq_content_versions_draft', 'content_versions', ['key', 'locale'], unique=True, postgresql_where=sa.text("status = 'draft'"), sqlite_where=sa.text("status = 'draft'"))
    op.execute(
        "INSERT INTO content_versions (key, locale, version, status, value, created_by_id, "
        "created_at, published_at) SELECT key, locale, 1, 'published', value, updated_by_id, "
        "updated_at, updated_at FROM platform_content")


def downgrade() -> None:
    op.drop_index('uq_content_versions_draft', table_name='content_versions', postgresql_where=sa.text("status = 'draft'"), sqlite_where=sa.text("status = 'draft'"))
    op.drop_index('ix_content_versions_key_locale_version', table_name='content_versions')
    op.drop_table('content_versions')
