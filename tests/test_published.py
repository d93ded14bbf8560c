"""Published reports read into report documents: the real samples to their hand-transcribed numbers, every
shape a table takes (HTML with merged cells, Word, tabs, cells run together), never a wrong number."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import checker, digits, published, read
from toolkit.document import build, flat, with_totals
from toolkit.pagetext import text_lines
from toolkit.spec import load

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "published"
SPEC = load()
# rows whose digits ran together so that several readings fit every rule and what the text states: left blank
AMBIGUOUS = {"2021_pingtan_zhsyq": "normative_documents", "2023_pingtan_zhsyq": "normative_documents",
             "2024_pingtan_zhsyq": "normative_documents", "2025_pingtan_zhsyq": "normative_documents"}


def samples(format_: str) -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*.json") if json.loads(p.read_text(encoding="utf-8"))["format"] == format_)


@pytest.mark.parametrize("transcribed", samples("2021"), ids=lambda p: p.stem)
def test_every_sample_imports_to_its_transcribed_numbers(transcribed):
    meta = json.loads(transcribed.read_text(encoding="utf-8"))
    got = published.read(transcribed.with_suffix(".txt"))
    assert got.document is not None
    assert (got.document["year"], got.document["unit"]["name"]) == (meta["year"], meta["unit"])
    values = flat(got.document, SPEC)
    blank_row = AMBIGUOUS.get(transcribed.stem)
    for path, want in meta["values"].items():
        if blank_row and path.startswith(f"table2.{blank_row}."):
            assert values[path] is None, path  # left blank, never guessed
        else:
            assert values[path] == want, path
    ambiguous = [f for f in got.findings if f.code == "IMPORT-AMBIGUOUS"]
    assert [f.field for f in ambiguous] == ([f"table2.{blank_row}.in_force"] if blank_row else [])


@pytest.mark.parametrize("transcribed", samples("2019"), ids=lambda p: p.stem)
def test_a_2019_format_report_is_named_not_misread(transcribed):
    got = published.read(transcribed.with_suffix(".txt"))
    assert got.document is None and [f.code for f in got.findings] == ["FORMAT-2019"]
    result, _ = published.assess(transcribed.with_suffix(".txt"))
    assert result.year == json.loads(transcribed.read_text(encoding="utf-8"))["year"]  # said, though not read


def test_the_readings_of_a_row_left_blank_are_said_in_the_findings_language_and_survive_a_ledger():
    from toolkit import findings

    (ambiguous,) = [f for f in published.read(SAMPLES / "2025_pingtan_zhsyq.txt").findings
                    if f.code == "IMPORT-AMBIGUOUS"]
    assert "可能的读法：5、8、45546 ／ 5、84、5546 ／" in ambiguous.text() and "…（共 15 种）" in ambiguous.text()
    english = ambiguous.text("en")
    assert "possible readings: 5, 8, 45546 / 5, 84, 5546 / " in english and "… (15 in all)" in english
    kept = findings.from_record(json.loads(json.dumps(ambiguous.to_record(), ensure_ascii=False)))
    assert (kept.text(), kept.text("en")) == (ambiguous.text(), english)


def test_a_2019_format_report_still_says_whose_it_is():
    result, doc = published.assess(SAMPLES / "2019_pingtan_zhsyq.txt")
    assert doc is None and (result.unit["name"], result.year, result.status) == ("平潭综合实验区", 2019, "unreadable")


def test_the_seed_imports_with_its_blank_cells_blank_and_a_unit_found_on_the_roster():
    from toolkit.roster import Lookup
    from toolkit.roster import read as read_roster

    result, doc = published.assess(SAMPLES / "2023_yuanping_sthjj.txt",
                                   lookup=Lookup(read_roster(ROOT / "samples" / "roster.csv")))
    assert doc["unit"]["code"] == "1409-SSTHJJ-YP" and doc["year"] == 2023
    assert doc["table2"]["regulations"] == {"issued": 0, "repealed": 0, "in_force": None}
    assert doc["table2"]["penalty"]["decisions"] == 12
    assert [(f.code, f.field, f.cell) for f in result.findings] == [
        ("N-7", None, None),  # part six says nothing of 信息处理费
        ("CELL-BLANK", "table2.regulations.in_force", None),
        ("CELL-BLANK", "table2.normative_documents.in_force", None)]


def test_the_narrative_decides_between_readings_it_states():
    got = published.read(SAMPLES / "2022_pingtan_zhsyq.txt")  # 8855698: 88 issued and 698 in force, said above
    assert got.document["table2"]["normative_documents"] == {"issued": 88, "repealed": 55, "in_force": 698}
    said = next(f for f in got.findings if f.field == "table2.normative_documents.in_force")
    assert said.code == "IMPORT-INFERRED" and "88、55、698" in said.text()


# ---------------------------------------------------------------- every shape, from a consistent report


def consistent_reports():
    small = st.integers(0, 40) | st.integers(0, 3000)
    columns = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
    outcome_rows = [r for r in {f.row for f in SPEC.fields.values() if f.table == "table3"}
                    if r not in ("new_received", "carried_over", "results_total", "carried_forward")]

    @st.composite
    def report(draw):
        values = {}
        for column in columns:
            outcomes = {row: draw(st.integers(0, 5) | st.sampled_from([0, 0, 0, 12, 130])) for row in outcome_rows}
            forward, before = draw(st.integers(0, 9)), draw(st.integers(0, 9))
            done = sum(outcomes.values())
            before = min(before, done + forward)
            values |= {f"table3.{row}.{column}": v for row, v in outcomes.items()}
            values |= {f"table3.carried_forward.{column}": forward, f"table3.carried_over.{column}": before,
                       f"table3.new_received.{column}": done + forward - before}
        for group in ("review", "litigation_direct", "litigation_after_review"):
            values |= {f"table4.{group}.{k}": draw(st.integers(0, 30)) for k in ("upheld", "corrected", "other",
                                                                                 "pending")}
        for path in (p for p, f in SPEC.fields.items() if f.table == "table2" and f.is_input):
            values[path] = draw(small) if not path.endswith("amount") else draw(st.sampled_from([0, 1.5, 12.25]))
        return with_totals(SPEC, values)

    return report()


def printed(values, shape: str) -> str:
    """A report's text with its tables as `shape`: "tabs" (a row a line, cells between tabs) or "run" (each
    row's digits run together after its label, as archived pages give them)."""
    join = "\t".join if shape == "tabs" else "".join
    lines = ["测试县2024年政府信息公开工作年度报告", "本报告中所列数据统计期限为2024年1月1日至12月31日。",
             "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"]
    rows: dict[tuple[str, str], list] = {}
    for f in SPEC.fields.values():
        rows.setdefault((f.table, f.row_label or f.group_label), []).append(f)
    for (table, label), fields in rows.items():
        if table == "table3" and label.startswith("一、"):
            lines += ["三、收到和处理政府信息公开申请情况",
                      "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"]
        if table == "table4":
            continue
        numbers = [_shown(values[f.path]) for f in fields]
        lines.append(f"{label}\t{join(numbers)}" if shape == "tabs" else label + join(numbers))
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼",
              "结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
              join(_shown(values[f.path]) for f in SPEC.fields.values() if f.table == "table4"),
              "五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines)


