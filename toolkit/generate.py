"""The official blank workbook, one per unit of a roster.

The workbook is written once per run with xlsxwriter, with placeholder tokens where the unit
goes; each unit's copy is that zip with the tokens replaced. That keeps every copy identical
to a directly written one and makes a thousand units a matter of seconds.
"""

from __future__ import annotations

import csv
import dataclasses
import filecmp
import hashlib
import io
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from . import formulas, meta, roster
from .cells import a1
from .errors import NianbaoError
from .files import csv_cell, safe_name, same_file
from .roster import Unit
from .spec import TITLE_ROW, UNIT_ROW, Field, Spec, Table
from .spec import load as load_spec
from .styles import ERROR_FILL, FONT, HEADER_FILL, INPUT_FILL, OK_FILL, TOTAL_FILL, amount_format, print_setup
from .writing import lines_needed, row_height, write_text, write_value

COVER, GUIDE = meta.COVER_SHEET, "说明"
LISTED = 5  # file names listed in a message before "等"
GUIDE_WIDTH = 110
COVER_WIDTHS = (16, 22)  # the label column, then each of the three merged into the value
COVER_WIDTH = COVER_WIDTHS[0] + 3 * COVER_WIDTHS[1]
# Tokens stand in for the unit in the written-once workbook; plain ASCII survives XML escaping.
TOKENS = {"code": "NIANBAOxUNITxCODEx", "name": "NIANBAOxUNITxNAMEx", "parent": "NIANBAOxUNITxPARENTx"}



@dataclass(frozen=True)
class Generated:
    unit: Unit | None
    path: Path
    sha256: str


class Blank:
    """The workbook of one run, written once; `render(unit)` gives each unit's copy."""

    def __init__(self, spec: Spec, year: int, *, personalised: bool, password: str | None = None) -> None:
        self.spec, self.year = spec, year
        self.parts = _parts(_write(spec, year, personalised=personalised, password=password))

    def render(self, unit: Unit | None = None) -> bytes:
        return _personalise(self.parts, unit)


@dataclass(frozen=True)
class Filled:
    """A workbook with results in it, such as a consolidated total: every field's value and what it is."""

    unit: Unit
    values: Mapping[str, Any]  # field path → value, totals included; None is a blank cell
    title: str  # after the cover's title, e.g. "（汇总）"
    notes: tuple[str, ...]  # lines under the cover's summary
    metadata: Mapping[str, str]  # beside the usual metadata, e.g. kind and member count
    more_sheets: Callable[[xlsxwriter.Workbook], None] | None = None  # after the tables, before metadata
    contact: Mapping[str, str] = dataclasses.field(default_factory=dict)  # the cover's 填报人, 联系电话… (spec.contact)
    guide: tuple[str, str, tuple[str, ...]] | None = None  # sheet, title, lines instead of the units' 填报说明
    typed: frozenset[str] = frozenset()  # totals written as the numbers given, not as formulas (as printed)


def filled(spec: Spec, year: int, content: Filled) -> bytes:
    """The official workbook with values in its cells, each formula's result stored beside it."""
    return _personalise(_parts(_write(spec, year, personalised=True, password=None, content=content)), content.unit)


