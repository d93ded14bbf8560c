"""Build the hostile corpus: one file per way a file sent to the office can attack or break a batch.

    python tests/corpus/hostile/make.py        (needs olefile, to rewrite an .xls: pip install olefile)

Each is made from a sample return (or by hand, for .ods) so that it looks like a return until the
reader meets its trap; `cases.json` (written by hand) says what each must read to. The files are
committed; the test reads every one within the bounds of `benchmarks/hostile.py`.
"""

from __future__ import annotations

import io
import random
import re
import struct
import sys
import tempfile
import zipfile
from pathlib import Path

import olefile
import openpyxl

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT))
from toolkit import consolidate  # noqa: E402

RETURNS = ROOT / "samples" / "returns"
CLEAN = RETURNS / "2024_140902_忻府区.xlsx"
XLS = ROOT / "tests" / "corpus" / "saved_as_xls.xls"
TABLE2, TABLE3 = "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"  # of the sample, as written by openpyxl


def rezipped(source: bytes, change: dict[str, bytes | None]) -> bytes:
    """The zip with some members replaced (None: removed) and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in change:
                dst.writestr(info, src.read(info))
        for name, data in change.items():
            if data is not None:
                dst.writestr(name, data)
    return out.getvalue()


def member(name: str) -> bytes:
    with zipfile.ZipFile(CLEAN) as z:
        return z.read(name)


def stored(xml: bytes, cell: str, value: str) -> bytes:
    """The sheet with `cell`'s stored number replaced by the text `value` (as a hostile writer puts it)."""
    new, count = re.subn(rf'(<c r="{cell}"[^>]*>)<v>[^<]*</v>'.encode(), rb"\1<v>" + value.encode() + b"</v>", xml)
    assert count == 1, cell
    return new


def numbers_beyond_excel() -> bytes:
    """Stored numbers no spreadsheet writes: 4,300 nines (int() refuses them), 1e300 (a float no count
    can be), Python's `3_2` and Arabic-Indic digits (which int() takes), NaN, inf and 1e309 as 收费."""
    table3 = member(TABLE3)
    for cell, value in {"D6": "9" * 4300, "E6": "1e300", "F6": "3_2", "G6": "٣٢", "H6": "inf"}.items():
        table3 = stored(table3, cell, value)
    table2 = stored(stored(member(TABLE2), "B16", "NaN"), "B12", "1e309")
    return rezipped(CLEAN.read_bytes(), {TABLE3: table3, TABLE2: table2})


def entities_in_utf16_part() -> bytes:
    """workbook.xml in UTF-16 whose prolog comment holds U+2D2D: with the NUL bytes stripped it reads as
    "-->", so a guard that strips them stops early and misses the DOCTYPE of a quadratic entity bomb."""
    xml = member("xl/workbook.xml").decode("utf-8")
    body = xml[xml.index("<workbook"):]
    body = body.replace("</definedName>", "&big;</definedName>", 1)
    prolog = ('<?xml version="1.0" encoding="UTF-16"?><!-- \u2d2d> a comment that goes on -->'
              f'<!DOCTYPE workbook [<!ENTITY big "{"x" * 100_000}">]>')
    return rezipped(CLEAN.read_bytes(), {"xl/workbook.xml": (prolog + body).encode("utf-16")})


def entities_in_core_properties() -> bytes:
    """A part the reader never needs (docProps/core.xml) with an entity bomb: openpyxl would parse it
    when the feedback copy is made."""
    core = ('<?xml version="1.0"?><!DOCTYPE cp [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&c;</dc:title></cp:coreProperties>')
    return rezipped(CLEAN.read_bytes(), {"docProps/core.xml": core.encode()})


def empty_cells() -> bytes:
    """2.1 million empty <c/> below the tables, with random spaces between them so that the part does
    not look like a zip bomb: parsed into a tree, each would be a node (1.5 GB)."""
    spaces = random.Random(10).choices([b"", b" ", b"\n", b"\t"], k=16_384)
    row = b"".join(b"<c/>" + space for space in spaces)
    rows = b"".join(b'<row r="%d">' % r + row + b"</row>" for r in range(100, 230))
    table3 = member(TABLE3).replace(b"</sheetData>", rows + b"</sheetData>", 1)
    return rezipped(CLEAN.read_bytes(), {TABLE3: table3})