def _shown(v) -> str:
    return "" if v is None else f"{v:g}" if isinstance(v, float) else str(v)


def _imported(text: str, suffix: str = ".txt", data: bytes | None = None):
    from toolkit.pagetext import Page

    page = Page("text", tuple(line for line in text_lines(text) if any(c.strip() for c in line)))
    return published.from_page(page, SPEC)


@settings(max_examples=60, deadline=None)
@given(consistent_reports())
def test_a_consistent_report_printed_with_tabs_comes_back_exactly(values):
    got = _imported(printed(values, "tabs"))
    assert flat(got.document, SPEC) == {p: values[p] for p in SPEC.fields}
    assert not [f for f in got.findings if f.code.startswith("IMPORT-")]


@settings(max_examples=40, deadline=None)
@given(consistent_reports())
def test_digits_run_together_come_back_or_stay_blank_never_wrong(values):
    got = _imported(printed(values, "run"))
    back = flat(got.document, SPEC)
    wrong = {p: (back[p], values[p]) for p in SPEC.fields if back[p] is not None and back[p] != values[p]}
    assert wrong == {}
    blank = {p for p in SPEC.fields if back[p] is None}
    assert blank <= got.unsettled  # a cell left blank is in a row said to be ambiguous
    said = {f.code for f in got.findings}
    assert ("IMPORT-AMBIGUOUS" in said) == bool(blank)


