"""How every workbook we write looks and prints: one font, one set of colours, one A4 print setup."""

from __future__ import annotations

from typing import Any

FONT = "宋体"
INPUT_FILL, TOTAL_FILL, HEADER_FILL = "#FFF2CC", "#E7E6E6", "#F2F2F2"  # where a unit types, totals, headings
# ✓, and the marks of errors and warnings: orange, not Excel's yellow "neutral", which is hard to tell from
# the input tint; blue for a value the tool changed (a number it read from text)
OK_FILL, ERROR_FILL, WARNING_FILL, CHANGED_FILL = "#C6EFCE", "#FFC7CE", "#F4B183", "#BDD7EE"
UNREADABLE_FILL, MISSING_FILL = "#D9C3E9", "#D9D9D9"  # in a status list: a file that cannot be read, none at all
A4 = 9  # Excel's number for the paper
FOOTER = "&C第 &P 页，共 &N 页"


def amount_format(decimals: int) -> str:
    """The number format of an amount: two decimals always shown, the rest as typed (`0.00####` for six)."""
    return "0.00" + "#" * max(0, decimals - 2)


def print_setup(ws: Any, *, pages_wide: int = 1, pages_tall: int = 0, repeat: tuple[int, int] | None = None,
                area: tuple[int, int] | None = None, portrait: bool = False, centered: bool = False) -> None:
    """An xlsxwriter sheet on A4, landscape unless `portrait`, with page numbers at the foot: `pages_wide`
    pages across and `pages_tall` down (0: as many as it takes), rows `repeat` (first, last) on every page,
    the print area up to `area` (last row, last column)."""
    ws.set_portrait() if portrait else ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.fit_to_pages(pages_wide, pages_tall)
    ws.set_footer(FOOTER)
    if centered:
        ws.center_horizontally()
    if repeat is not None:
        ws.repeat_rows(*repeat)
    if area is not None:
        ws.print_area(0, 0, *area)
