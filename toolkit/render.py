"""How results look in the terminal: rich tables and one line per finding, pointing into the user's file."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import rich.progress
from rich.cells import cell_len
from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from .cells import parse_a1, runs
from .messages import shown, text

if TYPE_CHECKING:  # imported by every command: only what it uses at run time
    from .consolidate import Merged
    from .findings import Finding
    from .spec import Spec
    from .status import Collection
    from .validate import FileResult, Report


def console(stderr: bool = False) -> Console:
    """The terminal, with rich's markup and emoji codes off: unit names, file names and messages come from
    the files units send, and `[/]` or `:warning:` in them must print as typed, never be interpreted."""
    return Console(stderr=stderr, highlight=False, soft_wrap=True, markup=False, emoji=False)


class Progress:
    """Files done and their speed, on a terminal, for a run of over about a second; nothing at all when the
    output is piped or redirected (a log, `--json` to stdout), so scripts see only the results."""

    SHOW_AFTER = 1.0  # seconds

    def __init__(self, console: Console, total: int, lang: str) -> None:
        self.console, self.total, self.lang = console, total, lang
        self.start, self.done = time.monotonic(), 0
        self._bar: rich.progress.Progress | None = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, *_: object) -> None:
        self.done += 1
        elapsed = time.monotonic() - self.start
        if self._bar is None:
            if not self.console.is_terminal or elapsed < self.SHOW_AFTER or self.done >= self.total:
                return
            self._bar = rich.progress.Progress(
                rich.progress.TextColumn("{task.description}"), rich.progress.BarColumn(),
                rich.progress.MofNCompleteColumn(), rich.progress.TextColumn("{task.fields[rate]}"),
                rich.progress.TimeRemainingColumn(), console=self.console, transient=True)
            self._task = self._bar.add_task(text("progress.reading", self.lang), total=self.total, rate="")
            self._bar.start()
        rate = text("progress.rate", self.lang, rate=f"{self.done / max(elapsed, 1e-9):.0f}")
        self._bar.update(self._task, completed=self.done, rate=rate)


STYLE = {"error": "red", "warning": "yellow", "info": "dim", "ok": "green", "unreadable": "red", "missing": "red"}
SHOWN_FILES = 30  # beyond this, the table lists only files with errors
SHOWN_UNITS = 100  # units listed in the terminal at most: the status workbook or JSON has them all
LABEL_CHARS = 10  # of a long row label, as in ［一、本年新收…｜总计］
SHOWN_INFERRED = 3  # rows of a published report read by inference listed one by one; more are said in a line
COLLAPSE_FROM = 5  # the same message in one sheet this often: one line naming the first cells and the count


def short_label(spec: Spec, path: str | None, lang: str = "zh") -> str:
    """The official labels of a field's cell, the row's cut short: `［一、本年新收…｜总计］`."""
    f = spec.fields.get(path or "")
    if f is None:
        return ""
    row = f.row_label if len(f.row_label) <= LABEL_CHARS else f.row_label[:LABEL_CHARS] + "…"
    parts = [part for part in (row, f.group_label, f.column_label) if part]
    return text("label.cell", lang, labels=text("label.join", lang).join(parts))


def finding_line(spec: Spec, f: Finding, lang: str) -> str:
    """`错误 表三 H8 ［一、本年新收…｜总计］ T3-1：第一项+第二项=12，…`: the severity in words, for output
    pasted into a message, where colour is lost."""
    where = " ".join(part for part in (f.sheet, f.cell, short_label(spec, f.field, lang)) if part)
    also = text("validate.also", lang, cells=_ranges(f.related)) if f.related else ""
    separator = text("finding.separator", lang)
    return f"{text('severity.' + f.severity, lang)} {where} {f.code}{separator}{f.text(lang)}{also}".replace("  ", " ")


def _ranges(cells: Iterable[str]) -> list[str]:
    """`D8、D9、…、D28` as `D8:D28`."""
    return runs(parse_a1(cell) for cell in cells)


def _name(path: str) -> str:
    return shown(Path(path).name)


def _unit(r: FileResult) -> str:
    if not r.unit:
        return ""
    return " ".join(str(r.unit.get(k) or "") for k in ("code", "name")).strip()


def ordered(spec: Spec, found: Iterable[Finding]) -> list[Finding]:
    """Grouped by table in the workbook's order, errors first, then by position."""
    sheets = {t.sheet: i for i, t in enumerate(spec.tables)}
    rank = {"error": 0, "warning": 1, "info": 2}
    position = {p: i for i, p in enumerate(spec.fields)}
    return sorted(found, key=lambda f: (f.sheet is not None, sheets.get(f.sheet or "", len(sheets)),
                                        rank.get(f.severity, 3), position.get(f.field or "", -1)))


