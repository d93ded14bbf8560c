"""Excel formulas of the workbook, derived from the spec: totals and live checks.

Plain functions every spreadsheet program evaluates alike (SUM, IF, IFERROR, ABS, LEFT,
SUMPRODUCT), so Excel, WPS and LibreOffice show the same ✓ and ✗.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from .cells import a1, a1_range, runs
from .document import is_number
from .spec import Check, Field, Operand, Spec

OK, FAIL = "✓", "✗"


def sheet_ref(sheet: str, ref: str) -> str:
    return f"'{sheet}'!{ref}"


def sum_cells(cells: Iterable[tuple[int, int]]) -> str:
    """`SUM(D6:I6)` of the (row, col) cells; the reader rebuilds a total's formula with it."""
    return _sum_cells(tuple(cells))


@lru_cache(maxsize=4096)  # a batch of returns asks for the same few dozen totals again and again
def _sum_cells(cells: tuple[tuple[int, int], ...]) -> str:
    return f"SUM({','.join(runs(cells))})"


def sum_of(fields: Iterable[Field]) -> str:
    return sum_cells((f.r, f.c) for f in fields)


def _side(operands: tuple[Operand, ...]) -> str:
    """A side of a live check; live rules add and subtract this year's cells, nothing else."""
    assert all(o.field and abs(o.coef) == 1 and not o.previous for o in operands), operands
    plus = [o.field for o in operands if o.field and o.coef > 0]
    minus = [o.field for o in operands if o.field and o.coef < 0]
    text = sum_of(plus) if plus else "0"
    return text + (f"-{sum_of(minus)}" if minus else "")


def total(spec: Spec, field: Field) -> str:
    return "=" + sum_of(spec.fields[p] for p in field.parts)


def _text(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


COMPACT = "{left}≠{right}"  # for a check cell too narrow for the rule's message


def _template(check: Check) -> str:
    return COMPACT if check.compact else check.instance.rule.message["zh"]


def check(check: Check) -> str:
    """`✓`, or `✗ T3-1 第一项+第二项=12，…，相差1` computed live from the cells."""
    inst = check.instance
    left, right = _side(inst.left), _side(inst.right)
    values = {"left": left, "right": right, "diff": f"ABS({left}-({right}))"}
    parts, literal = [], f"{FAIL} {inst.rule.id} "
    template = _template(check)
    while "{" in template:
        head, _, rest = template.partition("{")
        name, _, template = rest.partition("}")
        parts += [_text(literal + head), values[name]]
        literal = ""
    failure = "&".join(parts + ([_text(template)] if template else []))
    bad_input = _text(f"{FAIL} {inst.rule.id} 引用了错误值（如 #VALUE!、#REF!），请检查本行（列）")
    return f'=IFERROR(IF({left}={right},"{OK}",{failure}),{bad_input})'


def value(check: Check, values: Mapping[str, Any]) -> str:
    """What `check(check)` shows for these field values (blank is 0): the cached value of a filled workbook."""
    inst = check.instance
    left, right = (sum(o.coef * _number(values.get(o.field.path)) for o in side if o.field)
                   for side in (inst.left, inst.right))
    if left == right:
        return OK
    shown = {"left": _figure(left), "right": _figure(right), "diff": _figure(abs(left - right))}
    return f"{FAIL} {inst.rule.id} " + _template(check).format(**shown)


def _number(v: Any) -> Any:
    """What SUM makes of a cell: a number is itself; blank and text are 0."""
    return v if is_number(v) else 0


def _figure(v: Any) -> str:
    return str(int(v)) if v == int(v) else str(v)


def longest_message(check: Check) -> str:
    """The ✗ text of a check with three-digit figures, to size its cell."""
    return f"{FAIL} {check.instance.rule.id} " + _template(check).format(left=999, right=999, diff=999)


def failures(spec: Spec) -> str:
    """How many live checks of the workbook show ✗."""
    terms = []
    for table in spec.tables:
        by_rule: dict[str, list[Check]] = {}
        for c in table.checks:
            by_rule.setdefault(c.instance.rule.id, []).append(c)
        for checks in by_rule.values():
            ref = a1_range(min(c.r for c in checks), min(c.c for c in checks),
                           max(c.last_r for c in checks), max(c.last_c for c in checks))
            terms.append(f'SUMPRODUCT(--(LEFT({sheet_ref(table.sheet, ref)},1)="{FAIL}"))')
    return "+".join(terms)


SUMMARY_OK = OK + " {sheets}勾稽关系全部相符"
SUMMARY_FAIL = FAIL + " 有{count}处勾稽关系不符，请查看{sheets}中标“" + FAIL + "”的校验格"


def _checked_sheets(spec: Spec) -> str:
    return "、".join(t.sheet for t in spec.tables if t.checks)


def summary(spec: Spec) -> str:
    count, sheets = failures(spec), _checked_sheets(spec)
    ok = _text(SUMMARY_OK.format(sheets=sheets))
    head, _, tail = SUMMARY_FAIL.format(sheets=sheets, count="{count}").partition("{count}")
    bad = f"{_text(head)}&({count})&{_text(tail)}"
    return f"=IFERROR(IF(({count})=0,{ok},{bad}),{_text(FAIL + ' 表中有错误值（如 #VALUE!、#REF!）')})"


def summary_value(spec: Spec, values: Mapping[str, Any]) -> str:
    """What `summary(spec)` shows for these field values."""
    count = sum(value(c, values) != OK for c in spec.checks)
    sheets = _checked_sheets(spec)
    return SUMMARY_FAIL.format(sheets=sheets, count=count) if count else SUMMARY_OK.format(sheets=sheets)


def locked(spec: Spec) -> dict[tuple[str, str], str]:
    """Every formula of the workbook by (sheet, A1): totals and checks."""
    out = {(f.sheet, f.cell): total(spec, f) for f in spec.fields.values() if not f.is_input}
    out.update({(c.sheet, a1(c.r, c.c)): check(c) for c in spec.checks})
    return out