def _parts(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def _personalise(parts: list[tuple[zipfile.ZipInfo, bytes]], unit: Unit | None) -> bytes:
    values = {key: escape(getattr(unit, key)) if unit else "" for key in TOKENS}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            personal = data
            if b"NIANBAOxUNITx" in data:
                for key, token in TOKENS.items():
                    personal = personal.replace(token.encode(), values[key].encode())
            z.writestr(info, personal)
    return out.getvalue()


def file_name(year: int, unit: Unit | None) -> str:
    if unit is None:
        return f"{year}_政府信息公开工作年度报告统计表.xlsx"
    return f"{safe_name(f'{year}_{unit.code}_{unit.name}')}.xlsx"


def workbooks(
    year: int,
    *,
    roster_path: str | Path | None = None,
    out_dir: str | Path = ".",
    password: str | None = None,
    force: bool = False,
    spec: Spec | None = None,
) -> list[Generated]:
    """Write the blank workbook, or one per roster unit plus `manifest.csv`; all or nothing.

    An existing file of the same name with other content (a return a unit filled in, in a folder of
    returns) is never replaced unless `force`: NianbaoError listing them, nothing written."""
    spec = spec or load_spec()
    if not spec.first_year <= year <= spec.last_year:
        raise NianbaoError("generate.year_out_of_range", year=year, first_year=spec.first_year,
                           last_year=spec.last_year, source=spec.source)
    units: list[Unit | None] = list(roster.read(roster_path)) if roster_path else [None]
    out_dir = Path(out_dir)
    names = [file_name(year, u) for u in units]
    _refuse_clashes(names, roster_path, out_dir)
    blank = Blank(spec, year, personalised=roster_path is not None, password=password)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".nianbao-", dir=out_dir))
    except OSError as exc:
        raise NianbaoError("generate.cannot_write", path=out_dir, reason=exc) from exc
    try:
        results = []
        for unit, name in zip(units, names, strict=True):
            data = blank.render(unit)
            (staging / name).write_bytes(data)
            results.append(Generated(unit, out_dir / name, hashlib.sha256(data).hexdigest()))
        if roster_path:
            _write_manifest(staging / "manifest.csv", results)
            names.append("manifest.csv")
        changed = [name for name in names if (out_dir / name).exists()
                   and not filecmp.cmp(out_dir / name, staging / name, shallow=False)]
        if changed and not force:
            listed = "、".join(changed[:LISTED]) + ("等" if len(changed) > LISTED else "")
            raise NianbaoError("generate.would_replace", count=len(changed), names=listed, path=out_dir)
        for name in names:
            (staging / name).replace(out_dir / name)
    except OSError as exc:
        raise NianbaoError("generate.cannot_write", path=out_dir, reason=exc) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return results


def _refuse_clashes(names: list[str], roster_path: str | Path | None, out_dir: Path) -> None:
    folded: dict[str, str] = {}
    for name in names:  # Windows file names ignore case
        if name.lower() in folded:
            raise NianbaoError("generate.same_file_name", name=name)
        folded[name.lower()] = name
    if roster_path and any(same_file(Path(roster_path), out_dir / n) for n in [*names, "manifest.csv"]):
        raise NianbaoError("generate.overwrites_roster", path=roster_path)


def _write_manifest(path: Path, results: list[Generated]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel opens it as UTF-8
        writer = csv.writer(f)
        writer.writerow(["code", "name", "parent", "file", "sha256"])
        for r in results:
            assert r.unit is not None
            writer.writerow([csv_cell(v) for v in (r.unit.code, r.unit.name, r.unit.parent, r.path.name, r.sha256)])


# ------------------------------------------------------------------ the workbook


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook, spec: Spec) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "text_wrap": True}
        boxed = {**base, "border": 1}

        def add(**props: object) -> object:
            return wb.add_format({**boxed, **props})

        self.title = wb.add_format({**base, "bold": True, "font_size": 16, "align": "center"})
        self.subtitle = wb.add_format({**base, "align": "left"})
        self.caption = add(bold=True, align="left", bg_color=HEADER_FILL)
        self.header = add(bold=True, align="center", bg_color=HEADER_FILL)
        self.corner = add(font_size=9, align="center")
        self.row = add(align="left")
        self.check_label = add(font_size=9, align="left", italic=True)
        self.count = add(align="center", num_format="0", locked=False, bg_color=INPUT_FILL)
        self.amount = add(align="center", num_format=amount_format(spec.decimals["amount"]), locked=False,
                          bg_color=INPUT_FILL)
        self.total = add(align="center", num_format="0", bold=True, bg_color=TOTAL_FILL)
        self.check = add(font_size=9, align="center")
        # a check beside a data row: one line, a long ✗ message runs on into the empty cells to its right
        self.check_line = add(font_size=9, align="left", text_wrap=False)
        self.ok = wb.add_format({"font_color": "#006100", "bg_color": OK_FILL})
        self.fail = wb.add_format({"font_color": "#9C0006", "bg_color": ERROR_FILL, "bold": True})
        self.key = add(bold=True, align="right", bg_color=HEADER_FILL)
        self.text_input = add(align="left", num_format="@", locked=False, bg_color=INPUT_FILL)
        self.text_fixed = add(align="left", num_format="@")
        self.year = add(align="left", num_format='0"年"')
        self.guide = wb.add_format({**base, "font_size": 11})


