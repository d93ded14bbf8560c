"""Findings: what is wrong (or worth knowing) about a file, pinned to a cell of the user's own file.

A finding is a value, never an exception: a stable code, a severity, a position, and the parameters
of its sentence (numbers, cells, labels, names), which is rendered only when it is shown, in the
language asked for (`Finding.text`). Codes are stable: the cross-check rules use their ids from the
format (`T3-1`, `X-1`, …, worded in `schemas/rules-*.json`), file and cell problems the codes of
`CODES`, worded in the message catalogue. `python -m toolkit.findings` writes `docs/findings.md`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from . import messages
from .messages import render, text

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # the values its sentence names
    field: str | None = None  # "table3.new_received.total"
    sheet: str | None = None  # as named in the user's file
    cell: str | None = None  # A1, in the user's file
    expected: Any = None
    actual: Any = None
    related: tuple[str, ...] = ()  # the other cells a rule compares, A1
    explained: str | None = None  # the reason the unit gave (an office's config), in its own words

    def text(self, lang: str = "zh") -> str:
        """The finding's sentence in `lang`."""
        said = render(template(self.code, lang), lang, self.params)
        return text("finding.explained", lang, message=said, reason=self.explained) if self.explained else said

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.text(lang), "field": self.field,
                "sheet": self.sheet, "cell": self.cell, "expected": self.expected, "actual": self.actual,
                "related": list(self.related)}

    def to_record(self) -> dict[str, Any]:
        """The finding as JSON data that `from_record` makes it again from (a ledger keeps findings so):
        its parameters kept, not its sentence, so that it can still be said in any language."""
        out = {key: getattr(self, key) for key in ("code", "severity", "field", "sheet", "cell", "explained")}
        return {**out, "params": {k: _encoded(v) for k, v in self.params.items()}, "expected": _encoded(self.expected),
                "actual": _encoded(self.actual), "related": list(self.related)}


def from_record(data: Mapping[str, Any]) -> Finding:
    return Finding(data["code"], data["severity"], {k: _decoded(v) for k, v in data["params"].items()},
                   data["field"], data["sheet"], data["cell"], _decoded(data["expected"]), _decoded(data["actual"]),
                   tuple(data["related"]), data["explained"])


def _encoded(v: Any) -> Any:
    """A parameter as JSON: a sentence still to say (`Msg`), a list of names, a finding, in tagged objects."""
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, messages.Msg):
        return {"$msg": v.key, "params": {k: _encoded(p) for k, p in v.params.items()}}
    if isinstance(v, messages.Listing):
        return {"$list": [_encoded(item) for item in v.items], "limit": v.limit, "join": v.join}
    if isinstance(v, Finding):
        return {"$finding": v.to_record()}
    if isinstance(v, list | tuple):
        return [_encoded(item) for item in v]
    return str(v)  # a path, a Decimal: said as their text anyway


def _decoded(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_decoded(item) for item in v)
    if not isinstance(v, dict):
        return v
    if "$msg" in v:
        return messages.Msg(v["$msg"], {k: _decoded(p) for k, p in v["params"].items()})
    if "$list" in v:
        return messages.Listing(tuple(_decoded(item) for item in v["$list"]), v["limit"], v.get("join", "list.join"))
    return from_record(v["$finding"])


@dataclass(frozen=True)
class Code:
    severity: Severity
    rules: str = ""  # the rules of the format this code reports, e.g. "T2-1 T3-4"
    receipt: bool = False  # said of a file the desk received, not of a report's content


