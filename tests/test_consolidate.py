"""Consolidation: exact sums, members recorded, double counting refused, the workbook as a user opens it."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fill import fill
from tests.test_properties import consistent_inputs
from toolkit import checker, consolidate, document, generate, inputs, read, spool, validate
from toolkit import spec as spec_module
from toolkit.errors import NianbaoError
from toolkit.roster import Unit

SPEC = spec_module.load()
COUNTY = Unit("140981", "原平市", "1409")
TOWNS = [Unit(f"14098110{i}", f"第{i}镇", "140981") for i in range(1, 5)]
SAMPLES = Path(__file__).parent.parent / "samples"


def _report(values: dict, unit: Unit = TOWNS[0]) -> dict:
    unit_dict = {"code": unit.code, "name": unit.name, "parent": unit.parent}
    return document.build(SPEC, 2024, unit_dict, document.with_totals(SPEC, values))


def _values(doc: dict) -> dict:
    return document.flat(doc, SPEC)


# ------------------------------------------------------------------ the arithmetic


@settings(max_examples=60, deadline=None)
@given(consistent_inputs())
def test_merging_one_report_gives_it_back(values):
    doc = _report(values)
    assert _values(consolidate.combine([doc], 2024, COUNTY, SPEC)) == _values(doc)


@settings(max_examples=60, deadline=None)
@given(st.lists(consistent_inputs(), min_size=2, max_size=5))
def test_merged_totals_are_the_field_sums(many):
    docs = [_report(v) for v in many]
    merged = _values(consolidate.combine(docs, 2024, COUNTY, SPEC))
    for path, f in SPEC.fields.items():
        if f.type == "amount":
            assert Decimal(repr(merged[path])) == sum(Decimal(repr(_values(d)[path])) for d in docs)
        else:
            assert merged[path] == sum(_values(d)[path] for d in docs)
    found = checker.check(consolidate.combine(docs, 2024, COUNTY, SPEC), spec=SPEC)
    assert [f for f in found if f.severity == "error"] == []  # sums of consistent reports are consistent


@settings(max_examples=60, deadline=None)
@given(consistent_inputs(), consistent_inputs(), consistent_inputs())
def test_merge_is_associative(a, b, c):
    a, b, c = _report(a), _report(b), _report(c)
    nested = consolidate.combine([consolidate.combine([a, b], 2024, COUNTY, SPEC), c], 2024, COUNTY, SPEC)
    assert _values(nested) == _values(consolidate.combine([a, b, c], 2024, COUNTY, SPEC))


def test_fees_are_summed_exactly():
    docs = [_report({"table2.fees.amount": v}) for v in (0.1, 0.2, 0.3, 0.000001, 1234)]
    merged = consolidate.combine(docs, 2024, COUNTY, SPEC)
    assert merged["table2"]["fees"]["amount"] == 1234.600001
    assert 0.1 + 0.2 + 0.3 == 0.6000000000000001  # what float addition would have given


def test_a_total_is_spared_the_checks_of_what_one_unit_can_plausibly_report(tmp_path):
    """Two towns' fees of 600 万元 each are plausible; their total of 1,200 is no sign of 元 typed for 万元 (T2-5),
    nor is a city's 规章 in a total a unit without the power to make them (T2-4)."""
    docs = [_report(_zeros() | {"table2.fees.amount": 600, "table2.regulations.in_force": 1}, town)
            for town in TOWNS[:2]]
    assert {f.code for f in checker.check(_report(_zeros() | {"table2.fees.amount": 1200}))} == {"T2-5"}
    total = consolidate.combine(docs, 2024, COUNTY, SPEC)
    assert not {"T2-4", "T2-5"} & {f.code for f in checker.check(total, total=True)}
    assert {"T2-4", "T2-5"} <= {f.code for f in checker.check(total)}  # as one unit's: the test can fail


