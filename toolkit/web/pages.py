"""What the pages show, as plain data for the templates: the official tables drawn from the spec with a
report's values and the cells its findings name marked, and findings as rows a clerk reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from toolkit.document import part
from toolkit.findings import Finding, action
from toolkit.messages import text
from toolkit.render import ordered, short_label
from toolkit.spec import Spec, Table

RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str  # a label's role (header, row, corner, caption), or "input" / "total" for a value, "" for none
    rows: int = 1
    cols: int = 1
    mark: str = ""  # the worst severity of a finding at the cell; "related" for a cell a rule also names
    note: str = ""  # what the findings at the cell say, for its tooltip


@dataclass(frozen=True)
class Drawn:
    title: str
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Line:
    severity: str  # error, warning, info
    said: str  # 错误, 警告, 提示
    where: str  # 表三 H8 ［一、本年新收…｜总计］
    message: str
    action: str
    code: str


def tables(spec: Spec, doc: Mapping[str, Any] | None, found: Iterable[Finding], ids: Iterable[str],
           lang: str = "zh") -> list[Drawn]:
    """The tables `ids` laid out as in the workbook (merged labels spanning), the report's values in them."""
    marks: dict[str, tuple[str, list[str]]] = {}
    cells: dict[tuple[str | None, str], str] = {(f.sheet, f.cell): path for path, f in spec.fields.items()}
    for f in found:
        if f.field in spec.fields:
            worst, notes = marks.get(f.field, ("info", []))
            marks[f.field] = (min(worst, f.severity, key=lambda s: RANK.get(s, 3)), [*notes, f.text(lang)])
        for cell in f.related:
            path = cells.get((f.sheet, cell))
            if path is not None and path not in marks:
                marks[path] = ("related", [])
    return [_drawn(spec.table(table_id), doc or {}, marks) for table_id in ids]


def _drawn(table: Table, doc: Mapping[str, Any], marks: Mapping[str, tuple[str, list[str]]]) -> Drawn:
    placed: dict[tuple[int, int], Cell] = {}
    covered: set[tuple[int, int]] = set()
    for label in table.labels:
        if label.role == "check" or label.c >= table.width:
            continue
        placed[label.r, label.c] = Cell(label.text, label.role, label.last_r - label.r + 1,
                                        min(label.last_c, table.width - 1) - label.c + 1)
        covered.update((r, c) for r in range(label.r, label.last_r + 1) for c in range(label.c, label.last_c + 1))
    for f in table.fields:
        table_key, row, column = f.keys
        value = part(part(doc, table_key), row).get(column)
        mark, notes = marks.get(f.path, ("", []))
        shown = "" if value is None else f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) \
            else f"{value:g}" if isinstance(value, float) else str(value)
        placed[f.r, f.c] = Cell(shown, "input" if f.is_input else "total", 1, f.span, mark if notes or
                                mark == "related" else "", "\n".join(notes))
        covered.update((f.r, c) for c in range(f.c, f.c + f.span))
    top = min(r for r, _ in placed)
    rows = [[placed.get((r, c)) or Cell("", "") for c in range(table.width)
             if (r, c) in placed or (r, c) not in covered] for r in range(top, table.last_row + 1)]
    return Drawn(table.title, [row for row in rows if any(cell.kind for cell in row)])  # not the checks' rows


def lines(spec: Spec, found: Iterable[Finding], lang: str = "zh") -> list[Line]:
    """Each finding as a row: errors first, in the workbook's order."""
    out = []
    for f in ordered(spec, found):
        where = " ".join(p for p in (f.sheet, f.cell, short_label(spec, f.field, lang)) if p)
        out.append(Line(f.severity, text("severity." + f.severity, lang), where, f.text(lang), action(f.code, lang),
                        f.code))
    return out
