"""How a workbook identifies itself, in the places re-saving keeps (see DESIGN.md).

The same metadata goes into custom document properties and a very hidden sheet, and every
data cell gets a defined name; the reader looks in all three.
"""

from __future__ import annotations

import hashlib
import json

from . import __version__, formulas
from .roster import Unit
from .spec import Spec

COVER_SHEET = "封面"  # the sheet a workbook opens on: who, when, and the summary of its checks
SHEET = "_nianbao"
PROPERTY_PREFIX = "nianbao."
NAME_PREFIX = "nb."
CONSOLIDATED = "consolidated"  # the `kind` of a workbook that sums other reports
MEMBERS_SHEET = "_nianbao_members"  # a consolidated workbook's members, a row each, and the units inside them
# a member's row, then (inside = 1) a row for each unit inside it, by its key for double counting; after
# the members, (inside = ABSENT) a row for each unit the total lacks, at any depth, `file` saying within what
MEMBER_COLUMNS = ("code", "name", "file", "sha256", "status", "included", "inside")
ABSENT = "absent"


def defined_name(path: str) -> str:
    """`table3.new_received.total` → `nb.table3.new_received.total`."""
    return NAME_PREFIX + path


def locked_parts_sha256(spec: Spec) -> str:
    """A hash of everything a unit must not change: labels and formulas, by position."""
    cells = sorted(
        [(label.sheet, label.ref, label.text) for table in spec.tables for label in table.labels]
        + [(sheet, ref, text) for (sheet, ref), text in formulas.locked(spec).items()]
    )
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def metadata(spec: Spec, year: int, unit: Unit) -> dict[str, str]:
    return {
        "format": spec.format,
        "version": spec.version,
        "year": str(year),
        "unit_code": unit.code,
        "unit_name": unit.name,
        "unit_parent": unit.parent,
        "template_sha256": locked_parts_sha256(spec),
        "generator": f"nianbao {__version__}",
    }
