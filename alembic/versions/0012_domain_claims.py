"""custom domains: unverified claims no longer block, first to verify wins

Reviewed by hand. `tenant_domains.domain` was unique over all rows, so an unverified claim
(which proves nothing) kept the real owner from adding their own domain. Now:
- unique (tenant_id, domain): a tenant claims a domain once;
- a partial unique index on domain WHERE verified_at IS NOT NULL: at most one verified owner
  (PostgreSQL and SQLite both support partial indexes; other tenants' claims are dropped by the
  service when one verifies);
- a plain index on domain for the host lookups and the claim checks.
Existing rows were unique per domain already, so nothing needs rewriting. The downgrade restores
the old unique constraint after deleting all but one claim per domain (the verified one, else the
oldest), since that constraint would otherwise fail.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 08:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERIFIED = sa.text("verified_at IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table('tenant_domains') as batch:
        batch.drop_constraint(op.f('uq_tenant_domains_domain'), type_='unique')
        batch.create_unique_constraint(op.f('uq_tenant_domains_tenant_id_domain'),
                                       ['tenant_id', 'domain'])
    op.create_index(op.f('ix_tenant_domains_domain'), 'tenant_domains', ['domain'], unique=False)
    op.create_index('uq_tenant_domains_verified_domain', 'tenant_domains', ['domain'],
                    unique=True, postgresql_where=VERIFIED, sqlite_where=VERIFIED)


def downgrade() -> None:
    op.execute(
        "DELETE FROM tenant_domains WHERE id NOT IN (SELECT keep FROM ("
        " SELECT domain, COALESCE(MIN(CASE WHEN verified_at IS NOT NULL THEN id END), MIN(id))"
        " AS keep FROM tenant_domains GROUP BY domain) AS kept)")
    op.drop_index('uq_tenant_domains_verified_domain', table_name='tenant_domains')
    op.drop_index(op.f('ix_tenant_domains_domain'), table_name='tenant_domains')
    with op.batch_alter_table('tenant_domains') as batch:
        batch.drop_constraint(op.f('uq_tenant_domains_tenant_id_domain'), type_='unique')
        batch.create_unique_constraint(op.f('uq_tenant_domains_domain'), ['domain'])