def _write(spec: Spec, year: int, *, personalised: bool, password: str | None,
           content: Filled | None = None) -> bytes:
    values = content.values if content else {}
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    wb.set_properties({
        "title": f"{year}年{spec.title}统计表{content.title if content else ''}",
        "subject": spec.source,
        "author": "nianbao",
        "company": "",
        "comments": f"{spec.format} {spec.version}",
        "created": datetime(year + 1, 1, 1),  # fixed, so the same input gives the same bytes
    })
    fmt = _Formats(wb, spec)
    unit_cells = _cover(wb, spec, year, fmt, personalised=personalised, password=password, content=content)
    _guide(wb, fmt, password, *(content.guide if content and content.guide else (GUIDE, "填报说明", spec.guide)))
    for table in spec.tables:
        _table(wb, spec, table, year, fmt, unit_cells, password, values, content.typed if content else frozenset())
    if content and content.more_sheets:
        content.more_sheets(wb)
    tokens = Unit(TOKENS["code"], TOKENS["name"], TOKENS["parent"])
    _meta_sheet(wb, {**meta.metadata(spec, year, tokens), **(content.metadata if content else {})}, password)
    for field in spec.fields.values():
        wb.define_name(meta.defined_name(field.path), f"={formulas.sheet_ref(field.sheet, field.absolute)}")
    wb.close()
    return out.getvalue()


def _protect(ws: Worksheet, password: str | None) -> None:
    ws.protect(password or "", {
        "format_columns": True, "format_rows": True,
        "select_locked_cells": True, "select_unlocked_cells": True,
    })


def _cover(wb: xlsxwriter.Workbook, spec: Spec, year: int, fmt: _Formats, *, personalised: bool, password: str | None,
           content: Filled | None) -> dict[str, str]:
    """The 封面 sheet; returns the A1 cells holding the unit name and code."""
    ws = wb.add_worksheet(COVER)
    ws.set_column(0, 0, COVER_WIDTHS[0])
    ws.set_column(1, 3, COVER_WIDTHS[1])
    ws.set_row(0, 36)
    ws.merge_range(0, 0, 0, 3, f"{year}年{spec.title}统计表{content.title if content else ''}", fmt.title)
    contact = content.contact if content else {}
    rows: list[tuple[str, object, object]] = []
    for key, label in spec.cover.items():
        if key in ("name", "code"):
            rows.append((label, TOKENS[key] if personalised else None,
                         fmt.text_fixed if personalised else fmt.text_input))
        elif key == "year":
            rows.append((label, year, fmt.year))
        else:
            rows.append((label, contact.get(key) or None, fmt.text_input))
    cells = {}
    for i, (key, value, cell_fmt) in enumerate(rows, start=2):
        ws.set_row(i, 24)
        ws.write_string(i, 0, key, fmt.key)
        ws.merge_range(i, 1, i, 3, "", cell_fmt)
        if value is not None:
            write_value(ws, i, 1, value, cell_fmt)
        cells[key] = a1(i, 1, absolute=True)
    check_row = 2 + len(rows)
    ws.set_row(check_row, 36)
    ws.write_string(check_row, 0, "校验结果", fmt.key)
    ws.merge_range(check_row, 1, check_row, 3, "", fmt.check)
    ws.write_formula(check_row, 1, formulas.summary(spec), fmt.check,
                     formulas.summary_value(spec, content.values if content else {}))
    ws.conditional_format(check_row, 1, check_row, 3, _status_rule(check_row, 1, formulas.FAIL, fmt.fail))
    ws.conditional_format(check_row, 1, check_row, 3, _status_rule(check_row, 1, formulas.OK, fmt.ok))
    source = f"格式：{spec.source}（{spec.format}，模板版本 {spec.version}）"
    ws.merge_range(check_row + 2, 0, check_row + 2, 3, source, fmt.subtitle)
    ws.set_row(check_row + 2, row_height(lines_needed(source, COVER_WIDTH), padding=6))
    notes = content.notes if content else ()
    for r, note in enumerate(notes, start=check_row + 3):
        ws.set_row(r, row_height(lines_needed(note, COVER_WIDTH), padding=6))
        ws.merge_range(r, 0, r, 3, "", fmt.subtitle)
        write_text(ws, r, 0, note, fmt.subtitle)
    _protect(ws, password)
    print_setup(ws, pages_tall=1, area=(check_row + 2 + len(notes), 3), portrait=True, centered=True)
    return {key: cells[spec.cover[key]] for key in ("name", "code")}


