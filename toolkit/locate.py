"""Find the official tables by their labels, wherever a unit moved them.

Used when a workbook lacks our defined names (pasted into another file, saved by a program that
drops them). Each data cell is where its row label's row meets its column label's column; labels
are compared after normalising what people and programs do to them (full-width brackets, spaces
and line breaks, quote styles, `,` for `、`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import findings
from .cells import a1
from .findings import Finding
from .messages import Msg
from .spec import Field, Spec, Table

_DROP = re.compile(r"[\s\"'“”‘’「」『』]+")


@lru_cache(maxsize=1 << 14)  # the same labels in every file of a batch
def normalise(text: str) -> str:
    """The form labels are compared in: `（一）予以 公开` and `(一)予以公开` match."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).replace(",", "、")


@dataclass(frozen=True)
class Place:
    sheet: str
    r: int
    c: int

    @property
    def ref(self) -> str:
        return f"{self.sheet}!{a1(self.r, self.c)}"


Cells = Mapping[tuple[int, int], Any]  # (row, col) → a cell with a `.value`


def text_index(cells: Cells) -> dict[str, list[tuple[int, int]]]:
    """Normalised text → the cells holding it, in reading order."""
    index: dict[str, list[tuple[int, int]]] = {}
    for pos in sorted(cells):
        v = cells[pos].value
        if isinstance(v, str) and v.strip():
            index.setdefault(normalise(v), []).append(pos)
    return index


def by_labels(spec: Spec, sheets: list[str], cells: Callable[[str], Cells],
              hidden: frozenset[str] = frozenset()) -> tuple[dict[str, Place], list[Finding]]:
    """Every field's place, found by labels; FORMAT-UNKNOWN for what cannot be found.

    Of two sheets holding a table, a visible one wins over a hidden one (a unit that copied the sheet
    and hid the original filled in the copy)."""
    indexes = {name: text_index(cells(name)) for name in sheets}
    places: dict[str, Place] = {}
    found: list[Finding] = []
    for table in spec.tables:
        sheet = _best_sheet(table, indexes, hidden)
        if sheet is None:
            found.append(findings.make("FORMAT-UNKNOWN", what=Msg("what.table", {"sheet": table.sheet,
                                                                                   "title": table.title})))
            continue
        table_places, table_findings = _table(table, sheet, _band(spec, table, indexes[sheet]), cells(sheet))
        places.update(table_places)
        found += table_findings
    return places, found


def _labels(table: Table) -> set[str]:
    return {normalise(text) for f in table.fields for text in (f.row_label, f.column_label, *f.row_aliases) if text}


def _best_sheet(table: Table, indexes: dict[str, dict[str, list[tuple[int, int]]]],
                hidden: frozenset[str]) -> str | None:
    wanted = _labels(table)
    scores = {name: len(wanted & index.keys()) for name, index in indexes.items()}
    best = max(scores, key=lambda name: (scores[name], name not in hidden, name == table.sheet), default=None)
    return best if best is not None and scores[best] * 2 >= len(wanted) else None


Index = dict[str, list[tuple[int, int]]]


def _band(spec: Spec, table: Table, index: Index) -> Index:
    """The part of a sheet that is this table, so that tables pasted one under another on one sheet, which
    share header words (总计, 结果维持), are told apart.

    A table runs from its title down to the next table's title, or to the first row with a label only
    another table has (its title may be missing). A title that also stands elsewhere (a list of contents)
    counts where most of the table's labels follow it. A table without its title is what the other
    tables leave over.
    """
    spans = {t.id: _span(spec, t, index) for t in spec.tables}
    own = spans[table.id]
    if own is not None:
        top, bottom = own
        return _rows_within(index, lambda r: top <= r < bottom)
    others = [span for tid, span in spans.items() if tid != table.id and span is not None]
    return _rows_within(index, lambda r: not any(top <= r < bottom for top, bottom in others))


def _span(spec: Spec, table: Table, index: Index) -> tuple[int, int] | None:
    """Rows [top, bottom) of the table, from its title; None when the title is not there."""
    tops = [r for r, _ in index.get(normalise(table.title), ())]
    if not tops:
        return None
    mine = _labels(table)
    stops = sorted({r for t in spec.tables if t.id != table.id
                    for text in ({normalise(t.title)} | _labels(t)) - mine for r, _ in index.get(text, ())})
    best: tuple[int, tuple[int, int]] | None = None
    for top in tops:
        bottom = next((r for r in stops if r > top), 1 << 30)
        found = sum(any(top <= r < bottom for r, _ in index.get(text, ())) for text in mine)
        if best is None or found > best[0]:
            best = (found, (top, bottom))
    return best[1] if best else None


def _rows_within(index: Index, keep: Callable[[int], bool]) -> Index:
    return {text: kept for text, cells in index.items() if (kept := [(r, c) for r, c in cells if keep(r)])}


