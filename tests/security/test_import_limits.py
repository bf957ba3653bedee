"""Catalog files built to exhaust memory (issue 11, item 6): a zip bomb dressed as XLSX, a part that
packs too well, a zip of thousands of parts, a row wider than Excel's, a CSV with one huge line or
a million columns, and a file whose huge cells would travel to the browser in the preview."""

import io
import secrets
import zipfile

import pytest
from openpyxl import Workbook
from reflex_base.utils.format import json_dumps

from tests.support.async_run import run_async
from tests.support.uploads import FakeUpload
from tochka_app.modules.knowledge import importer
from tochka_app.modules.knowledge.importer import ImportFileError, read_table
from tochka_app.modules.knowledge.state import PREVIEW_CELL_CHARS

MiB = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)


def _workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_sheet(sheet_xml_parts) -> bytes:
    """A real openpyxl workbook whose first sheet is replaced by the given XML (streamed into the
    zip piece by piece, so the test itself never holds the unpacked sheet twice)."""
    source = zipfile.ZipFile(io.BytesIO(_workbook([["Название"], ["Чай"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            if info.filename != SHEET:
                bomb.writestr(info.filename, source.read(info.filename))
        with bomb.open(SHEET, "w") as sheet:
            for piece in sheet_xml_parts:
                sheet.write(piece.encode())
    return out.getvalue()


def _bomb(cell_bytes: int = 50 * MiB) -> bytes:
    """A workbook with one cell of `cell_bytes` letters: ~52 KiB packed for 50 MiB."""

    def parts():
        yield SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>Название</t></is></c></row>'
        yield '<row r="2"><c r="A2" t="inlineStr"><is><t>'
        for _ in range(cell_bytes // MiB):
            yield "A" * MiB
        yield "</t></is></c></row></sheetData></worksheet>"

    return _with_sheet(parts())


def test_xlsx_zip_bomb_is_refused_before_parsing(monkeypatch):
    bomb = _bomb()
    assert len(bomb) < 100 * 1024 < importer.MAX_FILE_BYTES  # passes the old 5 MiB check
    parsed = []
    monkeypatch.setattr(importer, "load_workbook", lambda *a, **k: parsed.append(1))
    with pytest.raises(ImportFileError) as refused:
        read_table(bomb, "price.xlsx")
    assert str(refused.value) == "kb.unpacked_too_big" and parsed == []


def test_xlsx_part_that_packs_a_thousand_to_one_is_refused():
    small_bomb = _bomb(cell_bytes=4 * MiB)  # under every size cap, but ~1000:1
    with pytest.raises(ImportFileError) as refused:
        read_table(small_bomb, "price.xlsx")
    assert str(refused.value) == "kb.unpacked_too_big"


def test_xlsx_with_thousands_of_zip_entries_is_refused():
    source = zipfile.ZipFile(io.BytesIO(_workbook([["Название"], ["Чай"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():  # a workbook openpyxl reads, plus a thousand empty parts
            archive.writestr(info.filename, source.read(info.filename))
        for n in range(importer.MAX_ZIP_ENTRIES):
            archive.writestr(f"xl/media/empty{n}.bin", b"")
    with pytest.raises(ImportFileError) as refused:
        read_table(out.getvalue(), "price.xlsx")
    assert str(refused.value) == "kb.zip_too_many_parts"


def test_xlsx_row_wider_than_excel_is_refused_before_openpyxl_builds_it():
    row = "".join("<c><v>1</v></c>" for _ in range(importer.MAX_ROW_CELLS + 1))
    wide = _with_sheet(
        [
            SHEET_HEAD,
            '<row r="1"><c t="inlineStr"><is><t>Название</t></is></c>',
            "</row>",
            f'<row r="2">{row}</row>',
            "</sheetData></worksheet>",
        ]
    )
    with pytest.raises(ImportFileError) as refused:
        read_table(wide, "price.xlsx")
    assert str(refused.value) == "kb.too_many_columns"


def test_xlsx_rows_and_cells_are_cut_as_they_stream():
    long_text = "Ж" * 20_000
    data = _workbook(
        [
            ["Название", "Описание", *[f"c{n}" for n in range(60)][:48]],
            ["Чай", long_text, *["x"] * 100],
        ]
    )
    headers, rows = read_table(data, "price.xlsx")
    assert len(headers) == importer.MAX_COLUMNS and len(rows[0]) == importer.MAX_COLUMNS
    assert rows[0][1] == long_text[: importer.MAX_CELL_CHARS]
    checked = importer.validate(rows, importer.guess_mapping(headers))
    assert [(e.line, e.field, e.message_id) for e in checked.errors] == [
        (2, "description", "kb.too_long")
    ]  # cut, and still told apart from a valid value


def test_xlsx_header_with_a_51st_column_is_refused():
    data = _workbook([[f"Столбец {n}" for n in range(importer.MAX_COLUMNS + 1)], ["Чай"]])
    with pytest.raises(ImportFileError) as refused:
        read_table(data, "price.xlsx")
    assert str(refused.value) == "kb.too_many_columns"


def test_xlsx_past_the_row_cap_stops_early():
    data = _workbook([["Название"], *[[f"Товар {n}"] for n in range(importer.MAX_ROWS + 5)]])
    with pytest.raises(ImportFileError) as refused:
        read_table(data, "price.xlsx")
    assert str(refused.value) == "kb.too_many_rows"


def test_csv_with_one_huge_line_is_cut():
    huge = "Щ" * (2 * MiB)  # one 4 MiB line in UTF-8 (the file itself stays under 5 MiB)
    data = f"Название;Цена\n{huge};100\nЧай;5\n".encode()
    headers, rows = read_table(data, "price.csv")
    assert [len(cell) for cell in rows[0]] == [importer.MAX_CELL_CHARS, 3]
    checked = importer.validate(rows, importer.guess_mapping(headers))
    assert [(e.line, e.field, e.message_id) for e in checked.errors] == [(2, "name", "kb.too_long")]
    assert [(line, item.name) for line, item in checked.items] == [(3, "Чай")]


def test_csv_with_a_million_columns_is_cut():
    data = ("Название;Цена\nЧай;5" + ";1" * 1_000_000 + "\n").encode()
    headers, rows = read_table(data, "price.csv")
    assert headers == ["Название", "Цена"] and len(rows[0]) == importer.MAX_COLUMNS
    wide_header = ("Название" + ";Ст" * 500_000 + "\nЧай\n").encode()  # 3 MiB header
    with pytest.raises(ImportFileError) as refused:
        read_table(wide_header, "price.csv")
    assert str(refused.value) == "kb.too_many_columns"


@pytest.fixture
def kb_state(knowledge_owner_state):
    return knowledge_owner_state


def _sent_to_browser(state) -> int:
    """Bytes of the page state as the server serialises it for the browser."""
    return len(json_dumps(state.dict()).encode())


def test_preview_sent_to_browser_stays_small(kb_state):
    # Ten rows of three long cells that do not compress (openpyxl keeps Excel's 32 767 chars).
    rows = [["Название", "Описание", "Категория"]] + [
        [secrets.token_hex(50_000) for _ in range(3)] for _ in range(10)
    ]
    data = _workbook(rows)
    assert len(data) < importer.MAX_FILE_BYTES
    run_async(kb_state.upload_file([FakeUpload(data, "price.xlsx")]))
    assert kb_state.import_file == "price.xlsx" and len(kb_state.preview) == 10
    cells = [cell.value for row in kb_state.preview for cell in row.cells]
    assert all(len(value) == PREVIEW_CELL_CHARS and value.endswith("…") for value in cells)
    assert kb_state.import_skipped == 10  # every row has a value too long: told, not imported
    assert _sent_to_browser(kb_state) < 64 * 1024  # was ≈1 MB of cells


def test_zip_bomb_upload_tells_the_user_and_sends_nothing(kb_state):
    before = _sent_to_browser(kb_state)
    event = run_async(kb_state.upload_file([FakeUpload(_bomb(), "price.xlsx")]))
    assert "распаковывается больше чем в 50 МБ" in str(event)
    assert kb_state.preview == [] and kb_state._import_rows == []
    assert _sent_to_browser(kb_state) - before < 1024  # was ≈50 MiB (the cell, uncut)


def test_xlsx_billion_laughs_entities_are_refused_as_a_bad_file():
    # Entities that expand tenfold per level: ten levels are 10^10 "lol"s if a parser expands them.
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    laughs = _with_sheet(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f"<!DOCTYPE worksheet [{entities}]>",
            SHEET_HEAD.split("?>", 1)[1],
            '<row r="1"><c t="inlineStr"><is><t>Название</t></is></c></row>',
            '<row r="2"><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>',
        ]
    )
    with pytest.raises(ImportFileError) as refused:
        read_table(laughs, "price.xlsx")
    assert str(refused.value) == "kb.bad_file"