def lines(spec: Spec, found: Iterable[Finding], lang: str) -> list[tuple[str, str]]:
    """One line per finding, except that a message repeated across many cells of a sheet is one line, and so are
    the rows of a published report read by inference when there are more than a few (all are in the JSON)."""
    found = list(found)
    inferred = [f for f in found if f.code == "IMPORT-INFERRED"]
    many_inferred = len(inferred) > SHOWN_INFERRED
    in_order = ordered(spec, (f for f in found if not (many_inferred and f.code == "IMPORT-INFERRED")))
    groups: dict[tuple[str | None, str, str], list[Finding]] = {}
    for f in in_order:
        groups.setdefault((f.sheet, f.code, f.text(lang)), []).append(f)
    out: list[tuple[str, str]] = []
    done = set()
    for f in in_order:
        key = (f.sheet, f.code, f.text(lang))
        same = groups[key]
        if len(same) < COLLAPSE_FROM:
            out.append((finding_line(spec, f, lang), f.severity))
        elif key not in done:
            done.add(key)
            many = text("validate.many", lang, cells=[str(g.cell) for g in same[:3]], count=len(same))
            severity = text("severity." + f.severity, lang)
            out.append((f"{severity} {f.sheet} {many} {f.code}{text('finding.separator', lang)}{f.text(lang)}",
                        f.severity))
    if many_inferred:  # a table whose digits all ran together: one line, not one a row
        tables = text("list.join", lang).join(dict.fromkeys(str(f.sheet) for f in inferred))
        out.append((text("import.inferred_many", lang, count=len(inferred), tables=tables), "info"))
    return out


def report(console: Console, spec: Spec, result: Report, lang: str) -> None:
    table = Table(Column(text("col.file", lang), overflow="fold"), text("col.unit", lang), text("col.status", lang),
                  text("col.errors", lang), text("col.warnings", lang))
    # a big batch: the table names the files to send back, the first SHOWN_UNITS of them; the rest are counted
    to_see = [r for r in result.files if len(result.files) <= SHOWN_FILES or r.status in ("error", "unreadable")]
    listed = to_see[:SHOWN_UNITS]
    for r in listed:
        counts = [sum(f.severity == s for f in r.findings) for s in ("error", "warning")]
        table.add_row(_name(r.path), shown(_unit(r)), Text(text("status." + r.status, lang), STYLE[r.status]),
                      *(str(n) for n in counts))
    console.print(table)
    # every file's findings below, unless more than SHOWN_UNITS files have some: then those of the table's files
    with_findings = [r for r in result.files if r.findings]
    detailed = with_findings if len(with_findings) <= SHOWN_UNITS else listed
    if len(listed) < len(to_see):
        console.print(text("validate.more", lang, count=len(to_see) - len(listed)))
    if len(to_see) < len(result.files):
        hidden = "validate.hidden" if detailed is with_findings else "validate.hidden_unlisted"
        console.print(text(hidden, lang, count=len(result.files) - len(to_see)))
    details = Text()  # one text printed once: a print per line costs more than checking the file did
    for r in detailed:
        if not r.findings:
            continue
        title = f"{_name(r.path)}  {shown(_unit(r))}"
        details.append(title, "rule.text").append(" " + "─" * max(3, console.width - cell_len(title) - 1) + "\n",
                                                   "rule.line")
        for line, severity in lines(spec, r.findings, lang):
            details.append(shown(line) + "\n", STYLE[severity])
    console.print(details, end="")
    console.print(text("validate.summary", lang, **result.summary))


def merged(console: Console, spec: Spec, result: Merged, lang: str) -> None:
    """A merge in a few lines: how many files went in, then what was found on the total."""
    unit = result.document["unit"]
    console.print(text("merge.summary", lang, name=unit["name"], year=result.document["year"],
                       files=len(result.files), included=len(result.included),
                       left_out=len(result.files) - len(result.included)))
    for line, severity in lines(spec, result.findings, lang):
        console.print(shown(line), style=STYLE[severity])


def collection(console: Console, result: Collection, lang: str) -> None:
    """The roster's units, those not ok first when there are many; then strangers and duplicates."""
    desk = any(u.versions for u in result.units)  # a desk's: how many times each unit sent its return
    table = Table(Column(text("col.code", lang), overflow="fold"), Column(text("col.unit", lang), overflow="fold"),
                  Column(text("col.status", lang), no_wrap=True),
                  text("col.errors", lang), text("col.warnings", lang), *([text("col.rounds", lang)] if desk else []),
                  Column(text("col.file", lang), overflow="fold"))  # a name wrapped, not cut: the code is in it
    units = result.units
    to_see = [u for u in units if len(units) <= SHOWN_FILES or u.status not in ("ok", "warning")]
    listed = to_see[:SHOWN_UNITS]
    for u in listed:
        rounds = [str(len(u.versions))] if desk else []
        table.add_row(shown(u.code), shown(u.name), Text(u.said(lang), STYLE[u.status]),
                      str(u.errors), str(u.warnings), *rounds, _name(u.file) if u.file else "")
    console.print(table)
    if len(listed) < len(to_see):
        console.print(text("status.more", lang, count=len(to_see) - len(listed)))
    if len(to_see) < len(units):
        console.print(text("status.hidden", lang, count=len(units) - len(to_see)))
    for u in result.unknown[:SHOWN_UNITS]:
        unit = f"{u.code} {u.name}".strip()
        said = text("status.unknown", lang, unit=unit, file=u.file or "") if unit else \
            text("status.unknown_unread", lang, file=u.file or "", status=u.said(lang))  # no unit read from it
        console.print(said, style="yellow")
    for u in result.duplicates:
        files = text("list.join", lang).join(u.files)
        console.print(text("status.duplicate", lang, unit=f"{u.code} {u.name}", files=files), style="red")
    console.print(text("status.summary", lang, **result.summary))
