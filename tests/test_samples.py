"""The committed samples read and validate as samples/README.md says."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import inputs, pool, read, validate

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PREVIOUS = validate.load_previous(inputs.workbook_files([SAMPLES / "previous"]))

EXPECTED = {  # unit code → status, {(code, cell)} of errors and warnings
    "140902": ("ok", set()),
    "140921": ("ok", set()),
    "1409-SSTHJJ-YP": ("ok", set()),
    "140922": ("error", {("X-1", "D7"), ("X-1", "J7")}),
    "140923": ("error", {("T3-1", "J6"), ("T3-3", "J6")}),
    "140924": ("error", {("T3-2", "D29"), ("T3-2", "J29")}),
    "140925": ("error", {("T4-1", "E6")}),
    "140926": ("warning", {("CELL-BLANK", f"{c}6") for c in "ABCDFGHIKLMN"}
               | {("CELL-BLANK", f"{c}27") for c in "DEFGHI"}),
    "140927": ("error", {("CELL-NEGATIVE", "B13")}),
    "140928": ("error", {("CELL-NOT-INTEGER", "B12")}),
    "140929": ("warning", {("T2-5", "B16")}),
    "140930": ("error", {("EMPTY", None)}),  # the blank sent back
    "140931": ("error", {("YEAR-MISMATCH", None)}),  # last year's form: most files are for 2024
}


@pytest.fixture(scope="module")
def results():
    report = validate.run(inputs.workbook_files([SAMPLES / "returns"]), previous=PREVIOUS, workers=1)
    return {r.unit["code"]: r for r in report.files}


def test_every_sample_is_there(results):
    assert set(results) == set(EXPECTED)


@pytest.mark.parametrize("code", EXPECTED)
def test_sample(results, code):
    status, found = EXPECTED[code]
    r = results[code]
    assert r.status == status
    assert {(f.code, f.cell) for f in r.findings if f.severity != "info"} == found


def test_the_seed_report_reads_as_published():
    doc = read.extract(SAMPLES / "previous" / "2023_1409-SSTHJJ-YP_忻州市生态环境局原平分局.xlsx").document
    assert doc["year"] == 2023
    assert doc["table2"]["penalty"]["decisions"] == 12
    assert doc["table3"]["results_total"]["total"] == 0
    assert all(v == 0 for group in doc["table4"].values() for v in group.values())


def test_without_last_year_x1_is_not_checked():
    r = validate.assess(SAMPLES / "returns" / "2024_140922_五台县.xlsx")[0]
    assert r.status == "ok"


def test_a_process_pool_gives_the_same_results(monkeypatch):
    files = inputs.workbook_files([SAMPLES / "returns"])
    monkeypatch.setattr(pool, "PARALLEL_FROM", 2)
    pooled = validate.run(files, previous=PREVIOUS, workers=2)
    alone = validate.run(files, previous=PREVIOUS, workers=1)
    assert pooled.to_dict() == alone.to_dict()