def _table(table: Table, sheet: str, index: dict[str, list[tuple[int, int]]], cells: Cells,
           ) -> tuple[dict[str, Place], list[Finding]]:
    out: dict[str, Place] = {}
    problems: list[Finding] = []
    rows = _rows(table, sheet, index, cells, problems)
    columns = {f.path: _column(f, table, index, rows.get(f.row) if f.row else None) for f in table.fields}
    # a table without row labels (表四): its one data row sits under the lowest header
    under_headers = max((header_r for _, header_r in columns.values() if header_r is not None), default=-1) + 1
    for f in table.fields:
        c, _ = columns[f.path]
        r = rows.get(f.row) if f.row else under_headers
        if c is None:
            problems.append(findings.make("FORMAT-UNKNOWN", what=Msg("what.column", {"sheet": sheet,
                                                                                      "label": f.column_label})))
        elif r is not None:
            out[f.path] = Place(sheet, r, c)
    moved = [f for f in table.fields if f.path in out and (out[f.path].r, out[f.path].c) != (f.r, f.c)]
    if moved or (sheet != table.sheet and out):
        first = moved[0] if moved else next(f for f in table.fields if f.path in out)
        cell = a1(out[first.path].r, out[first.path].c)
        how = Msg("layout.how", {"label": first.label, "sheet": sheet, "cell": cell, "template_sheet": table.sheet,
                                 "template_cell": first.cell})
        problems.append(findings.make("LAYOUT-MOVED", table=table.sheet, how=how, sheet=sheet, cell=cell))
    # one finding per missing label, not one per cell
    return out, list({(p.code, p.text()): p for p in problems}.values())


def _rows(table: Table, sheet: str, index: dict[str, list[tuple[int, int]]], cells: Cells,
          problems: list[Finding]) -> dict[str | None, int]:
    """Row key → sheet row, each label matched below the previous one."""
    rows: dict[str | None, int] = {}
    last = -1
    for f in table.fields:
        if f.row is None or f.row in rows:
            continue
        hit = _first_below(index, f.row_label, last)
        if hit is None:
            for alias in f.row_aliases:
                hit = _first_below(index, alias, last)
                if hit is not None:
                    problems.append(findings.make("FORMAT-LABEL", found=alias, official=f.row_label,
                                                  sheet=sheet, cell=a1(*hit)))
                    break
        if hit is not None:
            rows[f.row] = last = hit[0]
    return _rows_by_position(table, sheet, cells, rows, problems)


def _rows_by_position(table: Table, sheet: str, cells: Cells, rows: dict[str | None, int],
                      problems: list[Finding]) -> dict[str | None, int]:
    """A row whose label was reworded, placed between the rows found around it when their distance is the
    template's (so nothing was inserted between them); anything else is FORMAT-UNKNOWN."""
    template = {f.row: f.r for f in table.fields if f.row}
    order = sorted(template, key=lambda key: template[key])
    for i, key in enumerate(order):
        if key in rows:
            continue
        before = next((k for k in reversed(order[:i]) if k in rows), None)
        after = next((k for k in order[i + 1:] if k in rows), None)
        label = next(f.row_label for f in table.fields if f.row == key)
        if before is None or after is None or \
                rows[after] - rows[before] != template[after] - template[before]:
            problems.append(findings.make("FORMAT-UNKNOWN", what=Msg("what.row", {"sheet": sheet, "label": label})))
            continue
        r = rows[before] + template[key] - template[before]
        known = {normalise(label.text) for label in table.labels}
        typed = min(((c, cell.value) for (rr, c), cell in cells.items()  # the text in its row that is no label
                     if rr == r and isinstance(cell.value, str) and normalise(cell.value) not in known | {""}),
                    default=None)
        rows[key] = r
        found = typed[1] if typed else Msg("value.no_label")
        problems.append(findings.make("FORMAT-LABEL", found=found, official=label,
                                      sheet=sheet, cell=a1(r, typed[0] if typed else 0)))
    return rows


def _first_below(index: dict[str, list[tuple[int, int]]], label: str, row: int) -> tuple[int, int] | None:
    return next((pos for pos in index.get(normalise(label), ()) if pos[0] > row), None)


def _column(f: Field, table: Table, index: dict[str, list[tuple[int, int]]],
            r: int | None) -> tuple[int | None, int | None]:
    """The column of `f`'s header above row `r`, and that header's row.

    A label that repeats (表四's 结果维持 under each group, 表二's 本年处理决定数量 in two blocks) is
    told apart by order: the nearest header above in each column, then the k-th of those from the left.
    """
    same = [g for g in table.fields if g.row == f.row and g.column_label == f.column_label]
    k = same.index(f)
    nearest: dict[int, int] = {}
    for hr, hc in index.get(normalise(f.column_label), ()):
        if r is None or hr < r:
            nearest[hc] = max(hr, nearest.get(hc, -1))
    if k >= len(nearest):
        return None, None
    c = sorted(nearest)[k]
    return c, nearest[c]
