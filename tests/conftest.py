from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from toolkit import generate, spec
from toolkit.roster import Unit

YEAR = 2024
UNIT = Unit("140981", "原平市", "1409")
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="session")
def the_spec() -> spec.Spec:
    return spec.load()


@pytest.fixture(scope="session")
def unit_bytes(the_spec) -> bytes:
    return generate.Blank(the_spec, YEAR, personalised=True).render(UNIT)


@pytest.fixture(scope="session")
def blank_bytes(the_spec) -> bytes:
    return generate.Blank(the_spec, YEAR, personalised=False).render(None)


@pytest.fixture(scope="session")
def unit_book(unit_bytes):
    return openpyxl.load_workbook(io.BytesIO(unit_bytes))


@pytest.fixture
def desk_folder(tmp_path) -> Path:
    """A new desk of the sample roster (忻州市, 2024, last year's reports in), closed: its folder."""
    from toolkit.desk import Desk

    Desk.create(tmp_path / "desk", year=YEAR, roster=SAMPLES / "roster.csv", name="忻州市", code="1409",
                previous=[SAMPLES / "previous"]).close()
    return tmp_path / "desk"
