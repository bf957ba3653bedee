"""shop module: daily storefront counters for the analytics funnel

Reviewed by hand: one new table, module_shop_daily_stats, a row per tenant and day (primary key
(tenant_id, day), ON DELETE CASCADE) with three counters, no personal data; and an index of
orders by (tenant_id, paid_at) for the dashboard's periods. Nothing existing changes.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 18:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "module_shop_daily_stats",
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("carts", sa.Integer(), nullable=False),
        sa.Column("checkouts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_module_shop_daily_stats_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", "day", name=op.f("pk_module_shop_daily_stats")),
    )
    op.create_index(
        "ix_module_shop_orders_tenant_id_paid_at", "module_shop_orders", ["tenant_id", "paid_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_module_shop_orders_tenant_id_paid_at", table_name="module_shop_orders")
    op.drop_table("module_shop_daily_stats")
