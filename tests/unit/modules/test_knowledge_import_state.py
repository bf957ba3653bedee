"""The import as the page runs it: dry run with the bad rows marked, import of the valid rows in
one transaction (all or nothing), the skipped rows downloadable as a CSV to fix."""

import base64
import csv
import io
import re

import pytest

from tests.support.async_run import run_async
from tests.support.uploads import FakeUpload
from tochka_app.modules.knowledge import service

FILE = (
    "Название;Артикул;Цена;Остаток\n"
    "Чай;T-1;100;5\n"
    "=1+2;F-1;сто рублей;1\n"  # a formula in the name, a bad price
    "Кофе;C-1;200;\n"
    "Мёд;H-1;50;много\n"
).encode("cp1251")


@pytest.fixture
def kb_state(knowledge_owner_state, demo_team):
    run_async(knowledge_owner_state.upload_file([FakeUpload(FILE, "price.csv")]))
    return knowledge_owner_state, demo_team[0]


def _download(event) -> list[list[str]]:
    url = re.search(r"data:text/csv;base64,([A-Za-z0-9+/=]+)", str(event))[1]
    text = base64.b64decode(url).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_dry_run_marks_the_bad_rows_and_cells(db, kb_state):
    state, tenant = kb_state
    assert (state.import_valid, state.import_skipped) == (2, 2)
    marked = {row.line: [c.value for c in row.cells if c.bad] for row in state.preview if row.bad}
    assert marked == {3: ["сто рублей"], 5: ["много"]}
    assert state.skip_note.startswith("2 строки с ошибками не загрузятся")
    assert service.count(db, tenant.id) == 0  # the dry run wrote nothing


def test_valid_rows_import_and_the_rest_download_to_fix(kb_state):
    state, _tenant = kb_state
    events = list(state.run_import())
    assert "пропущено строк с ошибками: 2" in str(events[-1])
    assert state.total == 2 and sorted(r.sku for r in state.rows) == ["C-1", "T-1"]
    assert state.import_file == "" and state.skipped_ready
    assert state.skip_note.startswith("2 строки с ошибками не загружены")
    rows = _download(state.download_skipped())
    assert rows[0] == ["Название", "Артикул", "Цена", "Остаток", "Ошибка"]
    assert rows[1][:4] == ["'=1+2", "F-1", "сто рублей", "1"]  # formula neutralised
    assert rows[1][4] == (
        "Цена: Цена должна быть числом не меньше 0 (копейки — два знака) («сто рублей»)"
    )
    assert rows[2] == [
        "Мёд",
        "H-1",
        "50",
        "много",
        "Количество: Количество — целое число не меньше 0 («много»)",
    ]


def test_import_is_one_transaction(db, kb_state, monkeypatch):
    state, tenant = kb_state
    written = []

    def apply(row, item, default_category=""):
        if written:
            raise RuntimeError("the database went away")
        written.append(item)
        row.name, row.search_text = item.name, item.name.lower()

    monkeypatch.setattr(service, "IMPORT_CHUNK", 1)  # the first row is flushed before the error
    monkeypatch.setattr(service, "_apply", apply)
    with pytest.raises(RuntimeError):
        list(state.run_import())
    assert written and service.count(db, tenant.id) == 0
