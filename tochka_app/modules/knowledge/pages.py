"""UI of the knowledge base: a searchable paged table with add/edit/delete, CSV/XLSX import with
a dry-run preview and column mapping, and CSV export."""

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import field_error
from tochka_app.components.search import search_input
from tochka_app.components.table import actions_cell, actions_header, table
from tochka_app.i18n import format_money, gettext_
from tochka_app.modules.knowledge import importer, service
from tochka_app.modules.knowledge.export_api import EXPORT_PATH
from tochka_app.services import marketplace
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState

CODE = "knowledge"
ROUTE = "/app/m/knowledge"
T = I18nState.t
PREVIEW_ROWS = 10
SHOWN_ERRORS = 100


class KnowledgeState(ModuleState):
    rows: list[dict[str, str]] = []
    total: int = 0
    query: str = ""
    cursors: list[int] = []
    next_before: int = 0
    # The item form.
    editing_id: str = ""
    form: dict[str, str] = {}
    errors: dict[str, str] = {}
    form_key: int = 0
    form_open: bool = False
    # The import being prepared. The parsed file stays on the server (backend-only vars).
    _import_rows: list[list[str]] = []
    import_file: str = ""
    import_headers: list[str] = []
    import_mapping: list[str] = []
    preview: list[list[str]] = []
    import_errors: list[dict[str, str]] = []
    import_error_count: int = 0
    import_valid: int = 0
    import_progress: int = 0
    importing: bool = False
    import_message: str = ""

    def _page(self, session, actor, before_id: int, recount: bool = True) -> None:
        size = int(marketplace.settings_of(session, actor.tenant_id, CODE).get("page_size", 25))
        page = service.search(session, actor.tenant_id, self.query, before_id or None, size)
        if recount:  # the total changes only with the rows, not with the search or the page
            self.total = service.count(session, actor.tenant_id)
        self.rows = [{"id": str(r.id), "name": r.name, "sku": r.sku or "", "category": r.category,
                      "price": "" if r.price_kopecks is None else format_money(r.price_kopecks,
                                                                               self.lang),
                      "quantity": "" if r.quantity is None else str(r.quantity)}
                     for r in page.items]
        self.next_before = page.next_before_id or 0

    def _show(self, before_id: int, recount: bool = True):
        with db.session_scope() as session:
            actor = self._module_actor(session, CODE)
            if actor is None:
                return rx.redirect(routes.MARKETPLACE_APP)
            self._page(session, actor, before_id, recount)
        return None

    @rx.event
    def load(self):
        self.cursors, self.query = [0], ""
        self._reset_import()
        return self._show(0)

    @rx.event
    def search(self, query: str):
        self.query, self.cursors = query[:200], [0]
        return self._show(0, recount=False)

    @rx.event
    def older(self):
        if self.next_before:
            self.cursors = [*self.cursors, self.next_before]
            return self._show(self.next_before, recount=False)
        return None

    @rx.event
    def newer(self):
        if len(self.cursors) > 1:
            self.cursors = self.cursors[:-1]
        return self._show(self.cursors[-1], recount=False)

    # --- one item ---
    @rx.event
    def new_item(self):
        self.editing_id, self.form, self.errors = "", {}, {}
        self.form_key, self.form_open = self.form_key + 1, True

    @rx.event
    def edit_item(self, item_id: str):
        with db.session_scope() as session:
            actor = self._module_actor(session, CODE)
            if actor is None:
                return rx.redirect(routes.MARKETPLACE_APP)
            row = session.get(service.KnowledgeItem, int(item_id)) if item_id.isdigit() else None
            if row is None or row.tenant_id != actor.tenant_id:
                return None
            self.form = {"name": row.name, "sku": row.sku or "", "category": row.category,
                         "price": "" if row.price_kopecks is None else
                         f"{row.price_kopecks / 100:.2f}",
                         "quantity": "" if row.quantity is None else str(row.quantity),
                         "description": row.description}
        self.editing_id, self.errors = item_id, {}
        self.form_key, self.form_open = self.form_key + 1, True
        return None

    @rx.event
    def close_form(self, open_: bool = False):
        self.form_open = open_

    @rx.event
    def save_item(self, form: dict):
        self.form = {f: str(form.get(f, ""))[:6000] for f in importer.FIELDS}
        with db.session_scope() as session:
            actor = self._module_actor(session, CODE)
            if actor is None:
                return rx.redirect(routes.MARKETPLACE_APP)
            row, errors = service.save_item(
                session, actor, int(self.editing_id) if self.editing_id else None, self.form)
        self.errors = {k: gettext_(self.lang, v) for k, v in errors.items()}
        if errors:
            return None
        self.form_open = False
        self._show(self.cursors[-1] if self.cursors else 0)
        return rx.toast.success(gettext_(self.lang, "kb.saved"))

    @rx.event
    def delete_item(self, item_id: str):
        with db.session_scope() as session:
            actor = self._module_actor(session, CODE)
            if actor is None:
                return rx.redirect(routes.MARKETPLACE_APP)
            if item_id.isdigit():
                service.delete_item(session, actor, int(item_id))
            self._page(session, actor, self.cursors[-1] if self.cursors else 0)
        return None

    # --- import ---
    def _reset_import(self) -> None:
        self._import_rows, self.import_file, self.import_headers = [], "", []
        self.import_mapping, self.preview, self.import_errors = [], [], []
        self.import_error_count = self.import_valid = self.import_progress = 0
        self.importing, self.import_message = False, ""

    def _validate(self) -> importer.Validated:
        checked = importer.validate(self._import_rows, self.import_mapping)
        names = {f: gettext_(self.lang, f"kb.field.{f}") for f in (*importer.FIELDS, "skip")}
        self.import_valid, self.import_error_count = len(checked.items), len(checked.errors)
        self.import_errors = [{"line": str(e.line), "field": names.get(e.field, e.field),
                               "message": gettext_(self.lang, e.message_id), "value": e.value}
                              for e in checked.errors[:SHOWN_ERRORS]]
        return checked

    @rx.event
    async def upload_file(self, files: list[rx.UploadFile]):
        self._reset_import()
        if not files:
            return None
        data = await files[0].read(importer.MAX_FILE_BYTES + 1)
        name = (files[0].filename or "file.csv")[:200]
        with db.session_scope() as session:
            if self._module_actor(session, CODE) is None:
                return rx.redirect(routes.MARKETPLACE_APP)
        try:
            headers, rows = importer.read_table(data, name)
        except importer.ImportFileError as exc:
            return rx.toast.error(gettext_(self.lang, str(exc)))
        self._import_rows, self.import_file = rows, name
        self.import_headers = [h or f"#{i + 1}" for i, h in enumerate(headers)]
        self.import_mapping = importer.guess_mapping(headers)
        self.preview = [r[:len(headers)] for r in rows[:PREVIEW_ROWS]]
        self._validate()
        return None

    @rx.event
    def set_mapping(self, column: int, target: str):
        if 0 <= column < len(self.import_mapping) and target in (*importer.FIELDS, "skip"):
            mapping = list(self.import_mapping)
            mapping[column] = target
            self.import_mapping = mapping
            self._validate()

    @rx.event
    def cancel_import(self):
        self._reset_import()

    @rx.event
    def run_import(self):
        checked = self._validate()
        if checked.errors or not checked.items:
            return rx.toast.error(gettext_(self.lang, "kb.fix_errors_first"))
        self.importing, self.import_progress = True, 0
        yield
        with db.session_scope() as session:
            actor = self._module_actor(session, CODE)
            if actor is None:
                self.importing = False
                yield rx.redirect(routes.MARKETPLACE_APP)
                return
            # One transaction; the progress bar moves after every written chunk.
            steps = service.import_steps(session, actor, checked)
            while True:
                try:
                    self.import_progress = next(steps)
                except StopIteration as finished:
                    result = finished.value
                    break
                yield
        self.importing = False
        if result.error:
            self.import_message = gettext_(self.lang, result.error)
            yield rx.toast.error(self.import_message)
            return
        self._reset_import()
        self.cursors = [0]
        self._show(0)
        yield rx.toast.success(gettext_(self.lang, "kb.imported", created=result.created,
                                        updated=result.updated))


