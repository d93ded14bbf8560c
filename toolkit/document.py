"""The report document of DESIGN.md: built from field values, read back by field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .spec import Field, Spec


def build(spec: Spec, year: int | None, unit: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """A document with every field of the format; a field missing from `values` is blank (None)."""
    document: dict[str, Any] = {"format": spec.format, "year": year, "unit": dict(unit)}
    for f in spec.fields.values():
        table, outer, inner = f.keys
        document.setdefault(table, {}).setdefault(outer, {})[inner] = values.get(f.path)
    return document


def with_totals(spec: Spec, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Input values plus every total as the template's formulas compute it (SUM skips blanks and text)."""
    out = dict(inputs)

    def total(f: Field) -> Any:
        if f.is_input:
            return out.get(f.path)  # an input not given stays blank
        if f.path not in out:
            parts = [total(spec.fields[p]) for p in f.parts]
            out[f.path] = sum(v for v in parts if is_number(v))
        return out[f.path]

    for f in spec.fields.values():
        if not f.is_input:
            total(f)
    return out


def value(document: Mapping[str, Any], f: Field) -> Any:
    table, outer, inner = f.keys
    try:
        return document[table][outer][inner]
    except (KeyError, TypeError):
        return None


def flat(document: Mapping[str, Any] | None, spec: Spec) -> dict[str, Any]:
    """Field path → value (None when blank or absent)."""
    return {} if document is None else {path: value(document, f) for path, f in spec.fields.items()}


def is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)
