"""Workbooks that are not .xlsx — .xls (Excel 97–2003, as WPS saves by default), .et, .ods — read
through python-calamine, a Rust reader: the same interface as `xlsx.Xlsx`, values only.

These formats keep our hidden `_nianbao` sheet but not our defined names, custom properties or
(in what calamine gives) formulas: cells are found by their labels, and whether a total is still
a formula cannot be told, so the rules alone judge the totals.
"""

from __future__ import annotations

import datetime
import io
import math
import struct
import zipfile
import zlib
from xml.etree import ElementTree as ET

from . import safexml
from .cells import MAX_ROW
from .xlsx import EXACT, MAX_CELLS, MAX_PART, Cell, Sheet, XlsxError, check_member

# A damaged file can make calamine's Rust code panic; pyo3 raises that as PanicException, which derives
# from BaseException, not Exception. Everything but an interrupt or an exit is a failure to read the file.
_INTERRUPTS = (KeyboardInterrupt, SystemExit, GeneratorExit)
ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})
_STATES = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}


class ValuesBook:
    """A workbook read by calamine; `kind` is "xls" or "ods"."""

    has_formulas = False
    defined_names: dict[str, str] = {}
    custom_properties: dict[str, str] = {}

    def __init__(self, data: bytes, kind: str) -> None:
        import python_calamine  # only for the files that need it: the .xlsx path starts faster without

        self.kind = kind
        if kind == "xls":
            scan_xls(data)
        self._odd = scan_ods(data) if kind == "ods" else {}
        try:
            self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            metadata = self._book.sheets_metadata
        except BaseException as exc:  # its own error types for every kind of damage; a panic on some
            raise _error(exc) from None
        self.sheets = tuple(Sheet(m.name, _STATES.get(str(m.visible).rpartition(".")[2], "visible"), m.name)
                            for m in metadata)
        self._cells: dict[str, dict[tuple[int, int], Cell]] = {}
        self._merged: dict[str, tuple[tuple[int, int, int, int], ...]] = {}

    def cells(self, name: str) -> dict[tuple[int, int], Cell]:
        if name not in self._cells:
            try:
                sheet = self._book.get_sheet_by_name(name)
                if sheet.height * sheet.width > MAX_CELLS:
                    raise XlsxError("too_large", f"{name}: {sheet.height} × {sheet.width} cells")
                rows = sheet.to_python(skip_empty_area=False)
                self._merged[name] = tuple((a[0], a[1], b[0], b[1]) for a, b in sheet.merged_cell_ranges or ())
            except XlsxError:
                raise
            except BaseException as exc:
                raise _error(exc) from None
            # with skip_empty_area=False the rows start at A1, whatever `sheet.start` says
            cells = {(r, c): _cell(v) for r, row in enumerate(rows)
                     for c, v in enumerate(row) if v != "" and v is not None}
            self._cells[name] = {**cells, **self._odd.get(name, {})}
        return self._cells[name]

    def merged(self, name: str) -> tuple[tuple[int, int, int, int], ...]:
        self.cells(name)
        return self._merged[name]


def _cell(v: object) -> Cell:
    if isinstance(v, str) and v in ERRORS:
        return Cell(v, None, error=True)
    if isinstance(v, datetime.date | datetime.time | datetime.timedelta):
        return Cell(str(v), None)  # a date in a count cell is text to the rules
    if isinstance(v, float) and not math.isfinite(v):
        return Cell(str(v), None, error=True)  # a NaN or infinity stored in the file: no number
    if isinstance(v, float) and v.is_integer() and abs(v) < EXACT:
        return Cell(int(v), None)  # .ods keeps every number as a float: 12.0 is 12
    return Cell(v, None)  # type: ignore[arg-type]


# BIFF records that put a value in a cell (row and column in their first four bytes), as calamine reads them;
# MULRK (0x00BD) gives a run of cells, its last column in its last two bytes
_BOF = frozenset({0x0009, 0x0209, 0x0409, 0x0809})
_VALUE_RECORDS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006, 0x00BD,
                            0x0002, 0x0003, 0x0004, 0x0005, 0x0206, 0x0406})
_SST, _CONTINUE, _MULRK = 0x00FC, 0x003C, 0x00BD
MAX_RECORDS = 2_000_000  # of one workbook stream: about a second to walk


