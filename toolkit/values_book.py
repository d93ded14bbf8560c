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
import zipfile
import zlib
from collections.abc import Mapping
from types import MappingProxyType
from xml.etree import ElementTree as ET

from . import safexml, sandbox
from .cells import MAX_ROW
from .errors import XlsxError
from .xlsx import EXACT, MAX_CELLS, MAX_PART, MAX_SHEETS, Cell, Sheet, open_zip

# A damaged file can make calamine's Rust code panic; pyo3 raises that as PanicException, which derives
# from BaseException, not Exception. Everything but an interrupt or an exit is a failure to read the file.
_INTERRUPTS = (KeyboardInterrupt, SystemExit, GeneratorExit)
ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})
_STATES = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}
MAX_FILE = 16 << 20  # bytes of an .xls/.ods


class ValuesBook:
    """A workbook read by calamine, in the sandbox (see `sandbox`); `kind` is "xls" or "ods"."""

    has_formulas = False
    defined_names: Mapping[str, str] = MappingProxyType({})  # these formats keep neither
    custom_properties: Mapping[str, str] = MappingProxyType({})

    def __init__(self, data: bytes, kind: str) -> None:
        if len(data) > MAX_FILE:  # a return is well under 1 MB; the reader's child holds the file twice
            raise XlsxError("too_large", f"an .{kind} file of {len(data)} bytes")
        self.kind = kind
        self._odd = scan_ods(data) if kind == "ods" else {}
        raw = sandbox.call(read_values, data)
        self.sheets = tuple(Sheet(name, state, name) for name, state in raw["sheets"])
        self._values: dict[str, dict[tuple[int, int], object]] = raw["cells"]
        self._cells: dict[str, dict[tuple[int, int], Cell]] = {}

    def cells(self, name: str) -> dict[tuple[int, int], Cell]:
        if name not in self._cells:
            cells = {pos: _cell(v) for pos, v in self._values[name].items()}
            self._cells[name] = {**cells, **self._odd.get(name, {})}
        return self._cells[name]


def read_values(data: bytes) -> dict[str, object]:
    """Every sheet's name and state and its cells with a value, read by calamine; run in
    the sandbox. Refuses a workbook whose sheets add up to more than MAX_CELLS cells."""
    import python_calamine  # only for the files that need it: the .xlsx path starts faster without

    sheets, cells, total = [], {}, 0
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        if len(book.sheets_metadata) > MAX_SHEETS:
            raise XlsxError("too_large", f"{len(book.sheets_metadata)} sheets")
        for m in book.sheets_metadata:
            sheet = book.get_sheet_by_name(m.name)
            total += sheet.height * sheet.width
            if total > MAX_CELLS:
                raise XlsxError("too_large", f"{m.name}: over {MAX_CELLS} cells in the workbook")
            rows = sheet.to_python(skip_empty_area=False)  # rows start at A1, whatever `sheet.start` says
            cells[m.name] = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)
                             if v != "" and v is not None}
            sheets.append((m.name, _STATES.get(str(m.visible).rpartition(".")[2], "visible")))
    except XlsxError:
        raise
    except BaseException as exc:  # noqa: BLE001 — its own error types for every kind of damage; a panic on some
        raise _error(exc) from None
    return {"sheets": sheets, "cells": cells}


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


_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELLS = ("table-cell", "covered-table-cell")  # by local name: calamine reads a `table:` prefix of any namespace


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
                if len(found) > MAX_SHEETS:
                    raise XlsxError("too_large", f"content.xml: over {MAX_SHEETS} tables")
                earlier += (last_r + 1) * (last_c + 1)
                sheet, r, last_r, last_c = found.setdefault(_attr(el, "name") or "", {}), 0, -1, -1
                continue
            rows = _count(_attr(el, "number-rows-repeated"))
            c = 0
            for cell in el:
                if safexml.local(cell.tag) not in _CELLS:
                    continue
                columns = _count(_attr(cell, "number-columns-repeated"))
                kind_of_value = _attr(cell, "value-type")
                if kind_of_value or len(cell):  # a value, or text: calamine's rectangle reaches it
                    last_r, last_c = max(last_r, r + rows - 1), max(last_c, c + columns - 1)
                    if earlier + (last_r + 1) * (last_c + 1) > MAX_CELLS:  # before any repeat is spelled out
                        raise XlsxError("too_large", f"content.xml: cells up to row {last_r + 1}, column {last_c + 1}")
                odd = _odd_cell(cell, kind_of_value)
                if odd is not None:
                    for k in range(columns):
                        for rr in range(rows):
                            sheet[(r + rr, c + k)] = odd
                c += columns
            r += rows
    except ValueError as exc:
        raise XlsxError("bad_xml", f"content.xml: {exc}") from None
    return found


def _attr(el: ET.Element, name: str) -> str | None:
    """An attribute by its local name, whatever namespace its prefix was bound to."""
    return next((v for k, v in el.attrib.items() if k.rpartition("}")[2] == name), None)


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
        with open_zip(data) as z, z.open(z.getinfo(name)) as f:
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
