"""A published report (a web page, Word, PDF or text) read into the report document, saying what was inferred.

The text (`pagetext`) is searched, in the order the format prints them, for each row of 表二, 表三 and 表四 by
its official label (the spec's, without its numbering; spaces, line breaks and quotes may fall anywhere in
it, as PDF text layers break them). What stands between a row's label and the next row's is the row's cells:
numbers, blank cells of a table, or digits run together (`digits`). Rows that can be read several ways are
settled by the format's rules within and between rows; what the rules settle is said (`IMPORT-INFERRED`),
what they cannot is left blank with its candidates (`IMPORT-AMBIGUOUS`). A row not found is said
(`IMPORT-MISSING`); a report in the 2019 format is named (`FORMAT-2019`), not read.

Unit and year come from the title (the first line that names the report) and the statistics period.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import digits, findings, narrative
from .checker import holds_on
from .digits import Piece, Reading
from .document import build
from .equation import holds
from .findings import Finding
from .messages import Listing, Msg
from .pagetext import Page, PageError
from .pagetext import read as read_page
from .spec import Field, Instance, Spec
from .spec import load as load_spec

if TYPE_CHECKING:
    from .roster import Lookup
    from .validate import FileResult

NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")
_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = "一二三四五六七八九十"
_ENUMERATOR = re.compile(rf"^\s*(?:(\d{{1,2}})\s*[.．、]|[（(]\s*[{_NUMERALS}]+\s*[)）]|[{_NUMERALS}]+\s*、)\s*")
_REMARK = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")  # （区分处理的，只计这一情形…） after a label
_QUOTES = "“”\"'‘’「」"
_TITLE = re.compile(r"年度?报告|年报")
_YEAR = re.compile(r"(20\d{2})\s*年")
_PERIOD = re.compile(r"(20\d{2})\s*年\s*0?1\s*月\s*0?1\s*日")
_TITLE_REST = re.compile(r"(?:关于)?\s*(?:20\d{2}\s*年度?)|政府信息公开.*$|[（(].*?[)）]|[\s《》]")
UNSETTLED = ("IMPORT-AMBIGUOUS", "IMPORT-NO-READING", "IMPORT-MISSING")  # a row left blank, said why
SHOWN_READINGS = 4  # of a row left blank, the readings listed
CORE = 8  # characters of a long label that must be printed as they are; the rest may be worded otherwise
TABLE_HEADS = {"table2": ("本年制发件数", "第二十条"), "table3": ("申请人情况", "本年新收"),
               "table4": ("行政复议",)}


@dataclass(frozen=True)
class Row:
    """A row of a table as printed: its key, its label as searched for, the number printed before it, its cells'
    fields in order."""

    key: str
    label: str
    enumerator: str  # the Arabic number printed before the label ("2" of "2.其他法律…"), "" for none
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Imported:
    path: str
    kind: str | None  # html, mhtml, docx, pdf, text
    document: dict[str, Any] | None
    findings: tuple[Finding, ...]
    title: str = ""
    unsettled: frozenset[str] = frozenset()  # the fields of rows left blank as ambiguous
    unit: str = ""  # the unit and year the title names, kept when there is no document (another format)
    year: int | None = None


def read(path: Path, spec: Spec | None = None) -> Imported:
    """A published report's document and what reading it found; a file that cannot be read: no document."""
    spec = spec or load_spec()
    try:
        page = read_page(path)
    except PageError as exc:
        return Imported(str(path), None, None, (findings.make("IMPORT-UNREADABLE", reason=_said(exc)),))
    except OSError as exc:
        return Imported(str(path), None, None, (findings.make("IMPORT-UNREADABLE", reason=str(exc)),))
    return from_page(page, spec, str(path), hashlib.sha256(path.read_bytes()).hexdigest())


def _said(exc: PageError) -> object:
    from .messages import Msg

    return Msg(exc.key, exc.params)


