"""shop module: categories, products, variants, photos, orders, order lines, timeline, numbering,
the tenant's own payment account and the orders' payments

Reviewed by hand: new tables only (module_shop_*), each owned by a tenant (ON DELETE CASCADE) with
indexes that start with tenant_id; nothing existing changes. The products' trigram index relies on
pg_trgm, created by 0006. Types rendered as plain SQLAlchemy (no app imports).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 14:44:34.330194
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('module_shop_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['module_shop_categories.id'], name=op.f('fk_module_shop_categories_parent_id_module_shop_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_categories_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_shop_categories')),
    sa.UniqueConstraint('tenant_id', 'slug', name='uq_module_shop_categories_tenant_id_slug')
    )
    op.create_index('ix_module_shop_categories_tenant_id_position', 'module_shop_categories', ['tenant_id', 'position'], unique=False)
    op.create_table('module_shop_order_sequences',
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('next_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_order_sequences_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tenant_id', name=op.f('pk_module_shop_order_sequences'))
    )
    op.create_table('module_shop_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('payment_status', sa.String(length=16), nullable=False),
    sa.Column('customer_name', sa.String(length=200), nullable=False),
    sa.Column('customer_phone', sa.String(length=20), nullable=False),
    sa.Column('customer_email', sa.String(length=200), nullable=False),
    sa.Column('delivery_address', sa.String(length=500), nullable=False),
    sa.Column('cdek_point', sa.String(length=40), nullable=False),
    sa.Column('comment', sa.String(length=1000), nullable=False),
    sa.Column('items_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('discount_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('total_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('tracking_number', sa.String(length=64), nullable=False),
    sa.Column('staff_note', sa.Text(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('reserved_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('shipped_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('total_kopecks >= 0', name=op.f('ck_module_shop_orders_total')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_orders_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_shop_orders')),
    sa.UniqueConstraint('secret_hash', name='uq_module_shop_orders_secret_hash'),
    sa.UniqueConstraint('tenant_id', 'number', name='uq_module_shop_orders_tenant_id_number')
    )
    op.create_index('ix_module_shop_orders_reserved_until', 'module_shop_orders', ['reserved_until'], unique=False, postgresql_where=sa.text('reserved_until IS NOT NULL'), sqlite_where=sa.text('reserved_until IS NOT NULL'))
    op.create_index('ix_module_shop_orders_tenant_id_id', 'module_shop_orders', ['tenant_id', 'id'], unique=False)
    op.create_index('ix_module_shop_orders_tenant_id_phone', 'module_shop_orders', ['tenant_id', 'customer_phone'], unique=False)
    op.create_index('ix_module_shop_orders_tenant_id_status', 'module_shop_orders', ['tenant_id', 'status'], unique=False)
    op.create_table('module_shop_payment_accounts',
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.String(length=32), nullable=False),
    sa.Column('secret_sealed', sa.Text(), nullable=False),
    sa.Column('secret_hint', sa.String(length=40), nullable=False),
    sa.Column('notify_token', sa.String(length=64), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('checked_ok', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_payment_accounts_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tenant_id', name=op.f('pk_module_shop_payment_accounts')),
    sa.UniqueConstraint('notify_token', name='uq_module_shop_payment_accounts_notify_token')
    )
    op.create_table('module_shop_order_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_module_shop_order_events_actor_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['order_id'], ['module_shop_orders.id'], name=op.f('fk_module_shop_order_events_order_id_module_shop_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_order_events_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_shop_order_events'))
    )
    op.create_index('ix_module_shop_order_events_tenant_id_order_id', 'module_shop_order_events', ['tenant_id', 'order_id', 'id'], unique=False)
    op.create_index('ix_module_shop_order_events_order_id', 'module_shop_order_events', ['order_id', 'id'], unique=False)
    op.create_table('module_shop_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('provider_payment_id', sa.String(length=64), nullable=False),
    sa.Column('amount_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('confirmation_url', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['module_shop_orders.id'], name=op.f('fk_module_shop_payments_order_id_module_shop_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_payments_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_shop_payments')),
    sa.UniqueConstraint('provider_payment_id', name='uq_module_shop_payments_provider_payment_id')
    )
    op.create_index('ix_module_shop_payments_tenant_id_order_id', 'module_shop_payments', ['tenant_id', 'order_id'], unique=False)
    op.create_index('ix_module_shop_payments_order_id', 'module_shop_payments', ['order_id'], unique=False)
    op.create_table('module_shop_products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('description_md', sa.Text(), nullable=False),
    sa.Column('price_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('old_price_kopecks', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('order_type', sa.String(length=16), nullable=False),
    sa.Column('care_instructions', sa.Text(), nullable=False),
    sa.Column('size_table', sa.JSON(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('old_price_kopecks IS NULL OR old_price_kopecks >= 0', name=op.f('ck_module_shop_products_old_price')),
    sa.CheckConstraint('price_kopecks >= 0', name=op.f('ck_module_shop_products_price')),
    sa.ForeignKeyConstraint(['category_id'], ['module_shop_categories.id'], name=op.f('fk_module_shop_products_category_id_module_shop_categories'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_products_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_shop_products')),
    sa.UniqueConstraint('tenant_id', 'sku', name='uq_module_shop_products_tenant_id_sku')
    )
    op.create_index('ix_module_shop_products_search_text', 'module_shop_products', ['search_text'], unique=False, postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})
    op.create_index('ix_module_shop_products_tenant_id_category_id', 'module_shop_products', ['tenant_id', 'category_id'], unique=False)
    op.create_index('ix_module_shop_products_tenant_id_id', 'module_shop_products', ['tenant_id', 'id'], unique=False)
    op.create_index('ix_module_shop_products_tenant_id_status', 'module_shop_products', ['tenant_id', 'status'], unique=False)
    op.create_table('module_shop_product_media',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('thumb_path', sa.String(length=300), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['module_shop_products.id'], name=op.f('fk_module_shop_product_media_product_id_module_shop_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_product_media_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_shop_product_media'))
    )
    op.create_index('ix_module_shop_product_media_tenant_id_product_id', 'module_shop_product_media', ['tenant_id', 'product_id'], unique=False)
    op.create_index('ix_module_shop_product_media_product_id', 'module_shop_product_media', ['product_id', 'position'], unique=False)
    op.create_table('module_shop_variants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('size', sa.String(length=32), nullable=False),
    sa.Column('colour', sa.String(length=40), nullable=False),
    sa.Column('sku_suffix', sa.String(length=24), nullable=False),
    sa.Column('stock', sa.Integer(), nullable=False),
    sa.Column('reserved', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('reserved >= 0 AND reserved <= stock', name=op.f('ck_module_shop_variants_reserved')),
    sa.CheckConstraint('stock >= 0', name=op.f('ck_module_shop_variants_stock')),
    sa.ForeignKeyConstraint(['product_id'], ['module_shop_products.id'], name=op.f('fk_module_shop_variants_product_id_module_shop_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_variants_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_shop_variants')),
    sa.UniqueConstraint('product_id', 'size', 'colour', name='uq_module_shop_variants_product_id_size_colour')
    )
    op.create_index('ix_module_shop_variants_tenant_id_product_id', 'module_shop_variants', ['tenant_id', 'product_id'], unique=False)
    op.create_index('ix_module_shop_variants_product_id', 'module_shop_variants', ['product_id'], unique=False)
    op.create_table('module_shop_order_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('variant_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('variant_label', sa.String(length=80), nullable=False),
    sa.Column('sku', sa.String(length=96), nullable=False),
    sa.Column('price_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.CheckConstraint('price_kopecks >= 0', name=op.f('ck_module_shop_order_items_price')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_module_shop_order_items_quantity')),
    sa.ForeignKeyConstraint(['order_id'], ['module_shop_orders.id'], name=op.f('fk_module_shop_order_items_order_id_module_shop_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['module_shop_products.id'], name=op.f('fk_module_shop_order_items_product_id_module_shop_products'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_module_shop_order_items_tenant_id_tenants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['module_shop_variants.id'], name=op.f('fk_module_shop_order_items_variant_id_module_shop_variants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_shop_order_items'))
    )
    op.create_index('ix_module_shop_order_items_tenant_id_order_id', 'module_shop_order_items', ['tenant_id', 'order_id'], unique=False)
    op.create_index('ix_module_shop_order_items_order_id', 'module_shop_order_items', ['order_id'], unique=False)
    op.create_index('ix_module_shop_order_items_variant_id', 'module_shop_order_items', ['variant_id'], unique=False)
    op.create_index('ix_module_shop_order_items_product_id', 'module_shop_order_items', ['product_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_module_shop_order_items_product_id', table_name='module_shop_order_items')
    op.drop_index('ix_module_shop_order_items_variant_id', table_name='module_shop_order_items')
    op.drop_index('ix_module_shop_order_items_order_id', table_name='module_shop_order_items')
    op.drop_index('ix_module_shop_variants_product_id', table_name='module_shop_variants')
    op.drop_index('ix_module_shop_product_media_product_id', table_name='module_shop_product_media')
    op.drop_index('ix_module_shop_payments_order_id', table_name='module_shop_payments')
    op.drop_index('ix_module_shop_order_events_order_id', table_name='module_shop_order_events')
    op.drop_index('ix_module_shop_order_items_tenant_id_order_id', table_name='module_shop_order_items')
    op.drop_table('module_shop_order_items')
    op.drop_index('ix_module_shop_variants_tenant_id_product_id', table_name='module_shop_variants')
    op.drop_table('module_shop_variants')
    op.drop_index('ix_module_shop_product_media_tenant_id_product_id', table_name='module_shop_product_media')
    op.drop_table('module_shop_product_media')
    op.drop_index('ix_module_shop_products_tenant_id_status', table_name='module_shop_products')
    op.drop_index('ix_module_shop_products_tenant_id_id', table_name='module_shop_products')
    op.drop_index('ix_module_shop_products_tenant_id_category_id', table_name='module_shop_products')
    op.drop_index('ix_module_shop_products_search_text', table_name='module_shop_products', postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})
    op.drop_table('module_shop_products')
    op.drop_index('ix_module_shop_payments_tenant_id_order_id', table_name='module_shop_payments')
    op.drop_table('module_shop_payments')
    op.drop_index('ix_module_shop_order_events_tenant_id_order_id', table_name='module_shop_order_events')
    op.drop_table('module_shop_order_events')
    op.drop_table('module_shop_payment_accounts')
    op.drop_index('ix_module_shop_orders_tenant_id_status', table_name='module_shop_orders')
    op.drop_index('ix_module_shop_orders_tenant_id_phone', table_name='module_shop_orders')
    op.drop_index('ix_module_shop_orders_tenant_id_id', table_name='module_shop_orders')
    op.drop_index('ix_module_shop_orders_reserved_until', table_name='module_shop_orders', postgresql_where=sa.text('reserved_until IS NOT NULL'), sqlite_where=sa.text('reserved_until IS NOT NULL'))
    op.drop_table('module_shop_orders')
    op.drop_table('module_shop_order_sequences')
    op.drop_index('ix_module_shop_categories_tenant_id_position', table_name='module_shop_categories')
    op.drop_table('module_shop_categories')
