"""Reading returned workbooks back: values, totals, where each came from, and what was adapted."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from tests.fill import fill
from toolkit import checker, document, read
from toolkit.cells import a1

from .conftest import UNIT, YEAR

FILLED = {
    "table2.normative_documents.issued": 2, "table2.normative_documents.in_force": 10,
    "table2.penalty.decisions": 12, "table2.fees.amount": 0.12345,
    "table3.new_received.natural_person": 5, "table3.new_received.commercial": 2,
    "table3.disclosed.natural_person": 4, "table3.disclosed.commercial": 2,
    "table3.carried_forward.natural_person": 1,
    "table4.review.upheld": 1,
}


@pytest.fixture(scope="module")
def inputs(the_spec):
    return {f.path: 0 for f in the_spec.inputs} | FILLED


def extract(tmp_path, data: bytes, name: str = "return.xlsx") -> read.Extracted:
    path = tmp_path / name
    path.write_bytes(data)
    return read.extract(path)


def test_a_filled_workbook_reads_back_with_totals_computed(tmp_path, the_spec, unit_bytes, inputs):
    got = extract(tmp_path, fill(unit_bytes, the_spec, inputs))
    doc = got.document
    assert got.findings == ()
    assert (doc["format"], doc["year"]) == ("gov-info-annual/2021", YEAR)
    assert doc["unit"] == {"code": UNIT.code, "name": UNIT.name, "parent": UNIT.parent}
    assert document.flat(doc, the_spec) == document.with_totals(the_spec, inputs)
    assert doc["table3"]["new_received"]["total"] == 7
    assert doc["table3"]["results_total"]["total"] == 6
    assert doc["source"]["cells"]["table3.new_received.total"] == "表三!J6"
    assert doc["source"]["located"] == "names"
    assert [f.code for f in checker.check(doc)] == []


def test_a_blank_cell_stays_null_and_zero_stays_zero(tmp_path, the_spec, unit_bytes, inputs):
    doc = extract(tmp_path, fill(unit_bytes, the_spec, inputs | {"table3.disclosed.research": None})).document
    assert doc["table3"]["disclosed"]["research"] is None
    assert doc["table3"]["disclosed"]["social_welfare"] == 0


def test_a_typed_total_is_read_as_typed_and_caught(tmp_path, the_spec, unit_bytes, inputs):
    got = extract(tmp_path, fill(unit_bytes, the_spec, inputs | {"table3.new_received.total": 9}))
    assert got.document["table3"]["new_received"]["total"] == 9
    assert [(f.code, f.cell) for f in got.findings] == [("CELL-TYPED-TOTAL", "J6")]
    assert ("T3-3", "J6") in [(f.code, f.cell) for f in checker.check(got.document)]


@pytest.mark.parametrize(("typed", "value", "code"), [
    ("１２", 12, "CELL-NORMALISED"),
    (" 12 ", 12, "CELL-NORMALISED"),
    ("1,234", 1234, "CELL-NORMALISED"),
    ("１，２３４", 1234, "CELL-NORMALISED"),
    ("12件", 12, "CELL-NORMALISED"),
    ("无", None, "CELL-NORMALISED"),
    ("—", None, "CELL-NORMALISED"),
    ("12 件", 12, "CELL-NORMALISED"),
    ("1 234", 1234, "CELL-NORMALISED"),  # a space between groups of three digits
    ("-", None, "CELL-NORMALISED"),
    ("/", None, "CELL-NORMALISED"),
    ("空", None, "CELL-NORMALISED"),
    ("−5", -5, "CELL-NORMALISED"),  # U+2212, then CELL-NEGATIVE like -5
    ("十二", "十二", None),
    ("1 2", "1 2", None),  # 12, or 1 and 2: the unit must say
    ("#REF!", "#REF!", None),
])
def test_text_in_a_count_cell(tmp_path, the_spec, unit_bytes, inputs, typed, value, code):
    got = extract(tmp_path, fill(unit_bytes, the_spec, inputs | {"table2.penalty.decisions": typed}))
    assert got.document["table2"]["penalty"]["decisions"] == value
    assert [(f.code, f.sheet, f.cell) for f in got.findings] == ([(code, "表二", "B12")] if code else [])
    if not code:
        assert ("CELL-NOT-NUMBER", "B12") in [(f.code, f.cell) for f in checker.check(got.document)]


def test_an_amount_in_yuan_is_converted_and_said(tmp_path, the_spec, unit_bytes, inputs):
    got = extract(tmp_path, fill(unit_bytes, the_spec, inputs | {"table2.fees.amount": "1234.5元"}))
    assert got.document["table2"]["fees"]["amount"] == 0.12345
    assert [f.code for f in got.findings] == ["CELL-NORMALISED"]


def test_a_formula_typed_into_a_data_cell_is_flagged(tmp_path, the_spec, unit_bytes, inputs):
    got = extract(tmp_path, fill(unit_bytes, the_spec, inputs | {"table2.penalty.decisions": "=10+2"}))
    # openpyxl stores no result for it, so there is nothing to trust: blank, and said so
    assert got.document["table2"]["penalty"]["decisions"] is None
    assert [(f.code, f.cell) for f in got.findings] == [("CELL-FORMULA", "B12")]


def test_a_changed_total_formula_is_recomputed_and_flagged(tmp_path, the_spec, unit_bytes, inputs):
    got = extract(tmp_path, fill(unit_bytes, the_spec, inputs | {"table3.new_received.total": "=SUM(D6:H6)"}))
    assert got.document["table3"]["new_received"]["total"] == 7
    assert [(f.code, f.cell) for f in got.findings] == [("CELL-FORMULA", "J6")]


def test_rows_inserted_without_moving_the_names_are_found_by_labels(tmp_path, the_spec, unit_bytes, inputs):
    book = openpyxl.load_workbook(io.BytesIO(fill(unit_bytes, the_spec, inputs)))
    book["表三"].insert_rows(8, 2)  # above （一）予以公开; openpyxl leaves defined names where they were
    book["表三"]["C8"] = "（以下为说明行）"
    out = io.BytesIO()
    book.save(out)
    got = extract(tmp_path, out.getvalue())
    assert got.document["source"]["located"] == "labels"
    assert got.document["table3"]["disclosed"]["natural_person"] == 4
    assert got.document["source"]["cells"]["table3.disclosed.natural_person"] == "表三!D10"
    assert next((f.code, f.cell) for f in got.findings) == ("LAYOUT-MOVED", "D10")
    # openpyxl did not shift the formulas either: each total now sums the wrong row, which the unit must see
    formulas = {f.cell: f.text() for f in got.findings if f.code == "CELL-FORMULA"}
    assert formulas["J10"] == "公式“=SUM(D8:I8)”不是模板公式，按各项之和读取"
    assert len(formulas) == 29


def test_tables_pasted_into_a_foreign_workbook(tmp_path, the_spec, unit_bytes, inputs):
    source = openpyxl.load_workbook(io.BytesIO(fill(unit_bytes, the_spec, inputs)), data_only=False)
    foreign = openpyxl.Workbook()
    foreign.remove(foreign.active)
    for name, new_name in (("表二", "Sheet1"), ("表三", "申请情况"), ("表四", "复议诉讼")):
        target = foreign.create_sheet(new_name)
        for row in source[name].iter_rows():
            for cell in row:
                if cell.value is not None and not str(cell.value).startswith("="):
                    target.cell(cell.row + 3, cell.column + 1, cell.value)  # three rows down, one column right
    target = foreign["Sheet1"]
    target["A1"], target["B1"] = "报告年度", "2024年"
    out = io.BytesIO()
    foreign.save(out)
    got = extract(tmp_path, out.getvalue())
    doc = got.document
    assert doc["year"] == 2024
    assert doc["source"]["cells"]["table3.new_received.natural_person"] == "申请情况!E9"
    # the totals were not pasted: blank, and the rules see them as 0
    assert doc["table3"]["new_received"]["total"] is None
    assert document.flat(doc, the_spec)["table3.disclosed.commercial"] == 2
    codes = sorted({f.code for f in got.findings})
    assert codes == ["LAYOUT-MOVED", "UNIT-UNKNOWN"]


def _one_sheet(source: openpyxl.Workbook, order: tuple[str, ...], gap: int = 2, untitled: str = "",
               contents: bool = False) -> bytes:
    """The tables pasted one under another on one sheet, values and labels only, in `order`; the table
    `untitled` without its title; with `contents`, the titles listed first, as a table of contents."""
    book = openpyxl.Workbook()
    target = book.active
    target.title = "汇总表"
    top = 0
    if contents:
        for name in order:
            top += 1
            target.cell(top, 1, source[name]["A1"].value)
        top += gap
    for name in order:
        sheet = source[name]
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and not str(cell.value).startswith("=") \
                        and not (name == untitled and cell.coordinate == "A1"):
                    target.cell(top + cell.row, cell.column, cell.value)
        top += sheet.max_row + gap
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_tables_pasted_on_one_sheet_out_of_order_are_told_apart(tmp_path, the_spec, unit_bytes, inputs):
    values = inputs | {"table4.review.upheld": 3, "table4.litigation_direct.corrected": 2,
                       "table4.litigation_after_review.pending": 1}
    source = openpyxl.load_workbook(io.BytesIO(fill(unit_bytes, the_spec, values)))
    got = extract(tmp_path, _one_sheet(source, ("表四", "表二", "表三")))
    assert got.document is not None, got.findings
    flat = document.flat(got.document, the_spec)
    assert {p: flat[p] for p in values} == values
    assert {f.code for f in got.findings} == {"LAYOUT-MOVED", "UNIT-UNKNOWN"}


@pytest.mark.parametrize("how", [{"untitled": "表三"}, {"untitled": "表四"}, {"contents": True}])
def test_one_sheet_without_a_title_or_with_a_list_of_contents(tmp_path, the_spec, unit_bytes, inputs, how):
    values = inputs | {"table4.review.upheld": 3, "table4.litigation_direct.corrected": 2}
    source = openpyxl.load_workbook(io.BytesIO(fill(unit_bytes, the_spec, values)))
    got = extract(tmp_path, _one_sheet(source, ("表四", "表三", "表二"), **how))
    assert got.document is not None, got.findings
    flat = document.flat(got.document, the_spec)
    assert {p: flat[p] for p in values} == values


def test_a_reworded_row_label_is_read_by_position_and_reported(tmp_path, the_spec, unit_bytes, inputs):
    book = openpyxl.load_workbook(io.BytesIO(fill(unit_bytes, the_spec, inputs)))
    disclosed = the_spec.fields["table3.disclosed.natural_person"]
    label = next(label for label in the_spec.table("table3").labels if label.text == disclosed.row_label)
    book["表三"].cell(label.r + 1, label.c + 1).value = "（一）予以公开（含依申请）"
    out = io.BytesIO()
    book.save(out)
    got = extract(tmp_path, out.getvalue())
    assert document.flat(got.document, the_spec) == document.flat(
        read.extract(_saved(tmp_path, fill(unit_bytes, the_spec, inputs))).document, the_spec)
    assert [(f.code, f.sheet, f.cell, f.text()) for f in got.findings] == [
        ("FORMAT-LABEL", "表三", a1(label.r, label.c), "“（一）予以公开（含依申请）”应为“（一）予以公开”")]


def _saved(tmp_path, data: bytes) -> Path:
    path = tmp_path / "original.xlsx"
    path.write_bytes(data)
    return path


def test_a_cover_typed_over_with_another_unit_is_reported(tmp_path, the_spec, unit_bytes, inputs):
    got = extract(tmp_path, fill(unit_bytes, the_spec, inputs, {("封面", "B3"): "五台县"}))
    assert got.document["unit"]["name"] == UNIT.name  # the workbook was made for 原平市: read as such
    message = f"封面的填报单位为“五台县”，但这份表是下发给“{UNIT.name}”的；按“{UNIT.name}”读取"
    assert [(f.code, f.sheet, f.cell, f.text()) for f in got.findings] == [("UNIT-MISMATCH", "封面", "B3", message)]


def test_a_copied_sheet_filled_in_beside_our_hidden_one_is_the_one_read(tmp_path, the_spec, unit_bytes, inputs):
    book = openpyxl.load_workbook(io.BytesIO(fill(unit_bytes, the_spec, inputs)))
    copy = book.copy_worksheet(book["表三"])
    copy.title = "表三 (2)"
    copy["D6"] = 99
    book["表三"].sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    got = extract(tmp_path, out.getvalue())
    assert got.document["table3"]["new_received"]["natural_person"] == 99
    assert ("LAYOUT-MOVED", "表三 (2)") in [(f.code, f.sheet) for f in got.findings]


def test_an_unofficial_label_is_read_and_reported(tmp_path, the_spec, unit_bytes, inputs):
    book = openpyxl.load_workbook(io.BytesIO(fill(unit_bytes, the_spec, inputs)))
    book["表二"]["A6"] = "规范性文件"  # the 2019 wording of 行政规范性文件
    for name in list(book.defined_names):
        del book.defined_names[name]
    out = io.BytesIO()
    book.save(out)
    got = extract(tmp_path, out.getvalue())
    assert got.document["table2"]["normative_documents"]["in_force"] == 10
    assert [(f.code, f.severity, f.sheet, f.cell) for f in got.findings] == [("FORMAT-LABEL", "warning", "表二", "A6")]
    assert got.findings[0].text() == "“规范性文件”应为“行政规范性文件”"


def test_a_2019_format_workbook_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
    book.active.append(["规章", 1, 1, 5])
    out = io.BytesIO()
    book.save(out)
    got = extract(tmp_path, out.getvalue())
    assert got.document is None
    assert [f.code for f in got.findings] == ["FORMAT-2019"]
    assert "本年新制作数量" in got.findings[0].text()


def test_a_foreign_workbook_says_what_is_missing(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "工资表"
    out = io.BytesIO()
    book.save(out)
    got = extract(tmp_path, out.getvalue())
    assert got.document is None
    assert [f.code for f in got.findings] == ["FORMAT-UNKNOWN"] * 3
    assert "表三（三、收到和处理政府信息公开申请情况）" in got.findings[1].text()


@pytest.mark.parametrize(("data", "code", "words"), [
    (b"not a workbook at all", "FILE-UNREADABLE", "不是 Excel 工作簿"),
    (b"", "FILE-UNREADABLE", "文件是空的（0 字节）"),
    (b"%PDF-1.7\n%\xe2\xe3", "FILE-UNREADABLE", "这是 PDF 文件"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html><table><tr><td>1</td></tr></table>", "FILE-UNREADABLE", "网页（HTML）"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', "FILE-UNREADABLE",
     "Excel 2003 XML"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600, "FILE-UNREADABLE", ".xls"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + "EncryptedPackage".encode("utf-16-le"), "FILE-ENCRYPTED", "密码"),
])
def test_unreadable_files_become_findings(tmp_path, data, code, words):
    got = extract(tmp_path, data)
    assert got.document is None
    assert [f.code for f in got.findings] == [code]
    assert words in got.findings[0].text()


def test_a_truncated_workbook(tmp_path, unit_bytes):
    got = extract(tmp_path, unit_bytes[: len(unit_bytes) // 2])
    assert [f.code for f in got.findings] == ["FILE-UNREADABLE"]
    assert "文件不完整（下载、复制或发送时中断）" in got.findings[0].text()


def test_a_real_pdf_is_said_to_be_a_document_not_a_renamed_one(tmp_path):
    path = tmp_path / "年报.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert "这是文档（Word、WPS 文字或 PDF）" in read.extract(path).findings[0].text()


def test_the_unit_of_a_blank_workbook_comes_from_its_cover(tmp_path, the_spec, blank_bytes, inputs):
    data = fill(blank_bytes, the_spec, inputs, cells={("封面", "B3"): "定襄县", ("封面", "B4"): "140921"})
    doc = extract(tmp_path, data).document
    assert doc["unit"] == {"code": "140921", "name": "定襄县", "parent": ""}


def test_the_input_file_is_not_modified(tmp_path, the_spec, unit_bytes, inputs):
    data = fill(unit_bytes, the_spec, inputs)
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    read.extract(path)
    assert path.read_bytes() == data


def test_an_unforeseen_failure_is_a_finding_not_the_end_of_the_batch(tmp_path, the_spec, unit_bytes, monkeypatch):
    def boom(self, places):
        raise RuntimeError("bug")

    monkeypatch.setattr(read._Reader, "_document", boom)
    got = extract(tmp_path, unit_bytes)
    assert got.document is None
    assert [f.code for f in got.findings] == ["FILE-UNREADABLE"]
    assert "RuntimeError: bug" in got.findings[0].text()


def test_a_column_inserted_without_moving_the_names_is_found_by_labels(tmp_path, the_spec, unit_bytes, inputs):
    book = openpyxl.load_workbook(io.BytesIO(fill(unit_bytes, the_spec, inputs)))
    book["表三"].insert_cols(4)  # before 自然人
    out = io.BytesIO()
    book.save(out)
    doc = extract(tmp_path, out.getvalue()).document
    assert doc["source"]["located"] == "labels"
    assert doc["source"]["cells"]["table3.new_received.natural_person"] == "表三!E6"
    assert [doc["table3"]["new_received"][c] for c in ("natural_person", "commercial", "research")] == [5, 2, 0]


def test_money_units_are_read_only_in_the_amount_cell(tmp_path, the_spec, unit_bytes, inputs):
    got = extract(tmp_path, fill(unit_bytes, the_spec, inputs | {"table2.penalty.decisions": "3万元",
                                                                 "table2.fees.amount": "3万元"}))
    assert got.document["table2"]["penalty"]["decisions"] == "3万元"
    assert got.document["table2"]["fees"]["amount"] == 3


def test_the_cover_contact_is_read_as_typed(tmp_path, unit_bytes, the_spec):
    """填报人 and 联系电话 are whom the office calls: read from the cover, a phone typed as a number and a
    date typed as a date (Excel's day number) as a person reads them."""
    from tests.fill import fill

    cells = {("封面", "B6"): "张三\u200b", ("封面", "B7"): "李四", ("封面", "B8"): 13900001234,
             ("封面", "B9"): 45678}
    path = tmp_path / "r.xlsx"
    path.write_bytes(fill(unit_bytes, the_spec, {}, cells))
    doc = read.extract(path).document
    assert doc["contact"] == {"preparer": "张三", "reviewer": "李四", "phone": "13900001234", "date": "2025-01-21"}
    assert not [f for f in checker.check(doc) if f.code.startswith("FORMAT")]  # the schema knows `contact`
