"""The admin panel's tables: `class X(AdminTableState, AdminSessionState)` (a state whose bases
are all mixins would be a mixin too) names its `TableSpec` in `_spec`; the table itself is
state/table.py, the engine services/admin/tables.py."""

from sqlmodel import Session

from tochka_app import routes
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.table import TableState


class AdminTableState(TableState, AdminSessionState, mixin=True):
    def _refresh(self):
        return self._admin_load()

    def _reload(self, session: Session) -> None:
        """`_admin_load` / `_admin_run` call it once the admin is re-checked."""
        self._fill_table(session, self._tz())

    def _export_path(self) -> str:
        return routes.ADMIN_EXPORT.format(name=self._spec().name)
