"""0-based (row, column) inside, A1 at every user-facing edge: the one conversion."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

A1 = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
MAX_ROW, MAX_COL = 1_048_576, 16_384


def column_letter(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=1 << 16)  # every returned file names the same few hundred cells
def a1(row: int, col: int, absolute: bool = False) -> str:
    dollar = "$" if absolute else ""
    return f"{dollar}{column_letter(col)}{dollar}{row + 1}"


@lru_cache(maxsize=1 << 16)  # the same few hundred references recur in every file of a template
def parse_a1(ref: str) -> tuple[int, int]:
    """`D6` or `$D$6` → (5, 3), the inverse of `a1`; ValueError for anything else or outside a sheet."""
    m = A1.fullmatch(ref)
    if m is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in m[1].upper():
        col = col * 26 + ord(ch) - 64
    row = int(m[2])
    if not (1 <= row <= MAX_ROW and col <= MAX_COL):
        raise ValueError(f"outside the sheet: {ref}")
    return row - 1, col - 1


def a1_range(row: int, col: int, last_row: int, last_col: int) -> str:
    first, last = a1(row, col), a1(last_row, last_col)
    return first if first == last else f"{first}:{last}"


def runs(cells: Iterable[tuple[int, int]]) -> list[str]:
    """A1 references of the cells, consecutive cells in a column or row joined into ranges."""
    runs: list[list[tuple[int, int]]] = []
    for r, c in cells:
        if runs:
            start, end = runs[-1][0], runs[-1][-1]
            vertical = start[1] == end[1] == c and r == end[0] + 1 and (len(runs[-1]) == 1 or start[0] != end[0])
            horizontal = start[0] == end[0] == r and c == end[1] + 1 and (len(runs[-1]) == 1 or start[1] != end[1])
            if vertical or horizontal:
                runs[-1].append((r, c))
                continue
        runs.append([(r, c)])
    return [a1_range(*run[0], *run[-1]) for run in runs]
