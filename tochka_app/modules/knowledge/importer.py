"""Reading catalog files as Russian small businesses export them: CSV in cp1251 or UTF-8 (with or
without BOM), `;` or `,` separated, or XLSX; headers in Russian or English mapped to our fields.
Pure functions: bytes in, rows and per-row errors out; nothing touches the database.

Size limits hold whatever the file claims (issue 11): an XLSX is a zip, so before openpyxl sees it
every part's uncompressed size, the parts' total, their compression ratio and their count are
checked (zipfile never inflates a part past the size its directory declares: a lie fails the CRC);
rows are streamed and reading stops at the row cap; columns and cell lengths are cut as they are
read, so one 50 MiB cell or a million columns never reach the state, the preview or the browser.
"""

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import defusedxml.ElementTree as SafeET
from openpyxl import load_workbook

from tochka_app.services import csv_safe
from tochka_app.services.errors import ErrorCode, ServiceError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # data rows of one file; the tariff's product limit is checked on import
FIELDS = ("name", "sku", "category", "price", "quantity", "description")
SKIP = "skip"
MAX_LENGTHS = {"name": 300, "sku": 64, "category": 200, "description": 5000}
# Cells are cut to one character more than the longest field takes: a longer value still gets its
# per-row "too long" error, and nothing longer is ever held.
MAX_CELL_CHARS = max(MAX_LENGTHS.values()) + 1
MAX_COLUMNS = 50  # our 6 fields plus room for whatever else a price list carries
# XLSX (zip) parts: a real 10 000-row price list unpacks to a few MiB of XML per part.
MAX_ZIP_ENTRIES = 1_000
MAX_PART_BYTES = 25 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed for parts over 1 MiB; XML text packs 5–20:1
MAX_ROW_CELLS = 16_384  # Excel's own column count: openpyxl holds a whole row's cells at once
MAX_SHEET_ROWS = 1_048_576  # Excel's own row count: rows a sheet may skip are filled as blanks

HEADER_ALIASES = {
    "name": (
        "название",
        "название товара",
        "наименование",
        "наименование товара",
        "товар",
        "name",
        "product name",
        "product",
        "title",
        "item",
    ),
    "sku": ("артикул", "код", "код товара", "sku", "article", "code", "item code"),
    "category": ("категория", "группа", "раздел", "category", "group", "section"),
    "price": (
        "цена",
        "цена руб",
        "цена ₽",
        "стоимость",
        "розничная цена",
        "price",
        "unit price",
        "cost",
    ),
    "quantity": ("количество", "остаток", "кол-во", "колво", "шт", "qty", "quantity", "stock"),
    "description": ("описание", "описание товара", "текст", "description", "details", "text"),
}


class ImportCode(ErrorCode):
    """Why a file (or one of its rows) cannot be imported; the values are i18n ids."""

    # The file as a whole (`ImportFileError`).
    empty_file = "kb.empty_file"
    file_too_big = "kb.file_too_big"
    bad_file = "kb.bad_file"
    bad_csv = "kb.bad_csv"
    no_rows = "kb.no_rows"
    too_many_rows = "kb.too_many_rows"
    too_many_columns = "kb.too_many_columns"
    unpacked_too_big = "kb.unpacked_too_big"
    zip_too_many_parts = "kb.zip_too_many_parts"
    # One cell of one row (`RowError.message_id`).
    no_name_column = "kb.no_name_column"
    name_required = "kb.name_required"
    too_long = "kb.too_long"
    bad_price = "kb.bad_price"
    bad_quantity = "kb.bad_quantity"
    duplicate_sku = "kb.duplicate_sku"


class ImportFileError(ServiceError):
    """The file as a whole cannot be read: a refusal (`str()` is its i18n id)."""

    def __init__(self, code: ImportCode):
        super().__init__(code)