def shared_strings_flood() -> bytes:
    """60 MB of one-letter shared strings: a list of millions of Python strings."""
    items = b"<si><t>a</t></si>" * 3_500_000
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + items + b"</sst>"
    rels = member("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    table3 = member(TABLE3).replace(b'<c r="D6" s="12" t="n"><v>', b'<c r="D6" s="12" t="s"><v>', 1)
    return rezipped(CLEAN.read_bytes(), {"xl/sharedStrings.xml": sst, "xl/_rels/workbook.xml.rels": rels,
                                         TABLE3: table3})


def defined_names_flood() -> bytes:
    """200,000 defined names: streamed, and refused past the 100,000 a workbook may have."""
    names = b"".join(b'<definedName name="n%d">Sheet1!$A$1</definedName>' % i for i in range(200_000))
    xml = member("xl/workbook.xml").replace(b"</definedNames>", names + b"</definedNames>", 1)
    return rezipped(CLEAN.read_bytes(), {"xl/workbook.xml": xml})


def huge_sum_ranges() -> bytes:
    """A formula over the whole sheet in a count cell, and one stray value at ZZ20000: a feedback copy that
    enumerates the range, or openpyxl's iter_rows, would visit hundreds of millions of cells."""
    book = openpyxl.load_workbook(CLEAN)
    book["表三"]["E6"] = "=SUM(A1:XFD1048576)"
    book["表三"]["F6"] = "=SUM(A100:ZZ20000)"
    book["表三"]["ZZ20000"] = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def total_without_members() -> bytes:
    """A county total whose hidden list of members was deleted: it must not be summed beside its units."""
    with tempfile.TemporaryDirectory() as scratch:
        total = Path(scratch) / "total.xlsx"
        consolidate.merge([CLEAN, RETURNS / "2024_140921_定襄县.xlsx"], total, name="两县合计")
        book = openpyxl.load_workbook(total)
    del book["_nianbao_members"]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def formula_text() -> bytes:
    """Text that a writer would turn into a live formula: a cover name, a count cell, a sheet name."""
    book = openpyxl.load_workbook(CLEAN)
    for sheet, ref, text in (("封面", "B3", '=HYPERLINK("http://example.invalid/","点此查看")'),
                             ("表三", "E6", "=cmd|' /C calc'!A0"), ("表二", "B12", "@SUM(1+1)")):
        cell = book[sheet][ref]
        cell.value, cell.data_type = text, "s"  # typed as text ('=…), as Excel stores it
    book["表四"].title = "=1+1"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods(content: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return out.getvalue()


ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
            '<table:table table:name="表三">')
ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


_SPARSE = ('<table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row>'
           '<table:table-row><table:table-cell table:number-columns-repeated="999"/><table:table-cell '
           'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')


def sparse_repeats() -> bytes:
    """36 KB of .ods whose repeated empty rows and cells put one value at row 1,000,001, column 1,000:
    calamine builds the whole rectangle (4 GB)."""
    return _ods(ODS_HEAD.format(prolog="") + _SPARSE + ODS_TAIL)


def dtd_after_a_long_comment() -> bytes:
    """An .ods whose DOCTYPE stands after 600 bytes of comment, beyond a 512-byte peek."""
    prolog = f"<!-- {'注' * 200} -->" + '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    return _ods(ODS_HEAD.format(prolog=prolog) + "<table:table-row><table:table-cell/></table:table-row>" + ODS_TAIL)


def far_cell() -> bytes:
    """An .xls (saved by LibreOffice) with one number moved to IV65536, the last cell of a BIFF8 sheet:
    calamine builds 65,536 × 256 cells (1 GB)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "far.xls"
        path.write_bytes(XLS.read_bytes())
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            stream = bytearray(ole.openstream("Workbook").read())
            pos = 0
            while pos + 4 <= len(stream):
                kind, size = struct.unpack_from("<HH", stream, pos)
                if kind in (0x0203, 0x027E):  # NUMBER, RK
                    struct.pack_into("<HH", stream, pos + 4, 65535, 255)
                    break
                pos += 4 + size
            ole.write_stream("Workbook", bytes(stream))
        return path.read_bytes()


def utf16_without_bom() -> bytes:
    """workbook.xml in UTF-16 with neither a byte-order mark nor a declaration: "<\\0!\\0D…" is UTF-16 to the
    parser all the same, so a guard that looked for the mark would miss the DOCTYPE."""
    xml = member("xl/workbook.xml").decode("utf-8")
    body = xml[xml.index("<workbook"):].replace("</definedName>", "&big;</definedName>", 1)
    return rezipped(CLEAN.read_bytes(), {"xl/workbook.xml": (f'<!DOCTYPE workbook [<!ENTITY big "{"x" * 1000}">]>'
                                                             + body).encode("utf-16-le")})


def line_breaks() -> bytes:
    """9 MB of line breaks inside <sheetData>: a parser keeps each line as a string of its own (1 GB)."""
    table3 = member(TABLE3).replace(b"<sheetData>", b"<sheetData>" + b"\n" * 9_000_000, 1)
    return rezipped(CLEAN.read_bytes(), {TABLE3: table3})


def many_sheets() -> bytes:
    """1,100 sheet entries naming one tiny part: every one would be parsed (16 s for 250,000)."""
    tiny = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
    sheets = "".join(f'<sheet name="s{i}" sheetId="{100 + i}" r:id="rIdT"/>' for i in range(1100)).encode()
    rels = member("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>", b'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/worksheet" Target="worksheets/tiny.xml"/></Relationships>')
    return rezipped(CLEAN.read_bytes(), {"xl/workbook.xml": member("xl/workbook.xml").replace(b"</sheets>",
                                                                                              sheets + b"</sheets>"),
                                         "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/tiny.xml": tiny})


def whole_sheet_merge() -> bytes:
    """A merged range over the rest of the sheet: openpyxl would make 17 billion cells of it for feedback."""
    table3 = member(TABLE3).replace(b"</mergeCells>", b'<mergeCell ref="AA1:XFD1048576"/></mergeCells>', 1)
    return rezipped(CLEAN.read_bytes(), {TABLE3: table3})


def dimensions_abort() -> bytes:
    """An .xls whose DIMENSIONS records declare 268 million rows: calamine reserves them and, refused the
    memory, aborts the whole process (exit 134) instead of raising."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "dims.xls"
        path.write_bytes(XLS.read_bytes())
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            stream = bytearray(ole.openstream("Workbook").read())
            pos = 0
            while pos + 4 <= len(stream):
                kind, size = struct.unpack_from("<HH", stream, pos)
                if kind == 0x0200 and size == 14:  # DIMENSIONS: first and last+1 row, first and last+1 column
                    struct.pack_into("<IIHHH", stream, pos + 4, 0, 0x0FFFFFFF, 0, 255, 0)
                pos += 4 + size
            ole.write_stream("Workbook", bytes(stream))
        return path.read_bytes()


def namespace_prefix() -> bytes:
    """sparse_repeats.ods with its `table:` prefix bound to another namespace: calamine reads the prefix as
    written, so a scan that goes by namespace would see no cells and let the 4 GB rectangle through."""
    content = ODS_HEAD.format(prolog="") + _SPARSE + ODS_TAIL
    return _ods(content.replace('xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
                                'xmlns:table="urn:example:other"'))


def space_runs() -> bytes:
    """Three .ods cells of `<text:s text:c="100000000"/>`: 300 million spaces for calamine to spell out (1 GB)."""
    cell = ('<table:table-cell office:value-type="string"><text:p>x<text:s text:c="100000000"/>y</text:p>'
            "</table:table-cell>")
    return _ods(ODS_HEAD.format(prolog="") + "<table:table-row>" + cell * 3 + "</table:table-row>" + ODS_TAIL)


FILES = {
    "numbers_beyond_excel.xlsx": numbers_beyond_excel,
    "entities_in_utf16_part.xlsx": entities_in_utf16_part,
    "entities_in_core_properties.xlsx": entities_in_core_properties,
    "empty_cells.xlsx": empty_cells,
    "shared_strings_flood.xlsx": shared_strings_flood,
    "defined_names_flood.xlsx": defined_names_flood,
    "huge_sum_ranges.xlsx": huge_sum_ranges,
    "total_without_members.xlsx": total_without_members,
    "formula_text.xlsx": formula_text,
    "sparse_repeats.ods": sparse_repeats,
    "dtd_after_a_long_comment.ods": dtd_after_a_long_comment,
    "far_cell.xls": far_cell,
    "utf16_without_bom.xlsx": utf16_without_bom,
    "line_breaks.xlsx": line_breaks,
    "many_sheets.xlsx": many_sheets,
    "whole_sheet_merge.xlsx": whole_sheet_merge,
    "dimensions_abort.xls": dimensions_abort,
    "namespace_prefix.ods": namespace_prefix,
    "space_runs.ods": space_runs,
}

if __name__ == "__main__":
    for name, make in FILES.items():
        (HERE / name).write_bytes(make())
        print(f"{name}: {(HERE / name).stat().st_size:,} bytes")