def test_blank_cells_count_as_zero_and_are_counted():
    total = consolidate.Sum(SPEC)
    total.add(_report({"table3.new_received.natural_person": 3}))
    total.add(_report({"table3.new_received.natural_person": None, "table2.penalty.decisions": 4}, TOWNS[1]))
    values = total.values()
    assert values["table3.new_received.natural_person"] == 3
    assert values["table2.penalty.decisions"] == 4
    assert total.with_blanks == [TOWNS[0].name, TOWNS[1].name]  # named in MERGE-BLANK, so they can be asked
    # the first report leaves every input but one blank, the second every input but one
    assert total.blank_cells == 2 * (len(SPEC.inputs) - 1)


# ------------------------------------------------------------------ over files


def _town_file(tmp_path: Path, unit: Unit, values: dict, blank: generate.Blank) -> Path:
    path = tmp_path / f"2024_{unit.code}_{unit.name}.xlsx"
    path.write_bytes(fill(blank.render(unit), SPEC, values))
    return path


@pytest.fixture(scope="module")
def blank() -> generate.Blank:
    return generate.Blank(SPEC, 2024, personalised=True)


@pytest.fixture(scope="module")
def towns(tmp_path_factory, blank) -> list[Path]:
    folder = tmp_path_factory.mktemp("towns")
    values = [
        {"table3.new_received.natural_person": 5, "table3.disclosed.natural_person": 4,
         "table3.carried_forward.natural_person": 1, "table2.fees.amount": 0.1,
         "table4.review.upheld": 1},
        {"table3.new_received.commercial": 2, "table3.withheld_state_secret.commercial": 2,
         "table2.fees.amount": 0.2, "table4.review.pending": 1},
        {"table2.penalty.decisions": 7},
    ]
    return [_town_file(folder, unit, _zeros() | v, blank) for unit, v in zip(TOWNS, values, strict=False)]


def _zeros() -> dict:
    return {f.path: 0 for f in SPEC.inputs}


def test_merged_workbook_reads_back_to_the_total_with_its_members(towns, tmp_path):
    out = tmp_path / "county.xlsx"
    merged = consolidate.merge(towns, out, name="原平市", lang="zh")
    assert merged.document["unit"] == {"code": "140981", "name": "原平市", "parent": ""}
    assert merged.document["table3"]["new_received"]["total"] == 7
    assert merged.document["table2"]["fees"]["amount"] == 0.3
    assert merged.document["table2"]["penalty"]["decisions"] == 7
    assert [m.code for m in merged.members] == [u.code for u in TOWNS[:3]]
    assert all(m.included and m.status == "ok" for m in merged.members)

    got = read.extract(out)
    assert got.findings == ()
    assert _values(got.document) == _values(merged.document)
    assert [m["code"] for m in got.document["members"]] == [u.code for u in TOWNS[:3]]
    assert checker.check(got.document, spec=SPEC) == []


def test_merged_json_is_a_valid_report_document(towns, tmp_path):
    merged = consolidate.merge(towns, tmp_path / "county.xlsx", name="原平市")
    doc = json.loads(json.dumps(merged.to_dict()))
    assert checker.check(doc, spec=SPEC) == []  # the schema accepts the members
    assert [m["sha256"] for m in doc["members"]] == [read.extract(p).document["source"]["sha256"] for p in towns]


def test_table4_cases_in_two_units_warn_on_the_total(towns, tmp_path):
    merged = consolidate.merge(towns, tmp_path / "county.xlsx", name="原平市")
    found = [(f.code, f.severity, f.sheet, f.cell) for f in merged.findings]
    review_total = SPEC.fields["table4.review.total"]
    assert found == [("MERGE-TABLE4", "warning", review_total.sheet, review_total.cell)]
    assert "2 个单位" in merged.findings[0].text()


