"""impersonation: impersonations, user_sessions.impersonation_id

Reviewed by hand: a new table and a nullable column (existing sessions untouched); batch mode
for SQLite.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 20:32:48.362731
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('impersonations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('admin_user_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('read_only', sa.Boolean(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['admin_user_id'], ['users.id'], name=op.f('fk_impersonations_admin_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_impersonations_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impersonations'))
    )
    op.create_index(op.f('ix_impersonations_admin_user_id'), 'impersonations', ['admin_user_id'], unique=False)
    op.create_index(op.f('ix_impersonations_tenant_id'), 'impersonations', ['tenant_id'], unique=False)
    with op.batch_alter_table('user_sessions') as batch:
        batch.add_column(sa.Column('impersonation_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_user_sessions_impersonation_id_impersonations'), 'impersonations', ['impersonation_id'], ['id'], ondelete='CASCADE')


def downgrade() -> None:
    with op.batch_alter_table('user_sessions') as batch:
        batch.drop_constraint(op.f('fk_user_sessions_impersonation_id_impersonations'), type_='foreignkey')
        batch.drop_column('impersonation_id')
    op.drop_index(op.f('ix_impersonations_tenant_id'), table_name='impersonations')
    op.drop_index(op.f('ix_impersonations_admin_user_id'), table_name='impersonations')
    op.drop_table('impersonations')
