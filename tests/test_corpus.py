"""The corpus of mangled returns (tests/corpus, made by make.py): each reads to its values and raises exactly
its findings; and every one of them, read again, matches the sample it was made from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit import document, read, spec, validate

CORPUS = Path(__file__).parent / "corpus"
RETURNS = Path(__file__).parent.parent / "samples" / "returns"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))["cases"]


def test_every_corpus_file_has_a_case():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in read.WORKBOOK_SUFFIXES}
    assert files == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_file(name):
    case = CASES[name]
    got = read.extract(CORPUS / name)
    assert got.document is not None, got.findings
    assert got.document["unit"]["code"] == case["unit"]
    values = document.flat(got.document, spec.load())
    assert {path: values[path] for path in case["values"]} == case["values"]
    assert values == document.flat(read.extract(RETURNS / case["from"]).document, spec.load())
    found = list(got.findings) + validate.check(got.document)
    assert sorted(((f.code, f.sheet, f.cell) for f in found), key=str) == \
        sorted((tuple(f) for f in case["findings"]), key=str)
