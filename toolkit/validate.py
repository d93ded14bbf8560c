"""Validate files: read each, check it, and gather the results into a report; in a process pool for a big
batch, one bad file a finding and never the end of the batch. Last year's reports and the office's
settings are loaded here too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import checker, findings, pool, read
from .checker import Config, check
from .document import part
from .errors import NianbaoError, XlsxError
from .files import read_json
from .findings import Finding
from .messages import Msg
from .resources import data_dir
from .roster import code_key, name_key
from .spec import Spec
from .spec import load as load_spec

if TYPE_CHECKING:
    import jsonschema


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        raw = read_json(path)
    except (OSError, ValueError, XlsxError) as exc:
        raise NianbaoError("config.unreadable", path=path, reason=exc) from exc
    import jsonschema  # only an office that has settings pays for it

    errors = _config_validator().iter_errors(raw)
    error = jsonschema.exceptions.best_match(errors)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(根)"
        shown = json.dumps(error.instance, ensure_ascii=False)
        raise NianbaoError("config.invalid", path=path, where=where, value=shown)
    return Config(raw.get("severity", {}), raw.get("explained", {}))


@cache
def _config_validator() -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads((data_dir("schemas") / "config.schema.json").read_text("utf-8")))


Status = Literal["ok", "warning", "error", "unreadable"]
STATUSES: tuple[Status, ...] = ("ok", "warning", "error", "unreadable")


@dataclass(frozen=True)
class FileResult:
    path: str
    unit: Mapping[str, Any] | None
    year: int | None
    format: str | None
    status: Status
    findings: tuple[Finding, ...]
    contact: Mapping[str, str | None] = field(default_factory=dict)  # 填报人, 联系电话… from the cover

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        out = {"path": self.path, "unit": dict(self.unit) if self.unit else None, "year": self.year,
               "format": self.format, "status": self.status, "findings": [f.to_dict(lang) for f in self.findings]}
        return {**out, "contact": dict(self.contact)} if self.contact else out


@dataclass(frozen=True)
class Report:
    files: tuple[FileResult, ...]
    feedback: tuple[Path, ...] = ()  # the feedback workbooks written, when asked for
    feedback_failed: tuple[tuple[str, str], ...] = ()  # (file, why) of a feedback workbook that could not be
    year: int | None = None  # the year collected: given, or the one most files are for

    @property
    def summary(self) -> dict[str, int]:
        out: dict[str, int] = {"files": len(self.files), **dict.fromkeys(STATUSES, 0), "errors": 0, "warnings": 0}
        for r in self.files:
            out[r.status] += 1
            out["errors"] += sum(f.severity == "error" for f in r.findings)
            out["warnings"] += sum(f.severity == "warning" for f in r.findings)
        return out

    @property
    def failed(self) -> bool:
        """Errors in the data: some file is unreadable or has an error (exit code 1)."""
        return any(r.status in ("error", "unreadable") for r in self.files)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {"files": [r.to_dict(lang) for r in self.files], "summary": self.summary}


def status(found: tuple[Finding, ...] | list[Finding], readable: bool = True) -> Status:
    if not readable:
        return "unreadable"
    severities = {f.severity for f in found}
    return "error" if "error" in severities else "warning" if "warning" in severities else "ok"


@dataclass(frozen=True)
class Previous:
    """Earlier reports by (unit code, year), and what could not be read (path → why: a finding or a sentence)."""

    reports: Mapping[tuple[str, int], Mapping[str, Any]] = field(default_factory=dict)
    unreadable: Mapping[str, Finding | Msg] = field(default_factory=dict)

    def of(self, unit: Mapping[str, Any], year: int) -> Mapping[str, Any] | None:
        """A unit's report of `year`: by its code, else (a published report names no code) by its name."""
        code, name = code_key(str(unit.get("code") or "")), name_key(str(unit.get("name") or ""))
        return self.reports.get((code, year)) or (self.reports.get((BY_NAME + name, year)) if name else None)


BY_NAME = "name:"  # the key of a report known by its unit's name only (a published report)


NO_PREVIOUS, NO_CONFIG = Previous(), Config()


def load_previous(paths: list[Path]) -> Previous:
    """Read earlier workbooks or report documents; reference data, never judged."""
    reports: dict[tuple[str, int], Mapping[str, Any]] = {}
    unreadable: dict[str, Finding | Msg] = {}
    for path in paths:
        got = read.extract(path)
        doc = got.document or {}
        unit = part(doc, "unit")
        code, year = code_key(str(unit.get("code") or "")), doc.get("year")
        key = code or (BY_NAME + name_key(str(unit.get("name") or "")) if unit.get("name") else "")
        if not key or not isinstance(year, int):
            unreadable[str(path)] = got.findings[0] if got.findings else Msg("previous.no_code")
        else:
            reports[(key, year)] = doc
    return Previous(reports, unreadable)


