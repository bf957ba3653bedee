"""shop module: preorder waves, the wave of an order line, the waiting list

Reviewed by hand: two new tables, each owned by a tenant (ON DELETE CASCADE):
module_shop_preorder_waves (a product's waves; the check keeps taken within 0..capacity) and
module_shop_waitlist (customers waiting for a product whose waves are full). module_shop_order_items
gains a nullable wave_id (existing lines keep NULL: they hold stock, not places) with ON DELETE SET
NULL and an index. A preorder product that exists already gets one wave holding what it could
still sell before (its stock not reserved, at least one place), so it stays orderable; staff can
split it into waves in the product form. On SQLite the column and its foreign key are added in
one batch (a table copy, rows kept).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "module_shop_preorder_waves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_module_shop_preorder_waves_capacity")),
        sa.CheckConstraint(
            "taken >= 0 AND taken <= capacity", name=op.f("ck_module_shop_preorder_waves_taken")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["module_shop_products.id"],
            name=op.f("fk_module_shop_preorder_waves_product_id_module_shop_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_module_shop_preorder_waves_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module_shop_preorder_waves")),
        sa.UniqueConstraint(
            "product_id", "number", name="uq_module_shop_preorder_waves_product_id_number"
        ),
    )
    op.create_index(
        "ix_module_shop_preorder_waves_tenant_id_product_id",
        "module_shop_preorder_waves",
        ["tenant_id", "product_id"],
    )
    op.create_table(
        "module_shop_waitlist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("variant_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["module_shop_customers.id"],
            name=op.f("fk_module_shop_waitlist_customer_id_module_shop_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["module_shop_products.id"],
            name=op.f("fk_module_shop_waitlist_product_id_module_shop_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_module_shop_waitlist_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["variant_id"],
            ["module_shop_variants.id"],
            name=op.f("fk_module_shop_waitlist_variant_id_module_shop_variants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module_shop_waitlist")),
        sa.UniqueConstraint(
            "product_id",
            "variant_id",
            "customer_id",
            name="uq_module_shop_waitlist_product_id_variant_id_customer_id",
        ),
    )
    op.create_index(
        "ix_module_shop_waitlist_tenant_id_product_id",
        "module_shop_waitlist",
        ["tenant_id", "product_id"],
    )
    op.create_index("ix_module_shop_waitlist_customer_id", "module_shop_waitlist", ["customer_id"])
    op.create_index("ix_module_shop_waitlist_variant_id", "module_shop_waitlist", ["variant_id"])
    op.execute(
        "INSERT INTO module_shop_preorder_waves (tenant_id, product_id, number, capacity, taken, "
        "status, message, created_at, updated_at) "
        "SELECT p.tenant_id, p.id, 1, CASE WHEN SUM(v.stock - v.reserved) > 0 "
        "THEN SUM(v.stock - v.reserved) ELSE 1 END, 0, 'collecting', '', "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP "
        "FROM module_shop_products p LEFT JOIN module_shop_variants v ON v.product_id = p.id "
        "WHERE p.order_type = 'preorder' GROUP BY p.tenant_id, p.id"
    )
    with op.batch_alter_table("module_shop_order_items") as batch:
        batch.add_column(sa.Column("wave_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_module_shop_order_items_wave_id_module_shop_preorder_waves"),
            "module_shop_preorder_waves",
            ["wave_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_module_shop_order_items_wave_id", ["wave_id"])


def downgrade() -> None:
    with op.batch_alter_table("module_shop_order_items") as batch:
        batch.drop_index("ix_module_shop_order_items_wave_id")
        batch.drop_constraint(
            op.f("fk_module_shop_order_items_wave_id_module_shop_preorder_waves"),
            type_="foreignkey",
        )
        batch.drop_column("wave_id")
    op.drop_index("ix_module_shop_waitlist_variant_id", table_name="module_shop_waitlist")
    op.drop_index("ix_module_shop_waitlist_customer_id", table_name="module_shop_waitlist")
    op.drop_index("ix_module_shop_waitlist_tenant_id_product_id", table_name="module_shop_waitlist")
    op.drop_table("module_shop_waitlist")
    op.drop_index(
        "ix_module_shop_preorder_waves_tenant_id_product_id",
        table_name="module_shop_preorder_waves",
    )
    op.drop_table("module_shop_preorder_waves")
