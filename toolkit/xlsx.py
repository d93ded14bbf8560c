"""A small, fast, careful reader of .xlsx/.xlsm files: each cell's value *and* formula text.

openpyxl gives either cached values or formulas per load and reads every part (styles, hundreds of
data validations); the checks need both for each cell, for thousands of files, and need to refuse
hostile files (zip bombs, entity expansion) with a reason. So this reads the few parts it needs
straight from the zip with ElementTree, matching elements by the root's namespace so strict OOXML
and prefixed (`<x:c>`) files read the same.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from xml.etree import ElementTree as ET

from .cells import A1, parse_a1

MAX_FILE = 64 << 20  # bytes of the file itself
MAX_PART = 64 << 20  # uncompressed bytes of any one zip member
MAX_TOTAL = 256 << 20  # uncompressed bytes of all the members read from one file
BOMB_RATIO, BOMB_SIZE = 200, 10 << 20  # a member over both (ratio and size) is a zip bomb
MAX_CELLS = 1_000_000  # per sheet; also bounds the parse: a head with over 4 tags per cell is refused unparsed

CFB = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE compound file: old .xls/.et, or Excel's/WPS's encrypted package
CFB_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_REF = re.compile(r"(?:(?:'((?:[^'\[\]]|'')+)'|([^'!:\s\[\]]+))!)?" + A1.pattern)
# what may stand before a DOCTYPE or the root element: a BOM, the XML declaration, PIs, comments, spaces
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")  # the first start tag: "<?xml" and "<!--" do not match
_SHEET_DATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>|<(?:[\w.-]+:)?sheetData\s*/>")


class XlsxError(Exception):
    """The file cannot be read as a workbook; `kind` says why, for the message the user gets."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind, self.detail = kind, detail


@dataclass(frozen=True, slots=True)
class Cell:
    """One stored cell: the value Excel/WPS last calculated and the formula, both needed to check a form."""

    value: int | float | str | bool | None
    formula: str | None  # without the "=", None when the cell has no <f>
    error: bool = False


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    state: str  # "visible" | "hidden" | "veryHidden"
    part: str  # zip member, e.g. "xl/worksheets/sheet3.xml"


class Xlsx:
    """One workbook: the book-level parts read at once, each sheet's cells on first use."""

    kind = "xlsx"
    has_formulas = True

    def __init__(self, data: bytes) -> None:
        if len(data) > MAX_FILE:
            raise XlsxError("too_large", f"file of {len(data)} bytes")
        if data[:8] == CFB:
            raise XlsxError("encrypted" if any(s in data for s in CFB_ENCRYPTED) else "legacy")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise XlsxError("not_zip", str(exc)) from None
        for info in self._zip.infolist():  # declared sizes, before anything is inflated
            size = info.file_size
            if size > MAX_PART or (size > BOMB_SIZE and size > BOMB_RATIO * info.compress_size):
                raise XlsxError("too_large", f"{info.filename}: {size} bytes from {info.compress_size}")
        self._budget = MAX_TOTAL
        self._cells: dict[str, dict[tuple[int, int], Cell]] = {}
        self._merged: dict[str, tuple[tuple[int, int, int, int], ...]] = {}

        book = self._xml("xl/workbook.xml")
        if book is None:
            raise XlsxError("not_workbook", "no xl/workbook.xml")
        targets: dict[str | None, str] = {}
        self._strings_part = "xl/sharedStrings.xml"
        rels = self._xml("xl/_rels/workbook.xml.rels")
        for rel in rels if rels is not None else ():
            target = rel.get("Target", "")
            part = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = part
            if rel.get("Type", "").endswith("/sharedStrings"):
                self._strings_part = part
        ns = _ns(book)
        sheets = []
        for el in book.iterfind(f"{ns}sheets/{ns}sheet"):
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            if rid not in targets:
                raise XlsxError("not_workbook", f"sheet {el.get('name')!r} has no part")
            sheets.append(Sheet(el.get("name", ""), el.get("state", "visible"), targets[rid]))
        self.sheets = tuple(sheets)
        self._by_name = {s.name: s for s in sheets}
        self.defined_names = {
            el.get("name", ""): el.text or ""
            for el in book.iterfind(f"{ns}definedNames/{ns}definedName")
            if el.get("localSheetId") is None
        }
        custom = self._xml("docProps/custom.xml")
        self.custom_properties = {
            p.get("name", ""): (p[0].text or "") if len(p) else "" for p in (custom if custom is not None else ())
        }

    def sheet(self, name: str) -> Sheet:
        return self._by_name[name]

    def cells(self, name: str) -> dict[tuple[int, int], Cell]:
        """0-based (row, col) → Cell, for cells with a value or a formula."""
        if name not in self._cells:
            part = self.sheet(name).part
            data = self._read(part)
            if data is None:
                raise XlsxError("not_workbook", f"{part} is missing")
            head = _head(data)
            if (head or data).count(b"<") > 4 * MAX_CELLS:
                raise XlsxError("too_large", f"{part}: too many cells")
            root = _parse(data, part, head)
            try:
                self._cells[name] = self._read_cells(root)
            except (ValueError, IndexError) as exc:  # a bad reference or shared-string index
                raise XlsxError("bad_xml", f"{part}: {exc}") from None
        return self._cells[name]

    def merged(self, name: str) -> tuple[tuple[int, int, int, int], ...]:
        """Merged ranges as (first_row, first_col, last_row, last_col); they follow <sheetData>."""
        if name not in self._merged:
            part = self.sheet(name).part
            root = self._xml(part)
            if root is None:
                raise XlsxError("not_workbook", f"{part} is missing")
            ns, ranges = _ns(root), []
            try:
                for el in root.iterfind(f"{ns}mergeCells/{ns}mergeCell"):
                    first, _, last = el.get("ref", "").partition(":")
                    ranges.append(parse_a1(first) + parse_a1(last or first))
            except ValueError as exc:
                raise XlsxError("bad_xml", f"{part}: {exc}") from None
            self._merged[name] = tuple(ranges)
        return self._merged[name]

    def _read_cells(self, root: ET.Element) -> dict[tuple[int, int], Cell]:
        ns = _ns(root)
        sheet_data = root.find(ns + "sheetData")
        ROW, C, V, F, IS = (ns + tag for tag in ("row", "c", "v", "f", "is"))
        cells: dict[tuple[int, int], Cell] = {}
        masters: dict[str | None, tuple[str, int, int]] = {}
        children: list[tuple[tuple[int, int], str | None]] = []
        r = -1
        for row in sheet_data if sheet_data is not None else ():
            if row.tag != ROW:
                continue
            ref = row.get("r")
            r = int(ref) - 1 if ref else r + 1  # writers may omit r: then it is the next row (or column)
            c = -1
            for el in row:
                if el.tag != C:
                    continue
                ref = el.get("r")
                r, c = parse_a1(ref) if ref else (r, c + 1)
                if not len(el):  # styled but empty: most <c>s of a form
                    continue
                v = f = inline = None
                for child in el:
                    tag = child.tag
                    if tag == V:
                        v = child.text or ""
                    elif tag == F:
                        f = child
                    elif tag == IS:
                        inline = child
                t = el.get("t")
                if t is None or t == "n":
                    value = _number(v) if v else None
                elif t == "s":
                    value = self._strings[_index(v)] if v else None
                elif t == "inlineStr":
                    value = _text(inline, ns) if inline is not None else v
                elif t == "b":
                    value = v in ("1", "true") if v else None
                else:  # "str", "e", "d": the text as stored
                    value = v
                if f is None:
                    if value is None:
                        continue
                    formula = None
                else:
                    formula = f.text or ""
                    if f.get("t") == "shared":
                        if formula:
                            masters[f.get("si")] = (formula, r, c)
                        else:
                            children.append(((r, c), f.get("si")))
                cells[r, c] = Cell(value, formula, t == "e")
            if len(cells) > MAX_CELLS:
                raise XlsxError("too_large", f"over {MAX_CELLS} cells")
        for pos, si in children:  # a child without a master keeps formula "": it has one, of unknown text
            if si in masters:
                cells[pos] = replace(cells[pos], formula=_translate(*masters[si], *pos))
        return cells

    @cached_property
    def _strings(self) -> list[str]:
        root = self._xml(self._strings_part)
        if root is None:
            return []
        ns = _ns(root)
        return [_text(si, ns) for si in root if si.tag == ns + "si"]

    def _xml(self, name: str) -> ET.Element | None:
        data = self._read(name)
        return None if data is None else _parse(data, name)

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