def test_detail_and_checks_sheets(towns, tmp_path):
    out = tmp_path / "county.xlsx"
    consolidate.merge(towns, out, name="原平市")
    book = openpyxl.load_workbook(out)
    detail = book[consolidate.DETAIL]
    header = [c.value for c in detail[1]]
    fields = list(SPEC.fields.values())
    assert header[:4] == list(consolidate.DETAIL_HEAD)
    assert header[4:] == [f"{f.sheet}｜{f.label}" for f in fields]
    assert [detail.cell(r, 1).value for r in range(3, 6)] == [u.code for u in TOWNS[:3]]
    penalty = 5 + fields.index(SPEC.fields["table2.penalty.decisions"])
    assert detail.cell(2, 1).value == "合计"
    assert detail.cell(2, penalty).value == "=SUM(" + detail.cell(3, penalty).column_letter + "3:" \
        + detail.cell(3, penalty).column_letter + "5)"
    assert [detail.cell(r, penalty).value for r in range(3, 6)] == [0, 0, 7]
    values_only = openpyxl.load_workbook(out, data_only=True)[consolidate.DETAIL]
    assert values_only.cell(2, penalty).value == 7  # the cached value every reader sees
    checks = book[consolidate.CHECKS]
    rows = [[c.value for c in row] for row in checks.iter_rows(min_row=3)]
    assert rows[0][5] == "MERGE-TABLE4"
    assert [r[0] for r in rows if r[0] in {u.code for u in TOWNS}] == [u.code for u in TOWNS[:3]]
    assert book[consolidate.meta.MEMBERS_SHEET].sheet_state == "veryHidden"


def test_a_consolidated_workbook_merges_again_one_level_up(towns, tmp_path, blank):
    county = tmp_path / "county.xlsx"
    consolidate.merge(towns[:2], county, name="原平市")
    other = _town_file(tmp_path, Unit("140902001", "东楼街道", "140902"), _zeros() | {"table2.penalty.decisions": 3},
                       blank)
    city = consolidate.merge([county, towns[2], other], tmp_path / "city.xlsx", name="忻州市", code="1409")
    flat = consolidate.merge([*towns, other], tmp_path / "flat.xlsx", name="忻州市", code="1409")
    assert _values(city.document) == _values(flat.document)
    assert city.members[0].contains == (TOWNS[0].code, TOWNS[1].code)
    province = consolidate.merge([tmp_path / "city.xlsx"], tmp_path / "province.xlsx", name="山西省")
    assert _values(province.document) == _values(flat.document)
    inside = set(province.members[0].contains)
    assert inside == {"140981", TOWNS[0].code, TOWNS[1].code, TOWNS[2].code, "140902001"}


@pytest.mark.parametrize("case", ["same_file", "same_unit", "total_and_member", "two_totals_sharing"])
def test_double_counting_is_refused_and_nothing_written(case, towns, tmp_path):
    county = tmp_path / "county.xlsx"
    consolidate.merge(towns[:2], county, name="原平市")
    copy = tmp_path / "copy.xlsx"
    if case == "same_file":
        shutil.copy(towns[0], copy)
        inputs, key = [towns[0], copy], "merge.same_file"
    elif case == "same_unit":  # another file claiming the same unit
        copy.write_bytes(fill(towns[0].read_bytes(), SPEC, {"table2.penalty.decisions": 9}))
        inputs, key = [towns[0], copy], "merge.same_unit"
    elif case == "total_and_member":
        inputs, key = [towns[1], county], "merge.contained"
    else:
        other = tmp_path / "other.xlsx"
        consolidate.merge(towns[1:], other, name="另一个汇总", code="x")
        inputs, key = [county, other], "merge.contained"
    out = tmp_path / "out" / "total.xlsx"
    out.parent.mkdir()
    with pytest.raises(NianbaoError) as refused:
        consolidate.merge(inputs, out)
    assert refused.value.key == key
    assert list(out.parent.iterdir()) == []


