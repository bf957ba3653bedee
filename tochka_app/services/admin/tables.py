"""One server-side table engine for every admin list: search, filters, sort, keyset paging.

Pages are fetched by keyset — `(sort value, id) > cursor` — so page 1 and page 20 000 cost the same.
Totals are never a full `COUNT(*)` on each page turn: an unfiltered table uses PostgreSQL's row
estimate, a filtered one counts up to a cap ("10 000+").
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

COUNT_CAP = 10_000
MAX_PAGE = 200


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # i18n id
    sort: Any = None  # SQL expression to order by (non-null), or None: not sortable


@dataclass(frozen=True)
class TableSpec:
    name: str
    table: str  # main table, for the row estimate
    columns: tuple[Column, ...]
    id_column: Any
    select: Callable[[], Any]  # -> Select with id_column and whatever `row` needs
    # (result row, locale, viewer's time zone or None for UTC) -> values by column key
    row: Callable[[Any, str, str | None], dict[str, str]]
    search: Callable[[str], Any] | None = None  # text -> where clause
    # name -> {value: clause}, or name -> a function of the value (a clause, or None: ignored) for
    # filters whose values come from the data (a shop's categories)
    filters: dict[str, Any] = field(default_factory=dict)
    default_sort: str = ""
    default_desc: bool = True
    # id -> the page of one row (a routes builder: `routes.admin_user`); rows link to it through
    # their first column. None: rows are not links.
    link: Callable[[Any], Any] | None = None
    # A tenant's table (a module's back office): the column every row is filtered on. The engine
    # refuses to run such a spec without a tenant, so no caller can forget the filter.
    tenant_column: Any = None


@dataclass
class TableQuery:
    search: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = ""
    desc: bool = True
    after: tuple | None = None  # (sort value, id) of the last row shown
    limit: int = 50
    tenant_id: int | None = None  # required by (and only used for) tenant tables


@dataclass
class TablePage:
    rows: list[dict[str, str]]
    next_after: tuple | None
    total: int
    total_is_estimate: bool
    total_is_capped: bool


def _clause(spec: TableSpec, name: str, value: str):
    options = spec.filters.get(name)
    if options is None:
        return None
    return options(value) if callable(options) else options.get(value)


def _filtered(spec: TableSpec, query: TableQuery):
    stmt = spec.select()
    if spec.tenant_column is not None:
        if query.tenant_id is None:
            raise ValueError(f"table {spec.name!r} lists one tenant's rows: give its tenant_id")
        stmt = stmt.where(spec.tenant_column == query.tenant_id)
    text = query.search.strip()[:100]
    if text and spec.search is not None:
        stmt = stmt.where(spec.search(text))
    for name, value in query.filters.items():
        clause = _clause(spec, name, value)
        if clause is not None:
            stmt = stmt.where(clause)
    return stmt


def _sort_column(spec: TableSpec, key: str) -> Column:
    by_key = {c.key: c for c in spec.columns if c.sort is not None}
    return by_key.get(key) or by_key[spec.default_sort]


def filtered_query(spec: TableSpec, query: TableQuery):
    """The search + filter part, ordered, without paging (exports stream this)."""
    column = _sort_column(spec, query.sort)
    order = (
        (column.sort.desc(), spec.id_column.desc())
        if query.desc
        else (column.sort.asc(), spec.id_column.asc())
    )
    return _filtered(spec, query).order_by(*order), column


def page(
    session: Session, spec: TableSpec, query: TableQuery, locale: str = "ru", tz: str | None = None
) -> TablePage:
    stmt, column = filtered_query(spec, query)
    if query.after is not None:
        key = sa.tuple_(column.sort, spec.id_column)
        cursor = sa.tuple_(sa.literal(query.after[0]), sa.literal(query.after[1]))
        stmt = stmt.where(key < cursor if query.desc else key > cursor)
    limit = max(1, min(query.limit, MAX_PAGE))
    rows = list(session.exec(stmt.add_columns(column.sort.label("_sort_value")).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    next_after = None
    if more:
        last = rows[-1]
        next_after = (last._sort_value, last._mapping[spec.id_column.key])
    total, estimate, capped = count(session, spec, query)
    return TablePage([spec.row(r, locale, tz) for r in rows], next_after, total, estimate, capped)


def count(session: Session, spec: TableSpec, query: TableQuery) -> tuple[int, bool, bool]:
    """(total, is an estimate, is capped). Unfiltered PostgreSQL tables: the planner's estimate."""
    unfiltered = not query.search.strip() and not any(
        _clause(spec, n, v) is not None for n, v in query.filters.items()
    )
    # A tenant's share of the table is not what the planner estimates for the whole of it.
    unfiltered = unfiltered and spec.tenant_column is None
    if unfiltered and session.get_bind().dialect.name == "postgresql":
        estimate = (
            session.connection()
            .execute(
                sa.text("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(:t)"),
                {"t": spec.table},
            )
            .scalar()
        )
        if estimate is not None and estimate > COUNT_CAP:
            return int(estimate), True, False
    capped = _filtered(spec, query).limit(COUNT_CAP + 1).subquery()
    total = (
        session.connection().execute(sa.select(sa.func.count()).select_from(capped)).scalar_one()
    )
    return min(total, COUNT_CAP), False, total > COUNT_CAP
