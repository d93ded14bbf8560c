"""Fuzzing: mutated workbooks never crash the reader or the checks; each is a document or a finding.

Bounded: a fixed number of examples, derandomized (no timed assertion); about five seconds in all.
"""

from __future__ import annotations

import io
import math
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import checker, findings, read, spec, xlsx

ROOT = Path(__file__).resolve().parent.parent
XLSX = (ROOT / "samples" / "returns" / "2024_140923_代县.xlsx").read_bytes()
XLS = (ROOT / "tests" / "corpus" / "saved_as_xls.xls").read_bytes()
ODS = (ROOT / "tests" / "corpus" / "typed_total_saved_as_ods.ods").read_bytes()
PARTS = zipfile.ZipFile(io.BytesIO(XLSX)).namelist()
SPEC = spec.load()
KNOWN = set(findings.CODES) | {rule.id for rule in SPEC.rules}
FUZZ = settings(max_examples=300, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _survives(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(data)
    got = read.extract(path)  # must not raise
    codes = {f.code for f in got.findings}
    if got.document is None:
        assert codes, "a file that gives no document must say why"
    else:
        codes |= {f.code for f in checker.check(got.document)}
    assert codes <= KNOWN


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for where, cut, insert in edits:
        at = where % (len(out) + 1)
        out[at:at + cut] = insert
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 40), st.binary(max_size=12)),
                 min_size=1, max_size=6)


@FUZZ
@given(part=st.sampled_from(PARTS), edits=EDITS)
def test_mutated_parts_of_an_xlsx(tmp_path_factory, part, edits):
    """A part's XML damaged inside a well-formed zip: the zip's checksums would hide raw byte flips."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(XLSX)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, _mutate(data, edits) if info.filename == part else data)
    _survives(tmp_path_factory.mktemp("x"), out.getvalue(), ".xlsx")


@FUZZ
@given(source=st.sampled_from([(XLSX, ".xlsx"), (XLS, ".xls"), (ODS, ".ods")]), edits=EDITS)
def test_mutated_bytes_of_any_file(tmp_path_factory, source, edits):
    data, suffix = source
    _survives(tmp_path_factory.mktemp("b"), _mutate(data, edits), suffix)


@FUZZ
@given(length=st.integers(0, len(XLS)))
def test_truncated_xls(tmp_path_factory, length):
    _survives(tmp_path_factory.mktemp("t"), XLS[:length], ".xls")


def _utf16(data: bytes) -> bytes:
    """A part as a writer that chose UTF-16 would store it (legal XML, which a guard must decode)."""
    text = data.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:]
    return ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")


@FUZZ
@given(part=st.sampled_from([p for p in PARTS if p.endswith(".xml")]), edits=EDITS)
def test_mutated_utf16_parts(tmp_path_factory, part, edits):
    """Every XML part re-encoded as UTF-16, one of them then damaged: a document or a finding."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(XLSX)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = _utf16(src.read(info)) if info.filename.endswith(".xml") else src.read(info)
            dst.writestr(info, _mutate(data, edits) if info.filename == part else data)
    _survives(tmp_path_factory.mktemp("u"), out.getvalue(), ".xlsx")


def test_utf16_parts_read_as_their_utf8_originals(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(XLSX)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, _utf16(src.read(info)) if info.filename.endswith(".xml") else src.read(info))
    (tmp_path / "u.xlsx").write_bytes(out.getvalue())
    (tmp_path / "o.xlsx").write_bytes(XLSX)
    utf16, original = read.extract(tmp_path / "u.xlsx"), read.extract(tmp_path / "o.xlsx")
    assert utf16.document["table3"] == original.document["table3"] and utf16.findings == original.findings


ANY_VALUE = st.one_of(st.none(), st.integers(-(10 ** 20), 10 ** 20), st.floats(allow_nan=True, allow_infinity=True),
                      st.booleans(), st.text(max_size=30), st.sampled_from(["=1+1", "@SUM(1)", "+1", "-1", "\r"]))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from([f.path for f in SPEC.inputs]), ANY_VALUE, max_size=12))
def test_any_document_writes_a_fresh_workbook_that_reads_back(tmp_path_factory, values):
    """Whatever a report document holds (NaN, 10**20, True, formula-like text), the fresh workbook of the
    feedback is written, has no formula but ours, and gives back every number it was given."""
    from toolkit import document, feedback

    doc = document.build(SPEC, 2024, {"code": "140902", "name": "忻府区", "parent": "1409"}, values)
    path = tmp_path_factory.mktemp("f") / "fresh.xlsx"
    path.write_bytes(feedback._fresh(doc, SPEC))
    got = read.extract(path)
    assert got.document is not None
    read_back = document.flat(got.document, SPEC)
    # xlsxwriter stores 16 significant digits (a count is exact; 收费 has at most 6 decimals)
    assert all(math.isclose(read_back[p], v, rel_tol=1e-15) for p, v in values.items() if document.is_number(v))
    book = xlsx.Xlsx(path.read_bytes())
    cells = {(f.r, f.c) for f in SPEC.inputs if f.sheet == "表三"}
    assert all(book.cells("表三")[pos].formula is None for pos in cells if pos in book.cells("表三"))
