"""billing: payments, saved payment methods, ledger, period grants, provider events

Reviewed by hand: money in BIGINT kopecks with CHECKs (amount > 0, 0 <= refunded <= amount);
uniqueness carries the idempotency rules (idempotence key, provider payment id, ledger
reference, one period grant per payment). New subscription columns are nullable, so existing
subscriptions stay as they are; batch mode keeps the FK additions working on SQLite.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 19:58:46.189615
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('billing_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_events'))
    )
    op.create_index(op.f('ix_billing_events_object_id'), 'billing_events', ['object_id'], unique=False)
    op.create_index(op.f('ix_billing_events_received_at'), 'billing_events', ['received_at'], unique=False)
    op.create_table('payment_methods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('provider_method_id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_payment_methods_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_methods')),
    sa.UniqueConstraint('provider_method_id', name=op.f('uq_payment_methods_provider_method_id'))
    )
    op.create_index(op.f('ix_payment_methods_tenant_id'), 'payment_methods', ['tenant_id'], unique=False)
    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('tariff_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('amount_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('credit_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('description', sa.String(length=128), nullable=False),
    sa.Column('idempotence_key', sa.String(length=64), nullable=False),
    sa.Column('provider_payment_id', sa.String(length=64), nullable=True),
    sa.Column('confirmation_url', sa.String(length=500), nullable=True),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('cancel_reason', sa.String(length=64), nullable=True),
    sa.Column('refunded_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("purpose IN ('subscribe', 'upgrade', 'renewal')", name=op.f('ck_payments_purpose')),
    sa.CheckConstraint("status IN ('pending', 'waiting_for_capture', 'succeeded', 'canceled')", name=op.f('ck_payments_status')),
    sa.CheckConstraint('amount_kopecks > 0', name=op.f('ck_payments_amount')),
    sa.CheckConstraint('refunded_kopecks >= 0 AND refunded_kopecks <= amount_kopecks', name=op.f('ck_payments_refunded')),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], name=op.f('fk_payments_subscription_id_subscriptions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tariff_id'], ['tariffs.id'], name=op.f('fk_payments_tariff_id_tariffs')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_payments_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('idempotence_key', name=op.f('uq_payments_idempotence_key')),
    sa.UniqueConstraint('provider_payment_id', name=op.f('uq_payments_provider_payment_id'))
    )
    op.create_index(op.f('ix_payments_created_at'), 'payments', ['created_at'], unique=False)
    op.create_index(op.f('ix_payments_status'), 'payments', ['status'], unique=False)
    op.create_index(op.f('ix_payments_subscription_id'), 'payments', ['subscription_id'], unique=False)
    op.create_index(op.f('ix_payments_tenant_id'), 'payments', ['tenant_id'], unique=False)
    op.create_table('ledger_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('payment', 'refund')", name=op.f('ck_ledger_entries_kind')),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_ledger_entries_payment_id_payments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_ledger_entries_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entries')),
    sa.UniqueConstraint('reference', name=op.f('uq_ledger_entries_reference'))
    )
    op.create_index(op.f('ix_ledger_entries_payment_id'), 'ledger_entries', ['payment_id'], unique=False)
    op.create_index(op.f('ix_ledger_entries_tenant_id'), 'ledger_entries', ['tenant_id'], unique=False)
    op.create_table('period_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('tariff_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_period_grants_payment_id_payments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], name=op.f('fk_period_grants_subscription_id_subscriptions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tariff_id'], ['tariffs.id'], name=op.f('fk_period_grants_tariff_id_tariffs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_period_grants')),
    sa.UniqueConstraint('payment_id', name=op.f('uq_period_grants_payment_id'))
    )
    op.create_index(op.f('ix_period_grants_subscription_id'), 'period_grants', ['subscription_id'], unique=False)
    with op.batch_alter_table('subscriptions') as batch:
        batch.add_column(sa.Column('pending_tariff_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('past_due_since', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('payment_method_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_subscriptions_pending_tariff_id_tariffs'), 'tariffs', ['pending_tariff_id'], ['id'])
        batch.create_foreign_key(op.f('fk_subscriptions_payment_method_id_payment_methods'), 'payment_methods', ['payment_method_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('subscriptions') as batch:
        batch.drop_constraint(op.f('fk_subscriptions_payment_method_id_payment_methods'), type_='foreignkey')
        batch.drop_constraint(op.f('fk_subscriptions_pending_tariff_id_tariffs'), type_='foreignkey')
        batch.drop_column('payment_method_id')
        batch.drop_column('past_due_since')
        batch.drop_column('pending_tariff_id')
    op.drop_index(op.f('ix_period_grants_subscription_id'), table_name='period_grants')
    op.drop_table('period_grants')
    op.drop_index(op.f('ix_ledger_entries_tenant_id'), table_name='ledger_entries')
    op.drop_index(op.f('ix_ledger_entries_payment_id'), table_name='ledger_entries')
    op.drop_table('ledger_entries')
    op.drop_index(op.f('ix_payments_tenant_id'), table_name='payments')
    op.drop_index(op.f('ix_payments_subscription_id'), table_name='payments')
    op.drop_index(op.f('ix_payments_status'), table_name='payments')
    op.drop_index(op.f('ix_payments_created_at'), table_name='payments')
    op.drop_table('payments')
    op.drop_index(op.f('ix_payment_methods_tenant_id'), table_name='payment_methods')
    op.drop_table('payment_methods')
    op.drop_index(op.f('ix_billing_events_received_at'), table_name='billing_events')
    op.drop_index(op.f('ix_billing_events_object_id'), table_name='billing_events')
    op.drop_table('billing_events')
