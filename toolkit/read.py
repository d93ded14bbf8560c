"""Read a returned workbook into the report document of DESIGN.md, recording where each value came from.

Cells are found through the workbook's defined names (Excel, WPS and LibreOffice move them with
inserted rows), else by the tables' labels. A total that is still a formula is recomputed from its
parts, never taken from a cached value; a total typed over is read as typed, so the rules catch it.
Nothing is changed silently: every adaptation is a finding at its cell.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from . import document, findings, formulas, locate, meta, values, xlsx
from .cells import a1
from .errors import XlsxError, file_reason, os_reason
from .files import read_json
from .findings import Finding
from .inputs import NOT_WORKBOOKS
from .locate import Place, normalise
from .messages import Listing, Msg
from .pagetext import kind_of
from .roster import clean, code_key
from .spec import Field, Spec
from .spec import load as load_spec
from .values_book import ValuesBook

_YEAR = re.compile(r"(20\d\d)\s*年")
_SHEET_PREFIX = re.compile(r"(?:'(?:[^']|'')+'|[^'!(),\s]+)!")



@dataclass(frozen=True)
class Extracted:
    """A file's report document (None when it cannot be read into one) and what reading it found."""

    path: str
    document: dict[str, Any] | None
    findings: tuple[Finding, ...]


def extract(path: str | Path, *, spec: Spec | None = None) -> Extracted:
    """Read one workbook, or a report document saved as JSON (`nianbao extract -o`), into its report document;
    never raises for a bad file: that is a FILE-* finding."""
    if Path(path).suffix.lower() == ".json":
        return _document(path)
    if kind_of(Path(path)) is not None:  # a published report (a web page, Word, PDF, text)?
        from .published import read as read_published

        got = read_published(Path(path), spec)
        if got.document is not None or any(f.code == "FORMAT-2019" for f in got.findings):
            return Extracted(str(path), got.document, got.findings)
        # not a report after all: said as what it is by what follows (a document is not a workbook)
    data = None
    try:
        data = xlsx.read_file(path)
        book = _open(data)
    except OSError as exc:
        return _unreadable(path, os_reason(exc))
    except XlsxError as exc:
        if exc.kind == "encrypted":
            return Extracted(str(path), None, (findings.make("FILE-ENCRYPTED"),))
        kind = NOT_WORKBOOKS.get(Path(path).suffix.lower()) or (data is not None and _sniffed(data)) \
            if exc.kind in _NOT_A_WORKBOOK else None
        return _unreadable(path, file_reason(XlsxError(kind) if kind else exc))
    try:
        return _Reader(book, str(path), hashlib.sha256(data).hexdigest(), spec or load_spec()).extract()
    except XlsxError as exc:  # a sheet part that fails when its cells are read
        return _unreadable(path, file_reason(exc))
    except Exception as exc:  # noqa: BLE001 — a file we did not foresee must not end a batch of hundreds
        return _unreadable(path, Msg("reason.file.unexpected_with", {"detail": f"{type(exc).__name__}: {exc}"}))


_NOT_A_WORKBOOK = ("not_zip", "not_workbook", "legacy", "bad_xml")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_HTML = (b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")


def _sniffed(data: bytes) -> str | None:
    """What a file that is no workbook is, by its first bytes, so that the unit hears what to do: nothing in
    it, a PDF or a web page given a workbook's name (systems export "Excel" as HTML), a zip cut short."""
    if not data:
        return "empty"
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"%pdf"):
        return "pdf"
    if start.startswith(_HTML):
        return "html"
    if start.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
        return "xml2003"
    if data.startswith(b"PK\x03\x04") and b"PK\x05\x06" not in data[-(1 << 16) - 22:]:
        return "truncated"  # a zip's directory is at its end: none, so the file was cut short
    return None


def _open(data: bytes) -> xlsx.Book:
    """An .xlsx/.xlsm through our own reader; .xls/.et and .ods through calamine (values only)."""
    try:
        return xlsx.Xlsx(data)
    except XlsxError as exc:
        if exc.kind == "legacy":
            try:
                return ValuesBook(data, "xls")
            except XlsxError as inner:
                raise inner if inner.kind in ("encrypted", "too_large") else exc from None
        if exc.kind == "not_workbook" and ODS_MIMETYPE in data[:100]:  # ODF puts its mimetype first
            return ValuesBook(data, "ods")
        raise