def from_page(page: Page, spec: Spec, path: str = "", sha256: str = "") -> Imported:
    text = "\n".join("\t".join(line) for line in page.lines)
    title = _title(page)
    year = _year(title, text)
    unit = {"code": "", "name": _unit(title)}
    older = next((label for label in spec.older_labels if label in text), None)
    if older is not None:
        return Imported(path, page.kind, None, (findings.make("FORMAT-2019", label=older, year=year or "?"),),
                        title, unit=unit["name"], year=year)
    values: dict[str, Any] = {}
    found: list[Finding] = []
    if all(_start(text, TABLE_HEADS[table]) is None for table in ("table2", "table3")):  # not a report at all
        return Imported(path, page.kind, None, (findings.make("IMPORT-MISSING", what="表二、表三、表四"),), title)
    stated = _stated(text)
    position = 0
    for table in ("table2", "table3", "table4"):
        said, position = _table(spec, table, text, position, values, stated)
        found += said
    doc = build(spec, year, unit, values)
    found += narrative.check(text, doc)
    doc["source"] = {"kind": "published", "format": page.kind, "path": path, "sha256": sha256, "title": title}
    unsettled = frozenset(path for f in found if f.code in UNSETTLED and f.field
                          for path in _row_of(spec, f.field))
    doc["source"]["unsettled"] = sorted(unsettled)  # cells left blank with a reason: no rule is tried on them
    if not unit["name"]:
        found.append(findings.make("IMPORT-MISSING", what="标题中的单位名称"))
    return Imported(path, page.kind, doc, tuple(found), title, unsettled)


def _row_of(spec: Spec, path: str) -> list[str]:
    table, row, _ = spec.fields[path].keys
    return [p for p, f in spec.fields.items() if f.keys[:2] == (table, row) or (table == "table4" == f.table)]


# ---------------------------------------------------------------- title, year, unit


def _title(page: Page) -> str:
    for line in page.lines[:20]:
        said = re.sub(r"^\s*(?:标题|题目|title)\s*[:：]\s*", "", " ".join(cell for cell in line if cell),
                      flags=re.IGNORECASE)  # a page archive's "标题:"
        if _TITLE.search(said) and len(said) < 80:
            return said
    return ""  # no line names the report: the unit is not guessed from whatever comes first


def _year(title: str, text: str) -> int | None:
    found = _YEAR.search(title) or _PERIOD.search(text)
    return int(found.group(1)) if found else None


def _unit(title: str) -> str:
    return _TITLE_REST.sub("", title).strip("　 -_|:：")


# numbers the narrative states, which decide between readings of a row whose digits ran together
_STATEMENTS = {
    "table2.normative_documents.issued": r"制发[^。，；,]{0,16}?规范性文件\s*(\d+)\s*件",
    "table2.normative_documents.in_force": r"现行有效[^。，；,]{0,12}?规范性文件\s*(\d+)\s*件",
    "table2.normative_documents.repealed": r"废止[^。，；,]{0,12}?规范性文件\s*(\d+)\s*件",
}


def _stated(text: str) -> dict[str, int]:
    out = {}
    for path, pattern in _STATEMENTS.items():
        numbers = {int(m.group(1)) for m in re.finditer(pattern, text)}
        if len(numbers) == 1:  # said once, or always alike
            out[path] = numbers.pop()
    return out


# ---------------------------------------------------------------- the tables


def rows(spec: Spec, table: str) -> list[Row]:
    """The rows of a table in printed order, each with its label as the search looks for it."""
    out: dict[str, Row] = {}
    for f in spec.fields.values():
        if f.table != table:
            continue
        key = str(f.row or f.group)
        if key not in out:
            label = f.row_label or f.group_label
            number = _ENUMERATOR.match(label)
            core = _REMARK.sub("", _ENUMERATOR.sub("", label))
            out[key] = Row(key, core, (number.group(1) or "") if number else "", ())
        out[key] = Row(key, out[key].label, out[key].enumerator, (*out[key].fields, f))
    return list(out.values())


def _pattern(label: str) -> re.Pattern[str]:
    """A label as printed anywhere: any spaces, line breaks, cell breaks or quotes between its characters;
    only its first `CORE` characters, since what follows is often worded otherwise. (The page's text is NFKC,
    see `pagetext`: so is the label.)"""
    chars = [c for c in unicodedata.normalize("NFKC", label) if c not in _QUOTES and not c.isspace()][:CORE]
    gap = rf"[\s{re.escape(_QUOTES)}]*"
    return re.compile(gap.join(re.escape(c) for c in chars))


