from __future__ import annotations

import io
import struct
import time
import zipfile

import openpyxl
import pytest
import xlsxwriter

from toolkit import generate, spec, xlsx
from toolkit.roster import Unit
from toolkit.xlsx import Cell, Sheet, Xlsx, XlsxError, parse_ref

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_REL = f'Type="{REL}/worksheet"'


def zipped(parts: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def book(
    sheet_data: str = "",
    *,
    tail: str = "",
    strings: str | None = None,
    workbook: str | None = None,
    sheet_xml: str | bytes | None = None,
    target: str = "worksheets/sheet1.xml",
) -> bytes:
    """A hand-written one-sheet workbook ("S"); `sheet_data` is the inside of <sheetData>."""
    sheets = '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
    parts: dict[str, str | bytes] = {
        "xl/workbook.xml": workbook or f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{sheets}</workbook>',
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" {SHEET_REL} Target="{target}"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet_xml
        or f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData>{tail}</worksheet>',
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{strings}</sst>'
    return zipped(parts)


def written(build) -> bytes:
    """A workbook written by xlsxwriter; `build(workbook)` fills it."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out)
    build(wb)
    wb.close()
    return out.getvalue()


def values(cells: dict[tuple[int, int], Cell]) -> dict[tuple[int, int], object]:
    return {pos: cell.value for pos, cell in cells.items()}


# --- values ------------------------------------------------------------------------------------


def test_numbers_strings_booleans_from_xlsxwriter():
    def build(wb):
        ws = wb.add_worksheet("数据")
        ws.write_number("A1", 12)
        ws.write_number("B1", 12.0)
        ws.write_number("C1", 0.125)
        ws.write_number("D1", -3.5)
        ws.write_string("A2", "表三 & <总计>")
        ws.write_rich_string("B2", "ab", wb.add_format({"bold": True}), "cd")
        ws.write_boolean("A3", True)
        ws.write_boolean("B3", False)
        ws.write_blank("C3", None, wb.add_format({"bold": True}))

    cells = Xlsx(written(build)).cells("数据")
    assert values(cells) == {
        (0, 0): 12,
        (0, 1): 12,
        (0, 2): 0.125,
        (0, 3): -3.5,
        (1, 0): "表三 & <总计>",
        (1, 1): "abcd",
        (2, 0): True,
        (2, 1): False,
    }
    assert type(cells[0, 1].value) is int and type(cells[2, 0].value) is bool
    assert all(c.formula is None and not c.error for c in cells.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("12.0", 12), ("1E1", 10), ("1.5", 1.5), ("-0.25", -0.25), ("1e-3", 0.001), ("abc", "abc")],
)
def test_number_text(text, expected):
    cell = Xlsx(book(f'<row r="1"><c r="A1"><v>{text}</v></c></row>')).cells("S")[0, 0]
    assert cell.value == expected and type(cell.value) is type(expected)


def test_inline_shared_rich_and_phonetic_strings():
    data = book(
        '<row r="1">'
        '<c r="A1" t="inlineStr"><is><t>plain &amp; simple</t></is></c>'
        '<c r="B1" t="inlineStr"><is><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r></is></c>'
        '<c r="C1" t="s"><v>0</v></c><c r="D1" t="s"><v>1</v></c><c r="E1" t="s"><v>2</v></c>'
        "</row>",
        strings=(
            "<si><t>共享</t></si>"
            "<si><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></si>"
            "<si><t>東京</t><rPh sb='0' eb='2'><t>トウキョウ</t></rPh><phoneticPr fontId='1'/></si>"
        ),
    )
    assert values(Xlsx(data).cells("S")) == {
        (0, 0): "plain & simple",
        (0, 1): "rich ",
        (0, 2): "共享",
        (0, 3): "富文本",
        (0, 4): "東京",
    }


def test_openpyxl_inline_strings_and_formula_without_value():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet"
    ws["A1"] = "=SUM(B1:B2)"
    ws["B1"] = 1.5
    ws["C1"] = "文字"
    ws["B2"] = True
    out = io.BytesIO()
    wb.save(out)
    cells = Xlsx(out.getvalue()).cells("Sheet")
    assert cells[0, 0] == Cell(None, "SUM(B1:B2)")
    assert cells[0, 1] == Cell(1.5, None)
    assert cells[0, 2] == Cell("文字", None)
    assert cells[1, 1] == Cell(True, None)


def test_formulas_with_cached_values_and_errors():
    def build(wb):
        ws = wb.add_worksheet("F")
        ws.write_formula("A1", "=SUM(B1:C1)", None, 7)
        ws.write_formula("A2", '="a"&"b"', None, "ab")
        ws.write_formula("A3", "=1/0", None, "#DIV/0!")
        ws.write_array_formula("A4:A4", "{=SUM(B1:C1*2)}", None, 14)

    cells = Xlsx(written(build)).cells("F")
    assert cells[0, 0] == Cell(7, "SUM(B1:C1)")
    assert cells[1, 0] == Cell("ab", '"a"&"b"')
    assert cells[2, 0] == Cell("#DIV/0!", "1/0", error=True)
    assert cells[3, 0] == Cell(14, "SUM(B1:C1*2)")


def test_error_date_and_empty_cells():
    data = book(
        '<row r="1"><c r="A1" t="e"><v>#REF!</v></c><c r="B1" t="d"><v>2024-12-31T00:00:00</v></c>'
        '<c r="C1" s="3"/><c r="D1" t="s"/><c r="E1" t="str"><f>""</f><v></v></c></row>'
    )
    cells = Xlsx(data).cells("S")
    assert cells == {
        (0, 0): Cell("#REF!", None, error=True),
        (0, 1): Cell("2024-12-31T00:00:00", None),
        (0, 4): Cell("", '""'),
    }


def test_shared_formulas_are_translated_to_each_child():
    data = book(
        '<row r="6"><c r="D6"><f t="shared" si="0" ref="D6:D8">SUM(A6:C6)</f><v>1</v></c>'
        '<c r="E6"><f t="shared" si="1" ref="E6:F6">$A$1+D6</f><v>2</v></c><c r="F6"><f t="shared" si="1"/><v>3</v></c>'
        "</row>"
        '<row r="7"><c r="D7"><f t="shared" si="0"/><v>4</v></c></row>'
        '<row r="8"><c r="D8"><f t="shared" si="0"/></c></row>'
    )
    cells = Xlsx(data).cells("S")
    assert cells[5, 3] == Cell(1, "SUM(A6:C6)")
    assert cells[5, 4].formula == "$A$1+D6"
    assert cells[5, 5] == Cell(3, "$A$1+E6")
    assert cells[6, 3] == Cell(4, "SUM(A7:C7)")
    assert cells[7, 3] == Cell(None, "SUM(A8:C8)")


def test_missing_r_attributes_count_on():
    data = book(
        "<row><c><v>1</v></c><c><v>2</v></c></row>"
        '<row r="5"><c r="C5"><v>3</v></c><c/><c><v>4</v></c></row>'
        "<row><c><v>5</v></c></row>"
    )
    assert values(Xlsx(data).cells("S")) == {(0, 0): 1, (0, 1): 2, (4, 2): 3, (4, 4): 4, (5, 0): 5}


def test_prefixed_namespace():
    x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    workbook = (
        f'<x:workbook xmlns:x="{x}" xmlns:r="{REL}"><x:sheets><x:sheet name="P" sheetId="1" r:id="rId1"/>'
        '</x:sheets><x:definedNames><x:definedName name="n">P!$A$1</x:definedName></x:definedNames></x:workbook>'
    )
    sheet = (
        f'<x:worksheet xmlns:x="{x}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c>'
        '<x:c r="B1"><x:f>A1&amp;"!"</x:f><x:v>2</x:v></x:c></x:row></x:sheetData>'
        '<x:mergeCells count="1"><x:mergeCell ref="A2:B3"/></x:mergeCells></x:worksheet>'
    )
    data = zipped(
        {
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" {SHEET_REL} Target="/xl/worksheets/sheet1.xml"/></Relationships>'
            ),
            "xl/worksheets/sheet1.xml": sheet,
            "xl/sharedStrings.xml": f'<x:sst xmlns:x="{x}"><x:si><x:t>前缀</x:t></x:si></x:sst>',
        }
    )
    book_ = Xlsx(data)
    assert book_.sheets == (Sheet("P", "visible", "xl/worksheets/sheet1.xml"),)
    assert book_.defined_names == {"n": "P!$A$1"}
    assert book_.cells("P") == {(0, 0): Cell("前缀", None), (0, 1): Cell(2, 'A1&"!"')}


def test_strict_ooxml_namespace():
    strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    strict_rel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    data = book(
        workbook=f'<workbook xmlns="{strict}" xmlns:r="{strict_rel}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1" state="hidden"/></sheets></workbook>',
        sheet_xml=f'<worksheet xmlns="{strict}"><sheetData><row r="2"><c r="B2"><v>9</v></c></row></sheetData>'
        "</worksheet>",
    )
    book_ = Xlsx(data)
    assert book_.sheet("S").state == "hidden"
    assert book_.cells("S") == {(1, 1): Cell(9, None)}


def test_sheets_states_names_and_properties():
    def build(wb):
        wb.add_worksheet("一").merge_range("A1:C2", "标题")
        wb.add_worksheet("二").hide()
        wb.add_worksheet("三").very_hidden()
        wb.define_name("global.total", "='一'!$B$3")
        wb.define_name("'二'!local", "='二'!$A$1")
        wb.set_custom_property("nianbao.unit_code", "140981")
        wb.set_custom_property("count", 3)

    book_ = Xlsx(written(build))
    assert [(s.name, s.state) for s in book_.sheets] == [("一", "visible"), ("二", "hidden"), ("三", "veryHidden")]
    assert book_.sheet("三").part == "xl/worksheets/sheet3.xml"
    assert book_.defined_names == {"global.total": "'一'!$B$3"}
    assert book_.custom_properties == {"nianbao.unit_code": "140981", "count": "3"}
    assert book_.cells("一")[0, 0].value == "标题"
    with pytest.raises(KeyError):
        book_.sheet("四")
    with pytest.raises(KeyError):
        book_.cells("四")


def test_no_custom_properties_and_empty_sheet_data():
    merges = '<mergeCells><mergeCell ref="A1:B1"/></mergeCells>'
    data = book(sheet_xml=f'<worksheet xmlns="{MAIN}"><sheetData/>{merges}</worksheet>')
    book_ = Xlsx(data)
    assert book_.custom_properties == {} and book_.defined_names == {}
    assert book_.cells("S") == {}


def test_cells_ignore_the_tail_but_survive_a_misleading_head():
    tail = '<dataValidations><dataValidation sqref="A1" prompt="bad & unescaped"/></dataValidations>'
    assert Xlsx(book('<row r="1"><c r="A1"><v>1</v></c></row>', tail=tail)).cells("S") == {(0, 0): Cell(1, None)}
    tricky = '<row r="1"><c r="A1"><v>1</v></c></row><!-- </sheetData> --><row r="2"><c r="A2"><v>2</v></c></row>'
    assert values(Xlsx(book(tricky)).cells("S")) == {(0, 0): 1, (1, 0): 2}


def test_cells_are_cached():
    book_ = Xlsx(book('<row r="1"><c r="A1"><v>1</v></c></row>'))
    assert book_.cells("S") is book_.cells("S")


def test_open_reads_a_path(tmp_path, monkeypatch):
    path = tmp_path / "a.xlsx"
    path.write_bytes(book('<row r="1"><c r="A1"><v>1</v></c></row>'))
    assert Xlsx(xlsx.read_file(path)).cells("S") == {(0, 0): Cell(1, None)}
    monkeypatch.setattr(xlsx, "MAX_FILE", 100)
    with pytest.raises(XlsxError) as err:
        xlsx.read_file(path)
    assert err.value.kind == "too_large"


# --- references --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("'表三'!$D$6", ("表三", 5, 3)),
        ("表三!D6", ("表三", 5, 3)),
        ("D6", (None, 5, 3)),
        ("$A$1", (None, 0, 0)),
        ("'It''s'!A1", ("It's", 0, 0)),
        ("'a b'!$XFD$1048576", ("a b", 1048575, 16383)),
        ("Sheet1!aa10", ("Sheet1", 9, 26)),
    ],
)
def test_parse_ref(ref, expected):
    assert parse_ref(ref) == expected


@pytest.mark.parametrize(
    "ref", ["#REF!", "'表三'!#REF!", "D6:D9", "'表三'!$D$6:$D$9", "A0", "XFE1", "A1048577", "", "表三!", "=A1", "1A"]
)
def test_parse_ref_refuses(ref):
    with pytest.raises(ValueError):
        parse_ref(ref)


# --- refusals ----------------------------------------------------------------------------------


def kind(data: bytes, sheet: str | None = None) -> str:
    with pytest.raises(XlsxError) as err:
        book_ = Xlsx(data)
        if sheet is not None:
            book_.cells(sheet)
    return err.value.kind


CFB_HEADER = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


def test_not_a_zip_truncated_and_not_a_workbook():
    assert kind(b"") == "not_zip"
    assert kind("年报,1,2\n".encode()) == "not_zip"
    good = book('<row r="1"><c r="A1"><v>1</v></c></row>')
    assert kind(good[: len(good) // 2]) == "not_zip"
    assert kind(zipped({"word/document.xml": "<document/>", "[Content_Types].xml": "<Types/>"})) == "not_workbook"
    assert kind(zipped({"content.xml": "<office:document-content/>", "mimetype": "x"})) == "not_workbook"


def test_cfb_files_are_encrypted_or_legacy():
    directory = "".join(f"{name}\0" for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    assert kind(CFB_HEADER + directory.encode("utf-16-le")) == "encrypted"
    assert kind(CFB_HEADER + "Root Entry\0Workbook\0".encode("utf-16-le")) == "legacy"
    assert kind(CFB_HEADER + b"EncryptedPackage") == "legacy"  # names are UTF-16 in the directory


def test_dtd_and_bad_xml_are_refused():
    laughs = (
        '<?xml version="1.0"?><!-- a comment --><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    assert kind(book(sheet_xml=laughs), "S") == "bad_xml"
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w><worksheet/>'.encode("utf-16")
    assert kind(book(sheet_xml=utf16), "S") == "bad_xml"
    assert kind(book(workbook='<!DOCTYPE workbook SYSTEM "file:///etc/passwd"><workbook/>')) == "bad_xml"
    assert kind(book(workbook="<workbook><sheets>")) == "bad_xml"
    assert kind(book(sheet_xml=f'<worksheet xmlns="{MAIN}"><sheetData><row></worksheet>'), "S") == "bad_xml"
    assert kind(book('<row r="1"><c r="A1" t="s"><v>5</v></c></row>', strings="<si><t>a</t></si>"), "S") == "bad_xml"
    assert kind(book('<row r="1"><c r="1A"><v>1</v></c></row>'), "S") == "bad_xml"


def test_a_utf16_part_without_dtd_reads():
    sheet = f'<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">'
    sheet += '<c r="A1" t="inlineStr"><is><t>十六</t></is></c></row></sheetData></worksheet>'
    assert Xlsx(book(sheet_xml=sheet.encode("utf-16"))).cells("S") == {(0, 0): Cell("十六", None)}


def test_zip_bomb_is_refused_before_inflating():
    bomb = zipped({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": bytes(20 << 20)})
    assert len(bomb) < 100_000
    start = time.perf_counter()
    assert kind(bomb) == "too_large"
    assert time.perf_counter() - start < 0.05


def test_giant_part_and_total_budget(monkeypatch):
    data = book('<row r="1"><c r="A1"><v>1</v></c></row>')
    monkeypatch.setattr(xlsx, "MAX_PART", 200)
    assert kind(data) == "too_large"
    monkeypatch.setattr(xlsx, "MAX_PART", 64 << 20)
    monkeypatch.setattr(xlsx, "MAX_TOTAL", 300)  # enough for the workbook and its rels, not the sheet too
    assert kind(data, "S") == "too_large"


def test_a_lying_size_header_is_read_no_further():
    data = bytearray(zipped({"xl/workbook.xml": "<workbook/>" + " " * 100_000}))
    entry = data.index(b"PK\x01\x02")  # the central directory entry, whose sizes zipfile trusts
    struct.pack_into("<I", data, entry + 24, 20)  # declare 20 bytes uncompressed
    assert kind(bytes(data)) == "not_zip"  # only 20 bytes inflated: a bad CRC, not 100 kB of parse


def test_too_many_cells(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_CELLS", 2)
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 5))
    assert kind(book(rows), "S") == "too_large"


def test_error_attributes():
    err = XlsxError("too_large", "xl/worksheets/sheet1.xml")
    assert (err.kind, err.detail) == ("too_large", "xl/worksheets/sheet1.xml")
    assert XlsxError("legacy").detail == ""


# --- the project's own workbook ----------------------------------------------------------------


@pytest.fixture(scope="module")
def generated() -> bytes:
    return generate.Blank(spec.load(), 2024, personalised=True).render(Unit("140981", "原平市", "1409"))


def test_the_generated_workbook_reads(generated):
    book_ = Xlsx(generated)
    assert [s.name for s in book_.sheets] == ["封面", "说明", "表二", "表三", "表四", "_nianbao"]
    assert book_.sheet("_nianbao").state == "veryHidden"
    assert {s.state for s in book_.sheets[:5]} == {"visible"}
    assert book_.defined_names["nb.table3.new_received.total"] == "'表三'!$J$6"
    assert parse_ref(book_.defined_names["nb.table3.new_received.total"]) == ("表三", 5, 9)
    assert not any(name.startswith("_xlnm.") for name in book_.defined_names)  # print areas are sheet-local
    assert book_.custom_properties["nianbao.unit_code"] == "140981"
    table3 = book_.cells("表三")
    assert table3[5, 9].formula is not None and table3[5, 9].formula.startswith("SUM(")
    assert table3[5, 9].value == 0
    assert "原平市" in table3[1, 0].value


def test_the_generated_workbook_matches_openpyxl(generated):
    """Every formula and every non-formula value as openpyxl reads them."""
    book_ = Xlsx(generated)
    wb = openpyxl.load_workbook(io.BytesIO(generated))
    for name in ("表二", "表三", "表四"):
        theirs = {
            (c.row - 1, c.column - 1): c.value for row in wb[name].iter_rows() for c in row if c.value is not None
        }
        ours = {
            pos: cell.value if cell.formula is None else "=" + cell.formula for pos, cell in book_.cells(name).items()
        }
        assert ours == theirs


def test_cells_without_references_follow_empty_cells_with_them():
    """Empty cells are passed over without reading their reference, unless a cell without one follows."""
    data = book('<row r="3"><c r="B3" s="1"/><c><v>1</v></c><c r="E3"/><c/><c><v>2</v></c>'
                '<c r="H3"><v>3</v></c><c/><c><v>4</v></c></row><row><c/><c r="C4"/><c><v>5</v></c></row>')
    assert values(Xlsx(data).cells("S")) == {(2, 2): 1, (2, 6): 2, (2, 7): 3, (2, 9): 4, (3, 3): 5}


def test_a_big_sheet_is_streamed_and_a_huge_one_refused():
    from toolkit import safexml

    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c>' + '<c s="1"/>' * 200 + "</row>" for r in range(1, 1500))
    cells = Xlsx(book(rows)).cells("S")
    assert len(cells) == 1499 and cells[1498, 0].value == 1499  # over WHOLE tags: the streamed path
    assert safexml.WHOLE < rows.count("<") < safexml.MAX_TAGS
    with pytest.raises(XlsxError) as err:
        Xlsx(book('<row r="1">' + "<c/>" * (safexml.MAX_TAGS + 1) + "</row>")).cells("S")
    assert err.value.kind == "too_large"
