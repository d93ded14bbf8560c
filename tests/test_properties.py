"""Properties of validation over random reports: consistent data passes; one changed cell is caught near it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import checker, document
from toolkit import spec as spec_module

SPEC = spec_module.load()
T3_COLUMNS = [f.column for f in SPEC.fields.values() if f.row == "new_received" and f.is_input]
OUTCOMES = SPEC.fields["table3.results_total.natural_person"].parts
UNIT = {"code": "140981001", "name": "原平市市场监督管理局", "parent": "140981"}


@st.composite
def consistent_inputs(draw) -> dict:
    values = {}
    for column in T3_COLUMNS:
        outcomes = {p.replace("natural_person", column): draw(st.integers(0, 30) | st.just(0)) for p in OUTCOMES}
        results = sum(outcomes.values())
        forward = draw(st.integers(0, results // 3))  # T3-6: at most a quarter of the intake carries forward
        over = draw(st.integers(0, results + forward))
        values |= outcomes | {f"table3.carried_forward.{column}": forward, f"table3.carried_over.{column}": over,
                              f"table3.new_received.{column}": results + forward - over}
    for f in SPEC.inputs:
        if f.table == "table4":
            values[f.path] = draw(st.integers(0, 5))
    in_force = draw(st.integers(0, 50))
    values |= {
        "table2.regulations.issued": 0, "table2.regulations.repealed": 0, "table2.regulations.in_force": 0,
        "table2.normative_documents.issued": draw(st.integers(0, in_force)),
        "table2.normative_documents.repealed": draw(st.integers(0, 20)),
        "table2.normative_documents.in_force": in_force,
        "table2.licensing.decisions": draw(st.integers(0, 5000)),
        "table2.penalty.decisions": draw(st.integers(0, 5000)),
        "table2.enforcement.decisions": draw(st.integers(0, 500)),
        "table2.fees.amount": draw(st.integers(0, 10**9)) / 10**6,
    }
    return values


def _report(values: dict) -> dict:
    return document.build(SPEC, 2024, UNIT, document.with_totals(SPEC, values))


@settings(max_examples=150, deadline=None)
@given(consistent_inputs())
def test_consistent_reports_raise_nothing(values):
    found = checker.check(_report(values), spec=SPEC)
    assert [(f.code, f.cell) for f in found] == []


def _row_col(cell: str) -> tuple[str, str]:
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()
    return letters, digits


@settings(max_examples=150, deadline=None)
@given(consistent_inputs(), st.sampled_from([f for f in SPEC.inputs if f.table in ("table3", "table4")]),
       st.integers(1, 9), st.booleans())
def test_one_changed_cell_is_caught_in_its_row_or_column(values, field, delta, down):
    changed = max(0, values[field.path] - delta) if down and values[field.path] else values[field.path] + delta
    typed = document.with_totals(SPEC, values) | {field.path: changed}  # totals stay as they were typed
    found = [f for f in checker.check(document.build(SPEC, 2024, UNIT, typed), spec=SPEC) if f.severity == "error"]
    column, row = _row_col(field.cell)
    near = [f for f in found if any(c == column or r == row for c, r in map(_row_col, (f.cell, *f.related)))]
    assert near, (field.path, changed, [(f.code, f.cell) for f in found])


ODD_VALUES = st.one_of(st.integers(-3, 3), st.integers(10 ** 14, 10 ** 16), st.integers(-(10 ** 20), -(10 ** 15)),
                       st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([2.0, -0.5, 1e300, 10 ** 20]),
                       st.booleans(), st.text(max_size=3), st.none(), st.just([1]), st.just({"a": 1}))


@settings(max_examples=200, deadline=None)
@given(consistent_inputs(), st.lists(st.tuples(st.sampled_from(sorted(SPEC.fields)), ODD_VALUES), max_size=6))
def test_the_loop_over_values_finds_what_the_schema_finds(values, changes):
    """A document shaped as the reader builds it is checked by a loop over its values instead of jsonschema:
    the same findings, in the same order, whatever the values."""
    doc = _report(values)
    for path, v in changes:
        table, outer, inner = SPEC.fields[path].keys
        doc[table][outer][inner] = v
    where = checker._Where(SPEC, doc)
    shaped = checker._shaped(SPEC, doc)
    assert shaped == all(type(v) in (int, float, str, bool, type(None)) for v in dict(changes).values())
    if shaped:
        looped, listed = checker._value_findings(SPEC, doc, where), checker._listed(SPEC, doc, where)
        assert list(looped.items()) == list(listed.items())


@pytest.mark.parametrize("change", [
    lambda d: d.pop("unit"), lambda d: d.update(year=None), lambda d: d.update(year=2024.0),
    lambda d: d["table3"].pop("disclosed"), lambda d: d["table3"]["disclosed"].update(extra=1),
    lambda d: d.update(members=[]), lambda d: d.update(format="x"), lambda d: d["unit"].update(code=3),
    lambda d: d.update(contact={next(iter(SPEC.contact)): 1}), lambda d: d.update(source=[]),
])
def test_a_document_shaped_otherwise_goes_to_jsonschema(change):
    doc = _report({f.path: 0 for f in SPEC.inputs})
    assert checker._shaped(SPEC, doc)
    change(doc)
    assert not checker._shaped(SPEC, doc)


def _full_key(text: str) -> str:  # code_key without its fast path
    import unicodedata

    from toolkit.files import HIDDEN

    return "".join(ch for ch in unicodedata.normalize("NFKC", text)
                   if not ch.isspace() and unicodedata.category(ch) not in HIDDEN)


@given(st.text())
def test_the_fast_code_key_agrees_with_the_full_one(text):
    from toolkit.roster import code_key

    assert code_key(text) == _full_key(text)


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                     | st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30)


@given(_JSON)
def test_json_text_is_the_data_laid_out(data):
    import json

    from toolkit.files import json_text

    text = json_text(data)
    assert json.loads(text) == data
    assert text.endswith("\n") and not text.startswith(" ")


def test_json_text_puts_each_unit_of_a_status_on_a_line():
    from toolkit.files import json_text

    lines = json_text({"units": [{"code": "1", "versions": [{"v": 1}]}, {"code": "2"}], "unknown": []}).splitlines()
    assert lines == ['{', '  "units": [', '    {"code": "1", "versions": [{"v": 1}]},', '    {"code": "2"}', '  ],',
                     '  "unknown": []', '}']
