"""Receiving files at a desk (`nianbao desk add`): each stored, read, checked and entered in the ledger.

Every file given (and every file inside an archive or a mail) is hashed and stored first, then read and
checked like `validate` reads and checks, by a pool of processes for a large batch; the main process
decides what the file is and enters it, a batch of rows per transaction:

- the same bytes as a file received before: DUPLICATE, noted, not stored or read again;
- a workbook the desk wrote itself (feedback, a total), or a total of no roster unit: OWN-OUTPUT;
- an archive or a mail: `container`, kept; what it holds is received one by one;
- not a workbook (Word, PDF, images): NOT-A-WORKBOOK, kept and listed;
- an empty form: EMPTY; another year's: YEAR-MISMATCH; neither counts as a return;
- else a return, the unit's next version (第 n 次报送), claimed by the unit in the file (metadata, else the
  cover), else by a roster code in its file name, else waiting unclaimed (UNCLAIMED) with the reason.

A file uploaded through a unit's link (`origin["link"]`, see `toolkit.web`) is that unit's when it names no
unit, and waits unclaimed when it names another: a link never submits for someone else. `preview` says what
receiving a file would make of it, entering nothing: the page a unit checks its file on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from . import findings, pool, validate
from .checker import Config
from .errors import XlsxError, file_reason, os_reason
from .findings import Finding
from .inputs import NOT_WORKBOOKS, WORKBOOK_SUFFIXES
from .intake import Item
from .ledger import Kind, Ledger, Store, Submission, packed
from .messages import Msg
from .roster import Lookup, Unit
from .xlsx import CFB

BATCH = 200  # rows entered per transaction
READ_AS_RETURNS = ("xlsb", "csv", "template")  # not our workbook, but a unit's attempt at one: 无法读取


@dataclass(frozen=True)
class Receipt:
    """What became of one file given to the desk: its receipt number and what it counts as."""

    number: int | None  # 收件号; None when the file could not be taken at all (see `problem`)
    name: str
    origin: Mapping[str, Any]
    kind: Kind | None
    unit: Unit | None = None
    version: int | None = None  # 第 n 次报送, for a return
    status: str | None = None  # of a return: ok, warning, error, unreadable
    findings: tuple[Finding, ...] = ()  # what the desk says of the file first, then what its checks found
    problem: Msg | str | None = None
    again: bool = False  # the same file from the same place, received before: nothing new entered


@dataclass(frozen=True)
class _Taken:
    """What a worker made of one item: where its bytes are stored, and what reading them found."""

    sha256: str | None = None
    result: validate.FileResult | None = None
    document: bytes | None = None  # the report document as the ledger keeps it (`ledger.packed`), packed here
    total: bool = False  # the document is a total's (it has members)
    known: bool = False  # received before: not read again
    problem: Msg | str | None = None


def receive(ledger: Ledger, lookup: Lookup, year: int, items: Iterable[Item], *, config: Config = validate.NO_CONFIG,
            workers: int | None = None, on_file: Callable[[Receipt], None] | None = None) -> list[Receipt]:
    """Store, read, check and enter `items`; the receipts in order. Crash-safe: see `ledger`."""
    tasks = list(items)
    known = frozenset(sha for (sha,) in ledger.db.execute("SELECT DISTINCT sha256 FROM submissions"))
    previous = validate.Previous(ledger.previous())
    taken = pool.in_order(_take, tasks, setup=_setup, setup_args=(ledger.store.folder, previous, config, known),
                          workers=workers)
    receipts: list[Receipt] = []
    pending: list[tuple[Item, _Taken]] = []
    for item, got in zip(tasks, taken, strict=True):
        pending.append((item, got))
        if len(pending) >= BATCH:
            receipts += _enter(ledger, lookup, year, pending, on_file)
            pending = []
    receipts += _enter(ledger, lookup, year, pending, on_file)
    return receipts


@dataclass(frozen=True)
class Preview:
    """What receiving a file would make of it: its receipt (no number; `version` the one it would get) and
    its report document."""

    receipt: Receipt
    document: dict[str, Any] | None
    result: validate.FileResult | None = None  # as `validate` reports it, for a workbook that was read


def preview(ledger: Ledger, lookup: Lookup, year: int, item: Item, path: Path, *, previous: validate.Previous,
            config: Config = validate.NO_CONFIG) -> Preview:
    """Read and check one file (its bytes `item.data`, also at `path`) as `receive` would, entering nothing."""
    assert item.data is not None
    sha256 = hashlib.sha256(item.data).hexdigest()
    first = ledger.first_with(sha256)
    if first is not None:
        unit = lookup.by_code.get(first.unit) if first.unit else None
        said = (findings.make("DUPLICATE", first=first.id, name=first.name),)
        return Preview(Receipt(None, item.name, item.origin, "duplicate", unit, first.version, first.status, said),
                       None)
    result = doc = None
    if item.problem is None and not item.container and _may_be_workbook(item.name, item.data):
        result, doc = validate.assess(path, previous, config)
        result = replace(result, path=item.name)
    got = _Taken(sha256, result, packed(doc) if doc is not None else None, doc is not None and "members" in doc)
    receipt, _, result, _ = _judged(ledger, lookup, year, item, got)
    return Preview(receipt, doc, result)


# ---------------------------------------------------------------- in the workers

_WORK: dict[str, Any] = {}


def _setup(store: Path, previous: validate.Previous, config: Config, known: frozenset[str]) -> None:
    _WORK.update(store=Store(store), previous=previous, config=config, known=known)


def _take(item: Item) -> _Taken:
    if item.problem is not None and item.data is None:
        return _Taken(problem=item.problem)
    try:
        data = item.content()
    except OSError as exc:
        return _Taken(problem=os_reason(exc))
    except XlsxError as exc:
        return _Taken(problem=file_reason(exc))
    sha256 = hashlib.sha256(data).hexdigest()
    if sha256 in _WORK["known"]:
        return _Taken(sha256, known=True)
    store: Store = _WORK["store"]
    store.put(data, sha256, deferred=True)  # on disk once a batch, before its rows commit (`_enter`)
    if item.problem is not None or item.container or not _may_be_workbook(item.name, data):
        return _Taken(sha256)
    result, doc = validate.assess(store.path(sha256), _WORK["previous"], _WORK["config"])
    return _Taken(sha256, replace(result, path=item.name), packed(doc) if doc is not None else None,
                  doc is not None and "members" in doc)


def _may_be_workbook(name: str, data: bytes) -> bool:
    """Whether to read a file as a return: named as a workbook (or as what units send instead of one), or
    holding a zip or an OLE file under another name."""
    suffix = Path(name).suffix.lower()
    return suffix in WORKBOOK_SUFFIXES or NOT_WORKBOOKS.get(suffix) in READ_AS_RETURNS \
        or (suffix not in NOT_WORKBOOKS and data[:4] == b"PK\x03\x04") or data[:8] == CFB


# ---------------------------------------------------------------- in the ledger


def _enter(ledger: Ledger, lookup: Lookup, year: int, batch: list[tuple[Item, _Taken]],
           on_file: Callable[[Receipt], None] | None) -> list[Receipt]:
    if not batch:
        return []
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    ledger.store.flush()  # the batch's files are on disk, under their names, before a row names them
    with ledger.writing():  # one transaction: versions and duplicates decided under the write lock
        receipts = [_entered(ledger, lookup, year, item, got, now) for item, got in batch]
    for receipt in receipts:  # said once committed
        if on_file is not None:
            on_file(receipt)
    return receipts


def _entered(ledger: Ledger, lookup: Lookup, year: int, item: Item, got: _Taken, now: str) -> Receipt:
    if got.sha256 is None:
        return Receipt(None, item.name, item.origin, None, problem=got.problem)
    first = ledger.first_with(got.sha256)
    if first is not None:  # received before (by an earlier run, or earlier in this one)
        return _duplicate(ledger, lookup, item, got.sha256, first, now)
    receipt, claim, result, doc = _judged(ledger, lookup, year, item, got)
    unit = receipt.unit
    row = {"sha256": got.sha256, "name": item.name, "origin": item.origin, "received": now, "kind": receipt.kind,
           "unit": unit.code if unit else None, "claim": claim, "version": receipt.version,
           "findings": [f.to_record() for f in receipt.findings]}
    if result is not None:
        row |= {"status": result.status, "year": result.year, "contact": dict(result.contact),
                "errors": sum(f.severity == "error" for f in result.findings),
                "warnings": sum(f.severity == "warning" for f in result.findings)}
    number = ledger.insert(row, doc if receipt.kind == "return" else None)
    return replace(receipt, number=number)


def _judged(ledger: Ledger, lookup: Lookup, year: int, item: Item, got: _Taken
            ) -> tuple[Receipt, str | None, validate.FileResult | None, bytes | None]:
    """A new file's receipt, unnumbered (its version the unit's next), how its unit was found, its checked
    result and its packed report document."""
    kind, said, result, doc = _what(ledger, lookup, year, item, got)
    unit, claim = _claim(lookup, item, result)
    if kind == "return" and unit is None:
        said = (*said, findings.make("UNCLAIMED", why=_why(item, result)))
    version = ledger.next_version(unit.code) if kind == "return" and unit is not None else None
    found = (*said, *(result.findings if result is not None else ()))
    receipt = Receipt(None, item.name, item.origin, kind, unit, version, result.status if result else None, found)
    return receipt, claim, result, doc


def _duplicate(ledger: Ledger, lookup: Lookup, item: Item, sha256: str, first: Submission, now: str) -> Receipt:
    """The same bytes again: noted (not stored or read again), unless from the very place they came from."""
    unit = lookup.by_code.get(first.unit) if first.unit else None
    said = (findings.make("DUPLICATE", first=first.id, name=first.name),)
    again = ledger.received_from(sha256, item.origin)
    if again is not None:
        return Receipt(again, item.name, item.origin, "duplicate", unit, findings=said, again=True)
    number = ledger.insert({"sha256": sha256, "name": item.name, "origin": item.origin, "received": now,
                            "kind": "duplicate", "unit": first.unit, "duplicate_of": first.id,
                            "findings": [f.to_record() for f in said]}, None)
    return Receipt(number, item.name, item.origin, "duplicate", unit, findings=said)


def _what(ledger: Ledger, lookup: Lookup, year: int, item: Item, got: _Taken
          ) -> tuple[Kind, tuple[Finding, ...], validate.FileResult | None, bytes | None]:
    """What a new file is (see the module's docstring), what the desk says of it, and its checked result."""
    assert got.sha256 is not None
    ours = ledger.output_kind(got.sha256)
    if ours is not None:
        return "own_output", (findings.make("OWN-OUTPUT", what=Msg(f"what.own_{ours}")),), None, None
    if item.container and item.problem is None:
        return "container", (), None, None
    result, doc = got.result, got.document
    if item.problem is not None or result is None:
        what = item.problem or Msg("what.not_a_workbook", {"suffix": Path(item.name).suffix.lower() or "-"})
        return "not_workbook", (findings.make("NOT-A-WORKBOOK", what=what),), None, None
    if doc is None:  # unreadable: a unit's broken workbook is a return (无法读取), a document is not
        suffix = Path(item.name).suffix.lower()
        if suffix in WORKBOOK_SUFFIXES or NOT_WORKBOOKS.get(suffix) in READ_AS_RETURNS:
            return "return", (), result, None
        reason = next((f.params.get("reason") for f in result.findings if f.code == "FILE-UNREADABLE"), None)
        what = reason or Msg("what.not_a_workbook", {"suffix": suffix or "-"})
        return "not_workbook", (findings.make("NOT-A-WORKBOOK", what=what),), None, None
    unit = result.unit or {}
    if got.total and lookup.find(str(unit.get("code") or ""), str(unit.get("name") or ""), "")[0] is None:
        return "own_output", (findings.make("OWN-OUTPUT", what=Msg("what.total_of", {"unit": unit.get("name")})),), \
            result, None
    if any(f.code == "EMPTY" for f in result.findings):
        return "empty", (), result, None
    dated = validate.of_year(result, year)
    if dated is not result:
        return "wrong_year", (), dated, None
    return "return", (), result, doc


def _claim(lookup: Lookup, item: Item, result: validate.FileResult | None) -> tuple[Unit | None, str | None]:
    unit = result.unit if result is not None and result.unit else {}
    code, name = str(unit.get("code") or ""), str(unit.get("name") or "")
    link = lookup.by_code.get(str(item.origin.get("link") or ""))
    if link is None:
        return lookup.find(code, name, item.name)
    found, claim = lookup.find(code, name, "")
    if found is None and not (code or name):
        return link, "assigned"  # a file naming no unit, given through the unit's own link
    return (found, claim) if found is link else (None, None)


def _why(item: Item, result: validate.FileResult | None) -> Msg:
    unit = result.unit if result is not None and result.unit else {}
    code, name = str(unit.get("code") or ""), str(unit.get("name") or "")
    if item.origin.get("link") and (code or name):
        return Msg("why.another_unit", {"code": code, "name": name})
    return Msg("why.unit_not_on_roster", {"code": code, "name": name}) if code or name else Msg("why.no_unit")
