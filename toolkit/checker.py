"""Check one report document: the JSON Schema, blank cells, then every cross-check rule.

`check(document)` is pure: a document in, findings out, each pinned to the cell of the user's
own file (from the document's `source.cells`, else the template position). Blank counts as 0 in
the arithmetic; a rule touching a cell that is not a number is skipped, since that cell already
has its own finding.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import findings, schema
from .document import LARGEST, flat, is_number, part, value
from .equation import holds
from .findings import Finding, Severity
from .messages import Msg
from .spec import Comparison, Field, Instance, Spec, Terms
from .spec import load as load_spec

if TYPE_CHECKING:
    import jsonschema

Number = int | float


@dataclass(frozen=True)
class Config:
    """A collecting office's choices: severities changed, and reasons units gave (by unit code and rule)."""

    severity: Mapping[str, Severity] = field(default_factory=dict)
    explained: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


_VALIDATORS: dict[tuple[str, str], jsonschema.Draft202012Validator] = {}


def _validator(spec: Spec) -> jsonschema.Draft202012Validator:
    """jsonschema, to list every error of a document that is not shaped as the reader builds it."""
    key = (spec.format, spec.version)
    if key not in _VALIDATORS:
        import jsonschema  # imported only for such a document: it costs a fifth of the start-up

        _VALIDATORS[key] = jsonschema.Draft202012Validator(schema.report_schema(spec))
    return _VALIDATORS[key]


class _Where:
    """Where a field is in the user's file: the reader's record, else the template position."""

    def __init__(self, spec: Spec, document: Mapping[str, Any]) -> None:
        self.spec = spec
        self.cells: Mapping[str, str] = part(part(document, "source"), "cells")

    def __call__(self, f: Field) -> dict[str, Any]:
        sheet, cell = self.place(f)
        return {"field": f.path, "sheet": sheet, "cell": cell}

    def place(self, f: Field) -> tuple[str, str]:
        """(sheet, cell) of the field in the user's file."""
        sheet, _, cell = str(self.cells.get(f.path, "")).rpartition("!")
        return sheet or f.sheet, cell or f.cell

    def cell(self, f: Field) -> str:
        return self.place(f)[1]


def check(
    document: Mapping[str, Any],
    *,
    previous: Mapping[str, Any] | None = None,
    config: Config = Config(),
    spec: Spec | None = None,
    total: bool | None = None,
) -> list[Finding]:
    """Every finding of one report document; `previous` is the same unit's report of the year before. A total
    of several units (`total`, by default a document that lists its members) is spared the checks of what one
    unit can plausibly report (fees that look like 元, regulations from a unit that may make none)."""
    spec = spec or load_spec()
    where = _Where(spec, document)
    this, last = flat(document, spec), flat(previous, spec)
    if all(this[f.path] is None for f in spec.inputs):  # the blank sent back: one finding, not one per cell
        return [findings.make("EMPTY", count=len(spec.inputs))]
    out = _schema_findings(spec, document, where)
    for f in spec.fields.values():
        v = this[f.path]
        if v is None:
            out.append(findings.make("CELL-BLANK", **where(f)))
        elif isinstance(v, float) and not math.isfinite(v):  # NaN passes the schema (NaN < 0 is false)
            out.append(findings.make("CELL-NOT-NUMBER", value=str(v), actual=str(v), **where(f)))
        elif f.type == "amount" and is_number(v) and _decimals(v) > spec.decimals["amount"]:
            out.append(findings.make("CELL-TOO-PRECISE", value=v, actual=v, decimals=spec.decimals["amount"],
                                     **where(f)))
    _skip_through_text(spec, this)
    if previous is not None:
        for path in unsettled(previous, spec):  # last year's cells an import left blank: no 0 to compare with
            last[path] = NOT_A_NUMBER
        _skip_through_text(spec, last)
    unit = part(document, "unit")
    total = "members" in document if total is None else total
    for inst in spec.instances:
        rule = inst.rule
        if (rule.needs_previous and previous is None) or (rule.per_unit and total):
            continue
        if rule.exempt_units and re.search(rule.exempt_units, str(unit.get("name") or "")):
            continue
        finding = _same_as_previous(inst, this, last, where) if inst.test is None \
            else _evaluate(inst, this, last, where, max(spec.decimals.values()))
        if finding is not None:
            out.append(finding)
    return _configured(out, config, str(unit.get("code") or ""))


SHOWN_TEXT = 60  # characters of a cell's text a finding quotes at most
NOT_A_NUMBER = object()  # stands for a value no rule can compute with


def unsettled(document: Mapping[str, Any], spec: Spec) -> set[str]:
    """The fields an import from a published report left blank with a reason (digits that read several ways,
    a row missing) and that are blank still: not blanks to fill with 0, so no rule is tried on them. A cell
    filled in since is checked like any other, whatever the list says."""
    paths = part(document, "source").get("unsettled")
    listed = {p for p in paths if isinstance(p, str) and p in spec.fields} if isinstance(paths, list) else set()
    return {p for p in listed if value(document, spec.fields[p]) is None}


