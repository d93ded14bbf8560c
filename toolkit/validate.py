"""Validate files: read each, check it, and gather the results into a report; in a process pool for a big
batch, one bad file a finding and never the end of the batch. Last year's reports and the office's
settings are loaded here too.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from . import findings, read
from .checker import Config, check, prepare
from .errors import NianbaoError, XlsxError
from .files import read_json
from .findings import Finding
from .resources import data_dir
from .roster import code_key
from .spec import load as load_spec


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        raw = read_json(path)
    except (OSError, ValueError, XlsxError) as exc:
        raise NianbaoError("config.unreadable", path=path, reason=exc) from exc
    errors = _config_validator().iter_errors(raw)
    error = jsonschema.exceptions.best_match(errors)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(根)"
        shown = json.dumps(error.instance, ensure_ascii=False)
        raise NianbaoError("config.invalid", path=path, where=where, value=shown)
    return Config(raw.get("severity", {}), raw.get("explained", {}))


@cache
def _config_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((data_dir("schemas") / "config.schema.json").read_text("utf-8")))


STATUSES = ("ok", "warning", "error", "unreadable")
PARALLEL_FROM = 64  # files; below this a process pool costs more than it saves
WINDOW = 2048  # files handed to the pool at a time


@dataclass(frozen=True)
class FileResult:
    path: str
    unit: Mapping[str, Any] | None
    year: int | None
    format: str | None
    status: str  # one of STATUSES
    findings: tuple[Finding, ...]
    contact: Mapping[str, str | None] = field(default_factory=dict)  # 填报人, 联系电话… from the cover

    def to_dict(self) -> dict[str, Any]:
        out = {"path": self.path, "unit": dict(self.unit) if self.unit else None, "year": self.year,
               "format": self.format, "status": self.status, "findings": [f.to_dict() for f in self.findings]}
        return {**out, "contact": dict(self.contact)} if self.contact else out


@dataclass(frozen=True)
class Report:
    files: tuple[FileResult, ...]

    @property
    def summary(self) -> dict[str, int]:
        out = {"files": len(self.files), **{status: 0 for status in STATUSES}, "errors": 0, "warnings": 0}
        for r in self.files:
            out[r.status] += 1
            out["errors"] += sum(f.severity == "error" for f in r.findings)
            out["warnings"] += sum(f.severity == "warning" for f in r.findings)
        return out

    @property
    def failed(self) -> bool:
        """Errors in the data: some file is unreadable or has an error (exit code 1)."""
        return any(r.status in ("error", "unreadable") for r in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"files": [r.to_dict() for r in self.files], "summary": self.summary}


def status(found: tuple[Finding, ...] | list[Finding], readable: bool = True) -> str:
    if not readable:
        return "unreadable"
    severities = {f.severity for f in found}
    return "error" if "error" in severities else "warning" if "warning" in severities else "ok"


@dataclass(frozen=True)
class Previous:
    """Earlier reports by (unit code, year), and what could not be read (path → reason)."""

    reports: Mapping[tuple[str, int], Mapping[str, Any]] = field(default_factory=dict)
    unreadable: Mapping[str, str] = field(default_factory=dict)


NO_PREVIOUS, NO_CONFIG = Previous(), Config()


def load_previous(paths: list[Path], lang: str = "zh") -> Previous:
    """Read earlier workbooks or report documents; reference data, never judged."""
    reports: dict[tuple[str, int], Mapping[str, Any]] = {}
    unreadable: dict[str, str] = {}
    for path in paths:
        got = read.extract_any(path, lang=lang)
        doc = got.document or {}
        unit, year = doc.get("unit"), doc.get("year")
        code = code_key(str(unit.get("code") or "")) if isinstance(unit, Mapping) else None
        if not code or not isinstance(year, int):
            reason = "；".join(f.message for f in got.findings) or ("无单位代码或报告年度" if lang == "zh"
                                                                  else "no unit code or report year")
            unreadable[str(path)] = reason
        else:
            reports[(code, year)] = doc
    return Previous(reports, unreadable)


def assess(path: Path, previous: Previous = NO_PREVIOUS, config: Config = NO_CONFIG,
           lang: str = "zh") -> tuple[FileResult, dict[str, Any] | None]:
    """A file's result, and its report document (None when it cannot be read into one)."""
    got = read.extract_any(path, lang=lang)
    doc = got.document
    if doc is None:
        return FileResult(str(path), None, None, None, "unreadable", got.findings), None
    unit = doc.get("unit") if isinstance(doc.get("unit"), Mapping) else {}
    code = code_key(str(unit.get("code") or ""))
    found = list(got.findings)
    year = doc.get("year")
    last = previous.reports.get((code, year - 1)) if isinstance(year, int) else None
    found += check(doc, previous=last, config=config, lang=lang)
    if last is None:
        found += [findings.make("PREVIOUS-UNREADABLE", lang, path=p, reason=reason)
                  for p, reason in previous.unreadable.items() if _may_serve(p, code)]
    contact = doc.get("contact") if isinstance(doc.get("contact"), Mapping) else {}
    return FileResult(str(path), unit, doc.get("year"), doc.get("format"), status(found), tuple(found),
                      {k: v for k, v in contact.items() if isinstance(v, str)}), doc


def _may_serve(path: str, code: str) -> bool:
    """Whether an unreadable file of last year may be this unit's: its name has the code, or no code at all."""
    name = Path(path).name
    return bool(code) and code in name or not re.search(r"\d{6}", name)


def run(paths: list[Path], *, previous: Previous = NO_PREVIOUS, config: Config = NO_CONFIG, lang: str = "zh",
        workers: int | None = None) -> Report:
    """Validate every file; one bad file is a finding, never the end of the batch."""
    return Report(tuple(r for r, _ in results(paths, previous=previous, config=config, lang=lang, workers=workers)))


def results(paths: list[Path], *, previous: Previous = NO_PREVIOUS, config: Config = NO_CONFIG, lang: str = "zh",
            workers: int | None = None, documents: bool = False
            ) -> Iterator[tuple[FileResult, dict[str, Any] | None]]:
    """Each file's result in order, with its document if asked for; a process pool for large batches."""
    if len(paths) < PARALLEL_FROM or workers == 1:
        for p in paths:
            result, doc = assess(p, previous, config, lang)
            yield result, doc if documents else None
        return
    from concurrent.futures import ProcessPoolExecutor

    prepare(load_spec())  # compiled once here: forked workers inherit it

    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(previous, config, lang, documents)) as pool:
        chunk = max(1, min(WINDOW, len(paths)) // (16 * (workers or os.cpu_count() or 1)))
        for start in range(0, len(paths), WINDOW):  # so that results waiting for the caller stay few
            yield from pool.map(_worker, paths[start:start + WINDOW], chunksize=chunk)


_WORKER: dict[str, Any] = {}


def _init_worker(previous: Previous, config: Config, lang: str, documents: bool) -> None:
    _WORKER.update(previous=previous, config=config, lang=lang, documents=documents)


def _worker(path: Path) -> tuple[FileResult, dict[str, Any] | None]:
    result, doc = assess(path, _WORKER["previous"], _WORKER["config"], _WORKER["lang"])
    return result, doc if _WORKER["documents"] else None
