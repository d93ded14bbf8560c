"""Feedback workbooks: the unit's own file marked where the problems are, or a fresh one with its values."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import openpyxl

from toolkit import document, feedback, generate, read, spec, validate
from toolkit.cli import main
from toolkit.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
TYPED = ROOT / "samples" / "returns" / "2024_140923_代县.xlsx"  # 表三 J6 typed over: T3-1, T3-3
CLEAN = ROOT / "samples" / "returns" / "2024_140902_忻府区.xlsx"
ODS = ROOT / "tests" / "corpus" / "typed_total_saved_as_ods.ods"
SPEC = spec.load()


def _feedback(path: Path, out: Path) -> feedback.Feedback | None:
    result, doc = validate.assess(path)
    return feedback.write(result, doc, out)


def test_the_units_own_file_is_marked_and_left_untouched(tmp_path):
    before = hashlib.sha256(TYPED.read_bytes()).hexdigest()
    made = _feedback(TYPED, tmp_path)
    assert hashlib.sha256(TYPED.read_bytes()).hexdigest() == before
    assert made.annotated and made.path.name == f"2024_140923_代县_校验意见_{before[:8]}.xlsx"
    book = openpyxl.load_workbook(made.path)
    assert book.sheetnames[0] == feedback.SHEET and book.active.title == feedback.SHEET
    j6 = book["表三"]["J6"]
    assert j6.fill.fgColor.rgb == "00" + feedback.FILLS["error"]
    assert "T3-1" in j6.comment.text and "T3-3" in j6.comment.text and "应为 10，实为 11" in j6.comment.text
    rows = [[c.value for c in r] for r in book[feedback.SHEET].iter_rows(min_row=3)]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [("错误", "表三", "J6", "T3-1"), ("错误", "表三", "J6", "T3-3"),
                                                        ("提示", "表三", "J6", "CELL-TYPED-TOTAL")]
    assert book[feedback.SHEET]["C3"].hyperlink.location == "'表三'!J6"
    original = openpyxl.load_workbook(TYPED)
    assert book["表三"]["J7"].value == original["表三"]["J7"].value  # formulas and live checks kept
    assert book["表三"]["K6"].value == original["表三"]["K6"].value
    assert len(book["表三"].data_validations.dataValidation) == len(original["表三"].data_validations.dataValidation)
    assert book["表三"].protection.sheet
    results = openpyxl.load_workbook(made.path, data_only=True)  # what a program that does not calculate sees
    assert results["表三"]["J7"].value == 1 and results["表三"]["J29"].value == 9
    assert results["表三"]["K6"].value == "✗ T3-3 总计=10，各申请人列之和=9，相差1"
    cover = results["封面"]
    label = next(c for row in cover.iter_rows() for c in row if c.value == "校验结果")
    assert cover.cell(label.row, label.column + 1).value.startswith("✗ 有2处勾稽关系不符")
    again = read.extract(made.path)  # still a return the unit can correct and send
    assert document.flat(again.document, SPEC) == document.flat(read.extract(TYPED).document, SPEC)


def test_a_file_that_cannot_be_marked_gets_a_fresh_official_workbook(tmp_path):
    made = _feedback(ODS, tmp_path)
    assert not made.annotated and made.path.suffix == ".xlsx"
    book = openpyxl.load_workbook(made.path)
    assert book["表三"]["J6"].fill.fgColor.rgb == "00" + feedback.FILLS["error"]
    assert "T3-1" in book["表三"]["J6"].comment.text
    assert [r[3].value for r in book[feedback.SHEET].iter_rows(min_row=3)] == ["T3-1", "T3-3", "FILE-VALUES-ONLY"]
    fresh = read.extract(made.path).document
    ods = read.extract(ODS).document
    inputs = [f.path for f in SPEC.inputs]
    assert [document.flat(fresh, SPEC)[p] for p in inputs] == [document.flat(ods, SPEC)[p] for p in inputs]
    assert fresh["unit"]["code"] == "140923"


def test_no_findings_no_feedback(tmp_path):
    assert _feedback(CLEAN, tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_file_gets_a_blank_with_the_reason(tmp_path):
    broken = tmp_path / "in" / "2024_140999_某单位.xlsx"
    broken.parent.mkdir()
    broken.write_bytes(b"PK\x03\x04 truncated")
    made = _feedback(broken, tmp_path / "out")
    sha = hashlib.sha256(broken.read_bytes()).hexdigest()
    assert made.path.name == f"2024_140999_某单位_校验意见_{sha[:8]}.xlsx"  # which submission, even unread
    rows = list(openpyxl.load_workbook(made.path)[feedback.SHEET].iter_rows(min_row=3, values_only=True))
    assert rows[0][3] == "FILE-UNREADABLE"


def test_validate_feedback_writes_one_workbook_per_file_with_findings(tmp_path, capsys):
    returns = tmp_path / "returns"
    returns.mkdir()
    for p in (TYPED, CLEAN):
        (returns / p.name).write_bytes(p.read_bytes())
    out = returns / "意见"  # inside the folder of returns: not read back as a return next time
    assert main(["validate", str(returns), "--feedback", str(out)]) == 1
    assert [p.name.split("_校验意见")[0] for p in out.iterdir()] == ["2024_140923_代县"]
    assert "已为 1 个有问题的文件写出校验意见" in capsys.readouterr().out
    assert main(["validate", str(returns), "--feedback", str(out), "--json", str(tmp_path / "r.json")]) == 1
    assert len(list(out.iterdir())) == 1
    assert "共 2 个文件" in capsys.readouterr().out


def test_a_second_round_replaces_the_old_marks(tmp_path):
    first = _feedback(TYPED, tmp_path / "1").path
    book = openpyxl.load_workbook(first)
    book["表三"]["J6"] = "=SUM(D6:I6)"  # the unit puts the formula back ...
    book["表三"]["E7"] = None  # ... and leaves another cell blank
    resent = tmp_path / "resent.xlsx"
    book.save(resent)
    second = openpyxl.load_workbook(_feedback(resent, tmp_path / "2").path)
    assert second.sheetnames.count(feedback.SHEET) == 1
    assert [r[3] for r in second[feedback.SHEET].iter_rows(min_row=3, values_only=True)] == ["CELL-BLANK"]
    j6 = second["表三"]["J6"]
    assert j6.comment is None and j6.fill.fgColor.rgb == "00" + generate.TOTAL_FILL.lstrip("#")
    assert second["表三"]["E7"].fill.fgColor.rgb == "00" + feedback.FILLS["warning"]


def test_a_fresh_workbook_takes_text_values_and_lists_layout_findings_without_a_cell(tmp_path):
    result, doc = validate.assess(ODS)
    doc["table3"]["new_received"]["commercial"] = "1 2"  # text, as a unit typed it
    found = (*result.findings, Finding("LAYOUT-MOVED", "info", "表三不在模板位置", None, "申请情况", "D9"))
    made = feedback.write(replace(result, findings=found), doc, tmp_path)
    book = openpyxl.load_workbook(made.path)
    assert book["表三"]["E6"].value == "1 2"
    layout = [r for r in book[feedback.SHEET].iter_rows(min_row=3, values_only=True) if r[3] == "LAYOUT-MOVED"]
    assert layout == [("提示", None, None, "LAYOUT-MOVED", "表三不在模板位置", None, None)]
    assert book["表三"]["D9"].comment is None  # not marked on a cell that means something else here
