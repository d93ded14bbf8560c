"""The live checks calculate in a real spreadsheet program: LibreOffice, headless.

Skipped where LibreOffice is not installed (`apt-get install libreoffice-calc`).
"""

import io
import shutil
import subprocess

import openpyxl
import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def recalculated(book, tmp_path):
    src = tmp_path / "in" / "filled.xlsx"
    src.parent.mkdir(parents=True)
    book.save(src)
    out = tmp_path / "out"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    return openpyxl.load_workbook(out / "filled.xlsx", data_only=True)


def test_checks_show_tick_and_cross_with_reasons(unit_bytes, the_spec, tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(unit_bytes))
    cell = {path: (f.sheet, f.cell) for path, f in the_spec.fields.items()}

    def put(path, value):
        sheet, ref = cell[path]
        book[sheet][ref] = value

    for field in the_spec.inputs:
        put(field.path, 0)
    put("table3.new_received.natural_person", 12)   # 12 in, 5 + 3 decided, 3 carried forward: T3-1 off by 1
    put("table3.disclosed.natural_person", 5)
    put("table3.partially_disclosed.natural_person", 3)
    put("table3.carried_forward.natural_person", 3)
    put("table3.new_received.commercial", 2)         # consistent column
    put("table3.disclosed.commercial", 2)
    put("table4.review.upheld", 1)
    put("table4.litigation_direct.total", 4)         # a total typed over: T4-1 breaks
    put("table2.fees.amount", 0.12345)

    calc = recalculated(book, tmp_path)
    t3, t4 = calc["表三"], calc["表四"]
    assert t3["J6"].value == 14 and t3["D29"].value == 8 and t3["J29"].value == 10
    assert [t3.cell(31, c).value for c in range(4, 11)] == \
        ["✗ T3-1 12≠11", "✓", "✓", "✓", "✓", "✓", "✗ T3-1 14≠13"]
    assert {t3.cell(32, c).value for c in range(4, 11)} == {"✓"}
    assert {t3[f"K{r}"].value for r in range(6, 31)} == {"✓"}
    assert t4["A8"].value == "✓" and t4["K8"].value == "✓"
    assert t4["F8"].value == "✗ T4-1 总计=4，结果维持+结果纠正+其他结果+尚未审结=0，相差4"
    assert calc["封面"]["B10"].value.startswith("✗ 有3处勾稽关系不符")
    assert t3["A2"].value == "填报单位：原平市　　单位代码：140981　　报告年度：2024年"


def test_consistent_workbook_is_all_ticks(unit_bytes, the_spec, tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(unit_bytes))
    for field in the_spec.inputs:
        value = 1 if field.row in ("new_received", "disclosed") or field.table != "table3" else 0
        book[field.sheet][field.cell] = value
    calc = recalculated(book, tmp_path)
    marks = [calc[c.sheet].cell(c.r + 1, c.c + 1).value for c in the_spec.checks]
    assert marks == ["✓"] * 42
    assert calc["封面"]["B10"].value == "✓ 表三、表四勾稽关系全部相符"


def test_a_feedback_copy_agrees_with_the_verdict_on_numbers_read_from_text(the_spec, tmp_path):
    """`12件`, full-width digits, text numbers: the command line reads them as numbers (CELL-NORMALISED);
    in the unit's own workbook SUM skips text, so its live checks showed ✗. The feedback copy stores the
    numbers read, so recalculated in a spreadsheet its checks say what the command line says: all ✓."""
    from pathlib import Path

    from toolkit import feedback, findings, validate

    source = Path(__file__).parent / "corpus" / "text_numbers.xlsx"
    result, doc = validate.assess(source)
    assert result.status == "ok" and {f.code for f in result.findings} == {"CELL-NORMALISED"}
    blank = findings.make("CELL-BLANK", field="table3.new_received.research", sheet="表三", cell="F6")
    made = feedback.write(validate.FileResult(result.path, result.unit, result.year, result.format, "warning",
                                              (*result.findings, blank)), doc, tmp_path / "fb")
    calc = recalculated(openpyxl.load_workbook(made.path), tmp_path)
    marks = [calc[c.sheet].cell(c.r + 1, c.c + 1).value for c in the_spec.checks]
    assert marks == ["✓"] * 42
    original = recalculated(openpyxl.load_workbook(source), tmp_path / "original")
    assert any(str(calc_mark).startswith("✗") for calc_mark in
               (original[c.sheet].cell(c.r + 1, c.c + 1).value for c in the_spec.checks))
