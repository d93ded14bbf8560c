"""Feedback workbooks: the unit's own file marked where the problems are, or a fresh one with its values."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import openpyxl

from toolkit import document, feedback, findings, read, spec, styles, validate
from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
TYPED = ROOT / "samples" / "returns" / "2024_140923_代县.xlsx"  # 表三 J6 typed over: T3-1, T3-3
CLEAN = ROOT / "samples" / "returns" / "2024_140902_忻府区.xlsx"
ODS = ROOT / "tests" / "corpus" / "typed_total_saved_as_ods.ods"
SPEC = spec.load()


def _feedback(path: Path, out: Path) -> feedback.Feedback | None:
    result, doc = validate.assess(path)
    return feedback.write(result, doc, out)


def listed(book: openpyxl.Workbook) -> list[tuple[object, ...]]:
    """The findings of 校验结果 as (severity, sheet, cell, code), under its header row."""
    rows = list(book[feedback.SHEET].iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "序号")
    return [(r[1], r[2], r[3], r[8]) for r in rows[head + 1:]]


def test_the_units_own_file_is_marked_and_left_untouched(tmp_path):
    before = hashlib.sha256(TYPED.read_bytes()).hexdigest()
    made = _feedback(TYPED, tmp_path)
    assert hashlib.sha256(TYPED.read_bytes()).hexdigest() == before
    assert made.annotated and made.path.name == f"2024_140923_代县_校验意见_{before[:8]}.xlsx"
    book = openpyxl.load_workbook(made.path)
    assert book.sheetnames[0] == feedback.SHEET and book.active.title == feedback.SHEET
    j6 = book["表三"]["J6"]
    assert j6.fill.fgColor.rgb == "00" + feedback.FILLS["error"]
    assert "T3-1" in j6.comment.text and "T3-3" in j6.comment.text
    # J6 holds 10: T3-3 (J6 against its parts) says what J6 should hold; T3-1's sides add J7 to J6, so its
    # 11 and 10 are no values of J6 and are not said to be
    assert "应为 9，实为 10" in j6.comment.text and "应为 10，实为 11" not in j6.comment.text
    assert listed(book) == [("错误", "表三", "J6", "T3-1"), ("错误", "表三", "J6", "T3-3"),
                            ("提示", "表三", "J6", "CELL-TYPED-TOTAL")]
    sheet = book[feedback.SHEET]
    assert sheet["D7"].hyperlink.location == "'表三'!J6"
    assert sheet["A1"].value == "2024年度政府信息公开工作年度报告统计表　校验意见"
    assert "填报单位：代县（代码 140923）" in sheet["A2"].value and f"编号 {before[:8]}" in sheet["A2"].value
    assert sheet["H7"].value.startswith("核对第一项本年新收")
    assert sheet["E7"].value.startswith("［一、本年新收政府信息…｜总计］ 第一项+第二项=")  # printed: says where
    assert [sheet[f"{c}7"].value for c in "FG"] == [None, None] and [sheet[f"{c}8"].value for c in "FG"] == ["9", "10"]
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
    assert [r[3] for r in listed(book)] == ["T3-1", "T3-3", "FILE-VALUES-ONLY"]
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
    result, doc = validate.assess(broken)
    made = feedback.write(result, doc, tmp_path / "out", year=2024)  # the year collected
    sha = hashlib.sha256(broken.read_bytes()).hexdigest()
    assert made.path.name == f"2024_140999_某单位_校验意见_{sha[:8]}.xlsx"  # which submission, even unread
    book = openpyxl.load_workbook(made.path)
    assert listed(book)[0][3] == "FILE-UNREADABLE"
    head = [row[0] for row in book[feedback.SHEET].iter_rows(max_row=4, values_only=True)]
    assert head[0] == "2024年度政府信息公开工作年度报告统计表　校验意见"
    assert head[1].startswith("填报单位：（未能读出）　报告年度：2024　")
    assert "无法读取" in head[3] and "重新填写全部数据" in head[3] and "请在本工作簿中改正" not in head[3]
    assert any("2024" in str(c.value) for row in book["封面"].iter_rows() for c in row if c.value)  # its blank


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
    assert [r[3] for r in listed(second)] == ["CELL-BLANK"]
    j6 = second["表三"]["J6"]
    assert j6.comment is None and j6.fill.fgColor.rgb == "00" + styles.TOTAL_FILL.lstrip("#")
    assert second["表三"]["E7"].fill.fgColor.rgb == "00" + feedback.FILLS["warning"]


def test_a_fresh_workbook_takes_text_values_and_lists_layout_findings_without_a_cell(tmp_path):
    result, doc = validate.assess(ODS)
    doc["table3"]["new_received"]["commercial"] = "1 2"  # text, as a unit typed it
    found = (*result.findings, findings.make("LAYOUT-MOVED", table="表三", how="", sheet="申请情况", cell="D9"))
    made = feedback.write(replace(result, findings=found), doc, tmp_path)
    book = openpyxl.load_workbook(made.path)
    assert book["表三"]["E6"].value == "1 2"
    assert [r for r in listed(book) if r[3] == "LAYOUT-MOVED"] == [("提示", None, None, "LAYOUT-MOVED")]
    assert book["表三"]["D9"].comment is None  # not marked on a cell that means something else here


def test_a_fresh_workbook_keeps_the_cover_a_unit_typed(tmp_path):
    """An .xls return (WPS's default) gets a fresh workbook: the cover's 填报人, 审核人, 联系电话 and 填报日期
    go into it as the unit typed them."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        import pytest
        pytest.skip("LibreOffice is not installed: no .xls to make")
    book = openpyxl.load_workbook(TYPED)
    for ref, value in (("B6", "张三"), ("B7", "李四"), ("B8", "0350-1234567"), ("B9", "2025年1月20日")):
        book["封面"][ref] = value
    book.save(tmp_path / "return.xlsx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "xls", "--outdir", str(tmp_path), str(tmp_path / "return.xlsx")], check=True, capture_output=True,
                   timeout=180)
    made = _feedback(tmp_path / "return.xls", tmp_path / "fb")
    assert not made.annotated
    cover = openpyxl.load_workbook(made.path)["封面"]
    assert [cover[ref].value for ref in ("B6", "B7", "B8", "B9")] == ["张三", "李四", "0350-1234567", "2025年1月20日"]
    assert read.extract(made.path).document["contact"]["phone"] == "0350-1234567"


def test_a_return_with_nothing_to_fix_gets_no_feedback(tmp_path):
    """Only notes (an .xls read by its values, numbers read from text): nothing for the unit to do."""
    for path in (ROOT / "tests" / "corpus" / "text_numbers.xlsx", ROOT / "tests" / "corpus" / "saved_as_xls.xls"):
        result, _ = validate.assess(path)
        assert result.status == "ok" and result.findings, path.name
        assert _feedback(path, tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_a_marked_copy_of_a_damaged_return_is_still_clean_for_excel(tmp_path):
    """Found by xlsx-check: a 4,300-digit text asked for a row 7,266 points tall (Excel allows 409.5), and a
    sheet renamed by a program that did not follow its names left names pointing nowhere."""
    hostile = ROOT / "tests" / "corpus" / "hostile"
    tall = openpyxl.load_workbook(_feedback(hostile / "numbers_beyond_excel.xlsx", tmp_path / "a").path)
    assert max(d.height or 0 for d in tall[feedback.SHEET].row_dimensions.values()) <= 409
    renamed = openpyxl.load_workbook(_feedback(hostile / "formula_text.xlsx", tmp_path / "b").path)
    assert all(sheet in renamed.sheetnames for d in renamed.defined_names.values() for sheet, _ in d.destinations)
