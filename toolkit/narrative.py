"""The narrative of a published report checked against its tables: rules N-1 to N-8 of the format.

Each rule looks for the sentences that state a number the tables also hold (收到申请 N 件, 办结 N 件, 行政复议 N 件,
制发规范性文件 N 件…) and compares; a finding quotes the sentence and names the table's cell. The sentences are
found by patterns of how reports word them; a sentence worded otherwise is not checked (never guessed at).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from . import findings
from .findings import Finding

QUOTED = 60  # characters of a sentence quoted in a finding
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_N = r"(\d+)\s*(?:件|份|个|条|起)"
_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")

# N-1: the applications received; N-2: done and carried forward; N-5: reviews and suits; N-6: 表二
_RECEIVED = (re.compile(r"(?:收到|受理|接收)[^，,。；\d]{0,16}?申请[^，,。；\d]{0,6}?" + _N),
             re.compile(r"(?:收到|受理|接收)[^，,。；\d]{0,8}?" + _N + r"[^，,。；]{0,12}?申请"))
_DONE = re.compile(r"(?<!未)办结[^，,。；\d]{0,10}?" + _N)
_FORWARD = re.compile(r"(?<!上年)(?<!上一年)结转[^，,。；\d上]{0,14}?" + _N)
_REVIEW = re.compile(r"行政复议[^，,。；\d]{0,8}?" + _N)
_SUIT = re.compile(r"行政诉讼[^，,。；\d]{0,8}?" + _N)
_TABLE2 = {
    "table2.normative_documents.issued": re.compile(r"制发[^，,。；\d]{0,16}?规范性文件\s*" + _N),
    "table2.normative_documents.in_force": re.compile(r"现行有效[^，,。；\d]{0,12}?规范性文件\s*" + _N),
    "table2.normative_documents.repealed": re.compile(r"废止[^，,。；\d]{0,12}?规范性文件\s*" + _N),
    "table2.regulations.issued": re.compile(r"制(?:定|发)[^，,。；\d]{0,8}?规章\s*" + _N),
}
_NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|办理)[^，,。；]{0,10}?(?:依申请公开|申请)|无依申请公开")
_SHARE = re.compile(r"(予以公开(?:[和及与]部分公开)?|部分公开|不予公开|无法提供|不予处理|其他处理)[^，,。；\d]{0,4}?"
                    + _N + r"[，,、]?\s*占[^，,。；\d]{0,6}?([\d.]+)\s*%")
_SHARE_ROWS = {"予以公开": ("disclosed",), "部分公开": ("partially_disclosed",),
               "不予公开": ("withheld_",), "无法提供": ("unavailable_",), "不予处理": ("not_processed_",),
               "其他处理": ("other_",)}


def check(text: str, doc: Mapping[str, Any]) -> list[Finding]:
    """What the narrative states and the tables do not bear out (warnings, as the format's rules N-1…N-8)."""
    t3, t4 = doc.get("table3") or {}, doc.get("table4") or {}
    found: list[Finding] = []
    for sentence in _sentences(text):
        found += _n1(sentence, t3) + _n2(sentence, t3) + _n3(sentence, t3) + _n4(sentence, t3) + _n5(sentence, t4)
        found += _n6(sentence, doc)
    found += _n7(text) + _n8(text, doc)
    return found


def _sentences(text: str) -> Iterator[str]:
    for m in _SENTENCE.finditer(text):
        sentence = " ".join(m.group(0).split())
        if sentence and "\t" not in m.group(0):  # a table's row is no sentence
            yield sentence


def _total(t3: Mapping[str, Any], row: str) -> int:
    return int((t3.get(row) or {}).get("total") or 0)


def _said(code: str, sentence: str, field: str, said: object, table: object) -> Finding:
    from .spec import load

    quoted = sentence if len(sentence) <= QUOTED else sentence[:QUOTED] + "…"
    return findings.make(code, field=field, sheet=load().fields[field].sheet, sentence=quoted, said=said,
                         table=table)


def _n1(sentence: str, t3: Mapping[str, Any]) -> list[Finding]:
    for pattern in _RECEIVED:
        m = pattern.search(sentence)
        if m and "上年" not in sentence[:m.start()]:
            said = int(m.group(1))
            new, both = _total(t3, "new_received"), _total(t3, "new_received") + _total(t3, "carried_over")
            with_before = "结转" in sentence or "含上年" in sentence
            if said not in ((new, both) if with_before else (new,)):
                return [_said("N-1", sentence, "table3.new_received.total", said, both if with_before else new)]
            return []
    return []


def _n2(sentence: str, t3: Mapping[str, Any]) -> list[Finding]:
    if "申请" not in sentence:  # 办结 of hotline cases, 结转 of funds: other matters
        return []
    out = []
    for pattern, row in ((_DONE, "results_total"), (_FORWARD, "carried_forward")):
        m = pattern.search(sentence)
        if m and int(m.group(1)) != _total(t3, row):
            out.append(_said("N-2", sentence, f"table3.{row}.total", int(m.group(1)), _total(t3, row)))
    return out


def _n3(sentence: str, t3: Mapping[str, Any]) -> list[Finding]:
    out = []
    done = _total(t3, "results_total")
    for m in _SHARE.finditer(sentence):
        name, count, share = m.group(1), int(m.group(2)), float(m.group(3))
        prefixes = [p for key, ps in _SHARE_ROWS.items() if key in name for p in ps]
        if name.startswith("予以公开") and "部分公开" not in name:
            prefixes = ["disclosed"]
        table = sum(_total(t3, row) for row in t3 if any(row.startswith(p) for p in prefixes))
        field = f"table3.{next(row for row in t3 if any(row.startswith(p) for p in prefixes))}.total"
        if count != table:
            out.append(_said("N-3", sentence, field, count, table))
        elif done and abs(share - 100 * count / done) > 0.01 + 10 ** -_decimals(m.group(3)) / 2:
            out.append(_said("N-3", sentence, field, f"{share}%", f"{100 * count / done:.2f}%"))
    return out


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _n4(sentence: str, t3: Mapping[str, Any]) -> list[Finding]:
    if not _NONE_RECEIVED.search(sentence):
        return []
    received = _total(t3, "new_received") + _total(t3, "carried_over")
    return [_said("N-4", sentence, "table3.new_received.total", 0, received)] if received else []


def _n5(sentence: str, t4: Mapping[str, Any]) -> list[Finding]:
    out = []
    review = int((t4.get("review") or {}).get("total") or 0)
    suits = sum(int((t4.get(g) or {}).get("total") or 0) for g in ("litigation_direct", "litigation_after_review"))
    for pattern, field, table in ((_REVIEW, "table4.review.total", review),
                                  (_SUIT, "table4.litigation_direct.total", suits)):
        m = pattern.search(sentence)
        if m and int(m.group(1)) != table:
            out.append(_said("N-5", sentence, field, int(m.group(1)), table))
    groups = ("review", "litigation_direct", "litigation_after_review")
    if "均已审结" in sentence or "全部审结" in sentence:
        pending = sum(int((t4.get(g) or {}).get("pending") or 0) for g in groups)
        if pending:
            out.append(_said("N-5", sentence, "table4.review.pending", "均已审结", pending))
    if re.search(r"均(?:获|被|予)?维持", sentence):
        corrected = sum(int((t4.get(g) or {}).get("corrected") or 0) for g in groups)
        if corrected:
            out.append(_said("N-5", sentence, "table4.review.corrected", "均获维持", corrected))
    return out


def _n6(sentence: str, doc: Mapping[str, Any]) -> list[Finding]:
    out = []
    for path, pattern in _TABLE2.items():
        m = pattern.search(sentence)
        if m is None:
            continue
        _, row, column = path.split(".")
        table = ((doc.get("table2") or {}).get(row) or {}).get(column)
        if table is not None and int(m.group(1)) != table:
            out.append(_said("N-6", sentence, path, int(m.group(1)), table))
    return out


def _n7(text: str) -> list[Finding]:
    if "信息处理费" in text:
        return []
    return [findings.make("N-7", sheet=None)]


def _n8(text: str, doc: Mapping[str, Any]) -> list[Finding]:
    """The statistics period is the report's year; the report is dated by the deadline: 1月31日 for a
    department, 3月31日 for a government (人民政府) itself."""
    year = doc.get("year")
    out = []
    period = re.search(r"统计[^。；]{0,12}?(20\d{2})\s*年\s*0?1\s*月\s*0?1\s*日", text)
    if period and year and int(period.group(1)) != year:
        out.append(findings.make("N-8", sheet=None, sentence=period.group(0), said=period.group(1), table=year))
    dates = list(_DATE.finditer(text[-300:]))  # the date under the signature, at the end
    if dates and year:
        y, m, d = (int(g) for g in dates[-1].groups())
        try:
            signed = date(y, m, d)
        except ValueError:
            return out
        government = str((doc.get("unit") or {}).get("name") or "").endswith("政府")
        deadline = date(year + 1, 3, 31) if government else date(year + 1, 1, 31)
        if signed > deadline:
            out.append(findings.make("N-8", sheet=None, sentence=dates[-1].group(0), said=str(signed),
                                     table=str(deadline)))
    return out
