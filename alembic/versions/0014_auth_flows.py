"""auth_flows and session_tickets: logins bound to the browser, sessions in HttpOnly cookies

Reviewed by hand: two new tables, nothing existing changes. `auth_flows` holds the one-time
nonce of a Telegram / VK ID login or link started in our page (hashes only, bound to the tab's
client token); `session_tickets` the one-time, 60-second tickets an HTTP endpoint exchanges for
the session cookie. Downgrade drops both (in-flight logins are simply lost).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIGINT = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table('auth_flows',
    sa.Column('id', BIGINT, nullable=False),
    sa.Column('nonce_hash', sa.String(length=64), nullable=False),
    sa.Column('client_hash', sa.String(length=64), nullable=False),
    sa.Column('provider', sa.String(length=16), nullable=False),
    sa.Column('purpose', sa.String(length=8), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('identity', JSON, nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('returned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_auth_flows_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auth_flows'))
    )
    op.create_index(op.f('ix_auth_flows_nonce_hash'), 'auth_flows', ['nonce_hash'], unique=True)
    op.create_index(op.f('ix_auth_flows_client_hash'), 'auth_flows', ['client_hash'],
                    unique=False)
    op.create_index(op.f('ix_auth_flows_user_id'), 'auth_flows', ['user_id'], unique=False)
    op.create_table('session_tickets',
    sa.Column('id', BIGINT, nullable=False),
    sa.Column('ticket_hash', sa.String(length=64), nullable=False),
    sa.Column('session_id', BIGINT, nullable=False),
    sa.Column('next_path', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['user_sessions.id'],
                            name=op.f('fk_session_tickets_session_id_user_sessions'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_tickets'))
    )
    op.create_index(op.f('ix_session_tickets_ticket_hash'), 'session_tickets', ['ticket_hash'],
                    unique=True)
    op.create_index(op.f('ix_session_tickets_session_id'), 'session_tickets', ['session_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_session_tickets_session_id'), table_name='session_tickets')
    op.drop_index(op.f('ix_session_tickets_ticket_hash'), table_name='session_tickets')
    op.drop_table('session_tickets')
    op.drop_index(op.f('ix_auth_flows_user_id'), table_name='auth_flows')
    op.drop_index(op.f('ix_auth_flows_client_hash'), table_name='auth_flows')
    op.drop_index(op.f('ix_auth_flows_nonce_hash'), table_name='auth_flows')
    op.drop_table('auth_flows')
