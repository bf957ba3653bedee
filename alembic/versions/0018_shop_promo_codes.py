"""shop module: promo codes, the code of an order, each line's discount

Reviewed by hand: one new table, module_shop_promo_codes, owned by a tenant (ON DELETE CASCADE),
its codes unique per tenant and its checks keeping uses + reserved within max_uses.
module_shop_orders gains promo_id (nullable, ON DELETE SET NULL, indexed) and promo_code (the
text as applied, '' for the orders that exist); module_shop_order_items gains discount_kopecks
(0 for the lines that exist: they had no discount). On SQLite the orders' foreign key is added
in a batch (a table copy, rows kept).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 17:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "module_shop_promo_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("amount_kopecks", sa.BigInteger(), nullable=False),
        sa.Column("min_order_kopecks", sa.BigInteger(), nullable=False),
        sa.Column("max_uses", sa.Integer(), nullable=True),
        sa.Column("max_uses_per_customer", sa.Integer(), nullable=True),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("reserved", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("product_ids", sa.JSON(), nullable=False),
        sa.Column("category_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "max_uses IS NULL OR uses + reserved <= max_uses",
            name=op.f("ck_module_shop_promo_codes_within_max_uses"),
        ),
        sa.CheckConstraint(
            "uses >= 0 AND reserved >= 0", name=op.f("ck_module_shop_promo_codes_uses")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_module_shop_promo_codes_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module_shop_promo_codes")),
        sa.UniqueConstraint("tenant_id", "code", name="uq_module_shop_promo_codes_tenant_id_code"),
    )
    op.add_column(
        "module_shop_order_items",
        sa.Column("discount_kopecks", sa.BigInteger(), nullable=False, server_default="0"),
    )
    with op.batch_alter_table("module_shop_orders") as batch:
        batch.add_column(sa.Column("promo_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("promo_code", sa.String(length=40), nullable=False, server_default="")
        )
        batch.create_index("ix_module_shop_orders_promo_id", ["promo_id"])
        batch.create_foreign_key(
            op.f("fk_module_shop_orders_promo_id_module_shop_promo_codes"),
            "module_shop_promo_codes",
            ["promo_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("module_shop_orders") as batch:
        batch.drop_constraint(
            op.f("fk_module_shop_orders_promo_id_module_shop_promo_codes"), type_="foreignkey"
        )
        batch.drop_index("ix_module_shop_orders_promo_id")
        batch.drop_column("promo_code")
        batch.drop_column("promo_id")
    op.drop_column("module_shop_order_items", "discount_kopecks")
    op.drop_table("module_shop_promo_codes")
