"""0-based (row, column) inside, A1 at every user-facing edge: the one conversion."""

from __future__ import annotations


def column_letter(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int, absolute: bool = False) -> str:
    dollar = "$" if absolute else ""
    return f"{dollar}{column_letter(col)}{dollar}{row + 1}"


def a1_range(row: int, col: int, last_row: int, last_col: int) -> str:
    first, last = a1(row, col), a1(last_row, last_col)
    return first if first == last else f"{first}:{last}"