def _document(path: str | Path) -> Extracted:
    try:
        document = read_json(path)
    except OSError as exc:
        return _unreadable(path, os_reason(exc))
    except XlsxError as exc:
        return _unreadable(path, file_reason(exc))
    except ValueError as exc:
        return _unreadable(path, Msg("json.invalid", {"reason": str(exc)}))
    if not isinstance(document, dict):
        return _unreadable(path, Msg("json.not_a_document"))
    return Extracted(str(path), document, ())


def _unreadable(path: str | Path, reason: Msg | str) -> Extracted:
    return Extracted(str(path), None, (findings.make("FILE-UNREADABLE", reason=reason),))


class _Reader:
    def __init__(self, book: xlsx.Book, path: str, sha256: str, spec: Spec) -> None:
        self.book, self.path, self.sha256, self.spec = book, path, sha256, spec
        self.found: list[Finding] = []
        if not book.has_formulas:
            self.found.append(findings.make("FILE-VALUES-ONLY", kind=f".{book.kind}"))
        self.meta = self._metadata()

    def extract(self) -> Extracted:
        if self.meta.get("format", self.spec.format) != self.spec.format:
            return self._refuse("FORMAT-UNKNOWN", what=Msg("what.format", {"format": self.spec.format,
                                                                             "found": self.meta["format"]}))
        named = _named(self.spec, self.book)
        located = "names"
        if named is None or not self._labels_agree(named):
            older = self._older_format()
            if older:
                return self._refuse("FORMAT-2019", label=older, year=self._year() or Msg("what.this_year"))
            located = "labels"
            hidden = frozenset(s.name for s in self.book.sheets if s.state != "visible")
            places, more = locate.by_labels(self.spec, self._content_sheets(), self.book.cells, hidden)
            self.found += more
            if len(places) < len(self.spec.fields):
                return Extracted(self.path, None, tuple(self.found))
            named = _Named(self.spec, places)
        doc = self._document(named)
        doc["contact"] = self._contact()
        doc["source"] = {
            "path": self.path, "sha256": self.sha256, "kind": self.book.kind, "located": located,
            "generator": self.meta.get("generator"), "cells": dict(named.refs),
        }
        unsettled = [p for p in self.meta.get("unsettled", "").split(",") if p in self.spec.fields]
        if unsettled:  # imported from a published report, these left blank with a reason (`published.workbook`)
            doc["source"]["unsettled"] = unsettled
            blank = [f for f in self.spec.fields.values()
                     if f.path in unsettled and document.value(doc, f) is None]
            if blank:  # not checked as 0: said, so that no return passes unseen through a list in its properties
                self.found.append(findings.make("IMPORT-UNSETTLED", count=len(blank), cells=Listing(
                    tuple(f"{f.sheet} {f.cell}" for f in blank), 6)))
        if self.meta.get("kind") == meta.CONSOLIDATED:
            doc["members"], doc["absent"] = self._members(str(doc["unit"].get("name") or ""))
        return Extracted(self.path, doc, tuple(self.found))

    def _refuse(self, code: str, **params: Any) -> Extracted:
        return Extracted(self.path, None, (*self.found, findings.make(code, **params)))

    # ---------------------------------------------------------------- where things are

    def _metadata(self) -> dict[str, str]:
        props = {k[len(meta.PROPERTY_PREFIX):]: v for k, v in self.book.custom_properties.items()
                 if k.startswith(meta.PROPERTY_PREFIX)}
        if props or meta.SHEET not in {s.name for s in self.book.sheets}:
            return props
        cells = self.book.cells(meta.SHEET)
        return {str(cells[(r, 0)].value): str(cells[(r, 1)].value or "")
                for r, _ in cells if (r, 1) in cells and (r, 0) in cells}

    def _content_sheets(self) -> list[str]:
        return [s.name for s in self.book.sheets if s.name not in (meta.SHEET, meta.MEMBERS_SHEET)]

    def _members(self, total: str) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
        """A consolidated workbook's members, each with the units inside it (see `consolidate`), and the units
        it lacks; a total without members cannot be merged again (TOTAL-NO-MEMBERS), one that lacks units is
        incomplete (MERGE-INCOMPLETE)."""
        if meta.MEMBERS_SHEET not in {s.name for s in self.book.sheets}:
            self.found.append(findings.make("TOTAL-NO-MEMBERS"))
            return [], []
        cells = self.book.cells(meta.MEMBERS_SHEET)
        rows: dict[int, dict[str, str]] = {}
        columns = dict(enumerate(meta.MEMBER_COLUMNS))
        for (r, c), cell in cells.items():
            if r and c in columns:
                rows.setdefault(r, {})[columns[c]] = "" if cell.value is None else str(cell.value)
        members: list[dict[str, Any]] = []
        absent: list[dict[str, str]] = []
        for _, row in sorted(rows.items()):
            if row.get("inside") == meta.ABSENT:
                within = {"within": row["file"]} if row.get("file") else {}
                absent.append({"code": code_key(row.get("code", "")), "name": row.get("name", ""),
                               "status": row.get("status", ""), **within})
            elif row.get("inside") == "1" and members:
                members[-1].setdefault("contains", []).append(row.get("code", ""))  # a key (`consolidate.unit_key`)
            elif row.get("inside") != "1":
                members.append({**{key: row.get(key, "") for key in ("code", "name", "file", "sha256", "status")},
                                "code": code_key(row.get("code", "")), "included": row.get("included") == "1"})
        if not any(m["included"] for m in members):
            self.found.append(findings.make("TOTAL-NO-MEMBERS"))
        with_errors = [m["name"] or m["code"] for m in members if m["included"] and m["status"] == "error"]
        if with_errors:
            self.found.append(findings.make("TOTAL-WITH-ERRORS", count=len(with_errors),
                                            units=Listing(tuple(with_errors))))
        if absent:
            names = tuple(document.absent_said(a) for a in absent)
            self.found.append(findings.make("MERGE-INCOMPLETE", unit=total, count=len(absent), units=Listing(names)))
        return members, absent

    def _labels_agree(self, named: _Named) -> bool:
        """Whether the named cells sit by their labels: a program that moved cells without their names
        (openpyxl's insert_rows does) must not make us read the wrong cells. Each label is looked for first
        where the last return of this template had it."""
        texts: dict[str, dict[str, list[tuple[int, int]]]] = {}  # sheet → its labels, where they are
        for check in named.label_checks:
            key, label, sheet, along_row, r, c = check
            cells = self.book.cells(sheet)
            hint = named.hints.get(key)
            cell = cells.get(hint) if hint is not None else None
            if cell is not None and isinstance(cell.value, str) and cell.value.strip() \
                    and normalise(cell.value) == label:
                continue
            if sheet not in texts:
                texts[sheet] = locate.text_index(cells)
            at = [(rr, cc) for rr, cc in texts[sheet].get(label, ())
                  if (rr == r and cc < c if along_row else cc == c and rr < r)]
            if not at:
                return False
            named.hints[key] = at[0]
        return True

    def _older_format(self) -> str | None:
        """A label only an earlier edition has, as the official text."""
        older = {normalise(label): label for label in self.spec.older_labels}
        for name in self._content_sheets():
            for cell in self.book.cells(name).values():
                if isinstance(cell.value, str) and normalise(cell.value) in older:
                    return older[normalise(cell.value)]
        return None

    # ---------------------------------------------------------------- values

    def _document(self, named: _Named) -> dict[str, Any]:
        read: dict[str, Any] = {}  # inputs, and totals typed over; formula totals are computed
        sheets: dict[str, dict[tuple[int, int], xlsx.Cell]] = {}
        for f, place, expected in named.fields:
            if place.sheet not in sheets:
                sheets[place.sheet] = self.book.cells(place.sheet)
            cell = sheets[place.sheet].get((place.r, place.c))
            if expected is None and cell is not None and type(cell.value) is int and cell.formula is None \
                    and not cell.error:  # a count typed in, most cells: as `_value` reads it
                read[f.path] = cell.value
                continue
            if expected is not None and cell is not None and cell.formula is not None:
                if not _same_formula(cell.formula, expected):
                    self._note("CELL-FORMULA", place, f, formula=cell.formula, how=Msg("formula.parts"))
                continue
            read[f.path] = self._value(f, cell, place)
        return document.build(self.spec, self._year(), self._unit(), document.with_totals(self.spec, read))

    def _value(self, f: Field, cell: xlsx.Cell | None, place: Place) -> Any:
        if cell is None:
            return None
        v = cell.value
        if cell.formula is not None:  # a formula the unit wrote into a data cell: its result, flagged
            how = Msg("formula.result", {"value": v}) if v is not None else Msg("formula.no_result")
            self._note("CELL-FORMULA", place, f, formula=cell.formula, how=how)
        if isinstance(v, bool) or cell.error:
            return str(v).upper() if isinstance(v, bool) else v
        if isinstance(v, str):
            parsed = values.parse(v, f.type)
            if parsed is None:
                return v
            number, blank = parsed
            self._note("CELL-NORMALISED", place, f, value=v, read=Msg("value.blank") if blank else number)
            v = number
        if v is not None and not f.is_input and cell.formula is None and self.book.has_formulas:
            self._note("CELL-TYPED-TOTAL", place, f, value=v)
        if isinstance(v, float) and f.type == "count" and document.is_number(v) and v.is_integer():
            return int(v)
        return v

    def _note(self, code: str, place: Place, f: Field, **params: Any) -> None:
        self.found.append(findings.make(code, field=f.path, sheet=place.sheet,
                                        cell=a1(place.r, place.c), **params))

    # ---------------------------------------------------------------- who and when

    @cached_property
    def _cover(self) -> dict[str, tuple[Any, Place | None]]:
        """What the unit entered beside each cover label (`spec.cover`), and where: 封面 first, then any
        sheet (a unit that pasted the tables into its own workbook may have its own cover)."""
        wanted = {normalise(label): key for key, label in self.spec.cover.items()}
        found: dict[str, tuple[Any, Place | None]] = {}
        for name in sorted(self._content_sheets(), key=lambda n: n != meta.COVER_SHEET):
            cells = self.book.cells(name)
            for r, c in sorted(pos for pos, cell in cells.items() if isinstance(cell.value, str)):
                key = wanted.get(normalise(cells[(r, c)].value))
                if key is None or key in found:
                    continue
                right = min((cc for (rr, cc), v in cells.items() if rr == r and cc > c and v.value != ""), default=None)
                found[key] = (None, None) if right is None else (cells[(r, right)].value, Place(name, r, right))
            if len(found) == len(wanted):
                break
        return found

    def _contact(self) -> dict[str, str | None]:
        """填报人, 联系电话… as typed on the cover (a phone typed as a number, a date as Excel's day number)."""
        return {key: _contact_text(key, self._cover.get(key, (None, None))[0]) for key in self.spec.contact}

    def _unit(self) -> dict[str, Any]:
        """Who sent it, codes as they are compared everywhere (`roster.code_key`), names without hidden marks."""
        unit = {key: self.meta.get(f"unit_{key}") or "" for key in ("code", "name", "parent")}
        tidy = {"code": code_key, "name": clean, "parent": code_key}
        unit = {key: tidy[key](v) for key, v in unit.items()}
        for key in ("code", "name"):
            v, place = self._cover.get(key, (None, None))
            typed = "" if v is None else str(v).strip()
            if not unit[key]:
                unit[key] = tidy[key](typed)
            elif typed and place and normalise(typed) != normalise(unit[key]):  # a cover typed over
                self.found.append(findings.make("UNIT-MISMATCH", label=self.spec.cover[key], typed=typed,
                                                sent=unit[key], sheet=place.sheet, cell=a1(place.r, place.c)))
        missing = [self.spec.cover[key] for key in ("name", "code") if not unit[key]]
        if missing:
            self.found.append(findings.make("UNIT-UNKNOWN", what=missing))
        return unit

    def _year(self) -> int | None:
        year = self.meta.get("year", "")
        if year.isascii() and year.isdigit():
            return int(year)
        v, _ = self._cover.get("year", (None, None))
        if isinstance(v, int):
            return v
        match = _YEAR.search(str(v or ""))
        return int(match.group(1)) if match else None


