"""State of the knowledge base page: the paged, searchable items with their form, and the import
(file parsed on the server, dry-run preview with the bad rows marked, import of the valid rows in
one transaction, the rows with errors downloadable as a CSV to fix)."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db
from tochka_app.i18n import format_money, gettext_, ngettext_
from tochka_app.modules.knowledge import importer, service
from tochka_app.modules.knowledge.service import CODE, KnowledgeError
from tochka_app.modules.knowledge.service import KnowledgePermission as Can
from tochka_app.services import csv_safe, marketplace
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.state.module import ModuleState

PREVIEW_ROWS = 10
PREVIEW_BAD_ROWS = 20
SHOWN_ERRORS = 100
PREVIEW_CELL_CHARS = 200  # what the browser gets of a cell (and of a header); the rest stays here


@dataclass
class ItemRow:
    id: str
    name: str
    sku: str
    category: str
    price: str
    quantity: str


@dataclass
class ImportErrorRow:
    line: str
    field: str
    message: str
    value: str


@dataclass
class PreviewCell:
    value: str
    bad: bool


@dataclass
class PreviewRow:
    line: int
    bad: bool
    cells: list[PreviewCell]


class KnowledgeState(ModuleState):
    rows: list[ItemRow] = []
    total: int = 0
    query: str = ""
    cursors: list[int] = []
    next_before: int = 0
    # The item form (its wrong fields are in `field_errors`).
    editing_id: str = ""
    form: dict[str, str] = {}
    form_key: int = 0
    form_open: bool = False
    # The import being prepared. The parsed file stays on the server (backend-only vars).
    _import_rows: list[list[str]] = []
    import_file: str = ""
    import_headers: list[str] = []
    import_mapping: list[str] = []
    preview: list[PreviewRow] = []  # the first rows and the rows with errors, bad ones marked
    import_errors: list[ImportErrorRow] = []
    import_error_count: int = 0
    import_valid: int = 0
    import_skipped: int = 0  # rows with errors: left out when the user imports the valid ones
    skip_note: str = ""
    import_progress: int = 0
    importing: bool = False
    import_message: str = ""
    # The rows left out of the last import, as a CSV table to fix (server only until downloaded).
    _skipped_table: list[list[str]] = []
    skipped_ready: bool = False

    def _module(self) -> str:
        return CODE

    def _page(self, session, actor, before_id: int, recount: bool = True) -> None:
        size = int(marketplace.settings_of(session, actor.tenant_id, CODE).get("page_size", 25))
        page = service.search(session, actor.tenant_id, self.query, before_id or None, size)
        if recount:  # the total changes only with the rows, not with the search or the page
            self.total = service.count(session, actor.tenant_id)
        self.rows = [
            ItemRow(
                str(r.id),
                r.name,
                r.sku or "",
                r.category,
                "" if r.price_kopecks is None else format_money(r.price_kopecks, self.lang),
                "" if r.quantity is None else str(r.quantity),
            )
            for r in page.items
        ]
        self.next_before = page.next_before_id or 0

    def _reload(self, session, actor) -> None:
        self._page(session, actor, self.cursors[-1] if self.cursors else 0)

    def _show(self, before_id: int):
        """Another page of the same rows (search, older, newer): no recount."""
        return self._run(
            Can.view,
            lambda session, actor: self._page(session, actor, before_id, recount=False),
            reload=False,
        )

    @rx.event
    def load(self):
        self.cursors, self.query = [0], ""
        self._reset_import()
        return self._load_page(Can.view)

    @rx.event
    def search(self, query: str):
        self.query, self.cursors = query[:200], [0]
        return self._show(0)

    @rx.event
    def older(self):
        if self.next_before:
            self.cursors = [*self.cursors, self.next_before]
            return self._show(self.next_before)
        return None

    @rx.event
    def newer(self):
        if len(self.cursors) > 1:
            self.cursors = self.cursors[:-1]
        return self._show(self.cursors[-1])

    # --- one item ---
    def _open_form(self, item_id: str, values: dict[str, str]) -> None:
        self.editing_id, self.form = item_id, values
        self.form_key, self.form_open = self.form_key + 1, True

    @rx.event
    def new_item(self):
        self._clear_feedback()
        self._open_form("", {})

    @rx.event
    def edit_item(self, item_id: str):
        return self._run(
            Can.edit,
            lambda session, actor: service.item_values(session, actor, parse_id(item_id)),
            reload=False,
            then=lambda values: self._open_form(item_id, values),
        )

    @rx.event
    def close_form(self, open_: bool = False):
        self.form_open = open_

    @rx.event
    def save_item(self, form: dict):
        self.form = values = {f: str(form.get(f, ""))[:6000] for f in importer.FIELDS}
        item_id = self.editing_id
        return self._run(
            Can.edit,
            lambda session, actor: service.save_item(
                session, actor, parse_id(item_id) if item_id else None, values
            ),
            then=self._saved,
        )

    def _saved(self, _row):
        self.form_open = False
        return self._done("kb.saved")

    @rx.event
    def delete_item(self, item_id: str):
        return self._run(
            Can.edit, lambda session, actor: service.delete_item(session, actor, parse_id(item_id))
        )

    # --- import ---
    def _reset_import(self, keep_skipped: bool = False) -> None:
        self._import_rows, self.import_file, self.import_headers = [], "", []
        self.import_mapping, self.preview, self.import_errors = [], [], []
        self.import_error_count = self.import_valid = self.import_skipped = 0
        self.import_progress, self.skip_note = 0, ""
        self.importing, self.import_message = False, ""
        if not keep_skipped:
            self._skipped_table, self.skipped_ready = [], False

    def _field_name(self, name: str) -> str:
        return (
            gettext_(self.lang, f"kb.field.{name}") if name in (*importer.FIELDS, "skip") else name
        )

    def _validate(self) -> importer.Validated:
        checked = importer.validate(self._import_rows, self.import_mapping)
        self.import_valid, self.import_error_count = len(checked.items), len(checked.errors)
        self.import_skipped = checked.skipped
        self.import_errors = [
            ImportErrorRow(
                str(e.line), self._field_name(e.field), gettext_(self.lang, e.message_id), e.value
            )
            for e in checked.errors[:SHOWN_ERRORS]
        ]
        self.skip_note = (
            ngettext_(self.lang, "kb.skip_note", checked.skipped)
            if checked.skipped and checked.items
            else ""
        )
        bad = checked.bad_fields()
        self.preview = preview_rows(self._import_rows, self.import_mapping, bad)
        self._skipped_table = importer.skipped_table(
            self.import_headers,
            self._import_rows,
            checked,
            self._describe,
            gettext_(self.lang, "kb.error_column"),
        )
        self.skipped_ready = checked.skipped > 0
        return checked

    def _describe(self, error: importer.RowError) -> str:
        value = f" («{error.value}»)" if error.value else ""
        return f"{self._field_name(error.field)}: {gettext_(self.lang, error.message_id)}{value}"

    @rx.event
    async def upload_file(self, files: list[rx.UploadFile]):
        self._reset_import()
        if not files:
            return None
        data = await files[0].read(importer.MAX_FILE_BYTES + 1)
        name = (files[0].filename or "file.csv")[:200]
        # The guard first; the file is read after its transaction, holding no connection.
        return self._run(Can.edit, reload=False, then=lambda _: self._read(data, name))

    def _read(self, data: bytes, name: str):
        try:
            headers, rows = importer.read_table(data, name)
        except importer.ImportFileError as refused:
            return self._refuse(refused)
        self._import_rows, self.import_file = rows, name
        self.import_headers = [short(h) or f"#{i + 1}" for i, h in enumerate(headers)]
        self.import_mapping = importer.guess_mapping(headers)
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
        """Import the valid rows in one transaction; rows with errors are left out (and offered
        as a CSV to fix) — the button says so before the user presses it.

        `_run` with a progress bar: the same guard (`_admit`) and one transaction, but the
        handler yields after every written chunk, so it cannot hand `_run` one operation."""
        checked = self._validate()
        self._clear_feedback()
        if not checked.items:
            yield self._refuse(ServiceError(KnowledgeError.fix_errors_first))
            return
        self.importing, self.import_progress = True, 0
        yield
        result, away = None, None
        try:
            with db.session_scope() as session:
                actor, away = self._admit(session, Can.edit)
                if actor is not None:
                    steps = service.import_steps(session, actor, checked, skip_invalid=True)
                    while True:
                        try:
                            self.import_progress = next(steps)
                        except StopIteration as finished:
                            result = finished.value
                            break
                        yield
                    self.cursors = [0]
                    self._reload(session, actor)
        except ServiceError as error:  # refused before anything was written; rolled back
            self.importing = False
            away = self._refuse(error)
            self.import_message = self.action_error
            yield away
            return
        self.importing = False
        if result is None:
            yield away
            return
        self._reset_import(keep_skipped=True)
        if result.skipped:
            self.skip_note = ngettext_(self.lang, "kb.skipped_after", result.skipped)
        key = "kb.imported_skipped" if result.skipped else "kb.imported"
        yield rx.toast.success(
            gettext_(
                self.lang,
                key,
                created=result.created,
                updated=result.updated,
                skipped=result.skipped,
            )
        )

    @rx.event
    def download_skipped(self):
        """The rows with errors as they were in the file plus what is wrong, to fix and import."""
        table = self._skipped_table
        if not table:
            return None
        return self._run(
            Can.view,
            reload=False,
            then=lambda _: rx.download(
                data=csv_safe.to_bytes(table), filename="knowledge-errors.csv", mime_type="text/csv"
            ),
        )


def preview_rows(
    rows: list[list[str]], mapping: list[str], bad: dict[int, set[str]]
) -> list[PreviewRow]:
    """The first PREVIEW_ROWS rows and up to PREVIEW_BAD_ROWS rows with errors, in file order;
    the bad rows and their bad cells marked."""
    width = len(mapping)
    lines = sorted(
        set(range(2, min(len(rows), PREVIEW_ROWS) + 2))
        | set(sorted(line for line in bad if line > 1)[:PREVIEW_BAD_ROWS])
    )
    return [
        PreviewRow(
            line,
            line in bad,
            [
                PreviewCell(short(value), mapping[i] in bad.get(line, ()))
                for i, value in enumerate(rows[line - 2][:width])
            ],
        )
        for line in lines
    ]


def short(text: str) -> str:
    """A cell as the preview shows it: at most PREVIEW_CELL_CHARS, cut with "…"."""
    return text if len(text) <= PREVIEW_CELL_CHARS else text[: PREVIEW_CELL_CHARS - 1] + "…"