def test_reports_with_errors_are_left_out_unless_asked(towns, tmp_path, blank):
    bad = _town_file(tmp_path, TOWNS[3], _zeros() | {"table2.penalty.decisions": -1}, blank)
    merged = consolidate.merge([*towns, bad], tmp_path / "a.xlsx")
    assert [m.included for m in merged.members] == [True, True, True, False]
    assert merged.document["table2"]["penalty"]["decisions"] == 7
    assert "MERGE-EXCLUDED" in [f.code for f in merged.findings]
    assert merged.failed

    out = tmp_path / "b.xlsx"
    merged = consolidate.merge([*towns, bad], out, include_errors=True)
    assert all(m.included for m in merged.members)
    assert merged.document["table2"]["penalty"]["decisions"] == 6  # summed as the unit wrote it, marked
    assert [f.code for f in merged.findings if f.code.startswith("MERGE-")] == ["MERGE-WITH-ERRORS", "MERGE-TABLE4"]
    book = openpyxl.load_workbook(out)
    assert book[consolidate.DETAIL].cell(6, 3).value == "有错误（已计入）"
    assert any("有错误的报告" in str(row[0].value) for row in book["封面"].iter_rows())
    assert book.custom_doc_props["nianbao.included_errors"].value == "1"


def test_roster_decides_who_is_summed_and_who_is_missing(towns, tmp_path):
    roster = [TOWNS[0], TOWNS[1], TOWNS[3]]
    merged = consolidate.merge(towns, tmp_path / "a.xlsx", roster=roster)
    assert [m.included for m in merged.members] == [True, True, False]
    codes = {f.code: f.text() for f in merged.findings}
    assert "第3镇" in codes["MERGE-NOT-ON-ROSTER"]
    assert "第4镇" in codes["MERGE-MISSING"]
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "a.xlsx")[consolidate.CHECKS].iter_rows()]
    assert [TOWNS[3].code, TOWNS[3].name, None, "未报送", "否"] in [r[:5] for r in rows]


@pytest.mark.parametrize("first", [True, False], ids=["odd-one-first", "odd-one-last"])
def test_years_must_agree_and_the_files_off_the_common_year_are_named(towns, tmp_path, first):
    other = tmp_path / "2023_第4镇.xlsx"
    other.write_bytes(fill(generate.Blank(SPEC, 2023, personalised=True).render(TOWNS[3]), SPEC, _zeros()))
    with pytest.raises(NianbaoError) as refused:
        consolidate.merge([other, *towns] if first else [*towns, other], tmp_path / "a.xlsx")
    assert refused.value.key == "merge.years"
    said = refused.value.message()
    assert "3 个文件是 2024 年度，另有 1 个是 2023 年度（2023_第4镇.xlsx）" in said and "--year 2024" in said
    assert "--year 2024" in refused.value.message("en")
    assert not (tmp_path / "a.xlsx").exists()


def test_with_the_year_collected_another_years_report_is_left_out(towns, tmp_path):
    other = tmp_path / "2023.xlsx"
    other.write_bytes(fill(generate.Blank(SPEC, 2023, personalised=True).render(TOWNS[3]), SPEC, _zeros()))
    merged = consolidate.merge([*towns, other], tmp_path / "a.xlsx", year=2024)
    assert [m.included for m in merged.members] == [True, True, True, False]
    assert merged.members[3].status == "error" and merged.document["year"] == 2024
    last_year = tmp_path / "2023_第1镇.xlsx"  # a unit's report of last year beside this year's: not summed, so no
    last_year.write_bytes(fill(generate.Blank(SPEC, 2023, personalised=True).render(TOWNS[0]), SPEC, _zeros()))
    merged = consolidate.merge([*towns, last_year], tmp_path / "b.xlsx", year=2024)  # double count to refuse
    assert [m.included for m in merged.members] == [True, True, True, False]


