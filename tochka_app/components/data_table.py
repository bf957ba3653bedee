"""The server-side table UI over a `TableState` (admin lists, module back offices): search,
column chooser, row selection with bulk actions, keyset paging, CSV export, empty and loading
states."""

import reflex as rx

from tochka_app.components.backend import backend_url
from tochka_app.components.search import search_input
from tochka_app.components.table import table
from tochka_app.services.admin.tables import TableSpec
from tochka_app.state.i18n import I18nState

T = I18nState.t


def _header(S, column) -> rx.Component:  # noqa: N803  S: the state class, as N806 allows in pages
    label = rx.text(T[column.label], size="2", weight="bold", white_space="nowrap")
    if column.sort is None:
        return rx.table.column_header_cell(label)
    arrow = rx.cond(S.sort == column.key, rx.cond(S.desc, " ↓", " ↑"), "")
    return rx.table.column_header_cell(
        rx.button(
            label,
            arrow,
            variant="ghost",
            size="1",
            on_click=S.sort_by(column.key),
            class_name="sort-header",
            data_key=column.key,
        )
    )


def data_table(
    S,  # noqa: N803  S: the state class, as in pages
    spec: TableSpec,
    *,
    filters: dict[str, list[tuple[str, str]]] | None = None,
    bulk: list[tuple[str, object]] | None = None,
    cell_class: dict[str, str] | None = None,
) -> rx.Component:
    """`filters`: name -> [(value, label key)]; `bulk`: [(label key, handler taking no args)].
    Rows link through their first column to `spec.link(id)` when the spec has one."""
    columns = spec.columns
    first = columns[0].key

    def cell(row, column):
        value = row[column.key]
        content = (
            rx.link(value, href=spec.link(row["id"]))
            if spec.link is not None and column.key == first
            else rx.text(value, size="2", white_space="pre-line")
        )
        return rx.cond(
            S.hidden_columns.contains(column.key),
            rx.fragment(),
            rx.table.cell(content, data_col=column.key),
        )

    filter_controls = [
        rx.select.root(
            rx.select.trigger(placeholder=T[f"admin.filter.{name}"], id=f"filter-{name}"),
            rx.select.content(
                rx.select.item(T["admin.filter.all"], value="all"),
                *[rx.select.item(T[label], value=value) for value, label in options],
            ),
            on_change=lambda value, n=name: S.set_filter(n, value),
            default_value="all",
        )
        for name, options in (filters or {}).items()
    ]
    chooser = rx.popover.root(
        rx.popover.trigger(
            rx.button(
                rx.icon("columns-3", size=14),
                T["admin.columns"],
                variant="soft",
                size="2",
                id="column-chooser",
            )
        ),
        rx.popover.content(
            rx.vstack(
                *[
                    rx.checkbox(
                        T[c.label],
                        checked=~S.hidden_columns.contains(c.key),
                        on_change=lambda _v, k=c.key: S.toggle_column(k),
                        class_name="column-toggle",
                        data_key=c.key,
                    )
                    for c in columns
                ],
                spacing="2",
            )
        ),
    )
    toolbar = rx.flex(
        search_input(
            S.search,
            S.set_search,
            rx.input.slot(rx.icon("search", size=14)),
            placeholder=T["admin.search"],
            max_length=100,
            id="table-search",
            min_width="220px",
            flex="1",
        ),
        *filter_controls,
        chooser,
        rx.button(
            rx.icon("download", size=14),
            T["admin.export"],
            variant="soft",
            size="2",
            on_click=rx.download(url=backend_url(S.export_url)),
            id="table-export",
        ),
        rx.button(
            rx.icon("sheet", size=14),
            "XLSX",
            variant="soft",
            size="2",
            on_click=rx.download(url=backend_url(S.export_xlsx_url)),
            id="table-export-xlsx",
        ),
        spacing="2",
        wrap="wrap",
        width="100%",
        align="center",
    )
    bulk_bar = rx.cond(
        S.selected.length() > 0,
        rx.hstack(
            rx.text(T["admin.selected"], " ", S.selected.length(), size="2"),
            *[
                rx.button(
                    T[label], size="1", variant="soft", on_click=handler, class_name="bulk-action"
                )
                for label, handler in (bulk or [])
            ],
            spacing="2",
            align="center",
            id="bulk-bar",
        ),
    )
    rows_table = table(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(
                    rx.checkbox(on_change=lambda _v: S.toggle_all(), id="select-all")
                ),
                *[
                    rx.cond(S.hidden_columns.contains(c.key), rx.fragment(), _header(S, c))
                    for c in columns
                ],
            )
        ),
        rx.table.body(
            rx.foreach(
                S.rows,
                lambda row: rx.table.row(
                    rx.table.cell(
                        rx.checkbox(
                            checked=S.selected.contains(row["id"]),
                            on_change=lambda _v: S.toggle_row(row["id"]),
                            class_name="row-select",
                        )
                    ),
                    *[cell(row, c) for c in columns],
                    class_name="table-row",
                    data_id=row["id"],
                ),
            )
        ),
        id="data-table",
    )
    return rx.vstack(
        toolbar,
        bulk_bar,
        rx.cond(
            ~S.table_loaded,
            rx.center(rx.spinner(size="3"), padding="48px", width="100%"),
            rx.cond(
                S.rows.length() == 0,
                rx.center(
                    rx.text(T["admin.empty"], color=rx.color("gray", 11)),
                    padding="48px",
                    width="100%",
                    id="table-empty",
                ),
                rows_table,
            ),
        ),
        rx.hstack(
            rx.text(S.total_label, size="2", color=rx.color("gray", 11), id="table-total"),
            rx.spacer(),
            rx.button(
                "←",
                variant="soft",
                size="2",
                on_click=S.prev_page,
                id="page-prev",
                disabled=S.page_number <= 1,
            ),
            rx.text(T["admin.page"], " ", S.page_number, size="2", id="page-number"),
            rx.button(
                "→",
                variant="soft",
                size="2",
                on_click=S.next_page,
                id="page-next",
                disabled=~S.has_next,
            ),
            width="100%",
            align="center",
            spacing="2",
        ),
        spacing="3",
        width="100%",
    )
