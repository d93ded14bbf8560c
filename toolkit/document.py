"""The report document of DESIGN.md: built from field values, read back by field."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .spec import Field, Spec


def part(document: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """An object inside a document (`unit`, `source`, `contact`), empty when a document read from JSON lacks it
    or holds something else there."""
    inside = document.get(key)
    return inside if isinstance(inside, Mapping) else {}


def absent_said(absent: Mapping[str, Any]) -> str:
    """A unit a total lacks (an item of its `absent`), as a list names it: 某乡（代县／某镇）."""
    name = str(absent.get("name") or absent.get("code") or "")
    return f"{name}（{absent['within']}）" if absent.get("within") else name


def build(spec: Spec, year: int | None, unit: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """A document with every field of the format; a field missing from `values` is blank (None)."""
    document: dict[str, Any] = {"format": spec.format, "year": year, "unit": dict(unit)}
    for table, rows in spec.shape:
        document[table] = {outer: {inner: values.get(path) for inner, path in cells} for outer, cells in rows}
    return document


def with_totals(spec: Spec, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Input values plus every total as the template's formulas compute it (SUM skips blanks and text).

    A total given in `inputs` (typed over) is kept as given; an input not given stays blank.
    """
    out = dict(inputs)
    for f in spec.totals_in_order:
        if f.path not in out:
            out[f.path] = sum([v for p in f.parts  # an int within bounds, most values, without a call
                               if (type(v := out.get(p)) is int and -LARGEST <= v <= LARGEST) or is_number(v)])
    return out


def value(document: Mapping[str, Any], f: Field) -> Any:
    table, outer, inner = f.keys
    try:
        return document[table][outer][inner]
    except (KeyError, TypeError):
        return None


def flat(document: Mapping[str, Any] | None, spec: Spec) -> dict[str, Any]:
    """Field path → value (None when blank or absent)."""
    if document is None:
        return {}
    out: dict[str, Any] = {}
    for table, rows in spec.shape:
        within = document.get(table)
        for outer, cells in rows:
            row = within.get(outer) if type(within) is dict else None
            if type(row) is dict:  # as documents are: a row at a time
                for inner, path in cells:
                    out[path] = row.get(inner)
            else:  # missing, or a document (from JSON) with something else there
                for _, path in cells:
                    out[path] = value(document, spec.fields[path])
    return out


LARGEST = 999_999_999_999_999  # 15 digits, all a spreadsheet holds exactly; no count or amount comes near


def is_number(v: Any) -> bool:
    """A value a report can hold: a finite int or float within ±LARGEST. NaN, infinities and absurd
    numbers (a stored 1e300) are no number to the rules or the sums; `validate.check` reports them."""
    kind = type(v)
    if kind is int:  # most values: no bool (a subclass of int), and no NaN
        n: int = v
        return -LARGEST <= n <= LARGEST
    return (kind is float or (isinstance(v, int | float) and not isinstance(v, bool))) \
        and math.isfinite(v) and -LARGEST <= v <= LARGEST