def test_a_total_records_what_it_lacks_and_one_level_up_that_is_incomplete(towns, tmp_path):
    """A county total against its roster lacks 第4镇 (sent nothing); the city reads the county total as
    MERGE-INCOMPLETE (a warning, so the county is 有警告 in the city's status, not 合格), and its own total
    records the town it lacks through the county, for the province."""
    county = tmp_path / "county.xlsx"
    merged = consolidate.merge(towns, county, name="原平市", code="140981", roster=TOWNS)
    assert [a.to_dict() for a in merged.absent] == [{"code": TOWNS[3].code, "name": "第4镇", "status": "missing"}]
    got = read.extract(county)
    assert got.document["absent"] == [{"code": TOWNS[3].code, "name": "第4镇", "status": "missing"}]
    incomplete = [f for f in got.findings if f.code == "MERGE-INCOMPLETE"]
    assert [f.severity for f in incomplete] == ["warning"] and "第4镇" in incomplete[0].text()
    city_roster = [COUNTY, Unit("140902", "忻府区", "1409")]
    report = validate.run([county])
    assert report.files[0].status == "warning"
    city = consolidate.merge([county], tmp_path / "city.xlsx", name="忻州市", code="1409", roster=city_roster)
    assert [a.to_dict() for a in city.absent] == [
        {"code": "140902", "name": "忻府区", "status": "missing"},
        {"code": TOWNS[3].code, "name": "第4镇", "status": "missing", "within": "原平市"}]
    said = {f.code: f.text() for f in city.findings}
    assert "原平市的汇总表不完整：1 个单位未报送或未计入：第4镇" in said["MERGE-INCOMPLETE"]
    assert "第4镇（原平市）" in city.completeness()
    province = read.extract(tmp_path / "city.xlsx")
    assert {a["name"] for a in province.document["absent"]} == {"忻府区", "第4镇"}