def _table(spec: Spec, table: str, text: str, after: int, values: dict[str, Any], stated: Mapping[str, int]
           ) -> tuple[list[Finding], int]:
    """Read one table from `after` on into `values`: what was found, and where the table ends."""
    start = _start(text, TABLE_HEADS[table], after)
    if start is None:
        return [findings.make("IMPORT-MISSING", what=spec.table(table).title)], after
    if table == "table4":
        return _table4(spec, text, start, values), len(text)
    plan = rows(spec, table)
    places: list[tuple[Row, int, int]] = []  # row, where its label starts, where it ends
    position = start
    missing = []
    for row in plan:
        hit = _pattern(row.label).search(text, position)
        if hit is None or (places and hit.start() - places[-1][2] > 2_000):  # far away: another table's text
            missing.append(row)
            continue
        places.append((row, _with_enumerator(text, hit.start(), row), hit.end()))
        position = hit.end()
    found = [findings.make("IMPORT-MISSING", field=row.fields[-1].path, sheet=row.fields[-1].sheet,
                           what=f"{spec.table(table).title}：{row.label}") for row in missing]
    end = _start(text, ("行政复议",), places[-1][2]) if table == "table3" and places else None
    candidates: dict[str, list[Reading]] = {}
    printed: dict[str, list[Piece]] = {}
    for i, (row, _, label_end) in enumerate(places):
        stop = places[i + 1][1] if i + 1 < len(places) else _row_end(text, label_end, end)
        pieces = pieces_of(text[label_end:stop], len(row.fields))
        within = _rules_within(spec, row)
        candidates[row.key] = digits.readings(pieces, len(row.fields), _holds(within, row), pad=table == "table2",
                                              prune=_prune(within, row))
        printed[row.key] = pieces
    by_key = {row.key: row for row, _, _ in places}
    between = [inst for inst in spec.instances if inst.test and inst.rule.tables == (table,)
               and inst.rule.severity == "error" and not inst.rule.needs_previous]
    for key, options in list(candidates.items()):  # what the narrative states decides between readings
        kept = options
        for position, f in enumerate(by_key[key].fields):  # each statement on its own: one may be wrong
            kept = [o for o in kept if stated.get(f.path, o[position]) == o[position]] or kept
        candidates[key] = kept
    resolved = digits.resolve(candidates, lambda chosen: all(
        holds_on(inst, _values(by_key, chosen)) is not False for inst in between))
    for key, reading in resolved.rows.items():
        if reading is not None:
            values.update(zip((f.path for f in by_key[key].fields), reading, strict=True))
    found += [_said_row(by_key[key], "IMPORT-INFERRED", [reading]) for key, reading in resolved.rows.items()
              if reading is not None and _cut(printed[key], reading)]
    found += [_said_row(by_key[key], "IMPORT-AMBIGUOUS", options) if options else
              _said_row(by_key[key], "IMPORT-NO-READING", [tuple(p.value for p in printed[key])])
              for key, options in resolved.ambiguous.items()]
    return found, places[-1][2] if places else start


def _start(text: str, heads: tuple[str, ...], after: int = 0) -> int | None:
    hits = [m.start() for head in heads if (m := _pattern(head).search(text, after))]
    return min(hits) if hits else None


def _with_enumerator(text: str, start: int, row: Row) -> int:
    """Where a row's label starts with its Arabic number in front ("2." of "2.其他…"): the number is not a cell
    of the row before, even when the digits run together ("00000002.其他…")."""
    if not row.enumerator:
        return start
    before = re.search(rf"{row.enumerator}\s*[.．、]?\s*$", text[max(0, start - 6):start])
    return start - (len(text[max(0, start - 6):start]) - before.start()) if before else start


def _row_end(text: str, label_end: int, end: int | None) -> int:
    """The end of a table's last row: the next line with words in it, or the next table."""
    words = re.compile(r"\n[^\n\d]*[\u4e00-\u9fff]")
    hit = words.search(text, label_end)
    stop = hit.start() if hit else len(text)
    return min(stop, end) if end is not None else stop