FIELD_OPTIONS = (*importer.FIELDS, importer.SKIP)


def item_dialog() -> rx.Component:
    S = KnowledgeState

    def text_field(name: str, **props):
        return rx.vstack(rx.text(T[f"kb.field.{name}"], size="2", as_="label", html_for=f"kb-{name}"),
                         rx.input(name=name, id=f"kb-{name}", default_value=S.form.get(name, ""),
                                  width="100%", **props),
                         field_error(S.errors, name), spacing="1", width="100%")

    return rx.dialog.root(rx.dialog.content(
        rx.dialog.title(rx.cond(S.editing_id != "", T["kb.edit_item"], T["kb.new_item"])),
        rx.form(rx.vstack(
            text_field("name", max_length=300),
            rx.flex(rx.box(text_field("sku", max_length=64), flex="1", min_width="140px"),
                    rx.box(text_field("category", max_length=200), flex="1", min_width="140px"),
                    spacing="3", wrap="wrap", width="100%"),
            rx.flex(rx.box(text_field("price", placeholder="1 990,00"), flex="1", min_width="120px"),
                    rx.box(text_field("quantity", input_mode="numeric"), flex="1",
                           min_width="120px"),
                    spacing="3", wrap="wrap", width="100%"),
            rx.text(T["kb.field.description"], size="2"),
            rx.text_area(name="description", id="kb-description", rows="4", width="100%",
                         default_value=S.form.get("description", ""), max_length=5000),
            field_error(S.errors, "description"),
            field_error(S.errors, "_"),
            rx.hstack(rx.dialog.close(rx.button(T["common.cancel"], variant="soft", color_scheme="gray",
                                                type="button")),
                      rx.button(T["kb.save"], type="submit", id="kb-save"), justify="end",
                      width="100%"),
            spacing="2", width="100%"),
            on_submit=S.save_item, reset_on_submit=False, key=S.form_key.to_string()),
        max_width="560px",
    ), open=S.form_open, on_open_change=S.close_form)


