"""shop module: refunds of orders

Reviewed by hand: one new table, module_shop_refunds (owned by a tenant, ON DELETE CASCADE; the
refund's order and payment CASCADE; its author SET NULL), its YooKassa id unique. Orders gain
refunded_kopecks and order lines refunded_quantity, both 0 for what exists (nothing was refunded
through the shop before). Plain ADD COLUMN with a default: no table copy on SQLite.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 18:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "module_shop_refunds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("provider_refund_id", sa.String(length=64), nullable=True),
        sa.Column("amount_kopecks", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("restock", sa.Boolean(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("error", sa.String(length=300), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount_kopecks > 0", name=op.f("ck_module_shop_refunds_amount")),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_module_shop_refunds_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["module_shop_orders.id"],
            name=op.f("fk_module_shop_refunds_order_id_module_shop_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["module_shop_payments.id"],
            name=op.f("fk_module_shop_refunds_payment_id_module_shop_payments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_module_shop_refunds_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module_shop_refunds")),
        sa.UniqueConstraint(
            "provider_refund_id", name="uq_module_shop_refunds_provider_refund_id"
        ),
    )
    op.create_index(
        "ix_module_shop_refunds_tenant_id_order_id", "module_shop_refunds", ["tenant_id", "order_id"]
    )
    op.create_index("ix_module_shop_refunds_order_id", "module_shop_refunds", ["order_id"])
    op.create_index("ix_module_shop_refunds_payment_id", "module_shop_refunds", ["payment_id"])
    op.add_column(
        "module_shop_orders",
        sa.Column("refunded_kopecks", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column(
        "module_shop_order_items",
        sa.Column("refunded_quantity", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    with op.batch_alter_table("module_shop_order_items") as batch:
        batch.drop_column("refunded_quantity")
    with op.batch_alter_table("module_shop_orders") as batch:
        batch.drop_column("refunded_kopecks")
    op.drop_index("ix_module_shop_refunds_payment_id", table_name="module_shop_refunds")
    op.drop_index("ix_module_shop_refunds_order_id", table_name="module_shop_refunds")
    op.drop_index("ix_module_shop_refunds_tenant_id_order_id", table_name="module_shop_refunds")
    op.drop_table("module_shop_refunds")
