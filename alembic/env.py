"""Alembic environment: the URL comes from settings unless the caller put one in the config."""

from logging.config import fileConfig

from sqlmodel import SQLModel

import tochka_app.models  # noqa: F401  (registers every table for autogenerate)
from alembic import context
from tochka_app.db import engine_for
from tochka_app.models import include_in_autogenerate
from tochka_app.models._types import TZDateTime
from tochka_app.modules import registry
from tochka_app.settings import get_settings

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

registry.manifests()  # module packages bring their own tables
target_metadata = SQLModel.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # tests hand in an open connection
        _run(connection)
        return
    with engine_for(_url()).connect() as connection:
        _run(connection)


def _render_item(type_, obj, autogen_context):
    """Render the app's column types as plain SQLAlchemy types, so migrations import no app code."""
    if type_ == "type" and isinstance(obj, TZDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds a table by drop + copy; with foreign keys on, dropping `tenants`
        # would cascade-delete every row that points at it. Off during the migration, then checked.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # end the implicit transaction, or Alembic's would not commit
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_item=_render_item,
        render_as_batch=sqlite,  # SQLite cannot ALTER most things
        include_object=include_in_autogenerate,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left rows with dangling foreign keys: {broken[:5]}")
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