def assess(path: Path, previous: Previous = NO_PREVIOUS,
           config: Config = NO_CONFIG) -> tuple[FileResult, dict[str, Any] | None]:
    """A file's result, and its report document (None when it cannot be read into one)."""
    got = read.extract(path)
    doc = got.document
    if doc is None:
        return FileResult(str(path), None, None, None, "unreadable", got.findings), None
    unit = part(doc, "unit")
    code = code_key(str(unit.get("code") or ""))
    found = list(got.findings)
    year = doc.get("year")
    last = previous.of(unit, year - 1) if isinstance(year, int) else None
    found += checked_published(doc, last, load_spec(), config) if part(doc, "source").get("kind") == "published" \
        else settled(check(doc, previous=last, config=config), doc, load_spec())
    if last is None:
        found += [findings.make("PREVIOUS-UNREADABLE", path=p, reason=reason)
                  for p, reason in previous.unreadable.items() if _may_serve(p, code)]
    contact = part(doc, "contact")
    return FileResult(str(path), unit, doc.get("year"), doc.get("format"), status(found), tuple(found),
                      {k: v for k, v in contact.items() if isinstance(v, str)}), doc


def checked_published(doc: Mapping[str, Any], last: Mapping[str, Any] | None, spec: Spec,
                      config: Config = NO_CONFIG) -> list[Finding]:
    """The checks of a published report: its findings name the table and row as printed (it has no cells)."""
    return [replace(f, cell=None, related=()) for f in settled(check(doc, previous=last, config=config), doc, spec)]


def settled(found: list[Finding], doc: Mapping[str, Any], spec: Spec) -> list[Finding]:
    """`found` without what touches a cell an import from a published report left blank with a reason (a row
    missing, digits that read several ways): checked as if 0, it would report differences the report does not
    have, and ask to fill in a 0 that was never the figure."""
    unsettled = checker.unsettled(doc, spec)
    if not unsettled:
        return found
    fields_at: dict[tuple[str | None, str], str] = {(f.sheet, f.cell): path for path, f in spec.fields.items()}
    return [f for f in found if not {f.field, *(fields_at.get((f.sheet, cell)) for cell in f.related)} & unsettled]


def _may_serve(path: str, code: str) -> bool:
    """Whether an unreadable file of last year may be this unit's: its name has the code, or no code at all."""
    name = Path(path).name
    return (bool(code) and code in name) or not re.search(r"\d{6}", name)


def run(paths: list[Path], *, year: int | None = None, previous: Previous = NO_PREVIOUS,
        config: Config = NO_CONFIG, feedback: Path | None = None, lang: str = "zh", workers: int | None = None,
        on_file: Callable[[FileResult], None] | None = None) -> Report:
    """Validate every file into a Report; one bad file is a finding, never the end of the batch.

    A report for another `year` than the one collected (given, else the one most files are for) is refused
    with YEAR-MISMATCH. With `feedback`, a folder, each file with something to fix then gets its feedback
    workbook there (in `lang`); one that cannot be written is listed, and NianbaoError when the folder cannot
    be written at all. `on_file` hears of each result (a progress bar)."""
    files = []
    for result, _ in results(paths, previous=previous, config=config, workers=workers):
        files.append(result)
        if on_file is not None:
            on_file(result)
    expected = year if year is not None else common_year(files)
    files = [of_year(r, expected) for r in files]
    written: list[Path] = []
    failed: list[tuple[str, str]] = []
    if feedback is not None:
        from . import feedback as feedback_module  # openpyxl: imported only when feedback is asked for

        for result in filter(feedback_module.needed, files):
            doc = read.extract(Path(result.path)).document  # read again: only files with something to fix pay
            made, failure = feedback_module.in_batch(result, doc, feedback, lang=lang, year=expected)
            if failure is not None:
                failed.append(failure)
            elif made is not None:
                written.append(made.path)
    return Report(tuple(files), tuple(written), tuple(failed), expected)


def common_year(results: Iterable[FileResult]) -> int | None:
    """The year a batch is for: the one most reports are for (the later one of a tie)."""
    years = Counter(r.year for r in results if r.year is not None)
    return max(years, key=lambda y: (years[y], y)) if years else None


def of_year(result: FileResult, year: int | None) -> FileResult:
    """`result` refused with YEAR-MISMATCH when it is for another year than `year` (an empty form stays EMPTY)."""
    if year is None or result.year is None or result.year == year or any(f.code == "EMPTY" for f in result.findings):
        return result
    found = (findings.make("YEAR-MISMATCH", year=result.year, collected=year, expected=year, actual=result.year),
             *result.findings)
    return replace(result, findings=found, status="error")


def results(paths: list[Path], *, previous: Previous = NO_PREVIOUS, config: Config = NO_CONFIG,
            workers: int | None = None, documents: bool = False
            ) -> Iterator[tuple[FileResult, dict[str, Any] | None]]:
    """Each file's result in order, with its document if asked for; a process pool for large batches."""
    yield from pool.in_order(_worker, paths, setup=_init_worker, setup_args=(previous, config, documents),
                             workers=workers)


_WORKER: dict[str, Any] = {}


def _init_worker(previous: Previous, config: Config, documents: bool) -> None:
    _WORKER.update(previous=previous, config=config, documents=documents)


def _worker(path: Path) -> tuple[FileResult, dict[str, Any] | None]:
    result, doc = assess(path, _WORKER["previous"], _WORKER["config"])
    return result, doc if _WORKER["documents"] else None
