"""The generated workbook, opened with openpyxl as any reader would."""

import io
import zipfile

import openpyxl
import pytest

from toolkit import generate, meta
from toolkit.roster import Unit

from .conftest import UNIT, YEAR

# Verbatim from reference/format-2021.md: what a unit must see.
TABLE3_ROW_LABELS = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
    "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开",
    "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
    "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
    "（七）总计", "四、结转下年度继续办理",
]
TABLE3_HEADERS = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人",
                  "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
TABLE4_HEADERS = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"] + ["结果维持", "结果纠正", "其他结果",
                                                                        "尚未审结", "总计"] * 3
TABLE2_TEXTS = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章",
                "行政规范性文件", "第二十条第（五）项", "本年处理决定数量", "行政许可", "第二十条第（六）项",
                "行政处罚", "行政强制", "第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费"]


def texts(ws):
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and not c.value.startswith("=")]


def test_sheets_in_order_and_meta_sheet_very_hidden(unit_book):
    assert unit_book.sheetnames == ["封面", "说明", "表二", "表三", "表四", meta.SHEET]
    assert unit_book[meta.SHEET].sheet_state == "veryHidden"
    assert all(unit_book[s].sheet_state == "visible" for s in unit_book.sheetnames[:-1])


@pytest.mark.parametrize("sheet, expected", [
    ("表二", TABLE2_TEXTS), ("表三", TABLE3_ROW_LABELS + TABLE3_HEADERS), ("表四", TABLE4_HEADERS)])
def test_every_official_label_is_present_verbatim(unit_book, sheet, expected):
    found = texts(unit_book[sheet])
    for label in expected:
        assert found.count(label) >= expected.count(label), label