CODES: dict[str, Code] = {
    "FILE-UNREADABLE": Code("error"),
    "FILE-ENCRYPTED": Code("error"),
    "FILE-VALUES-ONLY": Code("info"),
    "FORMAT-2019": Code("error", rules="T2-2"),
    "FORMAT-UNKNOWN": Code("error", rules="T4-2"),
    "FORMAT-LABEL": Code("warning", rules="T2-2"),
    "CELL-BLANK": Code("warning", rules="T3-5"),
    "CELL-NOT-NUMBER": Code("error", rules="T2-1 T3-4 T4-2"),
    "CELL-NEGATIVE": Code("error", rules="T2-1 T3-4 T4-2"),
    "CELL-NOT-INTEGER": Code("error", rules="T2-1 T3-4 T4-2"),
    "CELL-TOO-LARGE": Code("error", rules="T2-1 T3-4 T4-2"),
    "CELL-TOO-PRECISE": Code("error", rules="T2-1"),
    "CELL-NORMALISED": Code("info"),
    "CELL-FORMULA": Code("warning"),
    "CELL-TYPED-TOTAL": Code("info"),
    "LAYOUT-MOVED": Code("info"),
    "YEAR-UNKNOWN": Code("error"),
    "UNIT-UNKNOWN": Code("warning"),
    "UNIT-MISMATCH": Code("warning"),
    "PREVIOUS-UNREADABLE": Code("warning", rules="X-1 X-2 X-3"),
    "MERGE-EXCLUDED": Code("warning"),
    "MERGE-WITH-ERRORS": Code("warning"),
    "MERGE-WITH-WARNINGS": Code("warning"),
    "TOTAL-WITH-ERRORS": Code("error"),
    "TOTAL-NO-MEMBERS": Code("error"),
    "MERGE-BLANK": Code("info"),
    "MERGE-TABLE4": Code("warning"),
    "MERGE-NOT-ON-ROSTER": Code("warning"),
    "MERGE-MISSING": Code("warning"),
    "MERGE-INCOMPLETE": Code("warning"),
    "EMPTY": Code("error"),
    "YEAR-MISMATCH": Code("error"),
    # reading a published report (a web page, Word, PDF or text)
    "IMPORT-UNREADABLE": Code("error"),
    "IMPORT-MISSING": Code("error"),
    "IMPORT-INFERRED": Code("info"),
    "IMPORT-AMBIGUOUS": Code("warning"),
    "IMPORT-UNSETTLED": Code("warning"),
    "IMPORT-NO-READING": Code("warning"),
    # a published report's narrative against its tables
    **{f"N-{n}": Code("warning", rules=f"N-{n}") for n in range(1, 9)},
    # what the desk says of a file it received that is not (yet) a unit's return
    "UNCLAIMED": Code("warning", receipt=True),
    "NOT-A-WORKBOOK": Code("warning", receipt=True),
    "OWN-OUTPUT": Code("info", receipt=True),
    "DUPLICATE": Code("info", receipt=True),
}


def of_receipt(f: Finding) -> bool:
    """Whether a finding is what a desk said of a file it received (UNCLAIMED, DUPLICATE…), not of its content."""
    code = CODES.get(f.code)
    return code is not None and code.receipt


def make(code: str, severity: Severity | None = None, **where: Any) -> Finding:
    """A finding of a catalogue code; `where` gives field, sheet, cell, expected, actual, related, and the
    parameters of its sentence."""
    position = {k: where.pop(k) for k in ("field", "sheet", "cell", "expected", "actual", "related") if k in where}
    return Finding(code, severity or CODES[code].severity, where, **position)


def template(code: str, lang: str = "zh") -> str:
    """The sentence of a code, with its parameters still to fill: the catalogue's, or a rule's of the format."""
    if code in CODES:
        return messages.template(f"finding.{code}.message", lang)
    rule = _rule(code)
    return rule.message.get(lang, rule.message["zh"]) if rule else code


def action(code: str, lang: str = "zh") -> str:
    """What the unit should do about a finding: the catalogue's words for a code, the format's for a rule."""
    if code in CODES:
        return text(f"finding.{code}.action", lang)
    rule = _rule(code)
    return rule.action.get(lang, rule.action["zh"]) if rule else ""


def _rule(code: str) -> Any:
    from .spec import load  # the format's rules; spec does not import this module

    return next((r for r in load().rules if r.id == code), None)


def with_severity(f: Finding, severity: Severity) -> Finding:
    return f if f.severity == severity else replace(f, severity=severity)


def catalogue_markdown(rules: tuple[Any, ...]) -> str:
    """The code catalogue as Markdown (docs/findings.md), from CODES, the message catalogue and the rules."""
    lines = [
        "# 校验结果代码 / Finding codes",
        "",
        "由 `python -m toolkit.findings > docs/findings.md` 生成，请勿手改（测试会检查是否过期）。",
        "Generated by `python -m toolkit.findings > docs/findings.md`; a test fails when it is stale.",
        "",
        "严重程度：error 错误（退回单位修改）· warning 警告（需要单位说明）· info 提示。",
        "",
        "## 勾稽关系规则 / Cross-check rules",
        "",
        "| 代码 | 严重程度 | 规则 | 提示模板 | 单位应当 |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| `{rule.id}` | {rule.severity} | {rule.title['zh']}<br>{rule.title['en']} | "
              f"{rule.message['zh']} | {rule.action['zh']}<br>{rule.action['en']} |" for rule in rules]
    sections = (("## 文件与单元格 / Files and cells", "单位应当", False),
                ("## 报送台账的收件结果 / Desk receipts", "应当", True))
    for heading, who, receipt in sections:
        lines += ["", heading, "", f"| 代码 | 严重程度 | 含义 | {who} | 对应规则 |", "|---|---|---|---|---|"]
        for code, c in CODES.items():
            if c.receipt == receipt:
                meaning, act = (f"finding.{code}.{part}" for part in ("meaning", "action"))
                lines.append(f"| `{code}` | {c.severity} | {text(meaning)}<br>{text(meaning, 'en')} | "
                             f"{text(act)}<br>{text(act, 'en')} | {c.rules} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from .spec import load

    print(catalogue_markdown(load().rules), end="")  # noqa: T201 (the command's output)
