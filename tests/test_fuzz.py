"""Fuzzing: mutated workbooks never crash the reader or the checks; each is a document or a finding.

Bounded: a fixed number of examples, derandomized (no timed assertion); about five seconds in all.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import findings, read, spec, validate

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
        codes |= {f.code for f in validate.check(got.document)}
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
