"""Reading a row of a published table whose cells may have run together: `一、本年新收…21710000218` is 217, 1,
0, 0, 0, 0, 218 only because that is the one way to cut the digits for which the row's total is the sum of
its parts.

A row as printed is a list of pieces: a number on its own (a cell, or digits between spaces), a blank cell,
or a run of digits that may hold several cells. `readings` lists every way to read the row as its cells
(numbers as printed never start with 0 unless they are 0) that the rules within the row allow; `resolve`
keeps, across rows, the combinations that the rules between rows allow. A row read one way only stands; a
row read one way only once the rules are applied is inferred (said, with the cells); a row still read
several ways is left blank, its candidates said. No number is ever made up: every reading uses the digits
as printed, in order.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

Value = int | float | None
Reading = tuple[Value, ...]
MAX_READINGS = 2_000  # of one row; beyond this the row is too ambiguous to be worth a search
MAX_COMBINATIONS = 20_000  # of ambiguous rows together, tried against the rules between them


@dataclass(frozen=True)
class Piece:
    text: str  # digits (a decimal point allowed in a number), or "" for a blank cell

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def value(self) -> Value:
        if not self.text:
            return None
        return float(self.text) if "." in self.text else int(self.text)


def cuts(run: str, parts: int, allowed: Callable[[tuple[int, ...]], bool] | None = None) -> Iterator[tuple[int, ...]]:
    """Every way to cut a string of digits into `parts` numbers as printed ("0" alone, never "07"), in order;
    `allowed` may stop a way early, given the numbers so far."""
    def go(start: int, left: int, done: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        if left == 1:  # the last number is what is left
            rest = run[start:]
            if rest and (len(rest) == 1 or rest[0] != "0"):
                number = (*done, int(rest))
                if allowed is None or allowed(number):
                    yield number
            return
        room = len(run) - start - (left - 1)  # the longest this number may be, leaving a digit for each next
        longest = 1 if run[start] == "0" else room
        for size in range(1, longest + 1):
            number = (*done, int(run[start:start + size]))
            if allowed is None or allowed(number):
                yield from go(start + size, left - 1, number)

    if 0 < parts <= len(run):
        yield from go(0, parts, ())


def readings(pieces: Sequence[Piece], n: int, allowed: Callable[[Reading], bool] | None = None, *,
             pad: bool = False, prune: Callable[[tuple[int, ...]], bool] | None = None) -> list[Reading]:
    """The ways to read `pieces` as a row of `n` cells that `allowed` accepts. Pieces that are `n` or more are
    read as they are (the first `n`); fewer: runs of digits are cut (a run may hold several cells). When no
    cut is allowed: with `pad`, what is printed with the cells missing at the end blank (表二, whose last
    column is often left blank); else none (the row cannot be read). `prune` refuses a row's first cells
    early, when they break a rule among themselves (it keeps a long run's cuts from growing combinatorially)."""
    if len(pieces) >= n:
        row = tuple(p.value for p in pieces[:n])
        return [row]
    missing = n - len(pieces)
    splittable = [i for i, p in enumerate(pieces) if not p.blank and "." not in p.text and len(p.text) > 1]
    found: list[Reading] = []
    for extra in _shares(missing, [len(pieces[i].text) - 1 for i in splittable]):
        parts = dict(zip(splittable, extra, strict=True))
        choices = [list(cuts(p.text, parts[i] + 1, prune if i == 0 else None)) if parts.get(i) else [(p.value,)]
                   for i, p in enumerate(pieces)]
        for combination in itertools.product(*choices):
            row = tuple(v for chunk in combination for v in chunk)
            if allowed is None or allowed(row):
                found.append(row)
                if len(found) > MAX_READINGS:
                    return found
    if not found and pad:
        found.append(tuple(p.value for p in pieces) + (None,) * missing)
    return found


def _shares(total: int, limits: list[int]) -> Iterator[tuple[int, ...]]:
    """Every way to give `total` extra cells to runs that can take at most `limits` each."""
    if not limits:
        if total == 0:
            yield ()
        return
    for first in range(min(total, limits[0]) + 1):
        for rest in _shares(total - first, limits[1:]):
            yield (first, *rest)


@dataclass(frozen=True)
class Resolved:
    rows: dict[str, Reading | None]  # row key → its reading; None: still several ways, left blank
    ambiguous: dict[str, list[Reading]]  # rows left blank, with their readings


def resolve(candidates: dict[str, list[Reading]], consistent: Callable[[dict[str, Reading]], bool]) -> Resolved:
    """Choose each row's reading: the rows read one way stand; of the others, the combinations `consistent`
    accepts (the rules between rows) decide: a row read alike in every accepted combination is read so."""
    fixed = {key: rows[0] for key, rows in candidates.items() if len(rows) == 1}
    open_rows = {key: rows for key, rows in candidates.items() if len(rows) > 1}
    unread: dict[str, list[Reading]] = {key: [] for key, rows in candidates.items() if not rows}
    if not open_rows:
        return Resolved({**fixed, **dict.fromkeys(unread)}, unread)
    size = 1
    for rows in open_rows.values():
        size *= len(rows)
    accepted: list[dict[str, Reading]] = []
    if size <= MAX_COMBINATIONS:
        keys = list(open_rows)
        for combination in itertools.product(*(open_rows[k] for k in keys)):
            chosen = {**fixed, **dict(zip(keys, combination, strict=True))}
            if consistent(chosen):
                accepted.append(chosen)
    out: dict[str, Reading | None] = {**fixed, **dict.fromkeys(unread)}
    ambiguous = dict(unread)
    for key, rows in open_rows.items():
        seen = {tuple(a[key]) for a in accepted}
        if len(seen) == 1:
            out[key] = accepted[0][key]
        else:
            out[key] = None
            ambiguous[key] = sorted({tuple(a[key]) for a in accepted}, key=str) if accepted else rows
    return Resolved(out, ambiguous)
