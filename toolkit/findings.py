"""Findings: what is wrong (or worth knowing) about a file, pinned to a cell of the user's own file.

A finding is a value, never an exception. Codes are stable: the cross-check rules use their ids
from the format (`T3-1`, `X-1`, …, worded in `schemas/rules-*.json`), file and cell problems use
the codes of `CODES` below. `python -m toolkit.findings` writes the catalogue `docs/findings.md`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "error" | "warning" | "info"
    message: str
    field: str | None = None  # "table3.new_received.total"
    sheet: str | None = None  # as named in the user's file
    cell: str | None = None  # A1, in the user's file
    expected: Any = None
    actual: Any = None
    related: tuple[str, ...] = ()  # the other cells a rule compares, A1

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["related"] = list(self.related)
        return out


@dataclass(frozen=True)
class Code:
    severity: str
    meaning: dict[str, str]
    message: dict[str, str]  # the template of every finding with this code
    action: dict[str, str]  # what the unit (or the office) should do
    rules: tuple[str, ...] = ()  # the rules of the format this code reports


def _code(severity: str, meaning: tuple[str, str], message: tuple[str, str], action: tuple[str, str],
          rules: str = "") -> Code:
    def both(pair: tuple[str, str]) -> dict[str, str]:
        return {"zh": pair[0], "en": pair[1]}

    return Code(severity, both(meaning), both(message), both(action), tuple(rules.split()))


CODES: dict[str, Code] = {
    "FILE-UNREADABLE": _code(
        "error",
        meaning=("文件无法作为工作簿读取（损坏、不完整、不是 Excel 文件或过大）",
                 "the file cannot be read as a workbook (damaged, truncated, not a spreadsheet, too large)"),
        message=("无法读取：{reason}", "cannot be read: {reason}"),
        action=("用 Excel 或 WPS 打开确认无误后，另存为 .xlsx 重新报送",
                "open it in Excel or WPS, save it as .xlsx and send it again")),
    "FILE-ENCRYPTED": _code(
        "error",
        meaning=("工作簿设置了打开密码，无法读取", "the workbook is encrypted with an opening password"),
        message=("工作簿设置了打开密码，无法读取", "the workbook is protected by an opening password"),
        action=("取消打开密码（文件→信息→保护工作簿）后重新报送；工作表保护不影响读取",
                "remove the opening password and send it again; sheet protection is fine")),
    "FILE-VALUES-ONLY": _code(
        "info",
        meaning=("不是 .xlsx 文件（.xls、.et、.ods）：只能读取单元格的值，无法判断总计是否仍是公式",
                 "not an .xlsx file (.xls, .et, .ods): only values can be read, so whether a total is still "
                 "a formula cannot be told"),
        message=("这是 {kind} 文件，已按单元格的值读取，总计只按勾稽关系检查",
                 "a {kind} file, read by its values; totals are checked by the rules only"),
        action=("下次请另存为 .xlsx（WPS：文件 → 另存为 → Excel 文件）",
                "next time save it as .xlsx (WPS: File → Save As → Excel file)")),
    "FORMAT-2019": _code(
        "error",
        meaning=("使用了 2019 年版格式（2019–2020 年度）；数字不会被读入 2021 年版的项目",
                 "the 2019 format (report years 2019–2020); its numbers are never read into 2021 fields"),
        message=("使用的是 2019 年版格式（发现“{label}”），{year} 年度应使用国办公开办函〔2021〕30号格式",
                 "this is the 2019 format (found “{label}”); report year {year} needs the 2021 format"),
        action=("在下发的新模板中重新填报", "fill in the 2021 template that was sent out"),
        rules="T2-2"),
    "FORMAT-UNKNOWN": _code(
        "error",
        meaning=("找不到统计表或其中的项目，文件不是本格式的统计表",
                 "a table or a part of it cannot be found: not a workbook of this format"),
        message=("找不到{what}", "cannot find {what}"),
        action=("使用下发的模板填报，不要删除表格、行或列",
                "use the template that was sent out; do not delete tables, rows or columns"),
        rules="T4-2"),
    "FORMAT-LABEL": _code(
        "warning",
        meaning=("表格文字与官方格式不一致", "a label differs from the official format"),
        message=("“{found}”应为“{official}”", "“{found}” should read “{official}”"),
        action=("按官方格式改正表格文字", "restore the official wording"),
        rules="T2-2"),
    "CELL-BLANK": _code(
        "warning",
        meaning=("单元格为空；格式要求没有发生的填 0（空白在勾稽计算中按 0 计）",
                 "a blank cell; the format wants 0 written (blank counts as 0 in the checks)"),
        message=("未填写，没有发生的请填 0", "blank: write 0 where nothing happened"),
        action=("填写数字，没有发生的填 0", "write a number, 0 where nothing happened"),
        rules="T3-5"),
    "CELL-NOT-NUMBER": _code(
        "error",
        meaning=("单元格内容不是数字（文字、错误值等），不参与勾稽计算",
                 "the cell holds text or an error value, not a number; rules using it are skipped"),
        message=("“{value}”不是数字", "“{value}” is not a number"),
        action=("改为数字", "enter a number"),
        rules="T2-1 T3-4 T4-2"),
    "CELL-NEGATIVE": _code(
        "error",
        meaning=("数字为负", "a negative number"),
        message=("{value} 是负数", "{value} is negative"),
        action=("件数、金额不能为负，请改正", "counts and amounts cannot be negative"),
        rules="T2-1 T3-4 T4-2"),
    "CELL-NOT-INTEGER": _code(
        "error",
        meaning=("件数不是整数", "a count that is not a whole number"),
        message=("件数 {value} 不是整数", "the count {value} is not a whole number"),
        action=("件数只能是 0 或正整数", "counts are whole numbers"),
        rules="T2-1 T3-4 T4-2"),
    "CELL-TOO-LARGE": _code(
        "error",
        meaning=("数字大得不合常理（超过 15 位），多半是误填或文件被改动，不参与勾稽计算和汇总",
                 "a number of more than 15 digits: a slip or a tampered file; no rule or total uses it"),
        message=("{value} 大得不合常理", "{value} is too large to be a real figure"),
        action=("核对后填写实际数字", "check it and enter the real figure"),
        rules="T2-1 T3-4 T4-2"),
    "CELL-TOO-PRECISE": _code(
        "error",
        meaning=("收费金额超过 6 位小数（万元精确到分只需 6 位）", "an amount in 万元 with more than 6 decimals"),
        message=("{value} 万元超过 6 位小数", "{value} has more than 6 decimals"),
        action=("金额以万元为单位，最多 6 位小数", "amounts are in 万元 with at most 6 decimals"),
        rules="T2-1"),
    "CELL-NORMALISED": _code(
        "info",
        meaning=("单元格内容经过规范化才读成数字（文本数字、全角数字、千位分隔符、空格、单位字样），"
                 "或读成空白（“无”“—”等）",
                 "a text number, full-width digits, separators or a unit word were read as a number, "
                 "or a dash or 无 as blank"),
        message=("“{value}”按 {read} 读取", "“{value}” was read as {read}"),
        action=("不必处理；下次请直接填写数字", "nothing to do; next time type plain numbers")),
    "CELL-FORMULA": _code(
        "warning",
        meaning=("单元格里是单位自己写的公式，不是模板公式", "a formula written by the unit, not the template's"),
        message=("公式“={formula}”不是模板公式，按{how}读取", "the formula “={formula}” is not ours; read as {how}"),
        action=("直接填写数字，不要自行添加或改动公式", "type numbers; do not add or change formulas")),
    "CELL-TYPED-TOTAL": _code(
        "info",
        meaning=("总计单元格的公式被手填的数字覆盖，按所填数字校验",
                 "a total typed over as a number; it is read as typed so the rules can catch a wrong total"),
        message=("总计公式被手填数字 {value} 覆盖，按所填数字校验",
                 "the total's formula was replaced by the number {value}"),
        action=("不要改动灰色总计单元格", "leave the grey total cells alone")),
    "LAYOUT-MOVED": _code(
        "info",
        meaning=("表格不在模板位置，已按表格文字找到",
                 "a table was found by its labels away from its template position"),
        message=("{table}不在模板位置（{how}），已按表格文字找到",
                 "{table} is not where the template put it ({how}); found by its labels"),
        action=("不必处理；下次请不要插入或删除行列",
                "nothing to do; next time do not insert or delete rows or columns")),
    "YEAR-UNKNOWN": _code(
        "error",
        meaning=("无法确定报告年度", "the report year cannot be determined"),
        message=("无法确定报告年度", "the report year cannot be determined"),
        action=("使用下发的模板填报", "use the template that was sent out")),
    "UNIT-UNKNOWN": _code(
        "warning",
        meaning=("无法确定填报单位（封面未填写单位名称或代码）",
                 "the unit cannot be determined (no name or code on the cover)"),
        message=("封面未填写{what}", "the cover sheet has no {what}"),
        action=("在封面填写单位名称和代码", "fill in the unit name and code on the cover sheet")),
    "UNIT-MISMATCH": _code(
        "warning",
        meaning=("封面上的单位与下发时登记的单位不一致（封面被改写，或用了别的单位的表）",
                 "the unit on the cover differs from the one the workbook was made for"),
        message=("封面的{label}为“{typed}”，但这份表是下发给“{sent}”的；按“{sent}”读取",
                 "the cover's {label} reads “{typed}”, but this workbook was made for “{sent}”; read as “{sent}”"),
        action=("确认是哪个单位的数字：用本单位自己的表重新填报",
                "check whose figures these are; fill in the unit's own workbook")),
    "PREVIOUS-UNREADABLE": _code(
        "warning",
        meaning=("上年数据文件无法读取，跨年度校验（X-1 至 X-3）无法进行",
                 "a file of last year cannot be read, so the checks between years are skipped"),
        message=("上年数据 {path} 无法读取（{reason}），未做跨年度校验",
                 "last year's file {path} cannot be read ({reason})"),
        action=("提供可读的上年工作簿或报告文档", "provide a readable file of last year"),
        rules="X-1 X-2 X-3"),
    # consolidation (汇总): findings on the total, format-2021.md §7
    "MERGE-EXCLUDED": _code(
        "warning",
        meaning=("有错误或无法读取的报告未计入汇总",
                 "reports with errors, or unreadable, were left out of the total"),
        message=("{count} 个文件未计入汇总（有错误 {errors} 个，无法读取 {unreadable} 个）：{files}",
                 "{count} file(s) left out of the total ({errors} with errors, {unreadable} unreadable): "
                 "{files}"),
        action=("退回单位修改后重新汇总；确需先汇总的，可加 --include-errors（汇总表会注明）",
                "return them for correction and merge again; --include-errors sums them anyway, marked")),
    "MERGE-WITH-ERRORS": _code(
        "warning",
        meaning=("汇总包含有错误的报告（--include-errors）",
                 "the total includes reports with errors (--include-errors)"),
        message=("汇总包含 {count} 个有错误的报告：{units}",
                 "the total includes {count} report(s) with errors: {units}"),
        action=("单位改正后重新汇总，再上报", "merge again once the units have corrected them")),
    "TOTAL-WITH-ERRORS": _code(
        "error",
        meaning=("这是包含有错误报告的汇总表（用 --include-errors 汇总），不能作为正式数字再汇总或上报",
                 "a total that includes reports with errors (merged with --include-errors): not for use upward"),
        message=("这张汇总表包含 {count} 个有错误的报告：{units}",
                 "this total includes {count} report(s) with errors: {units}"),
        action=("请下级单位改正后重新汇总，再报送汇总表",
                "have the units correct them, merge again, then send the total")),
    "TOTAL-NO-MEMBERS": _code(
        "error",
        meaning=("这是汇总表，但记录其所含单位的隐藏工作表被删除了：无法判断它包含哪些单位，不能再汇总",
                 "a total whose hidden list of members was deleted: which units it holds cannot be told"),
        message=("这是汇总表，但其所含单位的记录已被删除，无法防止重复计算，不能再汇总",
                 "a total whose record of members was deleted: it cannot be merged without risking double counting"),
        action=("请下级单位用 nianbao merge 重新生成汇总表后报送，不要删除其中的工作表",
                "have the total made again with nianbao merge and sent without deleting its sheets")),
    "MERGE-BLANK": _code(
        "info",
        meaning=("汇总时空白单元格按 0 计入", "blank cells count as 0 in the total"),
        message=("{units} 个单位共有 {cells} 个空白单元格，汇总时按 0 计入",
                 "{units} unit(s) left {cells} cell(s) blank; they count as 0"),
        action=("请单位补填 0 或实际数字", "ask the units to enter 0 or the real figure")),
    "MERGE-TABLE4": _code(
        "warning",
        meaning=("表四：同一案件可能在两个单位各计一次（原行政机关与复议机关共同被告）",
                 "表四: one case can appear in two units "
                 "(the original organ and the reviewing organ as co-defendants)"),
        message=("{group}：{count} 个单位填报了案件，同一案件可能被原行政机关和复议机关各计一次，请核实是否重复计算",
                 "{group}: {count} units report cases; one case may be counted by two units, "
                 "check for double counting"),
        action=("与法制机构核对案件清单，必要时在汇总说明中扣除重复",
                "check the case lists with the legal affairs office; explain any double counting")),
    "MERGE-NOT-ON-ROSTER": _code(
        "warning",
        meaning=("报告的单位不在名单中，未计入汇总", "the report's unit is not on the roster, so it is not summed"),
        message=("{count} 个单位不在名单中，未计入汇总：{units}",
                 "{count} unit(s) not on the roster, not summed: {units}"),
        action=("核对单位代码；属于本级的，把单位加入名单后重新汇总",
                "check the unit codes; add the unit to the roster and merge again if it belongs")),
    "MERGE-MISSING": _code(
        "warning",
        meaning=("名单中的单位没有报送", "units on the roster sent nothing"),
        message=("名单中 {count} 个单位未报送：{units}",
                 "{count} unit(s) on the roster sent nothing: {units}"),
        action=("催报后重新汇总", "ask them for their reports and merge again")),
}


def make(code: str, lang: str = "zh", severity: str | None = None, **where: Any) -> Finding:
    """A finding of a catalogue code; `where` gives field, sheet, cell, expected, actual and the message's values."""
    spec = CODES[code]
    position = {k: where.pop(k) for k in ("field", "sheet", "cell", "expected", "actual", "related") if k in where}
    template = spec.message.get(lang, spec.message["zh"])
    return Finding(code, severity or spec.severity, template.format(**where), **position)


