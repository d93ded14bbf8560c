"""The format as data: the data model's keys, the layout, and the meta-schema guarding the files."""

import json
import shutil

import pytest

from toolkit import spec
from toolkit.errors import SpecError
from toolkit.resources import data_dir

# DESIGN.md, verbatim: the data model every stage relies on
TABLE3_ROWS = [
    "new_received", "carried_over", "disclosed", "partially_disclosed", "withheld_state_secret",
    "withheld_prohibited_by_law", "withheld_three_safeties", "withheld_third_party", "withheld_internal_affairs",
    "withheld_process_info", "withheld_enforcement_file", "withheld_admin_query", "unavailable_not_held",
    "unavailable_needs_creation", "unavailable_unclear", "not_processed_petition", "not_processed_repeated",
    "not_processed_publication", "not_processed_excessive", "not_processed_confirmation", "other_no_correction",
    "other_no_fee", "other_other", "results_total", "carried_forward",
]
TABLE3_COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
TABLE4_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
TABLE4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]
TABLE2 = {
    "regulations": ["issued", "repealed", "in_force"],
    "normative_documents": ["issued", "repealed", "in_force"],
    "licensing": ["decisions"], "penalty": ["decisions"], "enforcement": ["decisions"], "fees": ["amount"],
}


def test_fields_are_exactly_the_data_model(the_spec):
    expected = (
        [f"table2.{row}.{col}" for row, cols in TABLE2.items() for col in cols]
        + [f"table3.{row}.{col}" for row in TABLE3_ROWS for col in TABLE3_COLUMNS]
        + [f"table4.{group}.{col}" for group in TABLE4_GROUPS for col in TABLE4_COLUMNS]
    )
    assert list(the_spec.fields) == expected
    assert len(the_spec.fields) == 10 + 175 + 15


def test_table3_rows_run_down_in_official_order(the_spec):
    rows = [the_spec.fields[f"table3.{key}.total"].r for key in TABLE3_ROWS]
    assert rows == list(range(rows[0], rows[0] + 25))


def test_totals_and_types(the_spec):
    f = the_spec.fields
    assert f["table3.results_total.natural_person"].parts == tuple(
        f"table3.{row}.natural_person" for row in TABLE3_ROWS[2:23])
    assert f["table3.new_received.total"].parts == tuple(f"table3.new_received.{c}" for c in TABLE3_COLUMNS[:6])
    assert f["table4.review.total"].parts == tuple(f"table4.review.{c}" for c in TABLE4_COLUMNS[:4])
    totals = {p for p, x in f.items() if not x.is_input}
    assert len(totals) == 25 + 6 + 3
    assert {p for p, x in f.items() if x.type == "amount"} == {"table2.fees.amount"}


def test_rules_become_equations_over_the_layout(the_spec):
    rules = {r.id: r for r in the_spec.rules}
    assert rules["T3-1"].equation.names == ("new_received", "carried_over", "results_total", "carried_forward")
    assert rules["T3-2"].equation.names == tuple(TABLE3_ROWS[23:24] + TABLE3_ROWS[2:23])
    checks = {}
    for check in the_spec.checks:
        checks.setdefault(check.instance.rule.id, []).append(check)
    assert {k: len(v) for k, v in checks.items()} == {"T3-1": 7, "T3-2": 7, "T3-3": 25, "T4-1": 3}
    # the cell to look at first: 本年新收 for T3-1, the total for the others
    assert {c.instance.anchor.row for c in checks["T3-1"]} == {"new_received"}
    assert {c.instance.anchor.column for c in checks["T3-3"] + checks["T4-1"]} == {"total"}


def _copy_format(tmp_path):
    t = tmp_path / "t.json"
    r = tmp_path / "r.json"
    shutil.copy(data_dir("templates") / "gov-info-annual-2021.json", t)
    shutil.copy(data_dir("schemas") / "rules-2021.json", r)
    return t, r, json.loads(t.read_text(encoding="utf-8")), json.loads(r.read_text(encoding="utf-8"))


def test_copied_files_load_like_the_shipped_ones(tmp_path):
    t, r, _, _ = _copy_format(tmp_path)
    assert list(spec.load_files(t, r).fields) == list(spec.load().fields)


@pytest.mark.parametrize("breakage, where", [
    (lambda d: d["tables"][1]["blocks"][0]["rows"][0].pop("label"), "tables/1/blocks/0/rows/0"),
    (lambda d: d["tables"][0].__setitem__("id", "Table 2"), "tables/0/id"),
    (lambda d: d["tables"][0]["blocks"][3]["columns"][0].__setitem__("type", "money"), "tables/0/blocks/3"),
    (lambda d: d["tables"][2].__setitem__("sheet", "表[四]"), "tables/2/sheet"),
    (lambda d: d.__setitem__("colour", "red"), "(根)"),
])
def test_meta_schema_rejects_a_broken_template(tmp_path, breakage, where):
    t, r, template, _ = _copy_format(tmp_path)
    breakage(template)
    t.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SpecError, match=where.replace("(", r"\(").replace(")", r"\)")):
        spec.load_files(t, r)


def test_a_total_of_unknown_cells_is_refused(tmp_path):
    t, r, template, _ = _copy_format(tmp_path)
    template["tables"][2]["blocks"][0]["columns"][0]["children"][4]["sum_of"] = ["upheld", "reversed"]
    t.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SpecError, match="sum_of"):
        spec.load_files(t, r)


@pytest.mark.parametrize("assertion", ["__import__('os') == new_received", "new_received * 2 == total"])
def test_rules_are_never_evaluated_as_python(tmp_path, assertion):
    t, r, _, rules = _copy_format(tmp_path)
    rules["rules"][0]["assert"] = assertion
    r.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SpecError, match="T3-1"):
        spec.load_files(t, r)


def test_rule_naming_unknown_rows_is_refused(tmp_path):
    t, r, _, rules = _copy_format(tmp_path)
    rules["rules"][0]["assert"] = "new_received == received_last_year"
    r.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SpecError, match="T3-1"):
        spec.load_files(t, r)


def test_rules_meta_schema_rejects_a_rule_without_severity(tmp_path):
    t, r, _, rules = _copy_format(tmp_path)
    del rules["rules"][1]["severity"]
    r.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SpecError, match="rules/1"):
        spec.load_files(t, r)
