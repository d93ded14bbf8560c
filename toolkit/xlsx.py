"""A small, fast, careful reader of .xlsx/.xlsm files: each cell's value *and* formula text.

openpyxl gives either cached values or formulas per load and reads every part (styles, hundreds of
data validations); the checks need both for each cell, for thousands of files, and need to refuse
hostile files (zip bombs, entity expansion, millions of elements) with a reason. So this reads the
few parts it needs straight from the zip through `safexml`, matching elements by their local name
so strict OOXML and prefixed (`<x:c>`) files read the same, in bounded time and memory.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, Protocol
from xml.etree import ElementTree as ET

from . import plainxml, safexml
from .cells import A1, MAX_ROW, parse_a1
from .errors import XlsxError
from .files import read_bounded

MAX_FILE = 64 << 20  # bytes of the file itself
MAX_PART = 32 << 20  # uncompressed bytes of any one zip member
MAX_MEMBERS, MAX_DIRECTORY = 10_000, 1 << 20  # zip entries, and bytes of the zip's directory
MAX_SHEETS = 1_000  # sheets of one workbook
MAX_TOTAL = 256 << 20  # uncompressed bytes of all the members read from one file
BOMB_RATIO, BOMB_SIZE = 200, 10 << 20  # a member over both (ratio and size) is a zip bomb
MAX_TAGS = 1_500_000  # of all the parts read from one file (one part has at most safexml.MAX_TAGS): about 7 s
MAX_CELLS = 500_000  # cells with a value or formula kept from one file (about 125 MB)
MAX_NAMES = 100_000  # defined names of one workbook
MAX_STRINGS = 1_000_000  # shared strings of one workbook
MAX_TEXT = 16 << 20  # characters of all its shared strings
CELL_TEXT = 32_767  # characters a cell holds in Excel; a longer stored string is cut there

CFB = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE compound file: old .xls/.et, or Excel's/WPS's encrypted package
CFB_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_REF = re.compile(r"(?:(?:'((?:[^'\[\]]|'')+)'|([^'!:\s\[\]]+))!)?" + A1.pattern)
_SHEET_DATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>|<(?:[\w.-]+:)?sheetData\s*/>")
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")  # the first start tag: "<?xml" and "<!--" do not match
# a number as spreadsheets store it: ASCII only, so `3_2` and `٣٢` (which Python's int() takes) are not numbers
_STORED_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_INDEX = re.compile(r"[0-9]{1,9}")
EXACT = 2 ** 53  # beyond this a float holds no exact integer
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how OOXML stores a character XML cannot hold: _x000D_ is CR


Value = int | float | str | bool | None  # as a cell stores it


class Cell(NamedTuple):  # a tuple: made twice as fast as a dataclass, and a file has hundreds
    """One stored cell: the value Excel/WPS last calculated and the formula, both needed to check a form."""

    value: Value
    formula: str | None  # without the "=", None when the cell has no <f>
    error: bool = False


_new = tuple.__new__  # Cell(…) without its Python-level __new__: a third of the time, for the commonest cell


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    state: str  # "visible" | "hidden" | "veryHidden"
    part: str  # zip member, e.g. "xl/worksheets/sheet3.xml"


class Book(Protocol):
    """What reading a return needs of a workbook, whichever reader opened it: `Xlsx` (values and formulas)
    or `values_book.ValuesBook` (.xls/.et/.ods through calamine: values only, no names or properties)."""

    @property
    def kind(self) -> str:
        """"xlsx", "xls" or "ods"."""

    @property
    def has_formulas(self) -> bool: ...

    @property
    def sheets(self) -> tuple[Sheet, ...]: ...

    @property
    def defined_names(self) -> Mapping[str, str]:
        """Workbook-level names → their reference."""

    @property
    def custom_properties(self) -> Mapping[str, str]: ...

    def cells(self, name: str) -> dict[tuple[int, int], Cell]:
        """0-based (row, col) → Cell of the sheet called `name`; KeyError for no such sheet."""
        ...


class Xlsx:
    """One workbook: the book-level parts read at once, each sheet's cells on first use."""

    kind = "xlsx"
    has_formulas = True

    def __init__(self, data: bytes) -> None:
        if len(data) > MAX_FILE:
            raise XlsxError("too_large", f"file of {len(data)} bytes")
        if data[:8] == CFB:
            raise XlsxError("encrypted" if any(s in data for s in CFB_ENCRYPTED) else "legacy")
        self._zip = open_zip(data)
        self._budget = MAX_TOTAL
        self._tags = MAX_TAGS
        self._cell_budget = MAX_CELLS
        self._cells: dict[str, dict[tuple[int, int], Cell]] = {}

        book = self._read(BOOK)
        if book is None:
            raise XlsxError("not_workbook", f"no {BOOK}")
        rels = self._read(RELS)
        if rels is not None:
            self._spend(safexml.tags(rels))
        parts = _BOOKS.get((book, rels))
        if parts is None:  # read in the order that decides which of two faults is said
            targets, strings = _targets(rels)
            self._spend(safexml.tags(book))
            parts = _book(book, targets, strings)
            if len(book) + len(rels or b"") <= BOOK_KEPT:
                if len(_BOOKS) >= 32:
                    _BOOKS.clear()
                _BOOKS[book, rels] = parts
        else:
            self._spend(safexml.tags(book))
        self.sheets, self.defined_names, self._strings_part = parts
        self._by_name = {s.name: s for s in self.sheets}
        self.custom_properties = {
            p.get("name", ""): (p[0].text or "") if len(p) else ""
            for _, p in self._records("docProps/custom.xml", ("property",))
        }

    def sheet(self, name: str) -> Sheet:
        return self._by_name[name]

    def parts(self) -> Iterator[tuple[str, bytes]]:
        """Every part of the package, whatever its name, for a check before another parser (openpyxl) reads
        them all: a worksheet may be stored as `big.bin`."""
        for info in self._zip.infolist():
            yield info.filename, self._read(info.filename) or b""

    def cells(self, name: str) -> dict[tuple[int, int], Cell]:
        """0-based (row, col) → Cell, for cells with a value or a formula; read once per part (two sheets
        may name one part, and a hostile workbook names one a hundred thousand times)."""
        part = self.sheet(name).part
        if part not in self._cells:
            data = self._read(part)
            if data is None:
                raise XlsxError("not_workbook", f"{part} is missing")
            head = _head(data)
            cells = self._plain_cells(head) if head is not None else None
            if cells is None:
                try:
                    cells = self._read_cells(self._parse(head or data, part, ("sheetData", "row")), part)
                except XlsxError as exc:
                    if head is None or exc.kind != "bad_xml":
                        raise
                    # the cut fell inside a comment or CDATA: the whole part decides
                    cells = self._read_cells(self._parse(data, part, ("sheetData", "row")), part)
            self._cell_budget -= len(cells)
            self._cells[part] = cells
        return self._cells[part]

    def _plain_cells(self, head: bytes) -> dict[tuple[int, int], Cell] | None:
        """The fast path (`plainxml`) for a plainly written part; None for the tolerant reader to decide."""
        tags = safexml.tags(head)
        found = plainxml.cells(head) if tags <= safexml.WHOLE else None
        if found is None or len(found) > self._cell_budget:
            return None
        cells: dict[tuple[int, int], Cell] = {}
        shared = _Shared()
        text = plainxml.text
        try:
            for ref, t, f, kind, si, formula, v, value, inline, inline_text in found:
                if not f and not inline and (not t or t == ' t="n"') and value.isdigit() and value.isascii() \
                        and len(value) < 16:  # a count, most cells of a return: as `_cell` reads it
                    cells[parse_a1(ref)] = _new(Cell, (int(value), None, False))
                    continue
                cell = self._cell(t[4:-1] if t else None, text(value) if v else None, text(formula) if f else None,
                                  _unescaped(text(inline_text)) if inline else None)
                if cell is not None:
                    r, c = parse_a1(ref)
                    cells[r, c] = cell
                    if kind == ' t="shared"':
                        shared.note(cell.formula or "", si[5:-1] if si else None, r, c)
        except (ValueError, IndexError):  # a reference or shared-string index the tolerant reader must judge
            return None
        self._spend(tags)
        return shared.resolved(cells)

    def _read_cells(self, rows: Iterator[tuple[int, ET.Element]], part: str) -> dict[tuple[int, int], Cell]:
        cells: dict[tuple[int, int], Cell] = {}
        shared = _Shared()
        r = -1
        try:
            for _, row in rows:
                ns = row.tag[: row.tag.index("}") + 1] if row.tag[:1] == "{" else ""
                C, V, F, IS = (ns + tag for tag in ("c", "v", "f", "is"))  # noqa: N806 — constants per row
                ref = row.get("r")
                r = _row_number(ref) if ref else r + 1  # writers may omit r: then it is the next row (or column)
                c = -1
                skipped = None  # the reference of the last empty cell, read only if the next cell has none
                for el in row:
                    if el.tag != C:
                        continue
                    ref = el.get("r")
                    if not ref and skipped is not None:
                        r, c = parse_a1(skipped)
                    skipped = None
                    if not len(el):  # styled but empty: most <c>s of a form
                        if ref:
                            skipped = ref
                        else:
                            c += 1
                        continue
                    r, c = parse_a1(ref) if ref else (r, c + 1)
                    v: str | None = None
                    f = inline = None
                    for child in el:
                        tag = child.tag
                        if tag == V:
                            v = child.text or ""
                        elif tag == F:
                            f = child
                        elif tag == IS:
                            inline = child
                    formula = None if f is None else f.text or ""
                    cell = self._cell(el.get("t"), v, formula, None if inline is None else _text(inline, ns))
                    if cell is not None:
                        cells[r, c] = cell
                        if f is not None and f.get("t") == "shared":
                            shared.note(cell.formula or "", f.get("si"), r, c)
                if len(cells) > self._cell_budget:
                    raise XlsxError("too_large", f"{part}: over {MAX_CELLS} cells in the file")
        except (ValueError, IndexError) as exc:  # a bad reference or shared-string index
            raise XlsxError("bad_xml", f"{part}: {exc}") from None
        return shared.resolved(cells)

    def _cell(self, t: str | None, v: str | None, formula: str | None, inline: str | None) -> Cell | None:
        """What a <c> holds, from its type `t` and the texts of its <v>, <f> and <is> (None for one it lacks);
        None when it holds nothing."""
        error = t == "e"
        value: Value
        if t is None or t == "n":
            value = _number(v) if v else None
            error = value is None and bool(v)  # no number a spreadsheet writes: shown as stored
            value = v if error else value
        elif t == "s":
            value = self._strings[_index(v)] if v else None
        elif t == "inlineStr":
            value = inline[:CELL_TEXT] if inline is not None else v
        elif t == "b":
            value = v in ("1", "true") if v else None
        else:  # "str", "e", "d": the text as stored
            value = v
        if formula is None:
            return None if value is None else _new(Cell, (value, None, error))
        return _new(Cell, (value, formula[:CELL_TEXT], error))

    @cached_property
    def _strings(self) -> list[str]:
        strings: list[str] = []
        left = MAX_TEXT
        for _, si in self._records(self._strings_part, ("si",)):
            ns = si.tag[: si.tag.index("}") + 1] if si.tag[:1] == "{" else ""
            text = _text(si, ns)[:CELL_TEXT]
            strings.append(text)
            left -= len(text)
            if left < 0 or len(strings) > MAX_STRINGS:
                raise XlsxError("too_large", f"{self._strings_part}: over {MAX_STRINGS} strings or {MAX_TEXT} chars")
        return strings

    def _records(self, name: str, *paths: safexml.Path) -> Iterator[tuple[int, ET.Element]]:
        data = self._read(name)
        return iter(()) if data is None else self._parse(data, name, *paths)

    def _parse(self, data: bytes, name: str, *paths: safexml.Path) -> Iterator[tuple[int, ET.Element]]:
        """`safexml.records`, within the file's budget of tags: each part is bounded, so is their sum."""
        self._spend(safexml.tags(data))
        return safexml.records(data, name, *paths)

    def _spend(self, tags: int) -> None:
        """Takes a part's count of tags from the file's budget; too_large once it is spent."""
        self._tags -= tags
        if self._tags < 0:
            raise XlsxError("too_large", f"the parts read hold over {MAX_TAGS} tags")

    def _read(self, name: str) -> bytes | None:
        """A member's bytes, None when absent; bounded reads, so a lying header cannot inflate past the limits."""
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            return None
        self._budget -= info.file_size
        if self._budget < 0:
            raise XlsxError("too_large", f"the parts read exceed {MAX_TOTAL} bytes")
        try:
            with self._zip.open(info) as f:
                data = f.read(MAX_PART + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise XlsxError("not_zip", f"{name}: {exc}") from None
        except RuntimeError as exc:  # a zip-level password, not how Excel encrypts
            raise XlsxError("encrypted", f"{name}: {exc}") from None
        if len(data) > MAX_PART:
            raise XlsxError("too_large", name)
        return data


BOOK, RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
BookParts = tuple[tuple[Sheet, ...], Mapping[str, str], str]  # sheets, defined names, the shared strings' part
# what a workbook.xml and its relationships say, by their bytes: the returns of one template share them, and
# reading them is a fifth of reading a return; at most 32 of at most BOOK_KEPT bytes each are kept
_BOOKS: dict[tuple[bytes, bytes | None], BookParts] = {}
BOOK_KEPT = 1 << 20


def _targets(rels: bytes | None) -> tuple[dict[str | None, str], str]:
    """Relationship id → the part it names, and the shared strings' part."""
    targets: dict[str | None, str] = {}
    strings = "xl/sharedStrings.xml"
    for _, rel in safexml.records(rels, RELS, ("Relationship",)) if rels is not None else ():
        target = rel.get("Target", "")
        part = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = part
        if rel.get("Type", "").endswith("/sharedStrings"):
            strings = part
    return targets, strings


def _book(book: bytes, targets: dict[str | None, str], strings: str) -> BookParts:
    sheets: list[Sheet] = []
    names: dict[str, str] = {}
    for kind, el in safexml.records(book, BOOK, ("sheets", "sheet"), ("definedNames", "definedName")):
        if kind == 0:
            if len(sheets) == MAX_SHEETS:
                raise XlsxError("too_large", f"{BOOK}: over {MAX_SHEETS} sheets")
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            if rid not in targets:
                raise XlsxError("not_workbook", f"sheet {el.get('name')!r} has no part")
            sheets.append(Sheet(el.get("name", ""), el.get("state", "visible"), targets[rid]))
        elif el.get("localSheetId") is None:
            names[el.get("name", "")] = el.text or ""
            if len(names) > MAX_NAMES:
                raise XlsxError("too_large", f"{BOOK}: over {MAX_NAMES} defined names")
    return tuple(sheets), MappingProxyType(names), strings


class _Shared:
    """Shared formulas: each child cell gets its master's text, translated, once the sheet is read."""

    def __init__(self) -> None:
        self.masters: dict[str | None, tuple[str, int, int]] = {}
        self.children: list[tuple[tuple[int, int], str | None]] = []

    def note(self, formula: str, si: str | None, r: int, c: int) -> None:
        if formula:
            self.masters[si] = (formula, r, c)
        else:
            self.children.append(((r, c), si))

    def resolved(self, cells: dict[tuple[int, int], Cell]) -> dict[tuple[int, int], Cell]:
        for pos, si in self.children:  # a child without a master keeps formula "": it has one, of unknown text
            if si in self.masters:
                cells[pos] = cells[pos]._replace(formula=_translate(*self.masters[si], *pos))
        return cells


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A zip of a file a unit sent, its directory and every member's declared size checked before anything
    is inflated: a directory of a million entries (each a Python object) is refused unread."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - (1 << 16) - 22))  # the end of central directory
    if end >= 0 and len(data) >= end + 16:
        entries, size = struct.unpack_from("<HI", data, end + 10)
        if entries > MAX_MEMBERS or size > MAX_DIRECTORY:  # ZIP64 (0xFFFF, 0xFFFFFFFF) is no spreadsheet's
            raise XlsxError("too_large", f"a zip directory of {entries} entries, {size} bytes")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise XlsxError("not_zip", str(exc)) from None
    if len(z.infolist()) > MAX_MEMBERS:
        raise XlsxError("too_large", f"{len(z.infolist())} zip entries")
    for info in z.infolist():
        check_member(info)
    return z


def check_member(info: zipfile.ZipInfo) -> None:
    """Refuses a zip member whose declared size is over the limits, or a zip bomb, before it is inflated."""
    size = info.file_size
    if size > MAX_PART or (size > BOMB_SIZE and size > BOMB_RATIO * info.compress_size):
        raise XlsxError("too_large", f"{info.filename}: {size} bytes from {info.compress_size}")


def read_file(path: str | Path) -> bytes:
    """A workbook's bytes: a regular file of at most MAX_FILE bytes (see `files.read_bounded`)."""
    return read_bounded(path, MAX_FILE)


def _index(text: str) -> int:
    """A shared-string index: digits only (a negative one would quietly pick a string from the end)."""
    if not _INDEX.fullmatch(text):
        raise ValueError(f"shared string index {text!r}")
    return int(text)


def _row_number(text: str) -> int:
    """A row's `r`, 0-based."""
    if not _INDEX.fullmatch(text) or not 1 <= int(text) <= MAX_ROW:
        raise ValueError(f"row number {text!r}")
    return int(text) - 1


def parse_ref(ref: str) -> tuple[str | None, int, int]:
    """One cell as a defined name stores it: "'表三'!$D$6" → ("表三", 5, 3); ValueError for anything else."""
    m = _REF.fullmatch(ref)
    if m is None:
        raise ValueError(f"not a single-cell reference: {ref!r}")
    quoted, bare, letters, digits = m.groups()
    return (quoted.replace("''", "'") if quoted else bare), *parse_a1(letters + digits)


def _head(data: bytes) -> bytes | None:
    """The part up to the end of <sheetData>, root closed: the tail (validations, formats) is most of the parse."""
    end = data.find(b"</sheetData>")
    if end >= 0:
        end += len(b"</sheetData>")
    else:
        m = _SHEET_DATA_END.search(data)
        if m is None:
            return None
        end = m.end()
    root = _ROOT.search(data, 0, end)
    return None if root is None else data[:end] + b"</" + root[1] + b">"


def _text(el: ET.Element, ns: str) -> str:
    """A string item's text: its <t>, or its rich-text runs' <t>s; phonetic <rPh> runs are not part of it."""
    t, r = ns + "t", ns + "r"
    if len(el) == 1 and el[0].tag == t:
        text = el[0].text or ""
    else:
        parts = []
        for child in el:
            if child.tag == t:
                parts.append(child.text or "")
            elif child.tag == r:
                parts.extend(x.text or "" for x in child if x.tag == t)
        text = "".join(parts)
    return _unescaped(text)


def _unescaped(text: str) -> str:
    """Text with OOXML's escapes of what XML cannot hold undone: `_x000D_` is CR."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


def _number(text: str) -> int | float | None:
    """int when integral ("12", "12.0", "1E1"), else float; None for what no spreadsheet stores as a number
    (`3_2`, `٣٢`, `NaN`, `inf`, `1e309`), which then reads as the text it is."""
    if text.isascii() and text.isdigit() and len(text) < 16:  # most of them: a count
        return int(text)
    if not _STORED_NUMBER.fullmatch(text):
        return None
    x = float(text)
    if not math.isfinite(x) or (x == 0 and any(ch in "123456789" for ch in text.partition("e")[0].partition("E")[0])):
        return None  # beyond what a double holds: 1e309, or 1e-400, which would read as 0 without a word
    return int(x) if x.is_integer() and abs(x) < EXACT else x


def _translate(formula: str, row: int, col: int, to_row: int, to_col: int) -> str:
    """A shared formula's master text as it reads in a child cell; "" when the master cannot be tokenised."""
    from openpyxl.formula.translate import Translator  # only files with shared formulas pay for the import

    from .cells import a1

    try:
        return str(Translator("=" + formula, origin=a1(row, col)).translate_formula(a1(to_row, to_col)))[1:]
    except Exception:  # noqa: BLE001 — openpyxl's tokenizer fails on a broken formula in ways it does not declare
        return ""
