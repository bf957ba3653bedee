"""Shared state of every server-side table (admin lists, a module's back office): the page shown,
search, filters, sort, column chooser and row selection. The engine is services/admin/tables.py.

A table's state names its `TableSpec` in `_spec` and mixes in one of the two guards:
`AdminTableState` (state/admin_table.py, super admins) or `ModuleTableState` (below, members of
the workspace that has the module, rows of that tenant only)."""

from urllib.parse import urlencode

import reflex as rx
from sqlmodel import Session

from tochka_app.i18n import format_number, gettext_
from tochka_app.services.access import Actor
from tochka_app.services.admin import tables
from tochka_app.services.admin.tables import TableQuery, TableSpec
from tochka_app.state.module import ModuleState

PAGE_SIZE = 50


class TableState(rx.State, mixin=True):
    rows: list[dict[str, str]] = []
    search: str = ""
    filter_values: dict[str, str] = {}
    sort: str = ""
    desc: bool = True
    page_number: int = 1
    has_next: bool = False
    total_label: str = ""
    hidden_columns: list[str] = []
    selected: list[str] = []
    table_loaded: bool = False
    # Keyset cursors of the pages shown so far (server only; values may be datetimes).
    _cursors: list = []
    _next: tuple | None = None

    def _spec(self) -> TableSpec:
        raise NotImplementedError  # each table's state names its spec

    def _refresh(self):
        """Re-check the caller through the guard and refill the page (which calls `_fill_table`)."""
        raise NotImplementedError

    def _export_path(self) -> str:
        """The CSV endpoint of this table (query parameters are added)."""
        raise NotImplementedError

    def _query(self, after, tenant_id: int | None) -> TableQuery:
        spec = self._spec()
        return TableQuery(
            search=self.search,
            filters=dict(self.filter_values),
            sort=self.sort or spec.default_sort,
            desc=self.desc,
            after=after,
            limit=PAGE_SIZE,
            tenant_id=tenant_id,
        )

    def _fill_table(self, session: Session, tz: str, tenant_id: int | None = None) -> None:
        """The page of rows the cursors point at (on load, after a search, a page turn or a
        bulk action), once the guard has re-checked the caller."""
        after = self._cursors[-1] if self._cursors else None
        lang = str(getattr(self, "lang", "ru"))
        page = tables.page(session, self._spec(), self._query(after, tenant_id), lang, tz)
        self.rows, self._next, self.has_next = (
            page.rows,
            page.next_after,
            page.next_after is not None,
        )
        number = format_number(page.total, lang)
        self.total_label = gettext_(
            lang,
            "admin.total_estimate"
            if page.total_is_estimate
            else "admin.total_capped"
            if page.total_is_capped
            else "admin.total",
            n=number,
        )
        self.selected, self.table_loaded = [], True

    def _first_page(self):
        self._cursors, self.page_number = [None], 1
        return self._refresh()

    @rx.event
    def load_table(self):
        spec = self._spec()
        if not self.sort:
            self.sort, self.desc = spec.default_sort, spec.default_desc
        return self._first_page()

    @rx.event
    def set_search(self, text: str):
        self.search = text[:100]
        return self._first_page()

    @rx.event
    def set_filter(self, name: str, value: str):
        if name in self._spec().filters:
            self.filter_values = {**self.filter_values, name: value[:32]}
        return self._first_page()

    @rx.event
    def sort_by(self, key: str):
        if not any(c.key == key and c.sort is not None for c in self._spec().columns):
            return None
        self.desc = not self.desc if self.sort == key else False
        self.sort = key
        return self._first_page()

    @rx.event
    def next_page(self):
        if self._next is None:
            return None
        self._cursors = [*self._cursors, self._next]
        self.page_number += 1
        return self._refresh()

    @rx.event
    def prev_page(self):
        if len(self._cursors) > 1:
            self._cursors = self._cursors[:-1]
            self.page_number -= 1
        return self._refresh()

    @rx.event
    def toggle_column(self, key: str):
        self.hidden_columns = (
            [c for c in self.hidden_columns if c != key]
            if key in self.hidden_columns
            else [*self.hidden_columns, key[:32]]
        )

    @rx.event
    def toggle_row(self, row_id: str):
        self.selected = (
            [r for r in self.selected if r != row_id]
            if row_id in self.selected
            else [*self.selected, row_id[:20]]
        )

    @rx.event
    def toggle_all(self):
        ids = [r["id"] for r in self.rows]
        self.selected = [] if set(ids) <= set(self.selected) else ids

    @rx.var
    def export_url(self) -> str:
        """The CSV of exactly what the table shows (all pages), streamed by the backend."""
        params = {
            "search": self.search,
            "sort": self.sort,
            "desc": "1" if self.desc else "0",
            "lang": str(getattr(self, "locale", "ru")),
            "tz": str(getattr(self, "browser_zone", "")),
            **{f"f_{k}": v for k, v in self.filter_values.items()},
        }
        return f"{self._export_path()}?{urlencode(params)}"

    @rx.var
    def export_xlsx_url(self) -> str:
        """The same rows as an XLSX workbook."""
        path, _, query = self.export_url.partition("?")
        return f"{path.removesuffix('.csv')}.xlsx?{query}"


class ModuleTableState(TableState, ModuleState, mixin=True):
    # A table page is `class X(ModuleTableState, ModuleState)`: a state whose bases are all
    # mixins would be a mixin too.
    """A table in a module's back office: the workspace guard (session, membership, role, module
    enabled) runs on every page turn, and the engine only sees the member's tenant's rows."""

    def _table_permission(self) -> str:
        raise NotImplementedError  # the permission that shows the table

    def _refresh(self):
        return self._load_page(self._table_permission())

    def _reload(self, session: Session, actor: Actor) -> None:
        self._fill_table(session, self._zone(session, actor.tenant_id), actor.tenant_id)
