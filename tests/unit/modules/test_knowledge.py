import io

import pytest
from openpyxl import Workbook
from sqlmodel import select

from tests.support.errors import form_refusal, refusal
from tochka_app.models import Tariff
from tochka_app.modules.knowledge import importer, service
from tochka_app.modules.knowledge.importer import ImportFileError, guess_mapping, read_table
from tochka_app.modules.knowledge.models import KnowledgeItem
from tochka_app.modules.knowledge.service import KnowledgeError
from tochka_app.services import marketplace
from tochka_app.services.team import Actor

CP1251_CSV = (
    "Название товара;Артикул;Цена, руб.;Остаток;Группа\r\n"
    "Чай зелёный «Сенча»;T-1;1 234,50;10;Чай\r\n"
    "Кофе в зёрнах;C-1;990;;Кофе\r\n"
).encode("cp1251")


def test_cp1251_semicolon_csv_with_russian_headers():
    headers, rows = read_table(CP1251_CSV, "price.csv")
    assert headers[0] == "Название товара"
    assert guess_mapping(headers) == ["name", "sku", "price", "quantity", "category"]
    checked = importer.validate(rows, guess_mapping(headers))
    assert checked.errors == []
    first = checked.items[0][1]
    assert (first.name, first.price_kopecks, first.quantity, first.category) == (
        "Чай зелёный «Сенча»",
        123450,
        10,
        "Чай",
    )


def test_utf8_bom_comma_csv_and_english_headers():
    data = "\ufeffProduct Name,SKU,Price,Qty\nTea,T-1,12.5,3\n".encode()
    headers, rows = read_table(data, "x.csv")
    assert guess_mapping(headers) == ["name", "sku", "price", "quantity"]
    assert importer.validate(rows, guess_mapping(headers)).items[0][1].price_kopecks == 1250


def test_xlsx_first_sheet():
    book = Workbook()
    sheet = book.active
    sheet.append(["Наименование", "Код", "Стоимость", "Количество"])
    sheet.append(["Сахар", "S-1", 55.5, 3])
    buffer = io.BytesIO()
    book.save(buffer)
    headers, rows = read_table(buffer.getvalue(), "book.xlsx")
    checked = importer.validate(rows, guess_mapping(headers))
    assert checked.items[0][1].price_kopecks == 5550 and checked.items[0][1].quantity == 3


@pytest.mark.parametrize(
    "data, error",
    [
        (b"", "kb.empty_file"),
        (b"name\n", "kb.no_rows"),
        (b"PK\x03\x04broken", "kb.bad_file"),
        (b"x" * (importer.MAX_FILE_BYTES + 1), "kb.file_too_big"),
        (("name\n" + "a\n" * (importer.MAX_ROWS + 1)).encode(), "kb.too_many_rows"),
    ],
)
def test_unreadable_files(data, error):
    with pytest.raises(ImportFileError) as exc:
        read_table(data, "f.csv")
    assert str(exc.value) == error


def test_row_errors_name_the_line_and_field():
    rows = [
        ["", "A", "10"],
        ["Ok", "A", "-5"],
        ["Ok2", "A", "1,234"],
        ["Ok3", "B", "abc"],
        ["x" * 301, "", ""],
        ["Good", "C", "1 000,00 ₽"],
    ]
    checked = importer.validate(rows, ["name", "sku", "price"])
    assert [(e.line, e.field, e.message_id) for e in checked.errors] == [
        (2, "name", "kb.name_required"),
        (3, "price", "kb.bad_price"),
        (3, "sku", "kb.duplicate_sku"),  # -5; A again
        (4, "price", "kb.bad_price"),
        (4, "sku", "kb.duplicate_sku"),  # 1,234: 3 decimals
        (5, "price", "kb.bad_price"),
        (6, "name", "kb.too_long"),
    ]
    assert [(line, i.price_kopecks) for line, i in checked.items] == [(7, 100000)]
    assert importer.validate(rows, ["skip", "sku", "price"]).errors[0].message_id == (
        "kb.no_name_column"
    )


@pytest.fixture
def kb(db, demo_team):
    tenant, actors = demo_team
    assert marketplace.enable(db, actors["owner"], "knowledge") is None
    pro = db.exec(select(Tariff).where(Tariff.code == "pro")).one()
    return tenant, actors, pro


def _checked(text: str):
    headers, rows = read_table(text.encode(), "f.csv")
    return importer.validate(rows, guess_mapping(headers))


def test_import_updates_by_sku_and_search(db, kb):
    tenant, actors, _ = kb
    staff = actors["staff"]
    result = service.import_items(
        db,
        staff,
        _checked("Название;Артикул;Цена\nЧай «Сенча»;T-1;100\nКофе;C-1;200\nБез артикула;;5\n"),
    )
    assert (result.created, result.updated) == (3, 0)
    result = service.import_items(db, staff, _checked("Название;Артикул;Цена\nЧай новый;T-1;150\n"))
    assert (result.created, result.updated) == (0, 1)
    assert [i.name for i in service.search(db, tenant.id, "чай").items] == ["Чай новый"]
    assert [i.sku for i in service.search(db, tenant.id, "t-1").items] == ["T-1"]
    assert service.search(db, tenant.id, "%").items == []  # LIKE wildcards are literal
    assert service.count(db, tenant.id) == 3


