"""The shared CSV writer: BOM, `;`, and no cell a spreadsheet would run as a formula."""

import csv
import io

import pytest

from tochka_app.modules.knowledge import export_api, service
from tochka_app.modules.knowledge.importer import read_table
from tochka_app.services import csv_safe, marketplace


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Чай «Сенча»", "Чай «Сенча»"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (1234, "1234"),
    ],
)
def test_cells_that_start_a_formula_are_neutralised(value, written):
    assert csv_safe.neutralise(value) == written
    assert csv_safe.restore(written) == ("" if value is None else str(value))


def test_file_has_bom_semicolons_and_reads_back():
    data = csv_safe.to_bytes([["Название", "Цена"], ["=1+2", "1;5"], ["'ok", "-"]])
    assert data.startswith(csv_safe.BOM)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Название", "Цена"], ["'=1+2", "1;5"], ["'ok", "'-"]]
    assert read_table(data, "back.csv")[1] == [["=1+2", "1;5"], ["'ok", "-"]]  # restored


def test_stream_is_chunked():
    chunks = list(csv_safe.stream(([str(n) * 50] for n in range(100)), chunk_bytes=1000))
    assert len(chunks) > 3 and b"".join(chunks).count(b"\r\n") == 100


def test_knowledge_export_neutralises_formulas(db, demo_team):
    tenant, actors = demo_team
    marketplace.enable(db, actors["owner"], "knowledge")
    service.save_item(db, actors["owner"], None, {"name": '=HYPERLINK("x")', "sku": "@A"})
    text = b"".join(export_api._csv_lines(tenant.id)).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text), delimiter=";"))[1][:2] == ['\'=HYPERLINK("x")', "'@A"]
