"""Icons named by data (module registry, landing features).

Only the icons listed here are bundled: `rx.icon` with a name that is a Var would pull the whole
lucide library into the page (over 1 MB of JavaScript), so a data-driven name is matched against
this fixed set instead, with a neutral fallback.
"""

import reflex as rx

DATA_ICONS = (
    "shopping-cart",
    "file-text",
    "book-open",
    "square-kanban",
    "newspaper",
    "users",
    "chart-line",
    "smartphone",
    "layout-grid",
    "credit-card",
    "globe",
    "shield-check",
    "calendar",
    "message-circle",
    "package",
    "store",
    "truck",
    "megaphone",
    "receipt",
    "folder-tree",
    "ticket-percent",
)
FALLBACK_ICON = "package"


def data_icon(name, **props) -> rx.Component:
    return rx.match(
        name,
        *[(icon, rx.icon(icon, **props)) for icon in DATA_ICONS],
        rx.icon(FALLBACK_ICON, **props),
    )
