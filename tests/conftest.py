from __future__ import annotations

import io

import openpyxl
import pytest

from toolkit import generate, spec
from toolkit.roster import Unit

YEAR = 2024
UNIT = Unit("140981", "原平市", "1409")


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