def mapping_select(header, index) -> rx.Component:
    S = KnowledgeState
    return rx.vstack(
        rx.text(header, size="1", weight="bold", white_space="nowrap"),
        rx.select.root(
            rx.select.trigger(size="1", class_name="kb-map"),
            rx.select.content(*[rx.select.item(T[f"kb.field.{f}"], value=f) for f in FIELD_OPTIONS]),
            value=S.import_mapping[index], size="1",
            on_change=lambda target: S.set_mapping(index, target)),
        spacing="1")


def import_card() -> rx.Component:
    S = KnowledgeState
    return rx.card(rx.vstack(
        rx.hstack(rx.heading(T["kb.import"], size="4"),
                  rx.upload(rx.button(T["kb.choose_file"], variant="soft", type="button"),
                            id="kb-upload", max_files=1, multiple=False, on_drop=S.upload_file,
                            accept={"text/csv": [".csv"], "text/plain": [".txt"],
                                    "application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet": [".xlsx"]},
                            border="none", padding="0"),
                  justify="between", width="100%", align="center", wrap="wrap"),
        rx.text(T["kb.import_hint"], size="1", color=rx.color("gray", 10)),
        rx.cond(S.import_file != "", rx.vstack(
            rx.text(S.import_file, " · ", T["kb.preview_counts"], " ", S.import_valid, " / ",
                    S.import_error_count, size="2", id="kb-import-summary"),
            table(
                rx.table.header(rx.table.row(rx.foreach(
                    S.import_headers, lambda h, i: rx.table.column_header_cell(mapping_select(h, i))))),
                rx.table.body(rx.foreach(S.preview, lambda row: rx.table.row(
                    rx.foreach(row, lambda cell: rx.table.cell(cell))))),
                id="kb-preview"),
            rx.cond(S.import_error_count > 0, rx.vstack(
                rx.text(T["kb.errors_title"], size="2", weight="bold", color=rx.color("red", 11)),
                rx.foreach(S.import_errors, lambda e: rx.text(
                    T["kb.line"], " ", e["line"], " · ", e["field"], ": ", e["message"],
                    rx.cond(e["value"] != "", " («" + e["value"] + "»)", ""),
                    size="1", class_name="kb-import-error", data_line=e["line"])),
                spacing="1", id="kb-import-errors")),
            rx.cond(S.importing, rx.progress(value=S.import_progress, max=100, width="100%",
                                             id="kb-import-progress")),
            rx.cond(S.import_message != "", rx.text(S.import_message, size="2",
                                                    color=rx.color("red", 11))),
            rx.hstack(
                rx.button(T["kb.run_import"], " (", S.import_valid, ")", id="kb-run-import",
                          on_click=S.run_import,
                          disabled=(S.import_error_count > 0) | (S.import_valid == 0) | S.importing),
                rx.button(T["common.cancel"], variant="soft", color_scheme="gray",
                          on_click=S.cancel_import),
                spacing="2"),
            spacing="3", width="100%")),
        spacing="3", width="100%"), width="100%")


