"""Shared state of every admin table: the page shown, search, filters, sort, column chooser and
row selection. A table's state is `class X(AdminTableState, AdminSessionState)` (a state whose
bases are all mixins would be a mixin too) and names its `TableSpec` in `_spec`; the engine is
services/admin/tables.py."""

from urllib.parse import urlencode

import reflex as rx

from tochka_app import routes
from tochka_app.i18n import format_number, gettext_
from tochka_app.services.admin import tables
from tochka_app.services.admin.tables import TableQuery, TableSpec
from tochka_app.state.admin_session import AdminSessionState

PAGE_SIZE = 50


class AdminTableState(AdminSessionState, mixin=True):
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

    def _query(self, after) -> TableQuery:
        spec = self._spec()
        return TableQuery(
            search=self.search,
            filters=dict(self.filter_values),
            sort=self.sort or spec.default_sort,
            desc=self.desc,
            after=after,
            limit=PAGE_SIZE,
        )

    def _reload(self, session) -> None:
        """The page of rows the cursors point at (on load, after a search, a page turn or a
        bulk action): `_admin_load` / `_admin_run` call it once the admin is re-checked."""
        after = self._cursors[-1] if self._cursors else None
        page = tables.page(session, self._spec(), self._query(after), self.lang, self._tz())
        self.rows, self._next, self.has_next = (
            page.rows,
            page.next_after,
            page.next_after is not None,
        )
        number = format_number(page.total, self.lang)
        self.total_label = gettext_(
            self.lang,
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
        return self._admin_load()

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
        return self._admin_load()

    @rx.event
    def prev_page(self):
        if len(self._cursors) > 1:
            self._cursors = self._cursors[:-1]
            self.page_number -= 1
        return self._admin_load()

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
        spec = self._spec()
        if spec is None:
            return ""
        params = {
            "search": self.search,
            "sort": self.sort,
            "desc": "1" if self.desc else "0",
            "lang": self.locale,
            "tz": self.browser_zone,
            **{f"f_{k}": v for k, v in self.filter_values.items()},
        }
        return f"{routes.ADMIN_EXPORT.format(name=spec.name)}?{urlencode(params)}"