def action(code: str, rules: tuple[Any, ...], lang: str = "zh") -> str:
    """What the unit should do about a finding: the catalogue's words for a code, the rule's for a rule."""
    if code in CODES:
        return CODES[code].action.get(lang, CODES[code].action["zh"])
    rule = next((r for r in rules if r.id == code), None)
    return rule.action.get(lang, rule.action["zh"]) if rule else ""


def catalogue_markdown(rules: tuple[Any, ...]) -> str:
    """The code catalogue as Markdown (docs/findings.md), from CODES and the rules of the format."""
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
    for rule in rules:
        lines.append(f"| `{rule.id}` | {rule.severity} | {rule.title['zh']}<br>{rule.title['en']} | "
                     f"{rule.message['zh']} | {rule.action['zh']}<br>{rule.action['en']} |")
    lines += ["", "## 文件与单元格 / Files and cells", "",
              "| 代码 | 严重程度 | 含义 | 单位应当 | 对应规则 |", "|---|---|---|---|---|"]
    for code, c in CODES.items():
        lines.append(f"| `{code}` | {c.severity} | {c.meaning['zh']}<br>{c.meaning['en']} | "
                     f"{c.action['zh']}<br>{c.action['en']} | {' '.join(c.rules)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from .spec import load

    print(catalogue_markdown(load().rules), end="")