def items_table() -> rx.Component:
    S = KnowledgeState
    return rx.vstack(
        rx.hstack(
            search_input(S.query, S.search, placeholder=T["kb.search"], id="kb-search",
                         max_length=200, flex="1", min_width="200px"),
            rx.button(T["kb.new_item"], on_click=S.new_item, id="kb-new"),
            # The browser fetches the streamed file itself (with the session cookie).
            rx.button(T["kb.export"], variant="soft", type="button", id="kb-export",
                      on_click=rx.download(url=EXPORT_PATH, filename="knowledge.csv")),
            spacing="2", width="100%", wrap="wrap"),
        rx.text(T["kb.total"], " ", S.total, size="2", color=rx.color("gray", 11), id="kb-total"),
        rx.cond(S.rows.length() == 0,
                rx.text(T["kb.empty"], color=rx.color("gray", 11), id="kb-empty"),
                table(
                    rx.table.header(rx.table.row(*[rx.table.column_header_cell(T[f"kb.field.{f}"])
                                                   for f in ("name", "sku", "category", "price",
                                                             "quantity")],
                                                 actions_header())),
                    rx.table.body(rx.foreach(S.rows, lambda r: rx.table.row(
                        rx.table.cell(r["name"]), rx.table.cell(r["sku"]),
                        rx.table.cell(r["category"]), rx.table.cell(r["price"]),
                        rx.table.cell(r["quantity"]),
                        actions_cell(
                            rx.button(T["kb.edit"], size="1", variant="soft",
                                      on_click=S.edit_item(r["id"]), class_name="kb-edit"),
                            confirm_button(T["kb.delete"], T["kb.delete_q"], S.delete_item(r["id"]))),
                        class_name="kb-row", data_sku=r["sku"]))),
                    id="kb-table")),
        rx.hstack(rx.button(T["audit.newer"], variant="soft", on_click=S.newer, id="kb-newer",
                            disabled=S.cursors.length() <= 1),
                  rx.button(T["audit.older"], variant="soft", on_click=S.older, id="kb-older",
                            disabled=S.next_before == 0), spacing="2"),
        spacing="3", width="100%")


@app_page(ROUTE, title="База знаний — Точка Роста", on_load=KnowledgeState.load)
def knowledge_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["kb.heading"], size="7"),
        import_card(),
        items_table(),
        item_dialog(),
        spacing="4", width="100%")
