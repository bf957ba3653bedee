"""tenant settings and domains

Reviewed by hand: workspace settings become columns of `tenants` (NOT NULL ones get a server
default so existing rows are filled), custom domains move to `tenant_domains` (a tenant may claim
several, each verified by DNS) and old slugs are kept in `tenant_slug_aliases` so links keep working.
An existing `tenants.custom_domain` value is copied into `tenant_domains` as an unverified claim
before the column is dropped; the downgrade copies verified-or-not domains back (first per tenant).
Batch mode keeps the column drop working on SQLite.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 19:16:25.602264
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('tenant_domains',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=253), nullable=False),
    sa.Column('verification_token', sa.String(length=64), nullable=False),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_tenant_domains_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenant_domains')),
    sa.UniqueConstraint('domain', name=op.f('uq_tenant_domains_domain'))
    )
    op.create_index(op.f('ix_tenant_domains_tenant_id'), 'tenant_domains', ['tenant_id'], unique=False)
    op.create_table('tenant_slug_aliases',
    sa.Column('slug', sa.String(length=63), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_tenant_slug_aliases_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('slug', name=op.f('pk_tenant_slug_aliases'))
    )
    op.create_index(op.f('ix_tenant_slug_aliases_tenant_id'), 'tenant_slug_aliases', ['tenant_id'], unique=False)
    op.add_column('tenants', sa.Column('logo_path', sa.String(length=200), nullable=True))
    op.add_column('tenants', sa.Column('brand_color', sa.String(length=7), nullable=False, server_default='#30a46c'))
    op.add_column('tenants', sa.Column('timezone', sa.String(length=64), nullable=False, server_default='Europe/Moscow'))
    op.add_column('tenants', sa.Column('locale', sa.String(length=8), nullable=False, server_default='ru'))

    conn = op.get_bind()
    claimed = conn.execute(sa.text(
        "SELECT id, custom_domain FROM tenants WHERE custom_domain IS NOT NULL")).all()
    for tenant_id, domain in claimed:
        conn.execute(sa.text(
            "INSERT INTO tenant_domains (tenant_id, domain, verification_token, created_at) "
            "VALUES (:t, :d, :v, CURRENT_TIMESTAMP)"),
            {"t": tenant_id, "d": domain.strip().lower(), "v": secrets.token_hex(16)})

    with op.batch_alter_table('tenants') as batch:
        batch.drop_constraint(op.f('uq_tenants_custom_domain'), type_='unique')
        batch.drop_column('custom_domain')


def downgrade() -> None:
    with op.batch_alter_table('tenants') as batch:
        batch.add_column(sa.Column('custom_domain', sa.String(length=253), nullable=True))
        batch.create_unique_constraint(op.f('uq_tenants_custom_domain'), ['custom_domain'])
    op.execute(
        "UPDATE tenants SET custom_domain = (SELECT MIN(d.domain) FROM tenant_domains d "
        "WHERE d.tenant_id = tenants.id)")
    with op.batch_alter_table('tenants') as batch:
        batch.drop_column('locale')
        batch.drop_column('timezone')
        batch.drop_column('brand_color')
        batch.drop_column('logo_path')
    op.drop_index(op.f('ix_tenant_slug_aliases_tenant_id'), table_name='tenant_slug_aliases')
    op.drop_table('tenant_slug_aliases')
    op.drop_index(op.f('ix_tenant_domains_tenant_id'), table_name='tenant_domains')
    op.drop_table('tenant_domains')