def test_table3_layout_matches_the_official_table(unit_book):
    ws = unit_book["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert ws["A3"].value.startswith("（本列数据的勾稽关系为") and "A3:C5" in merged
    assert ws["D3"].value == "申请人情况" and "D3:J3" in merged
    assert ws["D4"].value == "自然人" and "D4:D5" in merged
    assert ws["E4"].value == "法人或其他组织" and "E4:I4" in merged
    assert ws["J4"].value == "总计" and "J4:J5" in merged
    subcolumns = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert [ws.cell(5, c).value for c in range(5, 10)] == subcolumns
    assert ws["A6"].value == TABLE3_ROW_LABELS[0] and "A6:C6" in merged
    assert ws["A8"].value == "三、本年度办理结果" and "A8:A29" in merged
    assert ws["B8"].value == "（一）予以公开" and "B8:C8" in merged
    assert ws["B10"].value == "（三）不予公开" and "B10:B17" in merged and ws["C10"].value == "1.属于国家秘密"
    assert ws["B29"].value == "（七）总计" and "B29:C29" in merged
    assert ws["A30"].value == "四、结转下年度继续办理" and "A30:C30" in merged


def test_table4_layout_matches_the_official_table(unit_book):
    ws = unit_book["表四"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert ws["A3"].value == "行政复议" and "A3:E3" in merged
    assert ws["F3"].value == "行政诉讼" and "F3:O3" in merged
    assert ws["A4"].value == "结果维持" and "A4:A5" in merged
    assert ws["F4"].value == "未经复议直接起诉" and "F4:J4" in merged
    assert ws["K4"].value == "复议后起诉" and "K4:O4" in merged
    assert ws["K5"].value == "结果维持" and ws["O5"].value == "总计"


def test_input_cells_unlocked_everything_else_locked_and_sheets_protected(unit_book, the_spec):
    inputs = {(f.sheet, f.cell) for f in the_spec.inputs}
    for name in unit_book.sheetnames:
        ws = unit_book[name]
        assert ws.protection.sheet, name
        # in OOXML a true flag means the action is forbidden
        assert ws.protection.insertRows and ws.protection.deleteRows and not ws.protection.formatColumns
    for field in the_spec.fields.values():
        cell = unit_book[field.sheet][field.cell]
        assert cell.protection.locked == (not field.is_input), field.path
    for table in the_spec.tables:
        for label in table.labels:
            assert unit_book[label.sheet].cell(label.r + 1, label.c + 1).protection.locked
    unlocked_cover = {c.coordinate for row in unit_book["封面"].iter_rows() for c in row if not c.protection.locked}
    assert {"B6", "B7", "B8", "B9"} <= unlocked_cover and "B3" not in unlocked_cover  # personalised: name fixed
    assert len(inputs) == 166


def test_no_password_unless_given(the_spec, unit_book):
    assert not unit_book["表三"].protection.password
    book = openpyxl.load_workbook(io.BytesIO(
        generate.Blank(the_spec, YEAR, personalised=False, password="s3cret").render(None)))
    assert book["表三"].protection.password  # stored as Excel's hash


def test_every_input_cell_has_its_data_validation(unit_book, the_spec):
    by_cell = {}
    for name in ("表二", "表三", "表四"):
        for dv in unit_book[name].data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                by_cell[(name, rng.coord.split(":")[0])] = dv
    for field in the_spec.inputs:
        dv = by_cell[(field.sheet, field.cell)]
        assert dv.showInputMessage and dv.showErrorMessage and dv.prompt and dv.error
        if field.type == "amount":
            assert dv.type == "custom" and f"ROUND({field.cell},6)={field.cell}" in dv.formula1
        else:
            assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert len(by_cell) == len(the_spec.inputs)


def test_totals_are_formulas_over_their_parts(unit_book, the_spec):
    ws = unit_book["表三"]
    assert ws["D29"].value == "=SUM(D8:D28)"
    assert ws["J6"].value == "=SUM(D6:I6)"
    assert unit_book["表四"]["E6"].value == "=SUM(A6:D6)"
    for field in the_spec.fields.values():
        if not field.is_input:
            assert unit_book[field.sheet][field.cell].value.startswith("=SUM(")


def test_live_checks_cover_every_rule_instance(unit_book, the_spec):
    ws = unit_book["表三"]
    assert ws["D31"].value.startswith("=IFERROR(IF(SUM(D6:D7)=SUM(D29:D30),\"✓\"")
    assert "T3-3" in ws["K6"].value and "T3-2" in ws["J32"].value
    assert "T4-1" in unit_book["表四"]["K8"].value
    for check in the_spec.checks:
        assert unit_book[check.sheet].cell(check.r + 1, check.c + 1).value.startswith("=IFERROR(IF(")
    assert unit_book["封面"]["B10"].value.startswith("=IFERROR(IF((SUMPRODUCT(")


def test_every_data_cell_has_a_defined_name(unit_book, the_spec):
    for field in the_spec.fields.values():
        dn = unit_book.defined_names[meta.defined_name(field.path)]
        assert dn.attr_text == f"'{field.sheet}'!{field.absolute}"


def test_metadata_in_properties_and_hidden_sheet(unit_book, the_spec):
    props = {p.name: p.value for p in unit_book.custom_doc_props.props}
    sheet = {row[0]: row[1] for row in unit_book[meta.SHEET].iter_rows(values_only=True)}
    expected = {
        "format": "gov-info-annual/2021", "version": the_spec.version, "year": "2024", "unit_code": "140981",
        "unit_name": "原平市", "unit_parent": "1409", "template_sha256": meta.locked_parts_sha256(the_spec),
    }
    for key, value in expected.items():
        assert props[meta.PROPERTY_PREFIX + key] == value
        assert sheet[key] == value
    assert len(expected["template_sha256"]) == 64


def test_cover_carries_the_unit(unit_book):
    ws = unit_book["封面"]
    assert ws["A1"].value == "2024年政府信息公开工作年度报告统计表"
    assert (ws["A3"].value, ws["B3"].value) == ("填报单位", "原平市")
    assert (ws["A4"].value, ws["B4"].value) == ("单位代码", "140981")
    assert (ws["A5"].value, ws["B5"].value) == ("报告年度", 2024)
    assert [ws[f"A{r}"].value for r in range(6, 10)] == ["填报人", "审核人", "联系电话", "填报日期"]


def test_blank_workbook_has_no_unit_and_no_tokens(blank_bytes):
    with zipfile.ZipFile(io.BytesIO(blank_bytes)) as z:
        assert not any(b"NIANBAOx" in z.read(n) for n in z.namelist())
    book = openpyxl.load_workbook(io.BytesIO(blank_bytes))
    assert book["封面"]["B3"].value is None and not book["封面"]["B3"].protection.locked
    props = {p.name: p.value for p in book.custom_doc_props.props}
    assert not props["nianbao.unit_code"] and props["nianbao.year"] == "2024"


def test_unit_names_are_escaped_not_injected(the_spec):
    unit = Unit("X<1>", "A&B <局> \"甲\"", "")
    book = openpyxl.load_workbook(io.BytesIO(generate.Blank(the_spec, YEAR, personalised=True).render(unit)))
    assert book["封面"]["B3"].value == "A&B <局> \"甲\""
    assert book[meta.SHEET]["B4"].value == "X<1>"


def test_print_setup_landscape_a4_one_page(unit_book):
    for name in ("表二", "表三", "表四"):
        ws = unit_book[name]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # OOXML leaves out fitToWidth/fitToHeight when they are 1, its default
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight in (None, 1)
    assert unit_book["表三"].freeze_panes == "D6"
    assert unit_book["表四"].freeze_panes == "A6"


def test_output_is_byte_deterministic(the_spec, unit_bytes):
    again = generate.Blank(the_spec, YEAR, personalised=True).render(UNIT)
    assert again == unit_bytes


def test_roster_run_writes_one_file_per_unit_and_a_manifest(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("code,name,parent,备注\n1,甲/乙:局,9,x\n2,丙县,9,\n", encoding="utf-8")
    results = generate.workbooks(YEAR, roster_path=roster, out_dir=tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["2024_1_甲_乙_局.xlsx", "2024_2_丙县.xlsx", "manifest.csv"]
    manifest = (tmp_path / "out" / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()
    assert manifest[0] == "code,name,parent,file,sha256"
    import hashlib
    for line, result in zip(manifest[1:], results, strict=True):
        code, _name, _parent, file, sha = line.split(",")
        assert sha == hashlib.sha256((tmp_path / "out" / file).read_bytes()).hexdigest() == result.sha256
        assert openpyxl.load_workbook(tmp_path / "out" / file)["封面"]["B4"].value == code


def test_a_bad_roster_writes_nothing(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("code,name,parent\n1,甲,9\n1,乙,9\n", encoding="utf-8")
    from toolkit.errors import RosterError
    with pytest.raises(RosterError):
        generate.workbooks(YEAR, roster_path=roster, out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("year", [2020, 2101, 9999, -1])
def test_a_year_outside_the_format_is_refused(tmp_path, year):
    """2101 would write files the reader calls YEAR-UNKNOWN; 9999 once crashed on its creation date."""
    from toolkit.errors import NianbaoError
    with pytest.raises(NianbaoError) as err:
        generate.workbooks(year, out_dir=tmp_path)
    assert err.value.key == "generate.year_out_of_range" and list(tmp_path.iterdir()) == []
