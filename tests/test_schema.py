"""The report document's JSON Schema: derived from the template, committed in sync, and strict."""

import copy
import json

import jsonschema
import pytest

from toolkit.resources import data_dir
from toolkit.schema import report_schema


@pytest.fixture(scope="module")
def validator(the_spec):
    schema = report_schema(the_spec)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def document(the_spec, value=0):
    doc = {"format": "gov-info-annual/2021", "year": 2024,
           "unit": {"code": "140981", "name": "原平市", "parent": "1409"}}
    for field in the_spec.fields.values():
        table, outer, inner = field.keys
        doc.setdefault(table, {}).setdefault(outer, {})[inner] = value
    return doc


def test_committed_schema_is_the_derived_one(the_spec):
    committed = json.loads((data_dir("schemas") / "report-2021.schema.json").read_text(encoding="utf-8"))
    assert committed == report_schema(the_spec), "run: python -m toolkit.schema > schemas/report-2021.schema.json"


def test_accepts_zeros_blanks_and_a_fee_in_wan_yuan(validator, the_spec):
    doc = document(the_spec)
    doc["table2"]["fees"]["amount"] = 0.123456
    doc["table3"]["carried_over"]["research"] = None  # blank stays null
    assert list(validator.iter_errors(doc)) == []


@pytest.mark.parametrize("change, path", [
    (lambda d: d["table3"]["new_received"].__setitem__("total", -1), ["table3", "new_received", "total"]),
    (lambda d: d["table4"]["review"].__setitem__("pending", 1.5), ["table4", "review", "pending"]),
    (lambda d: d["table2"]["penalty"].__setitem__("decisions", "12"), ["table2", "penalty", "decisions"]),
    (lambda d: d["table2"]["fees"].__setitem__("amount", -0.1), ["table2", "fees", "amount"]),
    (lambda d: d["table3"]["disclosed"].pop("commercial"), ["table3", "disclosed"]),
    (lambda d: d["table2"].__setitem__("procurement", {}), ["table2"]),
    (lambda d: d.__setitem__("year", 2020), ["year"]),
    (lambda d: d.__setitem__("format", "gov-info-annual/2019"), ["format"]),
])
def test_rejects_with_the_field_path(validator, the_spec, change, path):
    doc = copy.deepcopy(document(the_spec))
    change(doc)
    errors = list(validator.iter_errors(doc))
    assert [list(e.absolute_path) for e in errors] == [path]


@pytest.mark.parametrize("name", ["template.schema.json", "rules.schema.json", "config.schema.json",
                                  "report-2021.schema.json"])
def test_every_schema_we_ship_is_a_valid_draft_2020_12_schema(name):
    jsonschema.Draft202012Validator.check_schema(json.loads((data_dir("schemas") / name).read_text("utf-8")))