def pieces_of(segment: str, n: int) -> list[Piece]:
    """The cells between a row's label and the next. The label's own line: what follows the label in its cell
    (digits, when they run on), then the line's other cells, blank ones kept unless the line has more than the
    row (then its blank ends are the table's layout, a label's merged columns). The lines after (a cell a
    line): their numbers. Cells of words (a remark, the next group's label) are no cells of the row."""
    lines = segment.split("\n")
    label_cell, *cells = lines[0].split("\t")
    out = _numbers(label_cell)
    cells = [c for c in cells if not c.strip() or _DIGIT.search(c)]
    while len(out) + len(cells) > n and cells and not cells[0].strip():
        cells.pop(0)
    while len(out) + len(cells) > n and cells and not cells[-1].strip():
        cells.pop()
    for cell in cells:
        out += _numbers(cell) if cell.strip() else [Piece("")]
    started = bool(out)
    for line in lines[1:]:
        if _WORDS.search(line):
            if started or _DIGIT.search(line):  # words after the numbers, or words with numbers of their own
                break  # (a heading, a page's text): no longer this row's
            continue  # the rest of a label that broke over lines
        numbers = [piece for cell in line.split("\t") for piece in _numbers(cell)]
        out += numbers
        started = started or bool(numbers)
    return out


def _numbers(cell: str) -> list[Piece]:
    return [Piece(re.sub(r"[,，]", "", number)) for number in NUMBER.findall(cell)]


def _rules_within(spec: Spec, row: Row) -> list[Instance]:
    paths = {f.path for f in row.fields}
    return [inst for inst in spec.instances if inst.test and inst.when is None and not inst.rule.needs_previous
            and inst.rule.severity == "error" and {f.path for f in inst.fields} <= paths]


def _holds(within: list[Instance], row: Row) -> Callable[[Reading], bool]:
    """Whether a whole reading of a row keeps the rules within it."""
    tests = [_compiled(inst, row) for inst in within]
    return lambda reading: all(test(reading) for test in tests)


def _prune(within: list[Instance], row: Row) -> Callable[[tuple[int, ...]], bool]:
    """Whether a row's first cells break none of the rules among themselves: each rule is tried once, when the
    prefix reaches its last cell (this keeps a long run's cuts from growing combinatorially)."""
    position = {f.path: i for i, f in enumerate(row.fields)}
    completing: dict[int, list[Callable[[Reading], bool]]] = {}
    for inst in within:
        completing.setdefault(max(position[f.path] for f in inst.fields) + 1, []).append(_compiled(inst, row))
    return lambda prefix: all(test(prefix) for test in completing.get(len(prefix), ()))


def _compiled(inst: Instance, row: Row) -> Callable[[Reading], bool]:
    """A rule of a row as arithmetic on the row's cells by position (blank as 0): what a search tries
    hundreds of thousands of times, so without the dictionaries `holds_on` builds."""
    position = {f.path: i for i, f in enumerate(row.fields)}
    assert inst.test is not None and inst.when is None
    sides = [[(o.coef, position[o.field.path] if o.field else None) for o in side]
             for side in (inst.test.left, inst.test.right)]
    op = inst.test.op

    def side(terms: list[tuple[int, int | None]], values: Reading) -> float:
        return sum(coef * ((values[i] or 0) if i is not None else 1) for coef, i in terms)

    return lambda values: holds(side(sides[0], values), op, side(sides[1], values))


def _cut(pieces: list[Piece], reading: Reading) -> bool:
    """Whether a reading cut digits that ran together (it has more numbers than were printed apart)."""
    return sum(v is not None for v in reading) > sum(not p.blank for p in pieces)


def _values(by_key: Mapping[str, Row], chosen: Mapping[str, Reading]) -> dict[str, Any]:
    return {f.path: v for key, reading in chosen.items() for f, v in zip(by_key[key].fields, reading, strict=True)}


def _said_row(row: Row, code: str, options: list[Reading]) -> Finding:
    """A row read by inference, or left blank with its readings (the first few of many)."""
    last = row.fields[-1]
    readings = Listing(tuple(_reading(o) for o in options[:SHOWN_READINGS]), SHOWN_READINGS, "list.or")
    values = Msg("import.readings_more", {"readings": readings, "count": len(options)}) \
        if len(options) > SHOWN_READINGS else readings
    return findings.make(code, field=last.path, sheet=last.sheet, label=row.label, values=values)


def _reading(reading: Reading) -> Listing:
    """A reading as a finding says it: 217、1、0 (in English 217, 1, 0), a blank cell 空."""
    return Listing(tuple(Msg("import.blank_cell") if v is None else str(v) for v in reading), len(reading))


