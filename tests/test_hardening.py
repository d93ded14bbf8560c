"""Hostile input, class by class (issue 10): no file, name or number crashes a batch, injects a formula into
the office's own files, or exhausts the machine; outputs never overwrite an input or each other."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fill import fill
from toolkit import (
    checker,
    consolidate,
    feedback,
    files,
    findings,
    generate,
    inputs,
    read,
    roster,
    spec,
    status,
    validate,
    xlsx,
)
from toolkit.cli import main
from toolkit.roster import Unit
from toolkit.validate import FileResult

ROOT = Path(__file__).resolve().parent.parent
RETURNS = ROOT / "samples" / "returns"
HOSTILE = ROOT / "tests" / "corpus" / "hostile"
CLEAN = RETURNS / "2024_140902_忻府区.xlsx"
SPEC = spec.load()
INJECTED = ('=HYPERLINK("http://example.invalid/","x")', "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1)",
            "\t=1+1", "\r=1+1", "=1+1")


def formulas_in(path: Path) -> list[tuple[str, tuple[int, int], str]]:
    """Every formula of a workbook we wrote that was not written by our own code (ours are SUM, IF…)."""
    book = xlsx.Xlsx(path.read_bytes())
    return [(s.name, pos, c.formula) for s in book.sheets for pos, c in book.cells(s.name).items()
            if c.formula and any(mark in c.formula for mark in ("HYPERLINK", "cmd", "1+1", "SUM(1)"))]


# ---------------------------------------------------------------- numbers no spreadsheet stores


@pytest.mark.parametrize(("stored", "code"), [
    ("9" * 4300, "CELL-NOT-NUMBER"), ("9" * 400, "CELL-NOT-NUMBER"), ("1e300", "CELL-TOO-LARGE"),
    ("1e16", "CELL-TOO-LARGE"), ("NaN", "CELL-NOT-NUMBER"), ("inf", "CELL-NOT-NUMBER"), ("-inf", "CELL-NOT-NUMBER"),
    ("1e309", "CELL-NOT-NUMBER"), ("3_2", "CELL-NOT-NUMBER"), ("٣٢", "CELL-NOT-NUMBER"), ("３２", "CELL-NOT-NUMBER"),
    ("0x20", "CELL-NOT-NUMBER"), ("1e-400", "CELL-NOT-NUMBER"),
])
@pytest.mark.parametrize("cell", ["D6", "B16"])  # a count of 表三 and 表二's 收费 (a decimal beside the counts)
def test_a_stored_number_no_spreadsheet_writes_is_a_finding_at_its_cell(tmp_path, stored, code, cell):
    sheet = "xl/worksheets/sheet4.xml" if cell == "D6" else "xl/worksheets/sheet3.xml"
    with zipfile.ZipFile(CLEAN) as z:
        xml = z.read(sheet)
    start = xml.index(f'<c r="{cell}"'.encode())
    v = xml.index(b"<v>", start)
    mangled = xml[:v + 3] + stored.encode() + xml[xml.index(b"</v>", v):]
    path = tmp_path / "r.xlsx"
    path.write_bytes(_rezipped(CLEAN.read_bytes(), {sheet: mangled}))
    got = read.extract(path)
    found = checker.check(got.document)
    assert [(f.code, f.cell) for f in found if f.severity == "error"] == [(code, cell)]
    json.loads(files.json_text([f.to_dict() for f in found]), parse_constant=_refuse)  # strict JSON
    assert all(len(f.text()) < 200 for f in found)  # 4,300 nines are quoted as 9999…（共 4300 字）
    if len(stored) > 60:
        error = next(f for f in found if f.severity == "error")
        assert "（共" not in error.text("en") and f"({len(stored)} characters)" in error.text("en")
        assert error.to_dict("en")["actual"] == stored[:30] + "…"


XML_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")  # as Excel writes a number


@given(st.text(alphabet="0123456789.eE+-_ ٣２nNaIifx", min_size=1, max_size=12))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_any_stored_number_reads_as_excel_shows_it_or_is_not_a_number(text):
    """A stored `<v>` is a number only as a finite XML number, read as its value; anything else reads as the
    text it is, which `check` reports (CELL-NOT-NUMBER)."""
    value = xlsx._number(text)
    mantissa = re.split("[eE]", text)[0]
    underflow = XML_DOUBLE.fullmatch(text) and float(text) == 0 and any(ch in "123456789" for ch in mantissa)
    if XML_DOUBLE.fullmatch(text) and math.isfinite(float(text)) and not underflow:
        assert value == float(text)
    else:
        assert value is None


def test_absurd_numbers_are_neither_summed_nor_written(tmp_path):
    """With --include-errors a report with 1e300 and NaN is summed: they add nothing and the total is written."""
    other = tmp_path / "other.xlsx"
    other.write_bytes(generate.Blank(SPEC, 2024, personalised=True).render(Unit("140981", "原平市", "1409")))
    got = consolidate.merge([HOSTILE / "numbers_beyond_excel.xlsx", other], tmp_path / "t.xlsx",
                            include_errors=True)
    assert got.document["table3"]["new_received"]["commercial"] == 0  # 1e300 left out
    assert got.document["table2"]["fees"]["amount"] == 0.0  # NaN left out
    assert json.loads(files.json_text(got.to_dict()), parse_constant=_refuse)
    detail = openpyxl.load_workbook(tmp_path / "t.xlsx")[consolidate.DETAIL]
    row = [c.value for c in next(r for r in detail.iter_rows(min_row=3) if r[0].value == "140902")]
    assert "1e+300" in row and "9" * 4300 in row and "NaN" in row  # shown as the text they are


def test_json_documents_with_nan_deep_nesting_or_huge_integers_are_unreadable_not_fatal(tmp_path):
    cases = {"nan.json": '{"format": "x", "year": NaN}', "deep.json": "[" * 100_000 + "]" * 100_000,
             "huge.json": '{"year": ' + "9" * 5000 + "}"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        got = read.extract(tmp_path / name)
        assert got.document is None and [f.code for f in got.findings] == ["FILE-UNREADABLE"], name
    previous = validate.load_previous([tmp_path / n for n in cases])
    assert set(previous.unreadable) == {str(tmp_path / n) for n in cases}
    (tmp_path / "c.json").write_text("{" * 100_000, encoding="utf-8")
    assert main(["validate", str(CLEAN), "--config", str(tmp_path / "c.json")]) == 1


# ---------------------------------------------------------------- devices, pipes, folders


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_or_a_device_is_unreadable_at_once(tmp_path):
    fifo = tmp_path / "return.xlsx"
    os.mkfifo(fifo)
    code = "from toolkit import read; import sys; print([f.code for f in read.extract(sys.argv[1]).findings])"
    for path in (fifo, Path("/dev/zero")):
        run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60,
                             cwd=ROOT)
        assert run.stdout.strip() == "['FILE-UNREADABLE']"


def test_what_units_send_instead_of_a_workbook_is_unreadable_with_what_to_do(tmp_path, capsys):
    folder = tmp_path / "returns"
    folder.mkdir()
    for name in ("2024_140921_定襄县.xlsb", "2024_140922_五台县.csv", "2024_140923_代县.xlsx.zip",
                 "2024_140924_繁峙县.docx", "2024_140925_宁武县.wps", "2024_140926_偏关县.eml"):
        (folder / name).write_bytes(b"not a workbook")
    shutil.copy(CLEAN, folder)
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    report = validate.run(inputs.workbook_files([folder]))
    reasons = {Path(r.path).suffix: r.findings[0].text() for r in report.files if r.status == "unreadable"}
    assert set(reasons) == {".xlsb", ".csv", ".zip", ".docx", ".wps", ".eml"}
    assert "另存为 .xlsx" in reasons[".xlsb"] and "解压" in reasons[".zip"] and "文档" in reasons[".docx"]
    assert "邮件" in reasons[".eml"] and "desk add" in reasons[".eml"]  # said, not silently passed over
    units = roster.read(ROOT / "samples" / "roster.csv")
    reported = status.collect(units, report.files)
    assert {u.code: u.status for u in reported.units}["140921"] == "unreadable"  # not 未报送


# ---------------------------------------------------------------- text that writers would run


def test_text_a_unit_typed_is_text_in_every_workbook_we_write(tmp_path):
    """The hostile return (a cover name, count cells and a sheet named like formulas) through every writer:
    the feedback copy, a fresh feedback workbook, the total and its 校验 sheet, the status workbook."""
    hostile = HOSTILE / "formula_text.xlsx"
    got = validate.run([hostile, CLEAN])
    annotated = feedback.write(got.files[0], read.extract(hostile).document, tmp_path / "fb")
    doc = read.extract(hostile).document
    doc["source"]["kind"] = "xls"  # a file that cannot be marked: a fresh official workbook
    fresh = feedback.write(got.files[0], doc, tmp_path / "fresh")
    assert annotated is not None and annotated.annotated and fresh is not None and not fresh.annotated
    units = [Unit("140902", INJECTED[0], "1409"), Unit("140903", "=1+1", "1409")]
    status.write_workbook(status.collect(units, got.files), tmp_path / "status.xlsx")
    other = tmp_path / "other.xlsx"
    other.write_bytes(generate.Blank(SPEC, 2024, personalised=True).render(Unit("140981", "@SUM(1)", "1409")))
    consolidate.merge([hostile, other], tmp_path / "total.xlsx", include_errors=True, name="=1+1", roster=units)
    outputs = [annotated.path, fresh.path, tmp_path / "status.xlsx", tmp_path / "total.xlsx"]
    assert {str(p): formulas_in(p) for p in outputs} == {str(p): [] for p in outputs}
    book = openpyxl.load_workbook(fresh.path)
    assert book["表三"]["E6"].value == "=cmd|' /C calc'!A0" and book["表三"]["E6"].data_type == "s"
    assert any(c.value == "=1+1" for row in openpyxl.load_workbook(annotated.path)["校验结果"].iter_rows()
               for c in row)


@given(text=st.sampled_from(INJECTED) | st.text(max_size=40)
       | st.builds(str.__add__, st.sampled_from(INJECTED), st.text(max_size=20)))
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_any_text_written_by_any_writer_reads_back_as_that_text(tmp_path_factory, text):
    """xlsxwriter (write_text, write_value, the spool) and openpyxl (set_text): never a formula, always
    the text as a cell can hold it."""
    import xlsxwriter

    from toolkit import spool, writing

    folder = tmp_path_factory.mktemp("w")
    out = folder / "x.xlsx"
    wb = xlsxwriter.Workbook(str(out))
    ws = wb.add_worksheet("S")
    writing.write_text(ws, 0, 0, text)
    writing.write_value(ws, 1, 0, text)
    wb.close()
    rows = spool.Spool()
    rows.add([text])
    spool.assemble(out.read_bytes(), folder / "y.xlsx", {"S": (2, rows)})
    book = openpyxl.Workbook()
    writing.set_text(book.active.cell(1, 1), text)
    book.save(folder / "z.xlsx")
    expected = writing.cell_text(text)
    for name, cells in (("y.xlsx", [(0, 0), (1, 0), (2, 0)]), ("z.xlsx", [(0, 0)])):
        read_back = xlsx.Xlsx((folder / name).read_bytes())
        sheet = read_back.sheets[0].name
        for pos in cells:
            cell = read_back.cells(sheet).get(pos)
            assert (cell is None and expected == "") or (cell.formula is None and cell.value == expected)


def test_manifest_csv_neutralises_formulas(tmp_path):
    roster_file = tmp_path / "r.csv"
    roster_file.write_text('code,name,parent\n1,"=HYPERLINK(""x"")",9\n2,@SUM(1),9\n3,+1,9\n4,-1,9\n',
                           encoding="utf-8")
    generate.workbooks(2024, roster_path=roster_file, out_dir=tmp_path / "out")
    with (tmp_path / "out" / "manifest.csv").open(encoding="utf-8-sig", newline="") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    assert names == ["'=HYPERLINK(\"x\")", "'@SUM(1)", "'+1", "'-1"]


# ---------------------------------------------------------------- names and codes


def test_hidden_characters_in_a_roster_are_dropped_and_codes_compared_normalised(tmp_path):
    roster_file = tmp_path / "r.csv"
    roster_file.write_text("code,name,parent\n140981,原平\x0b市,1409\n１４０９８２,定\u202e襄,1409\n", encoding="utf-8")
    units = roster.read(roster_file)
    assert [(u.code, u.name) for u in units] == [("140981", "原平 市"), ("140982", "定襄")]
    for twin in ("１４０９８１", "140981\u200b", " 140981"):
        roster_file.write_text(f"code,name,parent\n140981,甲,9\n{twin},乙,9\n", encoding="utf-8")
        with pytest.raises(roster.RosterError) as err:
            roster.read(roster_file)
        assert err.value.key == "roster.duplicate_code"


def test_generated_workbooks_with_hostile_names_read_back(tmp_path):
    """A vertical tab once made a workbook the tool could not read; a bidi mark spoofed the extension;
    82 Chinese characters made a file name too long for the file system."""
    roster_file = tmp_path / "r.csv"
    long_name = "忻州市" + "某" * 79
    roster_file.write_text(f"code,name,parent\n1,甲\x0b乙,9\n2,单位\u202excod.exe,9\n3,{long_name},9\n",
                           encoding="utf-8")
    made = generate.workbooks(2024, roster_path=roster_file, out_dir=tmp_path / "out")
    assert all(len(r.path.name.encode()) <= 200 and "\u202e" not in r.path.name for r in made)
    names = [read.extract(r.path).document["unit"]["name"] for r in made]
    assert names == ["甲 乙", "单位xcod.exe", long_name]


def test_a_full_width_code_is_the_same_unit_in_a_merge(tmp_path):
    twin = tmp_path / "twin.xlsx"  # filled in, so summed: a blank (EMPTY) is not summed, so it is no double count
    blank = generate.Blank(SPEC, 2024, personalised=True).render(Unit("１４０９０２", "忻府区", "1409"))
    twin.write_bytes(fill(blank, SPEC, {f.path: 0 for f in SPEC.inputs}))
    assert read.extract(twin).document["unit"]["code"] == "140902"
    with pytest.raises(consolidate.NianbaoError) as refused:
        consolidate.merge([CLEAN, twin], tmp_path / "t.xlsx")
    assert refused.value.key == "merge.same_unit"


def test_a_name_two_roster_units_share_matches_neither():
    units = [Unit("1", "城关镇", "9"), Unit("2", "城关镇", "9"), Unit("3", "东关镇", "9")]
    results = [FileResult("a.xlsx", {"code": "", "name": "城关镇"}, 2024, "f", "ok", ()),
               FileResult("b.xlsx", {"code": "", "name": "东关镇"}, 2024, "f", "ok", ())]
    reported = status.collect(units, results)
    assert [u.status for u in reported.units] == ["missing", "missing", "ok"]
    assert [u.file for u in reported.unknown] == ["a.xlsx"]


def test_an_unreadable_file_is_matched_by_the_code_in_its_name():
    units = [Unit("140902", "忻府区", "1409"), Unit("1409-SSTHJJ-YP", "原平分局", "1409"), Unit("14090", "x", "1")]
    results = [FileResult(name, None, None, None, "unreadable", ())
               for name in ("2024_140902_忻府区.xlsx", "1409-SSTHJJ-YP.xls", "140902140.xlsx")]
    reported = status.collect(units, results)
    assert [u.status for u in reported.units] == ["unreadable", "unreadable", "missing"]


# ---------------------------------------------------------------- what is printed


def test_markup_and_emoji_codes_in_names_and_paths_print_as_typed(tmp_path, capsys):
    folder = tmp_path / "in[bold]"
    folder.mkdir()
    shutil.copy(HOSTILE / "formula_text.xlsx", folder / "[bold]甲:warning:.xlsx")
    out = tmp_path / "out[final].json"
    assert main(["validate", str(folder), "--json", str(out), "--feedback", str(tmp_path / "fb[/]")]) == 1
    printed = capsys.readouterr().out
    assert "[bold]甲:warning:.xlsx" in printed and "out[final].json" in printed and "⚠" not in printed
    assert main(["merge", str(folder), str(RETURNS / "2024_140921_定襄县.xlsx"), "-o", str(tmp_path / "t[x].xlsx"),
                 "--name", "[red]县[/]", "--include-errors"]) == 1
    assert "t[x].xlsx" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform == "win32", reason="file names are UTF-16 on Windows")
def test_file_names_that_are_not_utf8_are_shown_decoded(tmp_path, capsys):
    """What unzipping a zip made on Chinese Windows gives: GBK bytes in the file name."""
    folder = tmp_path / "returns"
    folder.mkdir()
    gbk = os.fsdecode("2024_140923_代县.xlsx".encode("gbk"))
    shutil.copy(RETURNS / "2024_140923_代县.xlsx", folder / gbk)
    (folder / os.fsdecode("坏.xlsx".encode("gbk"))).write_bytes(b"broken")
    assert main(["validate", str(folder), "--json", str(tmp_path / "r.json")]) == 1
    assert "2024_140923_代县.xlsx" in capsys.readouterr().out
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sorted(Path(f["path"]).name for f in result["files"]) == ["2024_140923_代县.xlsx", "坏.xlsx"]
    roster_file = ROOT / "samples" / "roster.csv"
    assert main(["status", "--roster", str(roster_file), str(folder), "-o", str(tmp_path / "s.xlsx"),
                 "--json", str(tmp_path / "s.json")]) == 1
    assert "代县.xlsx" in (tmp_path / "s.json").read_text(encoding="utf-8")
    assert openpyxl.load_workbook(tmp_path / "s.xlsx").active.max_row > 2


# ---------------------------------------------------------------- outputs


def test_outputs_never_overwrite_an_input_or_each_other(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CLEAN, folder / "a.xlsx")
    before = (folder / "a.xlsx").read_bytes()
    os.link(folder / "a.xlsx", tmp_path / "hard.json")
    (tmp_path / "soft.json").symlink_to(folder / "a.xlsx")
    for out in ("hard.json", "soft.json"):
        assert main(["validate", str(folder), "--json", str(tmp_path / out)]) == 2
    assert main(["merge", str(folder), "-o", str(tmp_path / "x.xlsx"), "--json", str(tmp_path / "x.xlsx")]) == 2
    assert "两个输出" in capsys.readouterr().out
    assert (folder / "a.xlsx").read_bytes() == before and not (tmp_path / "x.xlsx").exists()


def test_generate_never_replaces_a_filled_return(tmp_path, capsys):
    roster_file = ROOT / "samples" / "roster.csv"
    returns = tmp_path / "returns"
    returns.mkdir()
    for p in RETURNS.iterdir():
        shutil.copy(p, returns / p.name)
    before = {p.name: p.read_bytes() for p in returns.iterdir()}
    assert main(["generate", "--year", "2024", "--roster", str(roster_file), "--out", str(returns)]) == 1
    assert "11 个同名文件" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in returns.iterdir()} == before
    assert main(["generate", "--year", "2024", "--roster", str(roster_file), "--out", str(tmp_path / "b")]) == 0
    assert main(["generate", "--year", "2024", "--roster", str(roster_file), "--out", str(tmp_path / "b")]) == 0
    assert main(["generate", "--year", "2024", "--roster", str(roster_file), "--out", str(returns),
                 "--force"]) == 0


def test_validate_with_feedback_into_the_returns_folder(tmp_path, capsys):
    folder = tmp_path / "returns"
    shutil.copytree(RETURNS, folder)
    assert main(["validate", str(folder), "--feedback", str(folder)]) == 1
    first = capsys.readouterr().out
    assert "共 13 个文件" in first
    assert main(["validate", str(folder), "--feedback", str(folder)]) == 1
    second = capsys.readouterr().out
    assert "共 13 个文件" in second and "跳过 9 个本工具写出的校验意见" in second  # 4 of the 13 are 合格


# ---------------------------------------------------------------- feedback in bounded time


def test_feedback_over_whole_sheet_ranges_and_a_part_with_entities(tmp_path):
    """SUM(A1:XFD1048576) costs what the sheet holds; a part with a DTD, or a merged range over billions of
    cells, never reaches openpyxl (a fresh workbook instead)."""
    blank = findings.make("CELL-BLANK", field="table3.new_received.natural_person", sheet="表三", cell="D6")
    for name, annotated in (("huge_sum_ranges.xlsx", True), ("entities_in_core_properties.xlsx", False),
                            ("whole_sheet_merge.xlsx", False)):
        path = HOSTILE / name
        got = read.extract(path)
        result = FileResult(str(path), got.document["unit"], 2024, SPEC.format, "warning", (blank,))
        written = feedback.write(result, got.document, tmp_path)
        assert written is not None and written.annotated is annotated, name


def _rezipped(data: bytes, change: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, change.get(info.filename, src.read(info)))
    return out.getvalue()


def _refuse(name: str) -> None:
    raise ValueError(name)


# ---------------------------------------------------------------- the sandbox, and more of the red team's finds


def _abort() -> None:
    os.abort()  # what Rust does when an allocation fails


def _sleep(seconds: float) -> str:
    import time
    time.sleep(seconds)
    return "woke"


def _refuse_declared() -> None:
    raise xlsx.XlsxError("too_large", "declared")


def test_a_reader_that_aborts_or_hangs_ends_its_child_not_the_batch():
    from toolkit import sandbox

    with pytest.raises(xlsx.XlsxError) as died:
        sandbox.call(_abort)
    assert died.value.kind == "reader_failed"
    with pytest.raises(xlsx.XlsxError) as slow:
        sandbox.call(_sleep, 30, timeout=0.5)
    assert slow.value.kind == "too_slow"
    with pytest.raises(xlsx.XlsxError) as refused:  # the reader's own refusal comes through as it is
        sandbox.call(_refuse_declared)
    assert (refused.value.kind, refused.value.detail) == ("too_large", "declared")
    assert sandbox.call(_sleep, 0) == "woke"  # a new child serves the next file
    sandbox.stop()


def test_a_zip_directory_of_thousands_of_entries_is_refused_unread(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(CLEAN) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for i in range(xlsx.MAX_MEMBERS):
            dst.writestr(f"z/{i}", b"")
    (tmp_path / "r.xlsx").write_bytes(out.getvalue())
    got = read.extract(tmp_path / "r.xlsx")
    assert got.document is None and [f.code for f in got.findings] == ["FILE-UNREADABLE"]


def test_a_previous_report_is_found_by_its_code_however_it_is_typed(tmp_path):
    """A report document of last year whose code has full-width digits and a zero-width space."""
    last = read.extract(ROOT / "samples" / "previous" / "2023_140922_五台县.xlsx").document
    last["unit"]["code"] = "１４０９２２\u200b"
    (tmp_path / "last.json").write_text(json.dumps(last, ensure_ascii=False), encoding="utf-8")
    previous = validate.load_previous([tmp_path / "last.json"])
    result, _ = validate.assess(RETURNS / "2024_140922_五台县.xlsx", previous)
    assert "X-1" in {f.code for f in result.findings}


def test_an_edited_manifest_is_not_replaced_without_force(tmp_path, capsys):
    roster_file = tmp_path / "r.csv"
    roster_file.write_text("code,name,parent\n1,甲,9\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--year", "2024", "--roster", str(roster_file), "--out", str(out)]) == 0
    (out / "manifest.csv").write_text("edited by the office", encoding="utf-8")
    assert main(["generate", "--year", "2024", "--roster", str(roster_file), "--out", str(out)]) == 1
    assert (out / "manifest.csv").read_text(encoding="utf-8") == "edited by the office"


def test_json_output_may_not_take_a_feedback_workbooks_name(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RETURNS / "2024_140923_代县.xlsx", folder)
    clash = tmp_path / "fb" / "2024_140923_代县_校验意见_58ce4953.xlsx"
    clash.parent.mkdir()
    assert main(["validate", str(folder), "--feedback", str(clash.parent), "--json", str(clash)]) == 2
    assert not clash.exists()
