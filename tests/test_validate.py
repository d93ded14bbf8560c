"""Validation cases as data (tests/cases/*.json): every rule passing and failing, asserted on (code, field, cell)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit import checker, document, validate

CASES_DIR = Path(__file__).parent / "cases"
BASE = json.loads((CASES_DIR / "base.json").read_text(encoding="utf-8"))
CASES = [(path.stem, case) for path in sorted(CASES_DIR.glob("*.json")) if path.name != "base.json"
         for case in json.loads(path.read_text(encoding="utf-8"))["cases"]]
# every rule of reference/format-2021.md that validation checks on a document (T2-2 is the reader's)
RULE_IDS = {"T3-1", "T3-2", "T3-3", "T3-4", "T3-5", "T3-6", "T3-7", "T4-1", "T4-2",
            "T2-1", "T2-3", "T2-4", "T2-5", "X-1", "X-2", "X-3"}


def report(spec, inputs: dict, typed: dict | None = None, year: int = 2024, unit: dict | None = None) -> dict:
    """A report document: input cells not named are 0, totals as the formulas compute them unless typed."""
    zeros = {f.path: 0 for f in spec.inputs}
    values = document.with_totals(spec, {**zeros, **inputs, **(typed or {})})
    return document.build(spec, year, unit or BASE["unit"], values)


def run_case(spec, case: dict):
    this = report(spec, {**BASE["inputs"], **case.get("inputs", {})}, case.get("typed"), unit=case.get("unit"))
    previous = None
    if case.get("previous_inputs") == "this year":
        previous = {**this, "year": 2023}
    elif case.get("previous_inputs") is not None:
        previous = report(spec, {**BASE["previous"], **case["previous_inputs"]}, year=2023)
    config = checker.Config(**case.get("config", {}))
    return checker.check(this, previous=previous, config=config, spec=spec)


@pytest.mark.parametrize(("group", "case"), CASES, ids=[f"{g}:{c['rule']}:{c['name']}" for g, c in CASES])
def test_case(the_spec, group, case):
    found = [f for f in run_case(the_spec, case) if f.severity != "info"]
    got = sorted((f.code, f.field, f.cell) + ((f.severity,) if any(len(e) == 4 for e in case["expect"]) else ())
                 for f in found)
    assert got == sorted(tuple(e) for e in case["expect"])


def test_every_rule_has_a_passing_and_a_failing_case():
    passing = {c["rule"] for _, c in CASES if not c["expect"]}
    failing = {c["rule"] for _, c in CASES if c["expect"]}
    assert passing & failing >= RULE_IDS, sorted(RULE_IDS - (passing & failing))


def test_a_rule_finding_names_the_cell_to_look_at_and_the_others(the_spec):
    (finding,) = [f for f in run_case(the_spec, {"typed": {"table3.results_total.natural_person": 6},
                                                 "inputs": {"table3.carried_forward.natural_person": 0}})
                  if f.cell == "D29"]
    assert finding.code == "T3-2"
    assert (finding.actual, finding.expected) == (6, 5)
    assert finding.related == tuple(f"D{r}" for r in range(8, 29))
    assert finding.text() == "（七）总计=6，（一）至（六）各项之和=5，相差1"


def test_messages_in_english(the_spec):
    doc = report(the_spec, {**BASE["inputs"], "table3.new_received.natural_person": 6})
    first = checker.check(doc, spec=the_spec)[0]
    assert first.text("en") == "items 1+2 = 7, (7) total + item 4 = 6, off by 1"


def test_schema_problems_become_findings_not_raw_messages(the_spec):
    doc = report(the_spec, BASE["inputs"])
    del doc["year"]
    del doc["table4"]["review"]
    doc["unit"] = "原平"
    found = checker.check(doc, spec=the_spec)
    document_level = ("YEAR-UNKNOWN", "UNIT-UNKNOWN", "FORMAT-UNKNOWN")
    assert sorted((f.code, f.text()) for f in found if f.code in document_level) == [
        ("FORMAT-UNKNOWN", "找不到table4/review"), ("UNIT-UNKNOWN", "封面未填写单位名称或代码"),
        ("YEAR-UNKNOWN", "无法确定报告年度")]
    # 表四's review cells read as blank: each reported at its cell
    assert {f.cell for f in found if f.code == "CELL-BLANK"} == {"A6", "B6", "C6", "D6", "E6"}


def test_config_file_is_checked(tmp_path):
    good = tmp_path / "c.json"
    good.write_text('{"severity": {"T3-6": "error"}, "explained": {"1": {"X-1": "机构改革"}}}', encoding="utf-8")
    assert validate.load_config(good).severity == {"T3-6": "error"}
    bad = tmp_path / "b.json"
    bad.write_text('{"severity": {"T3-6": "fatal"}}', encoding="utf-8")
    with pytest.raises(validate.NianbaoError) as err:
        validate.load_config(bad)
    assert "severity/T3-6" in err.value.message()


def test_rules_through_a_text_cell_are_skipped_not_half_computed(the_spec):
    doc = report(the_spec, {**BASE["inputs"], "table3.new_received.natural_person": "5件左右"})
    assert [(f.code, f.cell) for f in checker.check(doc, spec=the_spec)] == [("CELL-NOT-NUMBER", "D6")]


def test_last_year_is_the_report_of_the_year_before(tmp_path, the_spec):
    this = report(the_spec, BASE["inputs"])
    for year, forward in ((2023, 2), (2022, 1)):  # only 2023's carried forward (2) should be compared
        (tmp_path / f"{year}.json").write_text(json.dumps(report(
            the_spec, {**BASE["previous"], "table3.carried_forward.natural_person": forward}, year=year)), "utf-8")
    previous = validate.load_previous([tmp_path / "2023.json", tmp_path / "2022.json"])
    (this_path := tmp_path / "this.json").write_text(json.dumps(this), "utf-8")
    result = validate.assess(this_path, previous)[0]
    assert [(f.code, f.cell) for f in result.findings] == [("X-1", "D7"), ("X-1", "J7")]


def test_a_malformed_previous_document_is_a_warning(tmp_path, the_spec):
    bad = tmp_path / "2023_140981001.json"
    bad.write_text('{"unit": null, "year": 2023}', "utf-8")
    previous = validate.load_previous([bad])
    (this_path := tmp_path / "this.json").write_text(json.dumps(report(the_spec, BASE["inputs"])), "utf-8")
    assert [f.code for f in validate.assess(this_path, previous)[0].findings] == ["PREVIOUS-UNREADABLE"]
