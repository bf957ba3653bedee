"""The knowledge base's import card: choose a file, map its columns, see the dry run (the first
rows and the rows with errors, bad cells marked), import the valid rows, download the others."""

import reflex as rx

from tochka_app.components.table import table
from tochka_app.modules.knowledge import importer
from tochka_app.modules.knowledge.state import KnowledgeState as S
from tochka_app.state.i18n import I18nState

T = I18nState.t
FIELD_OPTIONS = (*importer.FIELDS, importer.SKIP)
FILE_TYPES = {
    "text/csv": [".csv"],
    "text/plain": [".txt"],
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
}


def mapping_select(header, index) -> rx.Component:
    return rx.vstack(
        rx.text(header, size="1", weight="bold", white_space="nowrap"),
        rx.select.root(
            rx.select.trigger(size="1", class_name="kb-map"),
            rx.select.content(
                *[rx.select.item(T[f"kb.field.{f}"], value=f) for f in FIELD_OPTIONS]
            ),
            value=S.import_mapping[index],
            size="1",
            on_change=lambda target: S.set_mapping(index, target),
        ),
        spacing="1",
    )


def preview_table() -> rx.Component:
    bad_text = rx.color("red", 11)
    return table(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(T["kb.line"]),
                rx.foreach(
                    S.import_headers, lambda h, i: rx.table.column_header_cell(mapping_select(h, i))
                ),
            )
        ),
        rx.table.body(
            rx.foreach(
                S.preview,
                lambda row: rx.table.row(
                    rx.table.cell(row.line, color=rx.cond(row.bad, bad_text, rx.color("gray", 10))),
                    rx.foreach(
                        row.cells,
                        lambda cell: rx.table.cell(
                            cell.value,
                            class_name=rx.cond(cell.bad, "kb-bad-cell", ""),
                            color=rx.cond(cell.bad, bad_text, "inherit"),
                            font_weight=rx.cond(cell.bad, "bold", "normal"),
                        ),
                    ),
                    background=rx.cond(row.bad, rx.color("red", 3), "transparent"),
                    class_name="kb-preview-row",
                    data_line=row.line,
                    data_bad=rx.cond(row.bad, "yes", ""),
                ),
            )
        ),
        id="kb-preview",
    )


def errors_list() -> rx.Component:
    return rx.vstack(
        rx.text(T["kb.errors_title"], size="2", weight="bold", color=rx.color("red", 11)),
        rx.foreach(
            S.import_errors,
            lambda e: rx.text(
                T["kb.line"],
                " ",
                e.line,
                " · ",
                e.field,
                ": ",
                e.message,
                rx.cond(e.value != "", " («" + e.value + "»)", ""),
                size="1",
                class_name="kb-import-error",
                data_line=e.line,
            ),
        ),
        spacing="1",
        id="kb-import-errors",
    )


def download_skipped_button() -> rx.Component:
    return rx.button(
        rx.icon("download", size=14),
        T["kb.download_skipped"],
        variant="soft",
        color_scheme="red",
        type="button",
        on_click=S.download_skipped,
        id="kb-download-skipped",
    )


def import_card() -> rx.Component:
    run_label = rx.cond(S.import_skipped > 0, T["kb.run_valid"], T["kb.run_import"])
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(T["kb.import"], size="4"),
                rx.upload(
                    rx.button(T["kb.choose_file"], variant="soft", type="button"),
                    id="kb-upload",
                    max_files=1,
                    multiple=False,
                    on_drop=S.upload_file,
                    accept=FILE_TYPES,
                    border="none",
                    padding="0",
                ),
                justify="between",
                width="100%",
                align="center",
                wrap="wrap",
            ),
            rx.text(T["kb.import_hint"], size="1", color=rx.color("gray", 10)),
            rx.cond(
                S.import_file != "",
                rx.vstack(
                    rx.text(
                        S.import_file,
                        " · ",
                        T["kb.preview_counts"],
                        " ",
                        S.import_valid,
                        " / ",
                        S.import_skipped,
                        size="2",
                        id="kb-import-summary",
                    ),
                    preview_table(),
                    rx.cond(S.import_error_count > 0, errors_list()),
                    rx.cond(
                        S.importing,
                        rx.progress(
                            value=S.import_progress, max=100, width="100%", id="kb-import-progress"
                        ),
                    ),
                    rx.cond(
                        S.import_message != "",
                        rx.text(S.import_message, size="2", color=rx.color("red", 11)),
                    ),
                    rx.cond(
                        S.skip_note != "",
                        rx.callout(
                            S.skip_note,
                            icon="triangle-alert",
                            color_scheme="amber",
                            size="1",
                            id="kb-skip-note",
                        ),
                    ),
                    rx.flex(
                        rx.button(
                            run_label,
                            " (",
                            S.import_valid,
                            ")",
                            id="kb-run-import",
                            on_click=S.run_import,
                            loading=S.importing,
                            disabled=(S.import_valid == 0) | S.importing,
                        ),
                        rx.cond(S.skipped_ready, download_skipped_button()),
                        rx.button(
                            T["common.cancel"],
                            variant="soft",
                            color_scheme="gray",
                            on_click=S.cancel_import,
                        ),
                        spacing="2",
                        wrap="wrap",
                    ),
                    spacing="3",
                    width="100%",
                ),
                # After an import that left rows out: they stay downloadable until the next file.
                rx.cond(
                    S.skipped_ready,
                    rx.vstack(
                        rx.callout(
                            S.skip_note,
                            icon="triangle-alert",
                            color_scheme="amber",
                            size="1",
                            id="kb-skip-note",
                        ),
                        download_skipped_button(),
                        spacing="2",
                        width="100%",
                    ),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
