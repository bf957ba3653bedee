"""team invites

Reviewed by hand: one new table, nothing else touched; the (phone, accepted_at, revoked_at)
index serves "open invites for my phone" after login.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 18:44:19.419328
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IN ('admin', 'staff')", name=op.f('ck_invites_role')),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_invites_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_invites_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invites'))
    )
    op.create_index(op.f('ix_invites_invited_by_id'), 'invites', ['invited_by_id'], unique=False)
    op.create_index('ix_invites_phone_open', 'invites', ['phone', 'accepted_at', 'revoked_at'], unique=False)
    op.create_index(op.f('ix_invites_tenant_id'), 'invites', ['tenant_id'], unique=False)


def downgrade() -> None:
    op.drop_table("invites")