def _skip_through_text(spec: Spec, values: dict[str, Any]) -> None:
    """Mark text cells, and totals over them, so that rules through them are skipped, not half computed."""
    if all(v is None or (-LARGEST <= v <= LARGEST if type(v) is int else is_number(v)) for v in values.values()):
        return  # the common case: nothing to mark
    known: dict[str, bool] = {}

    def bad(f: Field) -> bool:
        if f.path not in known:
            v = values.get(f.path)
            known[f.path] = (v is not None and not is_number(v)) or any(bad(spec.fields[p]) for p in f.parts)
        return known[f.path]

    for f in spec.fields.values():
        if bad(f):
            values[f.path] = NOT_A_NUMBER


def _schema_findings(spec: Spec, document: Mapping[str, Any], where: _Where) -> list[Finding]:
    """What the report schema finds, as findings: by a loop over the values when the document is shaped as the
    reader builds it (the common case, and the same findings: tests/test_properties.py), else by jsonschema."""
    out = _value_findings(spec, document, where) if _shaped(spec, document) else _listed(spec, document, where)
    return [f for (code, path), f in out.items() if not _inherited(spec, code, path, out)]


def _value_findings(spec: Spec, document: Mapping[str, Any], where: _Where) -> dict[tuple[str, str], Finding]:
    out: dict[tuple[str, str], Finding] = {}
    for table, rows in spec.shape:
        for outer, cells in rows:
            row = document[table][outer]
            for inner, path in cells:
                v = row[inner]
                if v is not None and not (type(v) is int and 0 <= v <= LARGEST):  # a count as typed: breaks nothing
                    for keyword in _broken(spec.fields[path], v):
                        _value_finding(out, spec.fields[path], keyword, v, where)
    return out


def _listed(spec: Spec, document: Mapping[str, Any], where: _Where) -> dict[tuple[str, str], Finding]:
    out: dict[tuple[str, str], Finding] = {}
    for error in _validator(spec).iter_errors(document):
        path = [str(p) for p in error.absolute_path]
        f = spec.fields.get(".".join(path))
        if f is not None:
            _value_finding(out, f, str(error.validator), error.instance, where)
        elif path[:1] == ["year"] or (error.validator == "required" and "year" in _missing(error)):
            out.setdefault(("YEAR-UNKNOWN", ""), findings.make("YEAR-UNKNOWN"))
        elif path[:1] == ["unit"] or (error.validator == "required" and "unit" in _missing(error)):
            out.setdefault(("UNIT-UNKNOWN", ""), findings.make("UNIT-UNKNOWN", what=Msg("what.unit")))
        else:
            what = "/".join(path + _missing(error)) or "report"
            out.setdefault(("FORMAT-UNKNOWN", what), findings.make("FORMAT-UNKNOWN", what=what))
    return out


_SCALARS = (int, float, str, bool, type(None))
_KEYS = {"format", "year", "unit", "contact", "source"}


def _shaped(spec: Spec, document: Mapping[str, Any]) -> bool:
    """Whether the document has every key the schema asks for and no other, and its format, year, unit, contact
    and source are right: then only its values can break the schema, each as `_broken` says."""
    if type(document) is not dict or document.get("format") != spec.format:
        return False
    year, unit, contact = document.get("year"), document.get("unit"), document.get("contact", {})
    if type(year) is not int or not spec.first_year <= year <= spec.last_year or type(unit) is not dict \
            or type(unit.get("code")) is not str or type(unit.get("name")) is not str \
            or type(unit.get("parent")) not in (str, type(None)) or type(contact) is not dict \
            or any(type(contact.get(key)) not in (str, type(None)) for key in spec.contact) \
            or type(document.get("source", {})) is not dict or len(document) > len(_KEYS) + len(spec.shape):
        return False
    for table, rows in spec.shape:
        within = document.get(table)
        if type(within) is not dict or len(within) != len(rows):
            return False
        for outer, cells in rows:
            row = within.get(outer)
            if type(row) is not dict or len(row) != len(cells) \
                    or any(inner not in row or type(row[inner]) not in _SCALARS for inner, _ in cells):
                return False
    return document.keys() <= _KEYS | {table for table, _ in spec.shape}


def _broken(f: Field, v: Any) -> list[str]:
    """The schema's keywords a value breaks, in the schema's order, as jsonschema judges them: a count is an
    integer (12.0 is one), an amount any number, both from 0 to LARGEST; a bool is no number."""
    number = type(v) in (int, float)
    whole = type(v) is int or (type(v) is float and v.is_integer())
    broken = [] if (whole if f.type == "count" else number) else ["type"]
    if number and v < 0:
        broken.append("minimum")
    if number and v > LARGEST:
        broken.append("maximum")
    return broken


def _value_finding(out: dict[tuple[str, str], Finding], f: Field, keyword: str, v: Any, where: _Where) -> None:
    if isinstance(v, float) and not math.isfinite(v):
        return  # reported by `check` itself
    code = "CELL-TOO-LARGE" if keyword == "maximum" else "CELL-NOT-NUMBER" if not is_number(v) \
        else "CELL-NEGATIVE" if keyword == "minimum" else "CELL-NOT-INTEGER"
    said, actual = _shown(v)
    out.setdefault((code, f.path), findings.make(code, value=said, actual=actual, **where(f)))