def test_the_issues_example_is_split_by_the_rows_total():
    pieces = [digits.Piece("21710000218")]
    row = published.rows(SPEC, "table3")[0]
    within = published._rules_within(SPEC, row)
    assert digits.readings(pieces, 7, published._holds(within, row)) == [(217, 1, 0, 0, 0, 0, 218)]
    assert digits.readings([digits.Piece("1111")], 3) == [(1, 1, 11), (1, 11, 1), (11, 1, 1)]
    assert list(digits.cuts("1007", 3)) == [(10, 0, 7)]  # "0" alone, never "07" or "00"


# ---------------------------------------------------------------- web pages, Word, PDF


def html_of(values) -> bytes:
    """The report as a web page: its tables drawn from the template with merged cells (rowspan, colspan)."""
    from toolkit.web.pages import tables

    doc = build(SPEC, 2024, {"code": "", "name": "测试县"}, values)
    body = ["<html><head><meta charset='gbk'><title>测试县2024年政府信息公开工作年度报告</title></head><body>",
            "<h1>测试县2024年政府信息公开工作年度报告</h1>",
            "<p>本报告中所列数据统计期限为2024年1月1日至12月31日。</p>"]
    for drawn in tables(SPEC, doc, [], ("table2", "table3", "table4")):
        body.append(f"<p>{drawn.title}</p><table>")
        for row in drawn.rows:
            cells = "".join(f"<td rowspan='{c.rows}' colspan='{c.cols}'>{c.text.replace(',', '')}</td>" for c in row)
            body.append(f"<tr>{cells}</tr>")
        body.append("</table>")
    body.append("<p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>")
    return "\n".join(body).encode("gbk")


@settings(max_examples=25, deadline=None)
@given(values=consistent_reports())
def test_a_web_page_in_gbk_with_merged_cells_comes_back_exactly(tmp_path_factory, values):
    page = tmp_path_factory.mktemp("html") / "报告.html"
    page.write_bytes(html_of(values))
    got = published.read(page)
    assert flat(got.document, SPEC) == {p: values[p] for p in SPEC.fields}
    assert got.document["unit"]["name"] == "测试县" and got.kind == "html"


def test_a_blank_published_cell_of_a_web_page_stays_blank(tmp_path):
    values = {p: 0 for p, f in SPEC.fields.items() if f.is_input} | {"table2.regulations.in_force": None}
    page = tmp_path / "报告.shtml"
    page.write_bytes(html_of(with_totals(SPEC, values)))
    doc = published.read(page).document
    assert doc["table2"]["regulations"] == {"issued": 0, "repealed": 0, "in_force": None}


def test_a_word_file_comes_back_exactly(tmp_path):
    values = with_totals(SPEC, {p: i % 7 for i, (p, f) in enumerate(SPEC.fields.items()) if f.is_input})
    text = printed(values, "tabs")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    blocks = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) == 1:
            blocks.append(f"<w:p><w:r><w:t>{cells[0]}</w:t></w:r></w:p>")
        else:
            tcs = "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells)
            blocks.append(f"<w:tbl><w:tr>{tcs}</w:tr></w:tbl>")
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}">'
                f'<w:body>{"".join(blocks)}</w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
    (tmp_path / "报告.docx").write_bytes(out.getvalue())
    got = published.read(tmp_path / "报告.docx")
    assert got.kind == "docx" and flat(got.document, SPEC) == {p: values[p] for p in SPEC.fields}


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_a_pdf_printed_from_a_web_page_comes_back_exactly(tmp_path):
    """Its text layer as Chromium prints it: Kangxi radicals for common characters (⼆, ⾏), labels broken over
    lines, a row's numbers on the line after its label."""
    values = with_totals(SPEC, {p: (i * 7) % 23 for i, (p, f) in enumerate(SPEC.fields.items()) if f.is_input})
    (tmp_path / "报告.html").write_bytes(html_of(values))
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={tmp_path / '报告.pdf'}", (tmp_path / "报告.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    got = published.read(tmp_path / "报告.pdf")
    assert got.kind == "pdf" and got.document["unit"]["name"] == "测试县"
    assert flat(got.document, SPEC) == {p: values[p] for p in SPEC.fields}