def _guide(wb: xlsxwriter.Workbook, fmt: _Formats, password: str | None, sheet: str, title: str,
           lines: tuple[str, ...]) -> None:
    """填报说明 for the units, or what a workbook with results in it says instead (a total's 汇总说明)."""
    ws = wb.add_worksheet(sheet)
    ws.set_column(0, 0, GUIDE_WIDTH)
    ws.write_string(0, 0, title, fmt.title)
    for i, line in enumerate(lines, start=2):
        text = f"{i - 1}. {line}"
        ws.set_row(i, max(30, row_height(lines_needed(text, GUIDE_WIDTH), 15, 0)))  # 30 points hold two lines of 11
        write_text(ws, i, 0, text, fmt.guide)
    _protect(ws, password)
    print_setup(ws, pages_tall=1, area=(len(lines) + 1, 0), centered=True)


def _status_rule(r: int, c: int, mark: str, cell_format: object) -> dict[str, object]:
    return {"type": "formula", "criteria": f'=LEFT({a1(r, c)},1)="{mark}"', "format": cell_format}


def _table(wb: xlsxwriter.Workbook, spec: Spec, table: Table, year: int, fmt: _Formats, unit_cells: dict[str, str],
           password: str | None, values: Mapping[str, Any], typed: frozenset[str] = frozenset()) -> None:
    ws = wb.add_worksheet(table.sheet)
    for c, width in enumerate(table.column_widths):
        ws.set_column(c, c, width)
    heights: dict[int, float] = {}

    def need(r: int, text: str, width: float, rows: int = 1) -> None:
        lines = lines_needed(text, width)
        heights[r] = max(heights.get(r, 15.0), lines * 13.5 / rows + 4)

    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, table.last_col, table.title, fmt.title)
    heights[TITLE_ROW] = 30
    cover, code = (formulas.sheet_ref(COVER, unit_cells[key]) for key in ("name", "code"))
    ws.merge_range(UNIT_ROW, 0, UNIT_ROW, table.last_col, "", fmt.subtitle)
    ws.write_formula(
        UNIT_ROW, 0, f'="填报单位："&{cover}&"　　单位代码："&{code}&"　　报告年度：{year}年"', fmt.subtitle,
        f"填报单位：{TOKENS['name']}　　单位代码：{TOKENS['code']}　　报告年度：{year}年",
    )
    heights[UNIT_ROW] = 20
    role_format = {"caption": fmt.caption, "header": fmt.header, "corner": fmt.corner, "row": fmt.row,
                   "check": fmt.check_label}
    for label in table.labels:
        cell_fmt = role_format[label.role]
        if (label.r, label.c) == (label.last_r, label.last_c):
            ws.write_string(label.r, label.c, label.text, cell_fmt)
        else:
            ws.merge_range(label.r, label.c, label.last_r, label.last_c, label.text, cell_fmt)
        width = sum(table.column_widths[label.c:label.last_c + 1])
        need(label.r, label.text, width, label.last_r - label.r + 1)
    for field in table.fields:
        _field(ws, spec, field, fmt, values.get(field.path), field.path in typed)
    for check in table.checks:
        beside_row = check.r == check.instance.anchor.r
        cell_fmt = fmt.check_line if beside_row else fmt.check
        if (check.r, check.c) != (check.last_r, check.last_c):
            ws.merge_range(check.r, check.c, check.last_r, check.last_c, "", cell_fmt)
        ws.write_formula(check.r, check.c, formulas.check(check), cell_fmt, formulas.value(check, values))
        if not beside_row:  # room for the longest ✗ message with three-digit numbers
            need(check.r, formulas.longest_message(check), sum(table.column_widths[check.c:check.last_c + 1]))
    if table.checks:
        first_r, first_c = min(c.r for c in table.checks), min(c.c for c in table.checks)
        last_r, last_c = max(c.last_r for c in table.checks), max(c.last_c for c in table.checks)
        for mark, cell_fmt in ((formulas.FAIL, fmt.fail), (formulas.OK, fmt.ok)):
            ws.conditional_format(first_r, first_c, last_r, last_c, _status_rule(first_r, first_c, mark, cell_fmt))
    for r, height in heights.items():
        ws.set_row(r, height)
    ws.freeze_panes(*table.freeze)
    _protect(ws, password)
    print_setup(ws, pages_tall=1, repeat=(TITLE_ROW, table.freeze[0] - 1), area=(table.last_row, table.last_col),
                centered=True)