def _shown(v: Any) -> tuple[Any, Any]:
    """A cell's value as a finding says it and as it carries it: a number or text of absurd length is
    shortened (`9999…（4300 位）`, `九九九…（共 4300 字）` in the sentence, `9999…` as the value), so that a
    sentence about it stays one line and its JSON stays small."""
    if isinstance(v, str) and len(v) > SHOWN_TEXT:
        start = v[:SHOWN_TEXT // 2]
        return Msg("value.long_text", {"start": start, "count": len(v)}), f"{start}…"
    if isinstance(v, int) and not isinstance(v, bool) and not -LARGEST <= v <= LARGEST:
        if abs(v) >= 10 ** 4000:  # str() refuses ints of over 4,300 digits
            return Msg("value.huge_number"), "…"
        text = str(v)
        return Msg("value.long_number", {"start": text[:8], "digits": len(text.lstrip("-"))}), f"{text[:8]}…"
    return v, v


def _inherited(spec: Spec, code: str, path: str, found: Mapping[tuple[str, str], Finding]) -> bool:
    """A total that is negative or fractional only because a part is: the part is the one to fix."""
    f = spec.fields.get(path)
    return f is not None and any((code, p) in found or _inherited(spec, code, p, found) for p in f.parts)


def _missing(error: jsonschema.ValidationError) -> list[str]:
    required = error.validator_value
    if error.validator != "required" or not isinstance(error.instance, Mapping) or not isinstance(required, list):
        return []
    return [key for key in required if key not in error.instance]


def _decimals(v: Number) -> int:
    exponent = Decimal(repr(v)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


Values = Mapping[str, Any]  # field path → value, as `flat` gives


def _side(terms: Terms, this: Values, last: Values) -> Number | None:
    total: Number = 0
    for coef, path, previous in terms:
        if path is None:
            total += coef
            continue
        v = (last if previous else this).get(path)
        if v is None:
            continue  # blank counts as 0 (rule "blank": "zero")
        if not (-LARGEST <= v <= LARGEST if type(v) is int else is_number(v)):  # an int: most values, at once
            return None
        total += coef * v
    return total


def _compare(c: Comparison, this: Values, last: Values) -> tuple[bool, Number, Number] | None:
    left_terms, right_terms = c.terms
    left, right = _side(left_terms, this, last), _side(right_terms, this, last)
    if left is None or right is None:
        return None
    return holds(left, c.op, right), left, right


def holds_on(inst: Instance, values: Values) -> bool | None:
    """Whether a rule of this year holds on `values` (blank counts as 0); None when a value is not a number or
    the rule does not apply (its condition fails)."""
    assert inst.test is not None
    if inst.when is not None:
        when = _compare(inst.when, values, {})
        if when is None or not when[0]:
            return None
    result = _compare(inst.test, values, {})
    return None if result is None else result[0]


def _evaluate(inst: Instance, this: Values, last: Values, where: _Where, decimals: int) -> Finding | None:
    assert inst.test is not None
    when = _compare(inst.when, this, last) if inst.when else None
    if inst.when and (when is None or not when[0]):
        return None
    result = _compare(inst.test, this, last)
    if result is None or result[0]:
        return None
    _, left, right = result
    anchor = inst.anchor
    shown = {
        "left": number(left, decimals), "right": number(right, decimals), "diff": number(abs(left - right), decimals),
        "anchor": number(this[anchor.path] or 0, decimals), "when": number(when[1], decimals) if when else "",
    }
    rule = inst.rule
    return Finding(rule.id, rule.severity, shown, expected=right, actual=left,
                   related=tuple(where.cell(f) for f in inst.fields[1:]), **where(anchor))


def _same_as_previous(inst: Instance, this: Values, last: Values, where: _Where) -> Finding | None:
    mine = [this[f.path] for f in inst.table_fields]
    theirs = [last.get(f.path) for f in inst.table_fields]
    if mine != theirs or not any(is_number(v) and v != 0 for v in mine):
        return None
    rule, anchor = inst.rule, inst.table_fields[0]
    table = where(anchor)["sheet"]
    return Finding(rule.id, rule.severity, {"table": table}, **where(anchor))


def number(v: Number, decimals: int) -> str:
    """A figure as a person writes it: 12, 0.12345 (never 0.30000000000000004)."""
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.{decimals}f}".rstrip("0").rstrip(".")
    return str(int(v))


def _configured(found: list[Finding], config: Config, unit_code: str) -> list[Finding]:
    """Severities as the office set them; a rule the unit explained is a warning carrying the reason."""
    reasons = config.explained.get(unit_code, {})
    return [_set(f, config.severity.get(f.code, f.severity), reasons.get(f.code)) for f in found]


def _set(f: Finding, severity: Severity, reason: str | None) -> Finding:
    if reason is not None:
        f = replace(f, explained=reason)
        severity = "warning" if severity == "error" else severity
    return f if severity == f.severity else replace(f, severity=severity)
