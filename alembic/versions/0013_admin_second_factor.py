"""admin second factor: admin_totp, admin_recovery_codes

Reviewed by hand. Two new tables, nothing existing changes: `admin_totp` (one row per admin,
keyed by user id; an unconfirmed row is a setup in progress and is not required at login) and
`admin_recovery_codes` (HMACs of single-use codes). Both cascade with the user. Downgrade drops
them (admins fall back to password-only login).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('admin_totp',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_step', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_admin_totp_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_admin_totp'))
    )
    op.create_table('admin_recovery_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                            name=op.f('fk_admin_recovery_codes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_recovery_codes')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_admin_recovery_codes_code_hash'))
    )
    op.create_index(op.f('ix_admin_recovery_codes_user_id'), 'admin_recovery_codes', ['user_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_admin_recovery_codes_user_id'), table_name='admin_recovery_codes')
    op.drop_table('admin_recovery_codes')
    op.drop_table('admin_totp')
