"""auth: codes, sessions, telegram links, external accounts, deleted accounts history

Reviewed by hand: new tables only (no change to existing ones), so upgrading keeps all data.
Composite (phone, created_at) and (ip, created_at) indexes serve the hourly rate-limit counts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 18:17:20.721778
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
BIGINT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
NEW_TABLES = (
    "deleted_accounts_history",
    "login_codes",
    "telegram_link_nonces",
    "telegram_links",
    "user_external_accounts",
    "user_sessions",
)


def upgrade() -> None:
    op.create_table('login_codes',
    sa.Column('id', BIGINT_ID, nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=24), nullable=False),
    sa.Column('provider_ref', sa.String(length=128), nullable=True),
    sa.Column('ip', sa.String(length=45), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('consumed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_codes'))
    )
    op.create_index('ix_login_codes_ip_created_at', 'login_codes', ['ip', 'created_at'], unique=False)
    op.create_index('ix_login_codes_phone_created_at', 'login_codes', ['phone', 'created_at'], unique=False)
    op.create_table('telegram_link_nonces',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nonce_hash', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_telegram_link_nonces'))
    )
    op.create_index(op.f('ix_telegram_link_nonces_chat_id'), 'telegram_link_nonces', ['chat_id'], unique=False)
    op.create_index(op.f('ix_telegram_link_nonces_nonce_hash'), 'telegram_link_nonces', ['nonce_hash'], unique=True)
    op.create_table('telegram_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('blocked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_telegram_links'))
    )
    op.create_index(op.f('ix_telegram_links_chat_id'), 'telegram_links', ['chat_id'], unique=False)
    op.create_index(op.f('ix_telegram_links_phone'), 'telegram_links', ['phone'], unique=True)
    op.create_table('deleted_accounts_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('former_user_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_deleted_accounts_history_deleted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deleted_accounts_history'))
    )
    op.create_index(op.f('ix_deleted_accounts_history_deleted_by_id'), 'deleted_accounts_history', ['deleted_by_id'], unique=False)
    op.create_index(op.f('ix_deleted_accounts_history_former_user_id'), 'deleted_accounts_history', ['former_user_id'], unique=False)
    op.create_index(op.f('ix_deleted_accounts_history_phone'), 'deleted_accounts_history', ['phone'], unique=False)
    op.create_table('user_external_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=16), nullable=False),
    sa.Column('provider_user_id', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('profile', JSON, nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_external_accounts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_external_accounts')),
    sa.UniqueConstraint('provider', 'provider_user_id', name=op.f('uq_user_external_accounts_provider_provider_user_id'))
    )
    op.create_index(op.f('ix_user_external_accounts_user_id'), 'user_external_accounts', ['user_id'], unique=False)
    op.create_table('user_sessions',
    sa.Column('id', BIGINT_ID, nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('current_tenant_id', sa.Integer(), nullable=True),
    sa.Column('ip', sa.String(length=45), nullable=True),
    sa.Column('user_agent', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('absolute_expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['current_tenant_id'], ['tenants.id'], name=op.f('fk_user_sessions_current_tenant_id_tenants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions'))
    )
    op.create_index(op.f('ix_user_sessions_current_tenant_id'), 'user_sessions', ['current_tenant_id'], unique=False)
    op.create_index(op.f('ix_user_sessions_revoked_at'), 'user_sessions', ['revoked_at'], unique=False)
    op.create_index(op.f('ix_user_sessions_token_hash'), 'user_sessions', ['token_hash'], unique=True)
    op.create_index(op.f('ix_user_sessions_user_id'), 'user_sessions', ['user_id'], unique=False)


def downgrade() -> None:
    for table in NEW_TABLES:
        op.drop_table(table)