def normalize_header(text: str) -> str:
    text = (text or "").strip().lower().replace("ё", "е")
    text = re.sub(r"[\"'().,:;_*]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_ALIAS_TO_FIELD = {normalize_header(a): f for f, aliases in HEADER_ALIASES.items() for a in aliases}


def guess_mapping(headers: list[str]) -> list[str]:
    """Field of each column ("skip" when unknown); the first column naming a field wins."""
    taken, mapping = set(), []
    for header in headers:
        target = _ALIAS_TO_FIELD.get(normalize_header(header), SKIP)
        if target in taken:
            target = SKIP
        taken.add(target)
        mapping.append(target)
    return mapping


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not) when it decodes, otherwise Windows-1251 (Excel's Russian CSV)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def _csv_rows(data: bytes) -> Iterator[list]:
    text = decode(data)
    first_line = text[:100_000].split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)  # the separator the header uses most
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:  # a NUL byte, a field past even our raised limit
        raise ImportFileError(ImportCode.bad_csv) from exc


# csv refuses fields over 128 KiB by raising; the file itself (≤ 5 MiB) is the bound instead, and
# each cell is cut right after its row is read.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES + 1))


def check_zip(data: bytes) -> None:
    """Refuse a zip whose parts would unpack too big, too many or too well (a zip bomb), from its
    directory alone: nothing is inflated here."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFileError(ImportCode.bad_file) from exc
    if len(parts) > MAX_ZIP_ENTRIES:
        raise ImportFileError(ImportCode.zip_too_many_parts)
    total = 0
    for part in parts:
        total += part.file_size
        packed_well = part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * max(
            part.compress_size, 1
        )
        if part.file_size > MAX_PART_BYTES or total > MAX_UNPACKED_BYTES or packed_well:
            raise ImportFileError(ImportCode.unpacked_too_big)


def _check_row_widths(book) -> None:
    """openpyxl builds every cell of a row before we can cut it: refuse rows wider than Excel's,
    streaming the first sheet's XML once (elements dropped as soon as they are counted)."""
    path = book.worksheets[0]._worksheet_path
    with book._archive.open(path) as source:
        cells, rows = 0, None
        # An uploaded file: defusedxml refuses DTDs and entities (billion laughs, external
        # entities); openpyxl uses it too once it is installed.
        for event, element in SafeET.iterparse(source, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "sheetData":
                    rows = element
            elif tag == "c":
                cells += 1
                if cells > MAX_ROW_CELLS:
                    raise ImportFileError(ImportCode.too_many_columns)
            elif tag == "row" and rows is not None:
                cells = 0
                rows.clear()  # the rows counted so far, with their cells


def _xlsx_rows(data: bytes) -> Iterator[tuple]:
    check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        _check_row_widths(book)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken files
        raise ImportFileError(ImportCode.bad_file) from exc
    try:
        yield from book.worksheets[0].iter_rows(
            values_only=True, max_row=MAX_SHEET_ROWS, max_col=MAX_COLUMNS + 1
        )
    except Exception as exc:
        raise ImportFileError(ImportCode.bad_file) from exc
    finally:
        book.close()


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return csv_safe.restore(text[: MAX_CELL_CHARS + 1])[:MAX_CELL_CHARS]


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """(headers, data rows) of the first sheet / the CSV; blank rows are dropped; rows are read
    one by one, cut to MAX_COLUMNS cells of at most MAX_CELL_CHARS, and reading stops one row
    past MAX_ROWS."""
    if not data:
        raise ImportFileError(ImportCode.empty_file)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(ImportCode.file_too_big)
    is_xlsx = filename.lower().endswith(".xlsx") or data[:2] == b"PK"
    rows: list[list[str]] = []
    for raw in _xlsx_rows(data) if is_xlsx else _csv_rows(data):
        if not rows and any(str(v).strip() for v in raw[MAX_COLUMNS:] if v is not None):
            raise ImportFileError(ImportCode.too_many_columns)  # the header names a 51st column
        row = [_cell(v) for v in raw[:MAX_COLUMNS]]
        while row and not row[-1]:  # read-only openpyxl pads every row to the column cap
            row.pop()
        if any(c.strip() for c in row):
            rows.append(row)
            if len(rows) - 1 > MAX_ROWS:
                raise ImportFileError(ImportCode.too_many_rows)
    if len(rows) < 2:
        raise ImportFileError(ImportCode.no_rows)
    headers = [h.strip() for h in rows[0]]
    return headers, [r + [""] * (len(headers) - len(r)) for r in rows[1:]]


@dataclass
class ItemInput:
    name: str
    sku: str | None = None
    category: str = ""
    price_kopecks: int | None = None
    quantity: int | None = None
    description: str = ""


@dataclass
class RowError:
    line: int  # line in the file, header = 1
    field: str
    message_id: ImportCode
    value: str


@dataclass
class Validated:
    items: list[tuple[int, ItemInput]] = field(default_factory=list)  # (line, item)
    errors: list[RowError] = field(default_factory=list)

    def bad_fields(self) -> dict[int, set[str]]:
        """line -> the fields with an error on it (line 1: the file as a whole)."""
        bad: dict[int, set[str]] = {}
        for error in self.errors:
            bad.setdefault(error.line, set()).add(error.field)
        return bad

    @property
    def skipped(self) -> int:
        """Data rows that would not be imported."""
        return len({e.line for e in self.errors if e.line > 1})


def skipped_table(
    headers: list[str],
    rows: list[list[str]],
    checked: Validated,
    describe: Callable[[RowError], str],
    error_header: str,
) -> list[list[str]]:
    """The rows with errors as they were in the file, each with what is wrong in an extra last
    column: a file to fix and import again (the importer skips the extra column)."""
    messages: dict[int, list[str]] = {}
    for error in checked.errors:
        if error.line > 1:
            messages.setdefault(error.line, []).append(describe(error))
    table = [[*headers, error_header]]
    for line in sorted(messages):
        row = rows[line - 2]
        table.append(
            [*row[: len(headers)], *[""] * (len(headers) - len(row)), "; ".join(messages[line])]
        )
    return table


def parse_price(text: str) -> int | None:
    """'1 234,50 ₽' / '1234.5' / '990' -> kopecks; '' -> None; ValueError when not a price."""
    cleaned = re.sub(r"[\s\u00a0₽]|руб\.?|р\.", "", text.strip().lower()).replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(ImportCode.bad_price) from exc
    if value < 0 or value > Decimal("100000000000") or value != value.quantize(Decimal("0.01")):
        raise ValueError(ImportCode.bad_price)
    return int(value * 100)


def parse_quantity(text: str) -> int | None:
    cleaned = re.sub(r"[\s\u00a0]", "", text.strip())
    if not cleaned:
        return None
    if cleaned.endswith(".0"):  # Excel writes whole numbers as floats
        cleaned = cleaned[:-2]
    if not cleaned.isdigit() or int(cleaned) > 2_000_000_000:
        raise ValueError(ImportCode.bad_quantity)
    return int(cleaned)


def validate(rows: list[list[str]], mapping: list[str]) -> Validated:
    """Check every row against the mapping; a row with any error is not imported."""
    result = Validated()
    seen_skus: dict[str, int] = {}  # SKU -> the first line with it
    if "name" not in mapping:
        result.errors.append(RowError(1, "name", ImportCode.no_name_column, ""))
        return result
    for offset, row in enumerate(rows):
        line = offset + 2
        values = {f: row[i].strip() for i, f in enumerate(mapping) if f != SKIP and i < len(row)}
        errors = []
        for name, limit in MAX_LENGTHS.items():
            if len(values.get(name, "")) > limit:
                errors.append(RowError(line, name, ImportCode.too_long, values[name][:50]))
        if not values.get("name"):
            errors.append(RowError(line, "name", ImportCode.name_required, ""))
        item = ItemInput(
            values.get("name", ""),
            values.get("sku") or None,
            values.get("category", ""),
            description=values.get("description", ""),
        )
        for name, parse in (("price", parse_price), ("quantity", parse_quantity)):
            try:
                setattr(
                    item, "price_kopecks" if name == "price" else name, parse(values.get(name, ""))
                )
            except ValueError as exc:
                errors.append(RowError(line, name, ImportCode(str(exc)), values.get(name, "")[:50]))
        if item.sku:
            if item.sku in seen_skus:
                errors.append(RowError(line, "sku", ImportCode.duplicate_sku, item.sku))
            seen_skus.setdefault(item.sku, line)
        if errors:
            result.errors.extend(errors)
        else:
            result.items.append((line, item))
    return result
