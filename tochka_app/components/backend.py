"""Links to the backend's own HTTP endpoints (CSV exports, receipts) from the browser.

In development Reflex serves pages on one port and the backend on another, so a relative
`/api/...` link would reach the page server and come back as the app's HTML. Reflex's
`getBackendURL` knows the backend's address in both modes (and swaps in the page's host name, so
tenant domains and proxies keep working); the export endpoints read the session cookie, which
the browser sends to the same host whatever the port.
"""

import reflex as rx
from reflex.vars.base import Var, VarData
from reflex_base.constants import Dirs

_BACKEND_ORIGIN_DATA = VarData(
    imports={
        f"$/{Dirs.STATE_PATH}": "getBackendURL",
        "$/env.json": rx.ImportVar(tag="env", is_default=True),
    }
)


def backend_url(path: str | Var[str]) -> Var[str]:
    """The absolute URL of a backend path such as `/api/admin/export/users.csv?...`."""
    path_var = Var.create(path)
    return Var(
        _js_expr=f"new URL({path_var}, getBackendURL(env.PING)).href",
        _var_data=VarData.merge(path_var._get_all_var_data(), _BACKEND_ORIGIN_DATA),
    ).to(str)
