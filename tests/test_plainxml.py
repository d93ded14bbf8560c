"""The fast path for plainly written sheets (`plainxml`) held to the tolerant reader, which is the reference:
whatever part the fast path takes, it reads to exactly the tolerant reader's cells; a part it is not sure of it
leaves to that reader (None)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_xlsx import MAIN, book
from toolkit import xlsx
from toolkit.errors import XlsxError
from toolkit.xlsx import Cell, Xlsx

ROOT = Path(__file__).resolve().parent.parent
EXCEL_ROOT = (f'<worksheet xmlns="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">')


def fast(workbook: bytes, head: bytes) -> dict[tuple[int, int], Cell] | None:
    return Xlsx(workbook)._plain_cells(head)


def tolerant(workbook: bytes, head: bytes) -> dict[tuple[int, int], Cell] | XlsxError:
    x = Xlsx(workbook)
    try:
        return x._read_cells(x._parse(head, "part", ("sheetData", "row")), "part")
    except XlsxError as exc:
        return exc


def part(sheet: str, root: str = f'<worksheet xmlns="{MAIN}">') -> bytes:
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{root}<dimension ref="A1"/>'
            f"<sheetData>{sheet}</sheetData>")
    return xlsx._head((head + "<pageMargins/></worksheet>").encode()) or b""


STRINGS = "<si><t>共享</t></si><si><t>表三</t></si>"
WORKBOOK = book('<row r="1"><c r="A1"><v>1</v></c></row>', strings=STRINGS)


def committed_sheet_parts() -> list[tuple[str, str, bytes, bytes]]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    out = []
    for name in sorted(n for n in listed.decode().split("\0") if n.endswith((".xlsx", ".xlsm"))):
        data = (ROOT / name).read_bytes()
        try:
            z = zipfile.ZipFile(ROOT / name)
            members = [m for m in z.namelist() if m.startswith("xl/worksheets/") and m.endswith(".xml")]
            Xlsx(data)
        except (zipfile.BadZipFile, XlsxError):
            continue  # the corpus's broken and hostile files: no sheet to compare
        for member in members:
            head = xlsx._head(z.read(member))
            if head is not None:
                out.append((name, member, data, head))
    return out


def test_every_sheet_of_every_committed_workbook_reads_the_same_either_way():
    parts = committed_sheet_parts()
    taken = 0
    for name, member, data, head in parts:
        got = fast(data, head)
        if got is not None:
            taken += 1
            assert got == tolerant(data, head), (name, member)
    # the generator's workbooks and the returns filled by openpyxl or saved by LibreOffice go the fast way
    samples = [(n, m) for n, m, d, h in parts if n.startswith("samples/")]
    assert samples and all(fast(d, h) is not None for n, m, d, h in parts if n.startswith("samples/")), samples
    assert taken >= 0.8 * len(parts), (taken, len(parts))


EXCEL_LIKE = (
    '<row r="1" spans="1:3" ht="20" customHeight="1" x14ac:dyDescent="0.25">'
    '<c r="A1" s="1" t="s"><v>1</v></c><c r="B1" s="2"/><c r="C1" t="inlineStr"><is><t>a_x000D_b &amp; c</t></is></c>'
    "</row>"
    '<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">SUM(B2:C2)</f><v>3</v></c>'
    '<c r="B2"><v>1</v></c><c r="C2" t="n"><v>2.50</v></c></row>'
    '<row r="3"><c r="A3"><f t="shared" si="0"/><v>0</v></c><c r="B3" t="str"><f>"x"&amp;"&lt;y&gt;"</f><v></v></c>'
    '<c r="C3" t="b"><v>1</v></c></row>'
    '<row r="4" hidden="1"><c r="A4"><f t="shared" si="0"/></c><c r="B4" t="e"><v>#REF!</v></c>'
    '<c r="C4" t="s"><v/></c><c r="D4"></c></row>'
    '<row r="5"/>'
)


def test_what_excel_writes_goes_the_fast_way_and_reads_as_the_tolerant_reader_reads_it():
    head = part(EXCEL_LIKE, EXCEL_ROOT)
    got = fast(WORKBOOK, head)
    assert got is not None and got == tolerant(WORKBOOK, head)
    assert got[0, 0] == Cell("表三", None) and got[0, 2] == Cell("a\rb & c", None)
    assert got[1, 0] == Cell(3, "SUM(B2:C2)") and got[2, 0] == Cell(0, "SUM(B3:C3)") and got[3, 0] == Cell(None,
                                                                                                           "SUM(B4:C4)")
    assert got[2, 1] == Cell("", '"x"&"<y>"') and got[3, 1] == Cell("#REF!", None, error=True)
    assert (3, 2) not in got and (3, 3) not in got and (0, 1) not in got


@pytest.mark.parametrize("sheet", [
    '<row r="1"><!-- a note --><c r="A1"><v>1</v></c></row>',  # a comment
    '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<b>]]></t></is></c></row>',  # CDATA
    '<row r="1"><c r="A1" t="inlineStr"><is><t>a&#10;b</t></is></c></row>',  # a character reference
    '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',  # CR, which XML rewrites
    '<row r="1"><c r="A1" s="1" s="2"><v>1</v></c></row>',  # a duplicate attribute
    '<row r="1"><c r="A1" t="n" s="1"><v>1</v></c></row>',  # attributes out of the schema's order
    '<row r="1" xmlns="urn:other"><c r="A1"><v>1</v></c></row>',  # another namespace
    '<row r="1">\n  <c r="A1"><v>1</v></c>\n</row>',  # laid out with line breaks
    '<row r="0"><c r="A1"><v>1</v></c></row>',  # no such row
    '<row r="1"><c r="a1"><v>1</v></c></row>',  # a reference in lower case
    '<row r="1"><c><v>1</v></c></row>',  # a cell without its reference
    '<row r="1"><c r="A1"><v>1</v><v>2</v></c></row>',  # two values
    '<row r="1"><c r="A1" t="inlineStr"><is><r><t>rich</t></r></is></c></row>',  # rich text
    '<row r="1"><c r="A1"><v>1\x01</v></c></row>',  # a character XML forbids
    '<row r="1"><c r="A1"><v>&nbsp;</v></c></row>',  # an entity XML does not define
    '<row r="1" x14ac:dyDescent="0.25"><c r="A1"><v>1</v></c></row>',  # a prefix the root does not declare
    '<row r="1"><c r="A1"><v>1</v></c>',  # not closed
])
def test_anything_unusual_is_left_to_the_tolerant_reader(sheet):
    assert fast(WORKBOOK, part(sheet)) is None


@pytest.mark.parametrize("root", [
    f'<x:worksheet xmlns:x="{MAIN}">',  # a prefixed root
    f'<!DOCTYPE worksheet><worksheet xmlns="{MAIN}">',  # a DTD
])
def test_an_unusual_root_is_left_to_the_tolerant_reader(root):
    assert fast(WORKBOOK, part('<row r="1"><c r="A1"><v>1</v></c></row>', root)) is None


def test_another_declared_encoding_is_left_to_the_tolerant_reader():
    head = part('<row r="1"><c r="A1" t="inlineStr"><is><t>表</t></is></c></row>').replace(b"UTF-8", b"GBK")
    assert fast(WORKBOOK, head) is None


def test_a_reference_outside_the_sheet_is_judged_by_the_tolerant_reader():
    head = part('<row r="1"><c r="ZZZ1"><v>1</v></c></row>')
    assert fast(WORKBOOK, head) is None and isinstance(tolerant(WORKBOOK, head), XlsxError)


SNIPPETS = ["<", ">", "&", "&amp;", "&#10;", '"', "'", "/", "\r", "\t", "\x00", "\ufffe", " ", "=", "<!-- -->",
            "<![CDATA[x]]>", "<?pi?>", ' s="1"', ' t="s"', ' t="str"', ' r="B2"', ' xmlns="urn:x"', "<v>1</v>",
            "<v/>", "<f>SUM(A1)</f>", '<f t="shared" si="0"/>', '<c r="B1"><v>2</v></c>', "</c>", "</row>",
            '<row r="9">', "<is><t>x</t></is>", "x14ac:", "_x000D_", "表", "]]>", "\ud7ff", "\U0001f600"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(SNIPPETS), st.integers(0, 3)), min_size=1,
                max_size=4))
def test_a_damaged_sheet_is_read_the_same_either_way_or_left(edits):
    text = part(EXCEL_LIKE, EXCEL_ROOT).decode()
    start, end = text.index("<sheetData>") + 11, text.index("</sheetData>")
    for offset, snippet, cut in edits:  # insert a snippet, or cut a few characters, inside the sheet data
        at = start + offset % (end - start)
        text = text[:at] + snippet + text[at + cut:]
        end = text.index("</sheetData>") if "</sheetData>" in text[start:] else end
    head = text.encode("utf-8", "surrogatepass")
    got = fast(WORKBOOK, head)
    if got is not None:
        assert got == tolerant(WORKBOOK, head)


TEXTS = st.lists(st.sampled_from([*"0123456789.-+eE xyz表_&<>\"'\t\n", "_x000D_", "1E309", "NaN"]),
                 max_size=6).map("".join)


@st.composite
def plain_cells(draw: st.DrawFn) -> str:
    """Sheet data as the usual writers write it, with any types and texts in its cells."""
    rows = []
    for r in range(1, draw(st.integers(1, 4)) + 1):
        cells = []
        for c in "ABCD"[:draw(st.integers(0, 4))]:
            t = draw(st.sampled_from(["", ' t="n"', ' t="s"', ' t="str"', ' t="b"', ' t="e"', ' t="inlineStr"',
                                      ' t="d"', ' t=""']))
            f = draw(st.sampled_from(["", "<f>SUM(A1:B1)</f>", "<f/>", '<f t="shared" ref="A1:D4" si="0">A1+1</f>',
                                      '<f t="shared" si="0"/>', '<f aca="false">"a"&amp;"b"</f>']))
            v = draw(st.sampled_from(["", "<v/>", "<v></v>", "<v>{}</v>"])).format(
                _escaped(draw(st.sampled_from(["0", "1"]) if t == ' t="s"' else TEXTS)))
            inline = draw(st.sampled_from(["", "<is><t>{}</t></is>", '<is><t xml:space="preserve">{}</t></is>',
                                           "<is><t/></is>"])).format(_escaped(draw(TEXTS)))
            body = f + v + inline
            cells.append(f'<c r="{c}{r}" s="1"{t}>{body}</c>' if body or draw(st.booleans())
                         else f'<c r="{c}{r}"{t}/>')
        rows.append(f'<row r="{r}" spans="1:4">{"".join(cells)}</row>')
    return "".join(rows)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=300, deadline=None)
@given(plain_cells())
def test_a_plain_sheet_of_any_cells_goes_the_fast_way_and_reads_the_same(sheet):
    head = part(sheet)
    got = fast(WORKBOOK, head)
    assert got is not None
    assert got == tolerant(WORKBOOK, head)