def test_import_is_all_or_nothing_and_respects_tariff_limit(db, kb):
    tenant, actors, _ = kb
    bad = _checked("Название;Цена\nOk;1\n;2\n")
    assert refusal(service.import_items, db, actors["staff"], bad) == (
        KnowledgeError.fix_errors_first
    )
    big = _checked("Название\n" + "".join(f"Товар {n}\n" for n in range(101)))  # Старт: 100
    assert refusal(service.import_items, db, actors["staff"], big) == KnowledgeError.limit_reached
    assert service.count(db, tenant.id) == 0


def test_keyset_pages_and_progress(db, kb):
    tenant, actors, _ = kb
    checked = _checked("Название\n" + "".join(f"Товар {n}\n" for n in range(60)))
    steps = list(service.import_steps(db, actors["owner"], checked))
    assert steps == [100]
    first = service.search(db, tenant.id, "", page_size=25)
    second = service.search(db, tenant.id, "", first.next_before_id, page_size=25)
    third = service.search(db, tenant.id, "", second.next_before_id, page_size=25)
    ids = [i.id for page in (first, second, third) for i in page.items]
    assert len(ids) == 60 == len(set(ids)) and third.next_before_id is None


def test_item_rules_and_foreign_ids(db, kb):
    tenant, actors, _ = kb
    row = service.save_item(
        db, actors["staff"], None, {"name": "Мёд", "sku": "H-1", "price": "350,5"}
    )
    assert row.price_kopecks == 35050
    assert form_refusal(
        service.save_item, db, actors["staff"], None, {"name": "", "sku": "H-1", "price": "x"}
    ) == {"name": "kb.name_required", "price": "kb.bad_price"}
    assert form_refusal(
        service.save_item, db, actors["staff"], None, {"name": "Другой", "sku": "H-1"}
    ) == {"sku": KnowledgeError.sku_taken}
    other_actor = Actor(actors["owner"].user_id, tenant.id + 999, "owner")
    assert refusal(service.save_item, db, other_actor, row.id, {"name": "Взлом"}) == (
        KnowledgeError.not_found
    )
    assert refusal(service.item_values, db, other_actor, row.id) == KnowledgeError.not_found
    assert refusal(service.delete_item, db, other_actor, row.id) == KnowledgeError.not_found
    read_only = Actor(actors["staff"].user_id, tenant.id, "staff", read_only=True)
    assert refusal(service.delete_item, db, read_only, row.id) == "app.read_only"
    assert service.item_values(db, actors["staff"], row.id)["price"] == "350.50"
    assert refusal(service.delete_item, db, actors["staff"], row.id) is None


def test_export_round_trips_through_the_importer(db, kb):
    tenant, actors, _ = kb
    source = "Название;Артикул;Категория;Цена;Количество;Описание\nЧай;T-1;Напитки;1 234,50;7;Зелёный; «Сенча»\n"
    service.import_items(db, actors["owner"], _checked(source.replace("; «", " «")))
    exported = list(service.export_rows(db, tenant.id))
    assert exported[1] == ["Чай", "T-1", "Напитки", "1234,50", "7", "Зелёный «Сенча»"]
    assert guess_mapping(exported[0]) == list(importer.FIELDS)


def test_disable_then_purge_deletes_rows(db, kb):
    tenant, actors, _ = kb
    service.save_item(db, actors["owner"], None, {"name": "x"})
    service.purge(db, tenant.id)
    assert db.exec(select(KnowledgeItem).where(KnowledgeItem.tenant_id == tenant.id)).all() == []


def test_valid_rows_import_when_the_user_skips_the_bad_ones(db, kb):
    tenant, actors, _ = kb
    checked = _checked("Название;Артикул;Цена\nЧай;T-1;100\nСахар;S-1;сто\nКофе;C-1;200\n;X;1\n")
    assert checked.skipped == 2 and checked.bad_fields() == {3: {"price"}, 5: {"name"}}
    assert refusal(service.import_items, db, actors["staff"], checked) == (
        KnowledgeError.fix_errors_first
    )
    result = service.import_items(db, actors["staff"], checked, skip_invalid=True)
    assert (result.created, result.updated, result.skipped) == (2, 0, 2)
    assert sorted(i.sku for i in service.search(db, tenant.id).items) == ["C-1", "T-1"]
    nothing = _checked("Название;Цена\n;1\n")
    assert refusal(service.import_items, db, actors["staff"], nothing, skip_invalid=True) == (
        KnowledgeError.fix_errors_first
    )


def test_skipped_rows_table_keeps_the_file_columns_and_says_what_is_wrong():
    headers, rows = read_table("Название;Цена;Заметка\nЧай;100;x\nСахар;сто;y\n".encode(), "f.csv")
    checked = importer.validate(rows, guess_mapping(headers))
    table = importer.skipped_table(headers, rows, checked, lambda e: e.message_id, "Ошибка")
    assert table == [
        ["Название", "Цена", "Заметка", "Ошибка"],
        ["Сахар", "сто", "y", "kb.bad_price"],
    ]
    assert guess_mapping(table[0])[-1] == "skip"  # importing the fixed file ignores it