def test_unreadable_files_are_reported_not_summed(towns, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    merged = consolidate.merge([*towns, broken], tmp_path / "a.xlsx")
    assert merged.unreadable == [str(broken)]
    excluded = next(f for f in merged.findings if f.code == "MERGE-EXCLUDED")
    assert "无法读取 1 个" in excluded.text() and "broken.xlsx" in excluded.text()


def test_samples_merge_the_reports_without_errors(tmp_path):
    files = inputs.workbook_files([SAMPLES / "returns"])
    previous = validate.load_previous(inputs.workbook_files([SAMPLES / "previous"]))
    merged = consolidate.merge(files, tmp_path / "city.xlsx", name="忻州市", previous=previous, year=2024)
    report = validate.run(files, previous=previous)
    summed = [r for r in report.files if r.status in ("ok", "warning")]
    assert [m.file for m in merged.included] == [r.path for r in summed]
    expected = consolidate.combine([read.extract(r.path).document for r in summed], 2024, COUNTY, SPEC)
    assert _values(merged.document) == _values(expected)


# ------------------------------------------------------------------ found in review


def test_a_unit_without_a_code_cannot_be_counted_twice(towns, tmp_path, blank):
    nameless = tmp_path / "无码镇.xlsx"
    nameless.write_bytes(fill(blank.render(Unit("", "无码镇", "140981")), SPEC,
                              _zeros() | {"table2.penalty.decisions": 5}))
    county = tmp_path / "county.xlsx"
    consolidate.merge([nameless, towns[0]], county, name="原平市", code="140981")
    with pytest.raises(NianbaoError) as refused:
        consolidate.merge([county, nameless], tmp_path / "city.xlsx")
    assert refused.value.key == "merge.contained"


def test_four_levels_without_codes_keep_their_members(towns, tmp_path):
    county = tmp_path / "county.xlsx"
    consolidate.merge(towns, county, name="原平市")  # code 140981: the towns' common parent
    city = tmp_path / "city.xlsx"
    consolidate.merge([county], city, name="忻州市")  # the county's parent is unknown: no code
    province = tmp_path / "province.xlsx"
    consolidate.merge([city], province, name="山西省")
    country = consolidate.merge([province], tmp_path / "country.xlsx", name="全国")
    members = read.extract(province).document["members"]
    assert [(m["name"], m["status"], m["included"]) for m in members] == [("忻州市", "warning", True)]
    assert set(members[0]["contains"]) == {"140981", *(u.code for u in TOWNS[:3])}
    assert [m.included for m in country.members] == [True]
    assert _values(country.document) == _values(consolidate.combine(
        [read.extract(p).document for p in towns], 2024, COUNTY, SPEC))


def test_a_total_with_errors_in_it_is_an_error_one_level_up(towns, tmp_path, blank):
    bad = _town_file(tmp_path, TOWNS[3], _zeros() | {"table2.penalty.decisions": -1}, blank)
    county = tmp_path / "county.xlsx"
    consolidate.merge([*towns, bad], county, name="原平市", include_errors=True)
    got = read.extract(county)
    assert [(f.code, f.severity) for f in got.findings] == [("TOTAL-WITH-ERRORS", "error")]
    assert "第4镇" in got.findings[0].text()
    with pytest.raises(NianbaoError) as refused:  # it is the only input, and has errors
        consolidate.merge([county], tmp_path / "city.xlsx")
    assert refused.value.key == "merge.nothing"
    city = consolidate.merge([county], tmp_path / "city.xlsx", include_errors=True)
    assert [f.code for f in city.findings if f.code == "MERGE-WITH-ERRORS"] == ["MERGE-WITH-ERRORS"]


def test_a_typed_total_summed_with_errors_does_not_carry_upward(towns, tmp_path, blank):
    typed = _town_file(tmp_path, TOWNS[3], _zeros() | {"table3.new_received.natural_person": 5,
                                                       "table3.new_received.total": 9}, blank)
    out = tmp_path / "county.xlsx"
    merged = consolidate.merge([*towns, typed], out, include_errors=True)
    assert merged.document["table3"]["new_received"]["total"] == 12  # 7 + 5, not 7 + 9
    assert _values(read.extract(out).document) == _values(merged.document)


def test_long_lists_of_findings_are_cut_in_the_checks_sheet(towns, tmp_path, blank, monkeypatch):
    monkeypatch.setattr(consolidate, "FINDINGS_SHOWN", 2)
    blanks = _town_file(tmp_path, TOWNS[3], {"table2.penalty.decisions": 1}, blank)
    out = tmp_path / "a.xlsx"
    consolidate.merge([blanks], out)
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out)[consolidate.CHECKS].iter_rows(min_row=3)]
    mine = [r for r in rows if r[0] == TOWNS[3].code]
    assert len(mine) == 3 and mine[2][9] == f"另有 {len(SPEC.inputs) - 1 - 2} 条，全部结果请用 nianbao validate 查看"


def test_the_workbook_reads_in_read_only_mode_and_is_not_private(towns, tmp_path):
    out = tmp_path / "a.xlsx"
    consolidate.merge(towns, out)
    checks = openpyxl.load_workbook(out, read_only=True)[consolidate.CHECKS]
    assert checks.max_column == len(consolidate.CHECK_HEAD)  # the used range covers every column
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_text_that_is_not_utf8_does_not_stop_the_workbook(tmp_path):
    """A file name from a zip made on Chinese Windows (GBK bytes, surrogate escapes in Python) reads as
    GB18030; bytes that are not GB18030 either become U+FFFD."""
    rows = spool.Spool()
    gbk = "代县".encode("gbk").decode("utf-8", "surrogateescape")
    rows.add([f"bad\udcff name {gbk}", 1, Decimal("0.30"), None, "", 1e300])
    assert spool._row(3, next(rows.rows()), ["A", "B", "C", "D", "E", "F"], {}) == (
        '<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">bad\ufffd name 代县</t></is></c>'
        '<c r="B3"><v>1</v></c><c r="C3"><v>0.30</v></c>'
        '<c r="F3" t="inlineStr"><is><t xml:space="preserve">1e+300</t></is></c></row>')