LabelCheck = tuple[tuple[str, bool, int, str], str, str, bool, int, int]  # key, label, sheet, along its row, r, c


class _Named:
    """Where each field is (found by the defined names, or by the labels) and what follows from it: the label
    checks, each total's formula, the cells' references. Worked out once for all the returns whose workbook
    part says the same (`xlsx` shares it among them), not once a file."""

    def __init__(self, spec: Spec, places: dict[str, Place]) -> None:
        self.refs = {path: p.ref for path, p in places.items()}
        self.fields = [(f, places[f.path], None if f.is_input else
                        formulas.sum_cells((places[p].r, places[p].c) for p in f.parts))
                       for f in spec.fields.values()]
        checks: dict[tuple[str, bool, int, str], LabelCheck] = {}
        for f in spec.fields.values():  # its row label to the left in its row, its column header above it
            p = places[f.path]
            for label, along_row in ((f.row_label, True), (f.column_label, False)):
                key = (p.sheet, along_row, p.r if along_row else p.c, label)
                if label and key not in checks:
                    checks[key] = (key, normalise(label), p.sheet, along_row, p.r, p.c)
        self.label_checks = list(checks.values())
        self.hints: dict[tuple[str, bool, int, str], tuple[int, int]] = {}  # where a label was found last


_NAMED: dict[tuple[int, int, int], tuple[Spec, Any, Any, _Named | None]] = {}