def scan_xls(data: bytes) -> None:
    """Refuses an .xls that would make calamine build more than MAX_CELLS cells in all, or reserve room for a
    shared-string table longer than its bytes can hold: calamine builds the rectangle from A1 to the
    last value of each sheet when it opens the file, so 78 KB with one value at IV65536 ask for a
    gigabyte. The workbook stream is taken out of the compound file by olefile and its records walked.
    """
    import olefile  # a careful reader of compound files (cycles, bad sector numbers): only .xls needs it

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                raise XlsxError("legacy", "no workbook stream")
            stream = ole.openstream(name).read()
    except XlsxError:
        raise
    except Exception as exc:  # olefile's many kinds of OSError and ValueError for a damaged container
        raise XlsxError("legacy", f"{type(exc).__name__}: {exc}") from None
    pos = records = earlier = 0  # earlier: cells of the rectangles of the sheets before, all built at once
    last_r = last_c = -1
    strings = string_bytes = 0
    after_sst = False
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + size]
        pos += 4 + size
        records += 1
        if records > MAX_RECORDS:
            raise XlsxError("too_large", f"{name}: over {MAX_RECORDS} records")
        if kind in _BOF:
            earlier += (last_r + 1) * (last_c + 1)
            last_r = last_c = -1
        elif kind in _VALUE_RECORDS and len(body) >= 4:
            r, c = struct.unpack_from("<HH", body)
            if kind == _MULRK and len(body) >= 6:
                c = max(c, struct.unpack_from("<H", body, len(body) - 2)[0])
            last_r, last_c = max(last_r, r), max(last_c, c)
            if earlier + (last_r + 1) * (last_c + 1) > MAX_CELLS:
                raise XlsxError("too_large", f"{name}: cells up to row {last_r + 1}, column {last_c + 1}")
        if kind == _SST and len(body) >= 8:
            strings, string_bytes, after_sst = struct.unpack_from("<i", body, 4)[0], size, True
        elif kind == _CONTINUE and after_sst:
            string_bytes += size
        else:
            after_sst = False
    if strings < 0 or strings > string_bytes // 3:  # a string takes at least 3 bytes
        raise XlsxError("too_large", f"{name}: {strings} shared strings declared in {string_bytes} bytes")


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELLS = (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell")


def scan_ods(data: bytes) -> dict[str, dict[tuple[int, int], Cell]]:
    """What calamine cannot tell of an .ods, found by streaming its content.xml: the error cells
    (`#DIV/0!`, which calamine gives as "") and the booleans (given as 1.0), by sheet and position.

    Refuses a file whose cells with a value span more than MAX_CELLS, over all its tables: ODF writes a
    run of equal cells once with a repeat count, and calamine builds each table's rectangle from A1 to
    its last value, so a 36 KB file can ask for gigabytes.
    """
    found: dict[str, dict[tuple[int, int], Cell]] = {}
    content = _member(data, "content.xml")
    sheet, r, last_r, last_c = found.setdefault("", {}), 0, -1, -1
    earlier = 0  # cells of the rectangles of the tables before this one: calamine builds them all

    def record(path: tuple[str, ...]) -> int | None:
        return 0 if path and path[-1] == "table-row" else None

    try:
        for kind, el in safexml.stream(content, "content.xml", record, lambda path: path[-1:] == ("table",)):
            if kind < 0:  # a table starts: the next sheet
                earlier += (last_r + 1) * (last_c + 1)
                sheet, r, last_r, last_c = found.setdefault(el.get(_ODS_TABLE + "name", ""), {}), 0, -1, -1
                continue
            rows = _count(el.get(_ODS_TABLE + "number-rows-repeated"))
            c = 0
            for cell in el:
                if cell.tag not in _CELLS:
                    continue
                columns = _count(cell.get(_ODS_TABLE + "number-columns-repeated"))
                kind_of_value = cell.get(_ODS_OFFICE + "value-type")
                if kind_of_value or len(cell):  # a value, or text: calamine's rectangle reaches it
                    last_r, last_c = max(last_r, r + rows - 1), max(last_c, c + columns - 1)
                    if earlier + (last_r + 1) * (last_c + 1) > MAX_CELLS:  # before any repeat is spelled out
                        raise XlsxError("too_large", f"content.xml: cells up to row {last_r + 1}, column {last_c + 1}")
                odd = _odd_cell(cell, kind_of_value)
                for k in range(columns if odd else 0):
                    for rr in range(rows):
                        sheet[(r + rr, c + k)] = odd
                c += columns
            r += rows
    except ValueError as exc:
        raise XlsxError("bad_xml", f"content.xml: {exc}") from None
    return found


def _count(text: str | None) -> int:
    """A repeat count: 1 when absent; ValueError for anything but a positive number."""
    if text is None:
        return 1
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_ROW:
        raise ValueError(f"repeat count {text!r}")
    return int(text)


def _member(data: bytes, name: str) -> bytes:
    """One member of a zip, with the same limits as a workbook's parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo(name)
            check_member(info)
            with z.open(info) as f:
                part = f.read(MAX_PART + 1)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise XlsxError("bad_xml", f"{name}: {exc}") from None
    if len(part) > MAX_PART:
        raise XlsxError("too_large", name)
    return part


def _odd_cell(el: ET.Element, kind: str | None) -> Cell | None:
    if el.get(_CALCEXT + "value-type") == "error":
        text = "".join(p.text or "" for p in el.iter(_TEXT + "p")) or "#VALUE!"
        return Cell(text, None, error=True)
    if kind == "boolean":
        return Cell(el.get(_ODS_OFFICE + "boolean-value") == "true", None)
    return None


def _error(exc: BaseException) -> XlsxError:
    """The failure as the reader's error; an interrupt goes on as it is."""
    if isinstance(exc, _INTERRUPTS):
        raise exc
    text = str(exc)
    if any(word in text.lower() for word in ("password", "encrypt")):
        return XlsxError("encrypted", text)
    return XlsxError("bad_xml", f"{type(exc).__name__}: {text}")
