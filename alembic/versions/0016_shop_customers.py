"""shop module: customers of a tenant's shop, their site sessions, the order's customer

Reviewed by hand: two new tables (module_shop_customers, module_shop_customer_sessions), each owned
by a tenant (ON DELETE CASCADE); module_shop_orders gains a nullable customer_id (existing orders
keep NULL: they were placed before accounts existed) with ON DELETE SET NULL and an index for it.
On SQLite the column and its foreign key are added in one batch (a table copy, rows kept).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 16:06:34.127017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "module_shop_customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("cart", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_module_shop_customers_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module_shop_customers")),
        sa.UniqueConstraint("tenant_id", "phone", name="uq_module_shop_customers_tenant_id_phone"),
    )
    op.create_table(
        "module_shop_customer_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("ticket_hash", sa.String(length=64), nullable=True),
        sa.Column("ticket_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_path", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["module_shop_customers.id"],
            name=op.f("fk_module_shop_customer_sessions_customer_id_module_shop_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_module_shop_customer_sessions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module_shop_customer_sessions")),
        sa.UniqueConstraint("ticket_hash", name="uq_module_shop_customer_sessions_ticket_hash"),
        sa.UniqueConstraint("token_hash", name="uq_module_shop_customer_sessions_token_hash"),
    )
    op.create_index(
        "ix_module_shop_customer_sessions_customer_id",
        "module_shop_customer_sessions",
        ["customer_id"],
        unique=False,
    )
    op.create_index(
        "ix_module_shop_customer_sessions_tenant_id_customer_id",
        "module_shop_customer_sessions",
        ["tenant_id", "customer_id"],
        unique=False,
    )
    with op.batch_alter_table("module_shop_orders") as batch:
        batch.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_module_shop_orders_customer_id_module_shop_customers"),
            "module_shop_customers",
            ["customer_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index(
        "ix_module_shop_orders_customer_id", "module_shop_orders", ["customer_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_module_shop_orders_customer_id", table_name="module_shop_orders")
    with op.batch_alter_table("module_shop_orders") as batch:
        batch.drop_constraint(
            op.f("fk_module_shop_orders_customer_id_module_shop_customers"), type_="foreignkey"
        )
        batch.drop_column("customer_id")
    op.drop_index(
        "ix_module_shop_customer_sessions_tenant_id_customer_id",
        table_name="module_shop_customer_sessions",
    )
    op.drop_index(
        "ix_module_shop_customer_sessions_customer_id", table_name="module_shop_customer_sessions"
    )
    op.drop_table("module_shop_customer_sessions")
    op.drop_table("module_shop_customers")
