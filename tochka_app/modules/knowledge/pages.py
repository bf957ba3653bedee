"""UI of the knowledge base: a searchable paged table with add/edit/delete, the import card
(import_view.py) and CSV export. The state is in state.py."""

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.backend import backend_url
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import dialog_actions, field_error, form_error
from tochka_app.components.search import search_input
from tochka_app.components.table import actions_cell, actions_header, table
from tochka_app.modules.knowledge.export_api import EXPORT_PATH
from tochka_app.modules.knowledge.import_view import import_card
from tochka_app.modules.knowledge.service import ROUTE, KnowledgePermission
from tochka_app.modules.knowledge.state import KnowledgeState
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import can

T = I18nState.t
CAN_EDIT = can(KnowledgePermission.edit)  # a read-only workspace sees the rows, not the buttons


def item_dialog() -> rx.Component:
    S = KnowledgeState

    def text_field(name: str, **props):
        return rx.vstack(
            rx.text(T[f"kb.field.{name}"], size="2", as_="label", html_for=f"kb-{name}"),
            rx.input(
                name=name,
                id=f"kb-{name}",
                default_value=S.form.get(name, ""),
                width="100%",
                **props,
            ),
            field_error(S.field_errors, name),
            spacing="1",
            width="100%",
        )

    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(S.editing_id != "", T["kb.edit_item"], T["kb.new_item"])),
            rx.form(
                rx.vstack(
                    text_field("name", max_length=300),
                    rx.flex(
                        rx.box(text_field("sku", max_length=64), flex="1", min_width="140px"),
                        rx.box(text_field("category", max_length=200), flex="1", min_width="140px"),
                        spacing="3",
                        wrap="wrap",
                        width="100%",
                    ),
                    rx.flex(
                        rx.box(
                            text_field("price", placeholder="1 990,00"), flex="1", min_width="120px"
                        ),
                        rx.box(
                            text_field("quantity", input_mode="numeric"),
                            flex="1",
                            min_width="120px",
                        ),
                        spacing="3",
                        wrap="wrap",
                        width="100%",
                    ),
                    rx.text(T["kb.field.description"], size="2"),
                    rx.text_area(
                        name="description",
                        id="kb-description",
                        rows="4",
                        width="100%",
                        default_value=S.form.get("description", ""),
                        max_length=5000,
                    ),
                    field_error(S.field_errors, "description"),
                    form_error(S, "_", id="kb-form-error"),
                    dialog_actions(T["kb.save"], "kb-save"),
                    spacing="2",
                    width="100%",
                ),
                on_submit=S.save_item,
                reset_on_submit=False,
                key=S.form_key.to_string(),
            ),
            max_width="560px",
        ),
        open=S.form_open,
        on_open_change=S.close_form,
    )


def items_table() -> rx.Component:
    S = KnowledgeState
    return rx.vstack(
        rx.hstack(
            search_input(
                S.query,
                S.search,
                placeholder=T["kb.search"],
                id="kb-search",
                max_length=200,
                flex="1",
                min_width="200px",
            ),
            rx.cond(CAN_EDIT, rx.button(T["kb.new_item"], on_click=S.new_item, id="kb-new")),
            # The browser fetches the streamed file itself (with the session cookie).
            rx.button(
                T["kb.export"],
                variant="soft",
                type="button",
                id="kb-export",
                on_click=rx.download(url=backend_url(EXPORT_PATH), filename="knowledge.csv"),
            ),
            spacing="2",
            width="100%",
            wrap="wrap",
        ),
        rx.text(T["kb.total"], " ", S.total, size="2", color=rx.color("gray", 11), id="kb-total"),
        rx.cond(
            S.rows.length() == 0,
            rx.text(T["kb.empty"], color=rx.color("gray", 11), id="kb-empty"),
            table(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(T[f"kb.field.{f}"])
                            for f in ("name", "sku", "category", "price", "quantity")
                        ],
                        actions_header(),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        S.rows,
                        lambda r: rx.table.row(
                            rx.table.cell(r.name),
                            rx.table.cell(r.sku),
                            rx.table.cell(r.category),
                            rx.table.cell(r.price),
                            rx.table.cell(r.quantity),
                            actions_cell(
                                rx.cond(
                                    CAN_EDIT,
                                    rx.fragment(
                                        rx.button(
                                            T["kb.edit"],
                                            size="1",
                                            variant="soft",
                                            on_click=S.edit_item(r.id),
                                            class_name="kb-edit",
                                        ),
                                        confirm_button(
                                            T["kb.delete"], T["kb.delete_q"], S.delete_item(r.id)
                                        ),
                                    ),
                                )
                            ),
                            class_name="kb-row",
                            data_sku=r.sku,
                        ),
                    )
                ),
                id="kb-table",
            ),
        ),
        rx.hstack(
            rx.button(
                T["audit.newer"],
                variant="soft",
                on_click=S.newer,
                id="kb-newer",
                disabled=S.cursors.length() <= 1,
            ),
            rx.button(
                T["audit.older"],
                variant="soft",
                on_click=S.older,
                id="kb-older",
                disabled=S.next_before == 0,
            ),
            spacing="2",
        ),
        spacing="3",
        width="100%",
    )


@app_page(ROUTE, title="title.knowledge", on_load=KnowledgeState.load)
def knowledge_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["kb.heading"], size="7"),
        rx.cond(CAN_EDIT, import_card()),
        items_table(),
        item_dialog(),
        spacing="4",
        width="100%",
    )
