"""subscriptions.period_grant_id: the paid period now running

Reviewed by hand. What a tenant paid for the current period (needed for an honest upgrade credit
after a price change) is the payment behind the period grant that started it; the subscription
now points at that grant. Nullable with ON DELETE SET NULL: a trial or a period a super admin gave
by hand has no grant. Backfill: each subscription gets the newest grant of its own that overlaps
its current period (normally the one that set it, starts_at/ends_at equal to the period); none
overlapping leaves NULL, so no credit is ever invented from an older, finished period. Nothing is
deleted; downgrade drops only the new column.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('subscriptions') as batch:
        batch.add_column(sa.Column('period_grant_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_subscriptions_period_grant_id_period_grants'),
                                 'period_grants', ['period_grant_id'], ['id'], ondelete='SET NULL')
    op.execute(sa.text(
        "UPDATE subscriptions SET period_grant_id = ("
        " SELECT g.id FROM period_grants g"
        " WHERE g.subscription_id = subscriptions.id"
        " AND g.starts_at < subscriptions.period_end AND g.ends_at > subscriptions.period_start"
        " ORDER BY g.ends_at DESC, g.id DESC LIMIT 1)"))


def downgrade() -> None:
    with op.batch_alter_table('subscriptions') as batch:
        batch.drop_constraint(op.f('fk_subscriptions_period_grant_id_period_grants'),
                              type_='foreignkey')
        batch.drop_column('period_grant_id')
