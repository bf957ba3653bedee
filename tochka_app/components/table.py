"""The one table every page uses: Radix's table that, when wider than the screen, scrolls sideways
inside itself (never the page) with a visible scrollbar and a shadow at the edge that has more
columns; on a phone the row actions stay pinned at the right edge, so they are always reachable.

    table(rx.table.header(...), rx.table.body(rx.foreach(rows, lambda r: rx.table.row(
        rx.table.cell(...), ..., actions_cell(edit_button, delete_button)))))

Radix renders `.rt-TableRoot > .rt-ScrollAreaRoot > .rt-ScrollAreaViewport > table`: the viewport
is the scroller; Radix hides its native scrollbar and shows its own only on hover (never on
touch), which is why wide tables looked cut off. The styles below give the viewport a native
thin scrollbar and "scroll shadows": covers in the surface colour scroll with the content
(`background-attachment: local`) and hide the shadows (fixed to the edges) at either end.
"""

import reflex as rx

PHONE = "@media (max-width: 767px)"
COVER = "var(--tr-table-cover)"
EDGE_SHADOW = "var(--gray-a8)"  # dark enough on light, light enough on dark

TABLE_STYLE = {
    "--tr-table-cover": "var(--color-background)",
    ".rt-Card &": {"--tr-table-cover": "var(--color-panel-solid)"},
    "max_width": "100%",
    "& .rt-ScrollAreaViewport": {
        "scrollbar_width": "thin !important",
        "scrollbar_color": "var(--gray-a8) transparent",
        "background": (
            f"linear-gradient(to right, {COVER} 30%, transparent) left center / 40px 100% "
            "no-repeat local, "
            f"linear-gradient(to left, {COVER} 30%, transparent) right center / 40px 100% "
            "no-repeat local, "
            f"radial-gradient(farthest-side at 0 50%, {EDGE_SHADOW}, transparent) left center / "
            "16px 100% no-repeat scroll, "
            f"radial-gradient(farthest-side at 100% 50%, {EDGE_SHADOW}, transparent) right "
            "center / 16px 100% no-repeat scroll"
        ),
        "padding_bottom": "4px",  # room for the scrollbar under the last row
    },
    "& .rt-TableCell, & .rt-TableColumnHeaderCell, & .rt-TableRowHeaderCell": {
        "white_space": "nowrap",
    },
    "& .tr-wrap": {"white_space": "normal", "min_width": "180px"},
    PHONE: {
        "& .tr-actions": {
            "position": "sticky",
            "right": "0",
            "z_index": "1",
            "background": COVER,
            # Radix draws the row line as the cells' box-shadow: keep it, add the edge shadow.
            "box_shadow": f"var(--table-row-box-shadow), -10px 0 10px -6px {EDGE_SHADOW}",
            "max_width": "45vw",
            "white_space": "normal",  # many buttons wrap, not widen
        },
    },
}


def table(*children, class_name: str = "", **props) -> rx.Component:
    """`rx.table.root` with the behaviour above; props go to the root (size, variant...)."""
    return rx.table.root(
        *children,
        class_name=f"tr-table {class_name}".strip(),
        style=TABLE_STYLE,
        **{"width": "100%", "size": "1", **props},
    )


def actions_cell(*children, **props) -> rx.Component:
    """The cell with a row's buttons: pinned at the right edge on a phone."""
    return rx.table.cell(
        rx.flex(*children, spacing="2", align="center", wrap="wrap"),
        class_name="tr-actions",
        **props,
    )


def actions_header(label="", **props) -> rx.Component:
    return rx.table.column_header_cell(label, class_name="tr-actions", **props)


def wrap_cell(*children, **props) -> rx.Component:
    """A cell of long free text that may wrap (descriptions, details) instead of widening."""
    return rx.table.cell(*children, class_name="tr-wrap", **props)
