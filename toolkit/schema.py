"""The JSON Schema of the report document, derived from the template so the two cannot drift.

`schemas/report-{edition}.schema.json` is this function's output, committed for other programs;
a test fails when it is stale. Refresh: `python -m toolkit.schema > schemas/report-2021.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from .document import LARGEST
from .spec import Spec
from .spec import load as load_spec

VALUE = {
    "count": {"type": ["integer", "null"], "minimum": 0, "maximum": LARGEST},
    "amount": {"type": ["number", "null"], "minimum": 0, "maximum": LARGEST},
}


def _object(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "additionalProperties": False,
            "properties": properties, **extra}


def report_schema(spec: Spec) -> dict[str, Any]:
    tables: dict[str, dict[str, Any]] = {}
    for field in spec.fields.values():
        table, outer, inner = field.keys
        node = tables.setdefault(table, {}).setdefault(outer, {})
        node[inner] = {**VALUE[field.type], "title": f"{field.sheet} {field.label}"}
    table_titles = {t.id: t.title for t in spec.tables}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://nianbao.example/schemas/report-{spec.format.rsplit('/', 1)[1]}.schema.json",
        "title": f"{spec.title}（{spec.format}）的报告文档",
        "description": "null is a blank cell, kept distinct from 0; counts are integers, 收费 is 万元.",
        "type": "object",
        "required": ["format", "year", "unit", *tables],
        "additionalProperties": False,
        "properties": {
            "format": {"const": spec.format},
            "year": {"type": "integer", "minimum": spec.first_year, "maximum": spec.last_year},
            "unit": {
                "type": "object",
                "required": ["code", "name"],
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "parent": {"type": ["string", "null"]},
                },
            },
            **{
                table: _object({key: _object(cells) for key, cells in rows.items()}, title=table_titles[table])
                for table, rows in tables.items()
            },
            "contact": {
                "type": "object",
                "description": "who filled the report in, as the cover says (optional)",
                "properties": {key: {"type": ["string", "null"], "title": label}
                               for key, label in spec.contact.items()},
            },
            "source": {"type": "object", "description": "where the document was read from (path, sha256, cells…)"},
            "members": {
                "type": "array",
                "description": "a consolidated report's members: who is summed, from which file, with which status",
                "items": {
                    "type": "object",
                    "required": ["code", "name", "status", "included"],
                    "properties": {
                        "code": {"type": "string"},
                        "name": {"type": "string"},
                        "file": {"type": "string"},
                        "sha256": {"type": "string"},
                        "status": {"enum": ["ok", "warning", "error"]},
                        "included": {"type": "boolean"},
                        "contains": {"type": "array", "items": {"type": "string"},
                                     "description": "the units a consolidated member already sums, at any depth"},
                    },
                },
            },
            "absent": {
                "type": "array",
                "description": "a consolidated report's units that are not in it, at any depth: on its roster but "
                               "sent nothing, or left out (errors, unreadable); `within` names the lower total",
                "items": {
                    "type": "object",
                    "required": ["code", "name", "status"],
                    "properties": {
                        "code": {"type": "string"},
                        "name": {"type": "string"},
                        "status": {"enum": ["missing", "unreadable", "error", "warning", "ok"]},
                        "within": {"type": "string"},
                    },
                },
            },
        },
    }


if __name__ == "__main__":
    print(json.dumps(report_schema(load_spec()), ensure_ascii=False, indent=2))  # noqa: T201 (the command's output)
