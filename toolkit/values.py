"""What a person typed into a data cell, read as a number the way a careful clerk would.

Numbers stored as text, full-width digits, thousands separators, spaces and a trailing unit
(`12件`, `３万元`) are numbers; a dash, `/`, `无` or `空` means nothing was entered. Anything else
stays text, so validation reports it rather than guessing.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

BLANK_LIKE = frozenset({"-", "--", "—", "——", "–", "/", "\\", "无", "空", "没有", "暂无", "n/a", "na"})
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_COUNT_UNITS = ("件", "个", "份", "项", "起", "次", "宗")
_WAN_YUAN, _YUAN = "万元", "元"
_MINUS = "\u2212"  # the minus sign of word processors; NFKC keeps it
_BEFORE_UNIT = re.compile(r"\s+(?=(?:万元|元|件|个|份|项|起|次|宗)$)")
_SPACED_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?")

Number = int | float


def as_number(v: Decimal) -> Number:
    """An int for a whole number (so 3.0 reads as 3), else a float of at most the digits typed."""
    return int(v) if v == v.to_integral_value() else float(v)


def parse(text: str, kind: str = "count") -> tuple[Number | None, bool] | None:
    """`(value, blank_like)` for text that means a number or nothing; None when it means neither.

    `kind` is the field's type: an amount written in 元 (`1234元`) is converted to 万元.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace("，", ",").replace(_MINUS, "-")
    s = _BEFORE_UNIT.sub("", s)  # `12 件`
    if _SPACED_THOUSANDS.fullmatch(s):  # `1 234`
        s = s.replace(" ", "")
    if re.search(r"\s", s):  # `1 2` may be 12 or two numbers: left as text, for the unit to settle
        return None
    if s.lower() in BLANK_LIKE or not s:
        return None, True
    scale = Decimal(1)
    if kind == "amount" and s.endswith(_WAN_YUAN):
        s = s[: -len(_WAN_YUAN)]
    elif kind == "amount" and s.endswith(_YUAN):
        s, scale = s[:-1], Decimal("0.0001")
    elif kind != "amount" and s.endswith(_COUNT_UNITS):
        s = s[:-1]
    if not _NUMBER.fullmatch(s):
        return None
    try:
        return as_number(Decimal(s.replace(",", "")) * scale), False
    except InvalidOperation:
        return None