# ---------------------------------------------------------------- 表四: one row of fifteen under its headings


def _table4(spec: Spec, text: str, start: int, values: dict[str, Any]) -> list[Finding]:
    """表四 is one row of numbers under two rows of headings: the numbers after the last word of the headings,
    before the next part of the report (a sentence with its own numbers may stand before the headings)."""
    fields = [f for f in spec.fields.values() if f.table == "table4"]
    end = _start(text, ("五、", "存在的主要问题"), start)
    region = text[start:end]
    tail = re.search(r"[\u4e00-\u9fff][^\u4e00-\u9fff]*$", region)
    pieces = pieces_of(tail.group(0)[1:], len(fields)) if tail else []
    if not pieces:
        return [findings.make("IMPORT-MISSING", what=spec.table("table4").title)]
    row = Row("table4", spec.table("table4").title, "", tuple(fields))
    within = _rules_within(spec, row)
    options = digits.readings(pieces, len(fields), _holds(within, row), prune=_prune(within, row))
    if len(options) == 1:
        values.update(zip((f.path for f in fields), options[0], strict=True))
        return [] if len(pieces) >= len(fields) else [_said_row(row, "IMPORT-INFERRED", options)]
    if options:
        return [_said_row(row, "IMPORT-AMBIGUOUS", list(options))]
    return [_said_row(row, "IMPORT-NO-READING", [tuple(p.value for p in pieces)])]


# ---------------------------------------------------------------- checked, as `validate` checks a return


def assess(path: Path, *, spec: Spec | None = None, lookup: Lookup | None = None,
           previous: Mapping[tuple[str, int], Mapping[str, Any]] | None = None
           ) -> tuple[FileResult, dict[str, Any] | None]:
    """A published report's result as `validate` gives one (what reading it found, then every check), and its
    document. The unit's code comes from `lookup` (a roster) by the name in the title. The checks' findings
    name the table and the row as printed, not a cell: a published report has none."""
    from .validate import FileResult, Previous, checked_published, status

    spec = spec or load_spec()
    got = read(path, spec)
    doc = got.document
    if doc is None:  # whose and of which year, when the title says, even so
        named = {"code": "", "name": got.unit, "parent": ""} if got.unit else None
        return FileResult(str(path), named, got.year, None, "unreadable", got.findings), None
    if lookup is not None:
        unit, _ = lookup.find("", doc["unit"]["name"], "")
        if unit is not None:
            doc["unit"] = {"code": unit.code, "name": unit.name, "parent": unit.parent}
    last = Previous(previous or {}).of(doc["unit"], doc["year"] - 1) if doc["year"] else None
    found = (*got.findings, *checked_published(doc, last, spec))
    return FileResult(str(path), doc["unit"], doc["year"], doc["format"], status(found), found), doc


def workbook(doc: Mapping[str, Any], spec: Spec | None = None) -> bytes:
    """The official workbook filled with a published report's numbers: taken downstream like a return."""
    from .document import flat
    from .generate import Filled, filled
    from .roster import Unit

    spec = spec or load_spec()
    unit = doc["unit"]
    source = doc.get("source") or {}
    values = flat(doc, spec)
    printed = {f.path for f in spec.fields.values() if not f.is_input and values[f.path] is not None
               and values[f.path] != sum(values[p] or 0 for p in f.parts)}  # as printed, not what parts add to
    unsettled = sorted(p for p in source.get("unsettled") or () if p in spec.fields)
    notes = [f"由发布的报告导入：{source.get('title') or source.get('path') or ''}"]
    if unsettled:
        cells = "、".join(f"{f.sheet} {f.cell}" for f in spec.fields.values() if f.path in unsettled)  # in order
        notes.append(f"以下单元格在发布的报告中无法确定（数字连在一起有多种读法，或找不到这一行），导入时留空，"
                     f"不按 0 校验：{cells}；请按原件或向单位核实后填写")
    metadata = {"imported_from": str(source.get("path") or ""), **({"unsettled": ",".join(unsettled)} if unsettled
                                                                       else {})}
    content = Filled(Unit(unit["code"], unit["name"], unit.get("parent") or ""), values, "", tuple(notes),
                     metadata, typed=frozenset(printed))
    return filled(spec, doc["year"], content)
