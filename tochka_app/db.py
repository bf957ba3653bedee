"""Database engine and sessions. Services receive a `Session`; states open one per event."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, event
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, create_engine

from tochka_app.settings import get_settings


@lru_cache
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # foreign keys are off by default in SQLite
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def get_engine() -> Engine:
    return engine_for(get_settings().database_url)


@contextmanager
def session_scope() -> Iterator[Session]:
    """One transaction per action: commit on success, roll back on any error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


# A read-only admin visit (impersonation) may change nothing of the workspace or its people. The
# rule is kept here, where every write of every handler passes — not in each service — so a
# handler that forgets to ask permissions still cannot write. What stays writable is the visit's
# own bookkeeping: its own session row and visit row, and new audit entries.
APPEND_ONLY_DURING_VISIT = frozenset({"audit_events"})


class ReadOnlyVisitError(PermissionError):
    """A write was attempted during a read-only visit; the transaction is rolled back."""


def forbid_writes(session: OrmSession, *own_rows) -> None:
    """From now on this database session refuses every write but to `own_rows` (and new audit
    entries)."""
    session.info["forbid_writes"] = {_row_key(row) for row in own_rows}


def _row_key(obj) -> tuple[str, object]:
    return getattr(obj, "__tablename__", type(obj).__name__), getattr(obj, "id", None)


def _writable(session: OrmSession, obj) -> bool:
    if obj in session.new:
        return getattr(obj, "__tablename__", None) in APPEND_ONLY_DURING_VISIT
    return _row_key(obj) in session.info["forbid_writes"]


@event.listens_for(OrmSession, "before_flush")
def _refuse_flush(session: OrmSession, _context, _instances) -> None:
    if "forbid_writes" not in session.info:
        return
    changed = [
        *session.new,
        *(o for o in session.dirty if session.is_modified(o)),
        *session.deleted,
    ]
    for obj in changed:
        if not _writable(session, obj):
            raise ReadOnlyVisitError(getattr(obj, "__tablename__", type(obj).__name__))


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_statement(state: ORMExecuteState) -> None:
    """Bulk INSERT/UPDATE/DELETE statements bypass the flush: refused outright."""
    if "forbid_writes" in state.session.info and (
        state.is_insert or state.is_update or state.is_delete
    ):
        raise ReadOnlyVisitError(
            getattr(getattr(state.statement, "table", None), "name", "statement")
        )
