"""The corpus of returns as units really send them (tests/corpus, made by make.py): each reads to the values
of the sample it was made from and raises exactly its findings; a broken or hostile one is one finding."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from toolkit import checker, document, inputs, read, spec

CORPUS = Path(__file__).parent / "corpus"
RETURNS = Path(__file__).parent.parent / "samples" / "returns"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))["cases"]


def test_every_corpus_file_has_a_case():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in inputs.WORKBOOK_SUFFIXES}
    assert files == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_file(name):
    case = CASES[name]
    got = read.extract(CORPUS / name)
    found = list(got.findings)
    if case.get("document", True):
        assert got.document is not None, got.findings
        assert got.document["unit"]["code"] == case["unit"]
        values = document.flat(got.document, spec.load())
        assert {path: values[path] for path in case["values"]} == case["values"]
        if "from" in case:
            assert values == document.flat(read.extract(RETURNS / case["from"]).document, spec.load())
        found += checker.check(got.document)
    else:
        assert got.document is None
    counted = case.get("counts", {})
    assert Counter(f.code for f in found if f.code in counted) == counted
    assert sorted(((f.code, f.sheet, f.cell) for f in found if f.code not in counted), key=str) == \
        sorted((tuple(f) for f in case["findings"]), key=str)