def read_file(path: str | Path) -> bytes:
    """A file's bytes, refusing one over MAX_FILE before reading it."""
    size = Path(path).stat().st_size
    if size > MAX_FILE:
        raise XlsxError("too_large", f"file of {size} bytes")
    return Path(path).read_bytes()


def _index(text: str) -> int:
    """A shared-string index; a negative one would quietly pick a string from the end."""
    i = int(text)
    if i < 0:
        raise ValueError(f"shared string index {i}")
    return i


def parse_ref(ref: str) -> tuple[str | None, int, int]:
    """One cell as a defined name stores it: "'表三'!$D$6" → ("表三", 5, 3); ValueError for anything else."""
    m = _REF.fullmatch(ref)
    if m is None:
        raise ValueError(f"not a single-cell reference: {ref!r}")
    quoted, bare, letters, digits = m.groups()
    return (quoted.replace("''", "'") if quoted else bare), *parse_a1(letters + digits)


def _ns(root: ET.Element) -> str:
    """The root's "{namespace}": transitional, strict or none, the rest of the part shares it."""
    return root.tag[: root.tag.index("}") + 1] if root.tag[:1] == "{" else ""


def _parse(data: bytes, name: str, head: bytes | None = None) -> ET.Element:
    """Parse a part, `head` first if given; parts with a DTD are refused (spreadsheets never need one).

    A DOCTYPE (and so any ENTITY) can only stand in the prolog, before the root element: looking there
    alone costs a microsecond where searching a whole sheet costs tens.
    """
    probe = data.replace(b"\x00", b"") if b"\x00" in data[:4] else data  # UTF-16: its ASCII, made searchable
    if probe.startswith(b"<!", _PROLOG.match(probe).end()):
        raise XlsxError("bad_xml", f"{name}: a DTD")
    if head is not None:
        try:
            return ET.fromstring(head)
        except ET.ParseError:
            pass
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise XlsxError("bad_xml", f"{name}: {exc}") from None


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
        return el[0].text or ""
    parts = []
    for child in el:
        if child.tag == t:
            parts.append(child.text or "")
        elif child.tag == r:
            parts.extend(x.text or "" for x in child if x.tag == t)
    return "".join(parts)


def _number(text: str) -> int | float | str:
    """int when integral ("12", "12.0", "1E1"), else float; text that is no number stays text."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        x = float(text)
    except ValueError:
        return text
    return int(x) if x.is_integer() else x


def _translate(formula: str, row: int, col: int, to_row: int, to_col: int) -> str:
    """A shared formula's master text as it reads in a child cell; "" when the master cannot be tokenised."""
    from openpyxl.formula.tokenizer import TokenizerError  # only files with shared formulas pay for the import
    from openpyxl.formula.translate import Translator

    from .cells import a1

    try:
        return Translator("=" + formula, origin=a1(row, col)).translate_formula(a1(to_row, to_col))[1:]
    except TokenizerError:
        return ""
