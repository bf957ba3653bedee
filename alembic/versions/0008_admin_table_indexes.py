"""admin table indexes on users

Reviewed by hand. The admin users table pages by keyset on (sort column, id) and searches names
and phones by substring, so at 1 000 000 users it needs:
  - (name, id) and (created_at, id) b-tree indexes for the keyset sorts (phone is unique already);
  - trigram GIN indexes on lower(name) and phone for `LIKE '%…%'` (PostgreSQL only).
The trigram indexes are expression/operator-class indexes the models do not declare; they are
listed in `tochka_app.models.MIGRATION_ONLY_INDEXES`, which autogenerate and the model/migration
test skip.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_users_name_id', 'users', ['name', 'id'])
    op.create_index('ix_users_created_at_id', 'users', ['created_at', 'id'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_users_name_lower_trgm ON users "
                   "USING gin (lower(name) gin_trgm_ops)")
        op.execute("CREATE INDEX ix_users_phone_trgm ON users USING gin (phone gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_users_phone_trgm")
        op.execute("DROP INDEX IF EXISTS ix_users_name_lower_trgm")
    op.drop_index('ix_users_created_at_id', table_name='users')
    op.drop_index('ix_users_name_id', table_name='users')