def test_a_total_saved_as_ods_still_refuses_its_members(tmp_path):
    total = Path(__file__).parent / "corpus" / "consolidated_saved_as_ods.ods"
    members = read.extract(total).document["members"]
    assert [(m["code"], m["included"]) for m in members] == [("140902", True), ("140921", True)]
    with pytest.raises(NianbaoError) as refused:
        consolidate.merge([total, SAMPLES / "returns" / "2024_140902_忻府区.xlsx"], tmp_path / "a.xlsx")
    assert refused.value.key == "merge.contained"


def test_the_total_has_no_zip64_headers_on_its_small_parts(towns, tmp_path):
    """Streamed straight into the zip, the long sheets got ZIP64 local headers: Excel repairs such a file
    and SheetJS refuses it ("Bad compressed size")."""
    import struct

    out = tmp_path / "t.xlsx"
    consolidate.merge(towns, out)
    data = out.read_bytes()
    with zipfile.ZipFile(out) as z:
        for info in z.infolist():
            signature, compressed, size = struct.unpack_from("<I14xII", data, info.header_offset)
            assert signature == 0x04034B50 and 0xFFFFFFFF not in (compressed, size), info.filename
            assert compressed == info.compress_size and size == info.file_size, info.filename


def test_a_total_prints_and_says_what_it_holds(towns, tmp_path):
    """Every sheet has a print setup; 明细 prints a few fields a page across with the header and the units
    repeated; the units' 填报说明 is replaced by a 汇总说明; the cover says 应报、已报、计入 and who is missing."""
    roster = [*TOWNS, Unit("140981199", "第9镇", "140981")]
    out = tmp_path / "t.xlsx"
    consolidate.merge(towns, out, roster=roster, name="原平市")
    book = openpyxl.load_workbook(out)
    assert "说明" not in book.sheetnames and "汇总说明" in book.sheetnames
    guide = [c.value for c in book["汇总说明"]["A"] if c.value]
    assert guide[0] == "汇总说明" and not any("只在浅黄色单元格中填写" in line for line in guide)
    completeness = "应报 5 个单位，已报 3 个，计入汇总 3 个。未报送 2 个：第4镇、第9镇。"
    assert any(completeness in line for line in guide)
    cover = [c.value for row in book["封面"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(completeness in line for line in cover)
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.page_setup.orientation == ("portrait" if ws.title == "封面" else "landscape"), ws.title
    detail = book[consolidate.DETAIL]
    assert detail.print_title_rows == "$1:$2" and detail.print_title_cols == "$A:$B"
    assert detail.page_setup.fitToWidth == -(-len(SPEC.fields) // consolidate.DETAIL_PAGE)
    assert detail.sheet_properties.pageSetUpPr.fitToPage
    checks = book[consolidate.CHECKS]
    assert checks.sheet_properties.pageSetUpPr.fitToPage and checks.page_setup.fitToHeight == 0  # one page wide
    assert checks.print_title_rows == "$1:$2"
    meta = openpyxl.load_workbook(out).custom_doc_props
    assert {p.name: p.value for p in meta}["nianbao.expected"] == "5"


def test_long_texts_are_cut_to_what_a_cell_holds_and_rows_fit_them(tmp_path):
    rows = spool.Spool({1: 90})
    rows.add(["x", "长" * 40_000])
    rows.add(["y", "短"])
    row = spool._row(3, next(rows.rows()), ["A", "B"], {}, rows.wrapped)
    text = row.split("<t xml:space=\"preserve\">")[2].split("</t>")[0]
    assert len(text) == 32_767 and 'ht="' in row.split(">")[0]
    assert 'ht="' not in spool._row(4, list(rows.rows())[1], ["A", "B"], {}, rows.wrapped).split(">")[0]