def _field(ws: Worksheet, spec: Spec, field: Field, fmt: _Formats, value: Any, typed: bool = False) -> None:
    """An input cell (blank, or the value given) or a total's formula with its result stored; a total `typed`
    is the number given (a published report's total as printed, whatever its parts add up to)."""
    last_c = field.c + field.span - 1
    if typed:
        write_value(ws, field.r, field.c, value, fmt.total)
        return
    if not field.is_input:
        ws.write_formula(field.r, field.c, formulas.total(spec, field), fmt.total, value or 0)
        return
    cell_fmt = fmt.amount if field.type == "amount" else fmt.count
    if field.span > 1:
        ws.merge_range(field.r, field.c, field.r, last_c, "", cell_fmt)
    write_value(ws, field.r, field.c, value, cell_fmt)
    ws.data_validation(field.r, field.c, field.r, last_c, _validation(field, spec.decimals["amount"]))


def _validation(field: Field, decimals: int) -> dict[str, object]:
    where = field.label[:200]
    if field.type == "amount":
        ref = field.cell
        return {
            "validate": "custom",
            "value": f"=AND(ISNUMBER({ref}),{ref}>=0,ROUND({ref},{decimals})={ref})",
            "input_title": "金额（万元）",
            "input_message": f"{where}\n单位：万元，最多 {decimals} 位小数；没有收费填 0。例：1234.5 元填 0.12345",
            "error_title": "请填写金额（万元）",
            "error_message": f"这里只能填写不小于 0 的数字，单位万元，最多 {decimals} 位小数。",
        }
    return {
        "validate": "integer",
        "criteria": ">=",
        "value": 0,
        "input_title": "件数（整数）",
        "input_message": f"{where}\n填写 0 或正整数；没有发生填 0，不要留空。",
        "error_title": "请填写整数",
        "error_message": "这里只能填写 0 或正整数（件数），不能填写小数、负数或文字。",
    }


def _meta_sheet(wb: xlsxwriter.Workbook, values: dict[str, str], password: str | None) -> None:
    ws = wb.add_worksheet(meta.SHEET)
    for r, (key, value) in enumerate(values.items()):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
    ws.very_hidden()
    _protect(ws, password)
    for key, value in values.items():
        wb.set_custom_property(meta.PROPERTY_PREFIX + key, value)