def _named(spec: Spec, book: xlsx.Book) -> _Named | None:
    """Every field through its defined name, or None when any is missing, broken or on a hidden sheet (the
    unit may have copied the sheet, hid ours and filled in the copy: the labels decide). Kept by the identity
    of the spec and of the book's names and sheets, which `xlsx` shares among files of one template."""
    names, sheets = book.defined_names, book.sheets
    key = (id(spec), id(names), id(sheets))
    kept = _NAMED.get(key)
    if kept is not None and kept[0] is spec and kept[1] is names and kept[2] is sheets:
        return kept[3]
    visible = {s.name for s in sheets if s.state == "visible"}
    places: dict[str, Place] = {}
    for f in spec.fields.values():
        try:
            sheet, r, c = _parse_ref(names.get(meta.defined_name(f.path)) or "")
        except ValueError:
            break
        if sheet not in visible:
            break
        places[f.path] = Place(sheet, r, c)
    named = _Named(spec, places) if len(places) == len(spec.fields) else None
    if len(names) <= 10 * len(spec.fields):  # a template's few names, not a hostile workbook's 100,000
        if len(_NAMED) >= 32:
            _NAMED.clear()
        _NAMED[key] = (spec, names, sheets, named)  # the objects held, so that their ids stay theirs
    return named


def _contact_text(key: str, v: Any) -> str | None:
    if v is None or (isinstance(v, str) and not clean(v)):
        return None
    if key == "date" and document.is_number(v) and 20_000 < v < 80_000:  # a date: Excel counts days from 1899-12-30
        return (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(v))).isoformat()
    if isinstance(v, float) and v.is_integer() and document.is_number(v):
        return str(int(v))  # a phone number typed as a number
    return clean(str(v))


@lru_cache(maxsize=4096)  # returns of one template share their defined names
def _parse_ref(ref: str) -> tuple[str | None, int, int]:
    return xlsx.parse_ref(ref)


@lru_cache(maxsize=4096)
def _same_formula(found: str, expected: str) -> bool:
    """Equal up to `$`, spaces, case and a sheet prefix (LibreOffice writes `表三!D6`)."""
    def canonical(text: str) -> str:
        return _SHEET_PREFIX.sub("", text).replace("$", "").replace(" ", "").upper().lstrip("=")
    return canonical(found) == canonical(expected)