def test_what_cannot_be_read_is_said(tmp_path):
    cases = {"报告.doc": (b"\xd0\xcf\x11\xe0 old word", "另存为 .docx"),
             "报告.pdf": (b"%PDF-1.4 broken", "PDF 文件已损坏：文件不完整或格式不对"),
             "空.pdf": (b"", "文件是空的"), "报告.xyz": (b"x", "不是可导入的报告"),
             "报告.docx": (b"PK\x03\x04 not a zip", "docx 文件已损坏：文件不完整")}
    for name, (data, said) in cases.items():
        (tmp_path / name).write_bytes(data)
        got = published.read(tmp_path / name)
        assert got.document is None and got.findings[0].code == "IMPORT-UNREADABLE", name
        assert said in got.findings[0].text(), name
        assert not re.search(r"[A-Za-z]{3,} [a-z]{2,}", got.findings[0].text()), name  # no library's English


# ---------------------------------------------------------------- the command line


def test_import_writes_json_and_workbooks_that_read_back_as_returns(tmp_path):
    out, report = tmp_path / "工作簿", tmp_path / "导入.json"
    done = subprocess.run([sys.executable, "-m", "toolkit", "import", str(SAMPLES / "2022_pingtan_zhsyq.txt"),
                           str(SAMPLES / "2023_yuanping_sthjj.txt"), str(SAMPLES / "2020_pingtan_zhsyq.txt"),
                           "--json", str(report), "--out", str(out), "--roster", str(ROOT / "samples" / "roster.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # the 2019-format report cannot be read into the 2021 tables
    assert "IMPORT-INFERRED" in done.stdout and "FORMAT-2019" in done.stdout
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert [f["status"] for f in files] == ["warning", "warning", "unreadable"]
    assert files[1]["unit"]["code"] == "1409-SSTHJJ-YP" and files[2]["document"] is None
    written = sorted(out.glob("*.xlsx"))
    assert [p.name for p in written] == ["2022_平潭综合实验区.xlsx",
                                         "2023_1409-SSTHJJ-YP_忻州市生态环境局原平分局.xlsx"]
    for path, entry in zip(written, files[:2], strict=True):
        back = read.extract(path).document
        assert flat(back, SPEC) == flat(entry["document"], SPEC)


# ---------------------------------------------------------------- the narrative against the tables


def test_the_narrative_is_checked_against_the_tables_quoting_the_sentence():
    got = published.read(SAMPLES / "2022_pingtan_zhsyq.txt")  # says 75 received; 表三 prints 74
    said = [f for f in got.findings if f.code.startswith("N-")]
    assert [(f.code, f.field, f.params["said"], f.params["table"]) for f in said] == [
        ("N-1", "table3.new_received.total", 75, 74)]
    assert "全区收到政府信息公开申请75件" in said[0].text()
    seed = [f.code for f in published.read(SAMPLES / "2023_yuanping_sthjj.txt").findings if f.code.startswith("N-")]
    assert seed == ["N-7"]  # its part six says nothing of 信息处理费; 办结 of hotline cases is no application's


@pytest.mark.parametrize(("sentence", "code", "said", "table"), [
    ("2024年共收到政府信息公开申请20件。", "N-1", 20, 9),
    ("共收到12件政府信息公开申请，其中自然人申请12件。", "N-1", 12, 9),
    ("本年收到申请11件（含上年结转2件）。", None, None, None),  # 9 new + 2 carried over
    ("全年办结政府信息公开申请10件，结转下年度1件。", "N-2", 10, 9),
    ("予以公开及部分公开5件，占55.56%。", None, None, None),  # 5 of 9 done
    ("予以公开及部分公开5件，占50%。", "N-3", "50.0%", "55.56%"),
    ("全年未收到政府信息公开申请。", "N-4", 0, 11),
    ("发生政府信息公开行政复议3件、行政诉讼1件，均已审结。", "N-5", 3, 1),
    ("本年度制发行政规范性文件7件。", "N-6", 7, 6),
])
def test_each_narrative_rule(sentence, code, said, table):
    from toolkit import narrative

    values = {p: 0 for p, f in SPEC.fields.items() if f.is_input} | {
        "table3.new_received.natural_person": 9, "table3.carried_over.natural_person": 2,
        "table3.disclosed.natural_person": 3, "table3.partially_disclosed.natural_person": 2,
        "table3.unavailable_not_held.natural_person": 4, "table3.carried_forward.natural_person": 2,
        "table4.review.upheld": 1, "table2.normative_documents.issued": 6, "table2.normative_documents.in_force": 6}
    doc = build(SPEC, 2024, {"code": "", "name": "某局"}, with_totals(SPEC, values))
    found = narrative.check(sentence + "\n无收取信息处理费。", doc)
    if code is None:
        assert found == []
    else:
        assert [(f.code, f.params["said"], f.params["table"]) for f in found][:1] == [(code, said, table)]


def test_a_report_dated_after_the_deadline_and_a_period_of_another_year():
    from toolkit import narrative

    doc = build(SPEC, 2024, {"code": "", "name": "某县市场监督管理局"}, {})
    text = "本报告中所列数据统计期限为2023年1月1日至12月31日。\n无收取信息处理费。\n某县市场监督管理局\n2025年2月15日"
    assert [(f.code, f.params["said"], f.params["table"]) for f in narrative.check(text, doc)] == [
        ("N-8", "2023", 2024), ("N-8", "2025-02-15", "2025-01-31")]
    government = build(SPEC, 2024, {"code": "", "name": "某县人民政府"}, {})
    assert narrative.check(text.replace("2023年1月1日", "2024年1月1日"), government) == []  # by 3月31日


# ---------------------------------------------------------------- everywhere a report is taken


def test_validate_takes_a_published_report_and_points_to_the_table_not_a_cell():
    from toolkit import validate

    report = validate.run([SAMPLES / "2022_pingtan_zhsyq.txt"])
    (result,) = report.files
    assert result.status == "warning" and result.unit["name"] == "平潭综合实验区"
    assert {(f.code, f.sheet, f.cell) for f in result.findings if f.code in ("N-1", "T2-5")} == {
        ("N-1", "表三", None), ("T2-5", "表二", None)}


def test_last_years_published_report_serves_the_checks_between_years(tmp_path):
    from toolkit import validate

    previous = validate.load_previous([SAMPLES / "2023_yuanping_sthjj.txt"])
    assert previous.unreadable == {}
    this_year = {"code": "1409-SSTHJJ-YP", "name": "忻州市生态环境局原平分局"}
    assert previous.of(this_year, 2023)["table2"]["penalty"]["decisions"] == 12  # found by the unit's name
    (result,) = validate.run([ROOT / "samples" / "returns" / "2024_1409-SSTHJJ-YP_忻州市生态环境局原平分局.xlsx"],
                             previous=previous).files
    assert not [f for f in result.findings if f.code == "PREVIOUS-UNREADABLE"]


def test_a_row_left_blank_at_import_is_neither_a_blank_to_fill_nor_a_0_for_next_year(tmp_path):
    """2024's 行政规范性文件 row reads several ways and is left blank: its workbook says so on the cover and in
    its metadata; validating it asks for no 0 there; and as last year's report (as text or as that workbook)
    it gives X-2 no 0 to compare with, so 2025's row is not said to be off by 440."""
    from toolkit import validate

    got = published.read(SAMPLES / "2024_pingtan_zhsyq.txt")
    row = [f"table2.normative_documents.{c}" for c in ("in_force", "issued", "repealed")]
    assert sorted(got.document["source"]["unsettled"]) == sorted(row)
    book = tmp_path / "2024_平潭综合实验区.xlsx"
    book.write_bytes(published.workbook(got.document, SPEC))
    back = read.extract(book).document
    assert sorted(back["source"]["unsettled"]) == sorted(row)
    cover = [c.value for r in openpyxl.load_workbook(book)["封面"].iter_rows() for c in r if isinstance(c.value, str)]
    assert any("导入时留空" in v and "表二 B6" in v for v in cover)
    (result,) = validate.run([book]).files
    assert not [f for f in result.findings if f.field in row]  # no CELL-BLANK asking for 0
    (said,) = [f for f in result.findings if f.code == "IMPORT-UNSETTLED"]  # but said, never passed over unseen
    assert said.text() == "3 个单元格在发布的报告中无法确定，导入时留空，未按 0 校验：表二 B6、表二 C6、表二 D6"
    this_year = flat(published.read(SAMPLES / "2025_pingtan_zhsyq.txt").document, SPEC)
    this_year |= dict.fromkeys(row, 1)  # 2025's row as if settled: 1 in force, 1 issued, 1 repealed
    doc = build(SPEC, 2025, {"code": "", "name": "平潭综合实验区"}, this_year)
    for last in (got.document, back):
        found = checker.check(doc, previous=last)
        assert not [f for f in found if f.code == "X-2" and f.field in row]
    last = {**got.document, "source": {}}  # the same blank as a 0 would make X-2 fire: the test can fail
    assert [f for f in checker.check(doc, previous=last) if f.code == "X-2" and f.field in row]


def test_a_cell_filled_in_after_import_is_checked_whatever_the_workbook_says_was_unsettled(tmp_path):
    """The list of unsettled cells is a file's own word: a cell filled in since (or a list forged on any
    return) turns no check off."""
    from toolkit import validate

    got = published.read(SAMPLES / "2024_pingtan_zhsyq.txt")
    book = tmp_path / "2024_平潭综合实验区.xlsx"
    book.write_bytes(published.workbook(got.document, SPEC))
    wb = openpyxl.load_workbook(book)
    wb["表二"]["B6"] = -5  # 行政规范性文件｜本年制发件数, filled in, and wrongly
    wb.save(book)
    (result,) = validate.run([book]).files
    codes = {(f.code, f.cell) for f in result.findings}
    assert ("CELL-NEGATIVE", "B6") in codes
    assert "2 个单元格" in next(f.text() for f in result.findings if f.code == "IMPORT-UNSETTLED")  # C6, D6 left
    forged = tmp_path / "forged.xlsx"  # a return with errors claiming every cell unsettled
    wb = openpyxl.load_workbook(ROOT / "samples" / "returns" / "2024_140927_神池县.xlsx")
    from openpyxl.packaging.custom import StringProperty
    wb.custom_doc_props.append(StringProperty(name="nianbao.unsettled", value=",".join(SPEC.fields)))
    wb.save(forged)
    (result,) = validate.run([forged]).files
    assert result.status == "error" and "CELL-NEGATIVE" in {f.code for f in result.findings}


def test_a_document_that_is_no_report_is_still_said_to_be_no_workbook(tmp_path):
    note = tmp_path / "情况说明.txt"
    note.write_text("我单位2024年度统计表已报送，特此说明。", encoding="utf-8")
    got = read.extract(note)
    assert got.document is None and got.findings[0].code == "FILE-UNREADABLE"


def test_a_web_archive_as_a_browser_saves_it(tmp_path):
    from email.message import EmailMessage

    values = with_totals(SPEC, {p: i % 5 for i, (p, f) in enumerate(SPEC.fields.items()) if f.is_input})
    archive = EmailMessage()
    archive["Subject"] = "测试县2024年政府信息公开工作年度报告"
    archive.set_content("这是网页存档。")
    archive.add_alternative(html_of(values), maintype="text", subtype="html", params={"charset": "gbk"})
    (tmp_path / "报告.mhtml").write_bytes(bytes(archive))
    got = published.read(tmp_path / "报告.mhtml")
    assert got.kind == "mhtml" and flat(got.document, SPEC) == {p: values[p] for p in SPEC.fields}


# ---------------------------------------------------------------- what a new user found


def test_a_row_left_blank_is_no_difference_of_the_whole_row(tmp_path):
    """A row whose digits add up no way is left blank, said so, and the rules through it are not tried: the
    report is not told it is off by the whole row."""
    outcomes = {f.row for f in SPEC.fields.values() if f.table == "table3" and f.is_input} - {
        "new_received", "carried_over", "carried_forward"}
    inputs = {p: 0 for p, f in SPEC.fields.items() if f.is_input} | {
        f"table3.{row}.natural_person": 1 for row in outcomes} | {"table3.new_received.natural_person": len(outcomes)}
    values = with_totals(SPEC, inputs)  # consistent: one application of each outcome
    text = printed(values, "run")
    label = next(f.row_label for f in SPEC.fields.values() if f.row == "disclosed")
    row = "".join(_shown(values[f"table3.disclosed.{c}"]) for c in (
        "natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"))
    broken = text.replace(label + row, label + "9" + row[1:])  # a misprint: no split adds up now
    (tmp_path / "报告.txt").write_text(broken, encoding="utf-8")
    from toolkit import validate

    (result,) = validate.run([tmp_path / "报告.txt"]).files
    codes = [f.code for f in result.findings]
    assert "IMPORT-NO-READING" in codes and not {"T3-1", "T3-2", "T3-3"} & set(codes)
    assert not [f for f in result.findings if f.code == "CELL-BLANK" and f.field.startswith("table3.disclosed")]


def test_import_out_keeps_printed_totals_and_never_overwrites(tmp_path):
    values = {p: 1 for p, f in SPEC.fields.items() if f.is_input}
    values = with_totals(SPEC, values) | {"table3.disclosed.total": 9}  # printed so, whatever its parts add to
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(printed(values, "tabs"), encoding="utf-8")
    b.write_text(printed(with_totals(SPEC, {p: 2 for p, f in SPEC.fields.items() if f.is_input}), "tabs"),
                 encoding="utf-8")
    out = tmp_path / "工作簿"
    run = [sys.executable, "-m", "toolkit", "import", str(a), str(b), "--out", str(out)]
    subprocess.run(run, capture_output=True, check=False)
    assert sorted(p.name for p in out.iterdir()) == ["2024_测试县.xlsx", "2024_测试县（b）.xlsx"]  # both kept
    back = read.extract(out / "2024_测试县.xlsx").document
    assert back["table3"]["disclosed"]["total"] == 9  # as printed, not the formula's 6
    (out / "2024_测试县.xlsx").write_bytes(b"someone else's file")
    again = subprocess.run(run, capture_output=True, text=True, check=False)
    assert again.returncode == 1 and "已有同名文件" in again.stdout
    assert (out / "2024_测试县.xlsx").read_bytes() == b"someone else's file"


def test_validate_names_a_2019_format_report_as_import_does():
    from toolkit import validate

    (result,) = validate.run([SAMPLES / "2019_pingtan_zhsyq.txt"]).files
    assert [f.code for f in result.findings] == ["FORMAT-2019"]


def test_a_web_page_saved_as_doc_is_read_and_an_empty_file_is_said_to_be_empty(tmp_path):
    values = with_totals(SPEC, {p: 1 for p, f in SPEC.fields.items() if f.is_input})
    (tmp_path / "年报.doc").write_bytes(html_of(values))  # as many sites serve it
    got = published.read(tmp_path / "年报.doc")
    assert flat(got.document, SPEC) == {p: values[p] for p in SPEC.fields}
    (tmp_path / "空.txt").write_bytes(b"  \n")
    assert published.read(tmp_path / "空.txt").findings[0].text() == "无法读取：文件是空的"
