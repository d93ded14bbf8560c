"""Every sentence the user reads, Chinese first, English with `--lang en`: one template per key."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # findings: for each code what it means, its sentence and what the unit (or the office) should do
    "finding.FILE-UNREADABLE.meaning": {
        "zh": "文件无法作为工作簿读取（损坏、不完整、不是 Excel 文件或过大）",
        "en": "the file cannot be read as a workbook (damaged, truncated, not a spreadsheet, too large)",
    },
    "finding.FILE-UNREADABLE.message": {
        "zh": "无法读取：{reason}",
        "en": "cannot be read: {reason}",
    },
    "finding.FILE-UNREADABLE.action": {
        "zh": "用 Excel 或 WPS 打开确认无误后，另存为 .xlsx 重新报送",
        "en": "open it in Excel or WPS, save it as .xlsx and send it again",
    },
    "finding.FILE-ENCRYPTED.meaning": {
        "zh": "工作簿设置了打开密码，无法读取",
        "en": "the workbook is encrypted with an opening password",
    },
    "finding.FILE-ENCRYPTED.message": {
        "zh": "工作簿设置了打开密码，无法读取",
        "en": "the workbook is protected by an opening password",
    },
    "finding.FILE-ENCRYPTED.action": {
        "zh": "取消打开密码（文件→信息→保护工作簿）后重新报送；工作表保护不影响读取",
        "en": "remove the opening password and send it again; sheet protection is fine",
    },
    "finding.FILE-VALUES-ONLY.meaning": {
        "zh": "不是 .xlsx 文件（.xls、.et、.ods）：只能读取单元格的值，无法判断总计是否仍是公式",
        "en": "not an .xlsx file (.xls, .et, .ods): only values can be read, so whether a total is still a "
              "formula cannot be told",
    },
    "finding.FILE-VALUES-ONLY.message": {
        "zh": "这是 {kind} 文件，已按单元格的值读取，总计只按勾稽关系检查",
        "en": "a {kind} file, read by its values; totals are checked by the rules only",
    },
    "finding.FILE-VALUES-ONLY.action": {
        "zh": "下次请另存为 .xlsx（WPS：文件 → 另存为 → Excel 文件）",
        "en": "next time save it as .xlsx (WPS: File → Save As → Excel file)",
    },
    "finding.FORMAT-2019.meaning": {
        "zh": "使用了 2019 年版格式（2019–2020 年度）；数字不会被读入 2021 年版的项目",
        "en": "the 2019 format (report years 2019–2020); its numbers are never read into 2021 fields",
    },
    "finding.FORMAT-2019.message": {
        "zh": "使用的是 2019 年版格式（发现“{label}”，报告年度 {year}）；2021 年度起使用国办公开办函〔2021〕30号格式，"
              "本工具读取的是 2021 年版",
        "en": "this is the 2019 format (found “{label}”, report year {year}); from 2021 the 2021 format is used, which "
              "is what this tool reads",
    },
    "finding.FORMAT-2019.action": {
        "zh": "在下发的新模板中重新填报",
        "en": "fill in the 2021 template that was sent out",
    },
    "finding.FORMAT-UNKNOWN.meaning": {
        "zh": "找不到统计表或其中的项目，文件不是本格式的统计表",
        "en": "a table or a part of it cannot be found: not a workbook of this format",
    },
    "finding.FORMAT-UNKNOWN.message": {
        "zh": "找不到{what}",
        "en": "cannot find {what}",
    },
    "finding.FORMAT-UNKNOWN.action": {
        "zh": "使用下发的模板填报，不要删除表格、行或列",
        "en": "use the template that was sent out; do not delete tables, rows or columns",
    },
    "finding.FORMAT-LABEL.meaning": {
        "zh": "表格文字与官方格式不一致",
        "en": "a label differs from the official format",
    },
    "finding.FORMAT-LABEL.message": {
        "zh": "“{found}”应为“{official}”",
        "en": "“{found}” should read “{official}”",
    },
    "finding.FORMAT-LABEL.action": {
        "zh": "按官方格式改正表格文字",
        "en": "restore the official wording",
    },
    "finding.CELL-BLANK.meaning": {
        "zh": "单元格为空；格式要求没有发生的填 0（空白在勾稽计算中按 0 计）",
        "en": "a blank cell; the format wants 0 written (blank counts as 0 in the checks)",
    },
    "finding.CELL-BLANK.message": {
        "zh": "未填写，没有发生的请填 0",
        "en": "blank: write 0 where nothing happened",
    },
    "finding.CELL-BLANK.action": {
        "zh": "填写数字，没有发生的填 0",
        "en": "write a number, 0 where nothing happened",
    },
    "finding.CELL-NOT-NUMBER.meaning": {
        "zh": "单元格内容不是数字（文字、错误值等），不参与勾稽计算",
        "en": "the cell holds text or an error value, not a number; rules using it are skipped",
    },
    "finding.CELL-NOT-NUMBER.message": {
        "zh": "“{value}”不是数字",
        "en": "“{value}” is not a number",
    },
    "finding.CELL-NOT-NUMBER.action": {
        "zh": "改为数字",
        "en": "enter a number",
    },
    "finding.CELL-NEGATIVE.meaning": {
        "zh": "数字为负",
        "en": "a negative number",
    },
    "finding.CELL-NEGATIVE.message": {
        "zh": "{value} 是负数",
        "en": "{value} is negative",
    },
    "finding.CELL-NEGATIVE.action": {
        "zh": "件数、金额不能为负，请改正",
        "en": "counts and amounts cannot be negative",
    },
    "finding.CELL-NOT-INTEGER.meaning": {
        "zh": "件数不是整数",
        "en": "a count that is not a whole number",
    },
    "finding.CELL-NOT-INTEGER.message": {
        "zh": "件数 {value} 不是整数",
        "en": "the count {value} is not a whole number",
    },
    "finding.CELL-NOT-INTEGER.action": {
        "zh": "件数只能是 0 或正整数",
        "en": "counts are whole numbers",
    },
    "finding.CELL-TOO-LARGE.meaning": {
        "zh": "数字大得不合常理（超过 15 位），多半是误填或文件被改动，不参与勾稽计算和汇总",
        "en": "a number of more than 15 digits: a slip or a tampered file; no rule or total uses it",
    },
    "finding.CELL-TOO-LARGE.message": {
        "zh": "{value} 大得不合常理",
        "en": "{value} is too large to be a real figure",
    },
    "finding.CELL-TOO-LARGE.action": {
        "zh": "核对后填写实际数字",
        "en": "check it and enter the real figure",
    },
    "finding.CELL-TOO-PRECISE.meaning": {
        "zh": "收费金额的小数位数超过格式的规定（万元精确到分）",
        "en": "an amount in 万元 with more decimals than the format allows (to the fen)",
    },
    "finding.CELL-TOO-PRECISE.message": {
        "zh": "{value} 万元超过 {decimals} 位小数",
        "en": "{value} has more than {decimals} decimals",
    },
    "finding.CELL-TOO-PRECISE.action": {
        "zh": "金额以万元为单位，精确到分即可（如 1234.5 元填 0.12345）",
        "en": "amounts are in 万元, to the fen (1,234.5 yuan is 0.12345)",
    },
    "finding.CELL-NORMALISED.meaning": {
        "zh": "单元格内容经过规范化才读成数字（文本数字、全角数字、千位分隔符、空格、单位字样），"
              "或读成空白（“无”“—”等）",
        "en": "a text number, full-width digits, separators or a unit word were read as a number, "
              "or a dash or 无 as blank",
    },
    "finding.CELL-NORMALISED.message": {
        "zh": "“{value}”按 {read} 读取",
        "en": "“{value}” was read as {read}",
    },
    "finding.CELL-NORMALISED.action": {
        "zh": "不必处理；下次请直接填写数字",
        "en": "nothing to do; next time type plain numbers",
    },
    "finding.CELL-FORMULA.meaning": {
        "zh": "单元格里是单位自己写的公式，不是模板公式",
        "en": "a formula written by the unit, not the template's",
    },
    "finding.CELL-FORMULA.message": {
        "zh": "公式“={formula}”不是模板公式，按{how}读取",
        "en": "the formula “={formula}” is not ours; read as {how}",
    },
    "finding.CELL-FORMULA.action": {
        "zh": "直接填写数字，不要自行添加或改动公式",
        "en": "type numbers; do not add or change formulas",
    },
    "finding.CELL-TYPED-TOTAL.meaning": {
        "zh": "总计单元格的公式被手填的数字覆盖，按所填数字校验",
        "en": "a total typed over as a number; it is read as typed so the rules can catch a wrong total",
    },
    "finding.CELL-TYPED-TOTAL.message": {
        "zh": "总计公式被手填数字 {value} 覆盖，按所填数字校验",
        "en": "the total's formula was replaced by the number {value}",
    },
    "finding.CELL-TYPED-TOTAL.action": {
        "zh": "不要改动灰色总计单元格",
        "en": "leave the grey total cells alone",
    },
    "finding.LAYOUT-MOVED.meaning": {
        "zh": "表格不在模板位置，已按表格文字找到",
        "en": "a table was found by its labels away from its template position",
    },
    "finding.LAYOUT-MOVED.message": {
        "zh": "{table}不在模板位置（{how}），已按表格文字找到",
        "en": "{table} is not where the template put it ({how}); found by its labels",
    },
    "finding.LAYOUT-MOVED.action": {
        "zh": "不必处理；下次请不要插入或删除行列",
        "en": "nothing to do; next time do not insert or delete rows or columns",
    },
    "finding.YEAR-UNKNOWN.meaning": {
        "zh": "无法确定报告年度",
        "en": "the report year cannot be determined",
    },
    "finding.YEAR-UNKNOWN.message": {
        "zh": "无法确定报告年度",
        "en": "the report year cannot be determined",
    },
    "finding.YEAR-UNKNOWN.action": {
        "zh": "使用下发的模板填报",
        "en": "use the template that was sent out",
    },
    "finding.UNIT-UNKNOWN.meaning": {
        "zh": "无法确定填报单位（封面未填写单位名称或代码）",
        "en": "the unit cannot be determined (no name or code on the cover)",
    },
    "finding.UNIT-UNKNOWN.message": {
        "zh": "封面未填写{what}",
        "en": "the cover sheet has no {what}",
    },
    "finding.UNIT-UNKNOWN.action": {
        "zh": "在封面填写单位名称和代码",
        "en": "fill in the unit name and code on the cover sheet",
    },
    "finding.UNIT-MISMATCH.meaning": {
        "zh": "封面上的单位与下发时登记的单位不一致（封面被改写，或用了别的单位的表）",
        "en": "the unit on the cover differs from the one the workbook was made for",
    },
    "finding.UNIT-MISMATCH.message": {
        "zh": "封面的{label}为“{typed}”，但这份表是下发给“{sent}”的；按“{sent}”读取",
        "en": "the cover's {label} reads “{typed}”, but this workbook was made for “{sent}”; read as “{sent}”",
    },
    "finding.UNIT-MISMATCH.action": {
        "zh": "确认是哪个单位的数字：用本单位自己的表重新填报",
        "en": "check whose figures these are; fill in the unit's own workbook",
    },
    "finding.PREVIOUS-UNREADABLE.meaning": {
        "zh": "上年数据文件无法读取，跨年度校验（X-1 至 X-3）无法进行",
        "en": "a file of last year cannot be read, so the checks between years are skipped",
    },
    "finding.PREVIOUS-UNREADABLE.message": {
        "zh": "上年数据 {path} 无法读取（{reason}），未做跨年度校验",
        "en": "last year's file {path} cannot be read ({reason})",
    },
    "finding.PREVIOUS-UNREADABLE.action": {
        "zh": "提供可读的上年工作簿或报告文档",
        "en": "provide a readable file of last year",
    },
    "finding.MERGE-EXCLUDED.meaning": {
        "zh": "有错误或无法读取的报告未计入汇总",
        "en": "reports with errors, or unreadable, were left out of the total",
    },
    "finding.MERGE-EXCLUDED.message": {
        "zh": "{count} 个文件未计入汇总（有错误 {errors} 个，无法读取 {unreadable} 个）：{files}",
        "en": "{count} file(s) left out of the total ({errors} with errors, {unreadable} unreadable): {files}",
    },
    "finding.MERGE-EXCLUDED.action": {
        "zh": "退回单位修改后重新汇总；确需先汇总的，可加 --include-errors（汇总表会注明）",
        "en": "return them for correction and merge again; --include-errors sums them anyway, marked",
    },
    "finding.MERGE-WITH-ERRORS.meaning": {
        "zh": "汇总包含有错误的报告（--include-errors）",
        "en": "the total includes reports with errors (--include-errors)",
    },
    "finding.MERGE-WITH-ERRORS.message": {
        "zh": "汇总包含 {count} 个有错误的报告：{units}",
        "en": "the total includes {count} report(s) with errors: {units}",
    },
    "finding.MERGE-WITH-ERRORS.action": {
        "zh": "单位改正后重新汇总，再上报",
        "en": "merge again once the units have corrected them",
    },
    "finding.MERGE-WITH-WARNINGS.meaning": {
        "zh": "计入汇总的报告中有带警告的（如收费像是按元填写），其数字已原样计入",
        "en": "reports with warnings (fees that look like yuan, say) are summed as they are",
    },
    "finding.MERGE-WITH-WARNINGS.message": {
        "zh": "计入汇总的 {count} 个单位有警告，数字已原样计入，请核实：{units}",
        "en": "{count} unit(s) summed have warnings, and their figures are in the total as sent: {units}",
    },
    "finding.MERGE-WITH-WARNINGS.action": {
        "zh": "查看“校验”工作表中这些单位的警告；确有错的请单位改正后重新汇总",
        "en": "see these units' warnings on the 校验 sheet; merge again once any that are wrong are corrected",
    },
    "finding.TOTAL-WITH-ERRORS.meaning": {
        "zh": "这是包含有错误报告的汇总表（用 --include-errors 汇总），不能作为正式数字再汇总或上报",
        "en": "a total that includes reports with errors (merged with --include-errors): not for use upward",
    },
    "finding.TOTAL-WITH-ERRORS.message": {
        "zh": "这张汇总表包含 {count} 个有错误的报告：{units}",
        "en": "this total includes {count} report(s) with errors: {units}",
    },
    "finding.TOTAL-WITH-ERRORS.action": {
        "zh": "请下级单位改正后重新汇总，再报送汇总表",
        "en": "have the units correct them, merge again, then send the total",
    },
    "finding.TOTAL-NO-MEMBERS.meaning": {
        "zh": "这是汇总表，但记录其所含单位的隐藏工作表被删除了：无法判断它包含哪些单位，不能再汇总",
        "en": "a total whose hidden list of members was deleted: which units it holds cannot be told",
    },
    "finding.TOTAL-NO-MEMBERS.message": {
        "zh": "这是汇总表，但其所含单位的记录已被删除，无法防止重复计算，不能再汇总",
        "en": "a total whose record of members was deleted: it cannot be merged without risking double counting",
    },
    "finding.TOTAL-NO-MEMBERS.action": {
        "zh": "请下级单位用 nianbao merge 重新生成汇总表后报送，不要删除其中的工作表",
        "en": "have the total made again with nianbao merge and sent without deleting its sheets",
    },
    "finding.MERGE-BLANK.meaning": {
        "zh": "汇总时空白单元格按 0 计入",
        "en": "blank cells count as 0 in the total",
    },
    "finding.MERGE-BLANK.message": {
        "zh": "{units} 个单位共有 {cells} 个空白单元格，汇总时按 0 计入：{names}",
        "en": "{units} unit(s) left {cells} cell(s) blank; they count as 0: {names}",
    },
    "finding.MERGE-BLANK.action": {
        "zh": "请单位补填 0 或实际数字",
        "en": "ask the units to enter 0 or the real figure",
    },
    "finding.MERGE-TABLE4.meaning": {
        "zh": "表四：同一案件可能在两个单位各计一次（原行政机关与复议机关共同被告）",
        "en": "表四: one case can appear in two units (the original organ and the reviewing organ as co-defendants)",
    },
    "finding.MERGE-TABLE4.message": {
        "zh": "{group}：{count} 个单位填报了案件，同一案件可能被原行政机关和复议机关各计一次，请核实是否重复计算",
        "en": "{group}: {count} units report cases; one case may be counted by two units, check for double counting",
    },
    "finding.MERGE-TABLE4.action": {
        "zh": "与法制机构核对案件清单，必要时在汇总说明中扣除重复",
        "en": "check the case lists with the legal affairs office; explain any double counting",
    },
    "finding.MERGE-NOT-ON-ROSTER.meaning": {
        "zh": "报告的单位不在名单中，未计入汇总",
        "en": "the report's unit is not on the roster, so it is not summed",
    },
    "finding.MERGE-NOT-ON-ROSTER.message": {
        "zh": "{count} 个单位不在名单中，未计入汇总：{units}",
        "en": "{count} unit(s) not on the roster, not summed: {units}",
    },
    "finding.MERGE-NOT-ON-ROSTER.action": {
        "zh": "核对单位代码；属于本级的，把单位加入名单后重新汇总",
        "en": "check the unit codes; add the unit to the roster and merge again if it belongs",
    },
    "finding.MERGE-MISSING.meaning": {
        "zh": "名单中的单位没有报送",
        "en": "units on the roster sent nothing",
    },
    "finding.MERGE-MISSING.message": {
        "zh": "名单中 {count} 个单位未报送：{units}",
        "en": "{count} unit(s) on the roster sent nothing: {units}",
    },
    "finding.MERGE-MISSING.action": {
        "zh": "催报后重新汇总",
        "en": "ask them for their reports and merge again",
    },
    "finding.MERGE-INCOMPLETE.meaning": {
        "zh": "下级的汇总表不完整：它应当包含的单位（含更下级）有的未报送或未计入",
        "en": "a total from below is incomplete: units it should hold (at any depth) are missing or left out",
    },
    "finding.MERGE-INCOMPLETE.message": {
        "zh": "{unit}的汇总表不完整：{count} 个单位未报送或未计入：{units}",
        "en": "the total of {unit} is incomplete: {count} unit(s) missing or left out: {units}",
    },
    "finding.MERGE-INCOMPLETE.action": {
        "zh": "请下级单位补齐后重新汇总报送；确实无法补齐的，请附上说明",
        "en": "have the lower level complete it and send the total again, or explain why it cannot",
    },
    "finding.EMPTY.meaning": {
        "zh": "收到的是空表：所有填写格都是空白，不算报送",
        "en": "an empty form: every input cell is blank; not a return",
    },
    "finding.EMPTY.message": {
        "zh": "全部 {count} 个填写格都是空白：这是未填写的空表，不算报送",
        "en": "all {count} input cells are blank: an empty form is not a return",
    },
    "finding.EMPTY.action": {
        "zh": "填写本单位的数字后再报送（没有发生的事项填 0）",
        "en": "fill in the unit's figures (0 where nothing happened) and send it again",
    },
    "finding.YEAR-MISMATCH.meaning": {
        "zh": "报告年度与本次收集的年度不符（例如报送了上年的表）",
        "en": "the report is for another year than this collection (last year's form, say)",
    },
    "finding.YEAR-MISMATCH.message": {
        "zh": "这是 {year} 年度的报表，本次收集的是 {collected} 年度，不算报送",
        "en": "a report for {year}; this collection is for {collected}: not a return",
    },
    "finding.YEAR-MISMATCH.action": {
        "zh": "用本年度下发的统计表填报后再报送",
        "en": "fill in this year's form and send that",
    },
    "finding.IMPORT-UNREADABLE.meaning": {
        "zh": "发布的报告无法读出文字", "en": "the published report's text cannot be read",
    },
    "finding.IMPORT-UNREADABLE.message": {"zh": "无法读取：{reason}", "en": "cannot be read: {reason}"},
    "finding.IMPORT-UNREADABLE.action": {
        "zh": "另存为网页（.html）、Word（.docx）或文字（.txt）后再导入",
        "en": "save it as a web page (.html), Word (.docx) or text (.txt) and import that",
    },
    "finding.IMPORT-MISSING.meaning": {
        "zh": "发布的报告中找不到某张表或某一行", "en": "a table or a row cannot be found in the published report",
    },
    "finding.IMPORT-MISSING.message": {"zh": "没有找到：{what}", "en": "not found: {what}"},
    "finding.IMPORT-MISSING.action": {
        "zh": "核对发布的报告是否完整、是否使用 2021 年版格式的表样",
        "en": "check that the published report is whole and uses the 2021 format's tables",
    },
    "finding.IMPORT-INFERRED.meaning": {
        "zh": "数字在发布的文字中连在一起，只有一种拆分符合表内勾稽关系，按此读出",
        "en": "the digits ran together in the published text; one way to split them fits the rules: read so",
    },
    "finding.IMPORT-INFERRED.message": {
        "zh": "“{label}”一行的数字连在一起，按勾稽关系唯一拆分为：{values}",
        "en": "the digits of “{label}” ran together; the one split the rules allow: {values}",
    },
    "finding.IMPORT-INFERRED.action": {
        "zh": "如有原始表格，核对这一行", "en": "check this row against the original table if there is one",
    },
    "finding.IMPORT-AMBIGUOUS.meaning": {
        "zh": "数字连在一起且有多种拆分都符合勾稽关系，或无法对应到单元格：这一行留空",
        "en": "the digits ran together and several splits fit the rules, or they cannot be placed: left blank",
    },
    "finding.IMPORT-AMBIGUOUS.message": {
        "zh": "“{label}”一行无法确定，留空；可能的读法：{values}",
        "en": "“{label}” cannot be settled and is left blank; possible readings: {values}",
    },
    "finding.IMPORT-AMBIGUOUS.action": {
        "zh": "按原始表格或向单位核实后填写这一行", "en": "fill in this row from the original table or the unit",
    },
    "finding.IMPORT-UNSETTLED.meaning": {
        "zh": "由发布的报告导入的工作簿中，导入时无法确定而留空的单元格：不按 0 校验",
        "en": "cells a workbook imported from a published report left blank, unsettled: not checked as 0",
    },
    "finding.IMPORT-UNSETTLED.message": {
        "zh": "{count} 个单元格在发布的报告中无法确定，导入时留空，未按 0 校验：{cells}",
        "en": "{count} cell(s) could not be settled from the published report and were left blank, not checked "
              "as 0: {cells}",
    },
    "finding.IMPORT-UNSETTLED.action": {
        "zh": "按原始表格或向单位核实后填写这些单元格，填好后照常校验",
        "en": "fill these cells in from the original table or the unit; once filled they are checked as usual",
    },
    "finding.IMPORT-NO-READING.meaning": {
        "zh": "一行的数字无论怎样拆分都不符合表内的勾稽关系（或位置无法确定）：这一行留空",
        "en": "no way to split a row's digits fits the rules (or they cannot be placed): the row is left blank",
    },
    "finding.IMPORT-NO-READING.message": {
        "zh": "“{label}”一行的数字无论怎样拆分都对不上总计，留空；原文为：{values}（原报告这一行可能有误）",
        "en": "no split of the digits of “{label}” adds up to its total: left blank; as printed: {values} "
              "(the report's row may be wrong)",
    },
    "finding.IMPORT-NO-READING.action": {
        "zh": "按原始表格或向单位核实后填写这一行", "en": "fill in this row from the original table or the unit",
    },
    "import.unknown_kind": {
        "zh": "不是可导入的报告（文件类型 {suffix}）",
        "en": "not a report to import (type {suffix})",
    },
    "import.doc": {
        "zh": "这是旧版 Word 文件（.doc），请用 Word 或 WPS 另存为 .docx 后再导入",
        "en": "an old Word file (.doc): save it as .docx in Word or WPS and import that",
    },
    "import.broken": {"zh": "{kind} 文件已损坏：{reason}", "en": "the {kind} file is broken: {reason}"},
    "import.empty": {"zh": "文件是空的", "en": "the file is empty"},
    "import.readings_more": {"zh": "{readings} ／ …（共 {count} 种）", "en": "{readings} / … ({count} in all)"},
    "import.blank_cell": {"zh": "空", "en": "blank"},
    "import.not_whole": {"zh": "文件不完整或格式不对", "en": "the file is incomplete or not of its kind"},
    "import.no_page": {"zh": "网页存档中没有网页", "en": "the web archive holds no page"},
    "import.encrypted": {"zh": "PDF 已加密", "en": "the PDF is encrypted"},
    "import.no_text": {
        "zh": "PDF 中没有文字（可能是扫描件），请找网页版或 Word 版",
        "en": "the PDF has no text (a scan?): find the web page or the Word file",
    },
    "finding.N-1.meaning": {
        "zh": "正文所说收到的申请数与表三不一致",
        "en": "the applications the narrative says were received differ from 表三",
    },
    "finding.N-1.message": {
        "zh": "正文“{sentence}”：{said} 件，表三为 {table} 件",
        "en": "the narrative “{sentence}”: {said}; 表三 has {table}",
    },
    "finding.N-1.action": {
        "zh": "核对正文与表三，改正不对的一处",
        "en": "check the narrative against 表三 and correct the wrong one",
    },
    "finding.N-2.meaning": {
        "zh": "正文所说办结或结转的申请数与表三不一致",
        "en": "the applications done or carried forward per the narrative differ from 表三",
    },
    "finding.N-2.message": {
        "zh": "正文“{sentence}”：{said} 件，表三为 {table} 件",
        "en": "the narrative “{sentence}”: {said}; 表三 has {table}",
    },
    "finding.N-2.action": {
        "zh": "核对正文与表三，改正不对的一处",
        "en": "check the narrative against 表三 and correct the wrong one",
    },
    "finding.N-3.meaning": {
        "zh": "正文所说各类办理结果的件数或占比与表三不一致",
        "en": "a count or share of outcomes in the narrative differs from 表三",
    },
    "finding.N-3.message": {
        "zh": "正文“{sentence}”：{said}，按表三为 {table}",
        "en": "the narrative “{sentence}”: {said}; by 表三 {table}",
    },
    "finding.N-3.action": {
        "zh": "按表三重新计算正文中的件数和占比",
        "en": "recompute the narrative's counts and shares from 表三",
    },
    "finding.N-4.meaning": {
        "zh": "正文说没有收到申请，表三却有申请",
        "en": "the narrative says no applications came, 表三 has some",
    },
    "finding.N-4.message": {
        "zh": "正文“{sentence}”，表三却有 {table} 件申请",
        "en": "the narrative “{sentence}”, but 表三 has {table}",
    },
    "finding.N-4.action": {
        "zh": "核对是否收到过申请，正文与表三保持一致",
        "en": "check whether applications came; make the narrative and 表三 agree",
    },
    "finding.N-5.meaning": {
        "zh": "正文所说行政复议、行政诉讼与表四不一致",
        "en": "reviews or suits in the narrative differ from 表四",
    },
    "finding.N-5.message": {
        "zh": "正文“{sentence}”：{said}，表四为 {table}",
        "en": "the narrative “{sentence}”: {said}; 表四 has {table}",
    },
    "finding.N-5.action": {
        "zh": "核对正文与表四，改正不对的一处",
        "en": "check the narrative against 表四 and correct the wrong one",
    },
    "finding.N-6.meaning": {
        "zh": "正文所说规章、规范性文件的件数与表二不一致",
        "en": "counts of 规章 or 规范性文件 in the narrative differ from 表二",
    },
    "finding.N-6.message": {
        "zh": "正文“{sentence}”：{said} 件，表二为 {table} 件",
        "en": "the narrative “{sentence}”: {said}; 表二 has {table}",
    },
    "finding.N-6.action": {
        "zh": "核对正文与表二，改正不对的一处",
        "en": "check the narrative against 表二 and correct the wrong one",
    },
    "finding.N-7.meaning": {
        "zh": "没有说明信息处理费的收取情况",
        "en": "the report does not say what was charged as 信息处理费",
    },
    "finding.N-7.message": {
        "zh": "第六部分“其他需要报告的事项”没有说明信息处理费（收取的金额，或未收取）",
        "en": "part six does not say what 信息处理费 was charged (an amount, or none)",
    },
    "finding.N-7.action": {
        "zh": "在“其他需要报告的事项”中写明信息处理费的收取情况",
        "en": "say in part six what 信息处理费 was charged",
    },
    "finding.N-8.meaning": {
        "zh": "统计期限或报告日期与年度不符",
        "en": "the statistics period or the report's date does not fit its year",
    },
    "finding.N-8.message": {
        "zh": "“{sentence}”：{said}，应为 {table}",
        "en": "“{sentence}”: {said}; should be {table}",
    },
    "finding.N-8.action": {
        "zh": "统计期限应为报告年度；部门应于次年1月31日前、本级政府应于3月31日前发布",
        "en": "the period is the report's year; departments publish by 31 January, governments by 31 March",
    },
    "finding.UNCLAIMED.meaning": {
        "zh": "认不出是名单上哪个单位的文件，暂存为未认领",
        "en": "which unit of the roster sent the file cannot be told: kept as unclaimed",
    },
    "finding.UNCLAIMED.message": {
        "zh": "未认领：{why}",
        "en": "unclaimed: {why}",
    },
    "finding.UNCLAIMED.action": {
        "zh": "办公室核实后用 nianbao desk assign 收件号 单位代码 指定所属单位",
        "en": "the office checks and assigns it: nianbao desk assign RECEIPT UNIT",
    },
    "finding.NOT-A-WORKBOOK.meaning": {
        "zh": "收到的不是统计表工作簿（Word、PDF、图片等）：已保存备查，不算报送",
        "en": "not a workbook (Word, PDF, an image…): kept for the office, not a return",
    },
    "finding.NOT-A-WORKBOOK.message": {
        "zh": "{what}；已保存备查，不算报送",
        "en": "{what}; kept, not a return",
    },
    "finding.NOT-A-WORKBOOK.action": {
        "zh": "请单位用下发的 Excel 统计表填报后报送；说明材料另行处理",
        "en": "ask the unit for the workbook sent out; deal with other papers apart",
    },
    "finding.OWN-OUTPUT.meaning": {
        "zh": "本台账写出的校验意见或汇总表，或不是名单上单位的汇总表：不是单位的报送",
        "en": "a feedback workbook or a total this desk wrote, or a total of no roster unit: not a return",
    },
    "finding.OWN-OUTPUT.message": {
        "zh": "这是{what}，不算报送",
        "en": "{what}: not a return",
    },
    "finding.OWN-OUTPUT.action": {
        "zh": "无需处理",
        "en": "nothing to do",
    },
    "finding.DUPLICATE.meaning": {
        "zh": "与已收到的文件内容完全相同：记下这次收到，不重复保存",
        "en": "byte for byte a file received before: noted, not stored twice",
    },
    "finding.DUPLICATE.message": {
        "zh": "与收件 #{first}（{name}）内容完全相同",
        "en": "the same bytes as receipt #{first} ({name})",
    },
    "finding.DUPLICATE.action": {
        "zh": "无需处理",
        "en": "nothing to do",
    },
    "why.another_unit": {
        "zh": "文件中的单位是“{code} {name}”，不是本链接的单位：请用本单位的空白工作簿填报",
        "en": "the file is for “{code} {name}”, not this link's unit: fill in your own unit's blank workbook",
    },
    "why.unit_not_on_roster": {
        "zh": "文件中的单位“{code} {name}”不在名单上",
        "en": "the file's unit “{code} {name}” is not on the roster",
    },
    "why.no_unit": {
        "zh": "文件中没有单位代码和名称，文件名中也没有名单上的单位代码",
        "en": "the file names no unit, and its file name no code of the roster",
    },
    "what.own_feedback": {"zh": "本台账写出的校验意见", "en": "a feedback workbook this desk wrote"},
    "what.own_total": {"zh": "本台账写出的汇总表", "en": "a total this desk wrote"},
    "what.own_status": {"zh": "本台账写出的报送情况表", "en": "a status workbook this desk wrote"},
    "what.total_of": {"zh": "{unit}的汇总表（不是名单上单位的报送）",
                      "en": "the total of {unit} (no roster unit's return)"},
    "what.not_a_workbook": {
        "zh": "这不是工作簿（文件类型 {suffix}）",
        "en": "not a workbook (a {suffix} file)",
    },
    "intake.cannot_open": {"zh": "无法打开：{reason}", "en": "cannot be opened: {reason}"},
    "intake.bad_member": {"zh": "压缩包中的这个文件已损坏（{detail}）", "en": "damaged in the archive ({detail})"},
    # the desk
    "desk.exists": {
        "zh": "{path} 已经是一个报送台账（其中有 desk.db）；请换一个文件夹，或直接在其中使用 nianbao desk 命令",
        "en": "{path} is a desk already (it has desk.db); choose another folder, or use the desk commands in it",
    },
    "desk.not_a_desk": {
        "zh": "{path} 不是报送台账（其中没有 desk.db）：请在台账文件夹中运行，或用 --desk 指定台账；"
              "新建台账用 nianbao desk init",
        "en": "{path} is no desk (it has no desk.db): run in a desk's folder or name one with --desk; "
              "nianbao desk init makes one",
    },
    "desk.no_wal": {
        "zh": "{path} 所在的位置不支持 SQLite 的 WAL 模式（如某些网络共享盘），请把台账放在本机磁盘上",
        "en": "where {path} lies does not support SQLite's WAL mode (some network shares): keep the desk on a "
              "local disk",
    },
    "desk.newer": {
        "zh": "台账 {path} 由更新版本的年报工具箱创建（数据库版本 {version}，本版本只认识到 {known}），请升级后再用",
        "en": "the desk {path} was made by a newer nianbao (ledger version {version}; this one knows up to "
              "{known}): upgrade first",
    },
    "desk.no_unit": {"zh": "名单上没有“{unit}”：请给出单位代码或名称", "en": "no unit “{unit}” on the roster"},
    "desk.no_receipt": {"zh": "没有收件号 #{number}", "en": "no receipt #{number}"},
    "desk.not_submittable": {
        "zh": "“{name}”不能提交：它不是本单位可以读取的本年度统计表（见校验结果）",
        "en": "“{name}” cannot be submitted: it is not a readable form of this year for this unit (see the checks)",
    },
    "desk.add_itself": {
        "zh": "{path} 是台账文件夹本身（或其中的文件），不能收进台账；请给出单位报送的文件或文件夹",
        "en": "{path} is the desk's own folder (or inside it) and cannot be received: give the files units sent",
    },
    "desk.no_draft": {"zh": "没有第 {number} 号待提交文件", "en": "no checked file number {number}"},
    "desk.draft_gone": {
        "zh": "第 {number} 号待提交文件已清理（每个单位只保留最近 {kept} 份检查过、未提交的文件），请重新上传",
        "en": "checked file {number} was cleared away (a unit keeps its last {kept} files checked and not "
              "submitted): upload it again",
    },
    "desk.nothing_to_accept": {"zh": "{unit} 还没有可以采用的报送", "en": "{unit} has no return to accept"},
    "desk.not_a_return": {
        "zh": "收件 #{number} 是 {unit} 送来的{kind}，不是报送，不能采用",
        "en": "receipt #{number} came from {unit} but is {kind}, not a return: it cannot count",
    },
    "desk.assign_again": {
        "zh": "收件 #{number} 已经是 {unit} 的，不必再指定",
        "en": "receipt #{number} is {unit}'s already",
    },
    "desk.not_a_version_of": {
        "zh": "收件 #{number} 不是 {unit} 的报送（用 nianbao desk history 查看该单位的各次报送）",
        "en": "receipt #{number} is no return of {unit} (see nianbao desk history)",
    },
    "desk.reason_needed": {"zh": "退回必须写明原因（--reason）", "en": "a rejection needs a reason (--reason)"},
    "desk.assign_named": {
        "zh": "收件 #{number} 的文件本身写明是{unit}的，不能指定给其他单位；如确属报错，请退回并请单位重新报送",
        "en": "receipt #{number} names {unit} itself and cannot be given to another unit; reject it and ask for a "
              "new return if it is wrong",
    },
    "desk.assign_duplicate": {
        "zh": "收件 #{number} 与 #{first} 内容相同，请对 #{first} 操作",
        "en": "receipt #{number} is the same file as #{first}: act on #{first}",
    },
    "verify.missing": {"zh": "收件 #{number} 的文件 {sha}… 不在 files/ 中",
                       "en": "receipt #{number}: its file {sha}… is missing"},
    "verify.changed": {
        "zh": "收件 #{number} 的文件 {sha}… 内容已被改动（与登记的 SHA-256 不符）",
        "en": "receipt #{number}: its file {sha}… was changed (its SHA-256 differs)",
    },
    "verify.database": {"zh": "数据库检查未通过：{detail}", "en": "the database check failed: {detail}"},
    # why a file cannot be read
    "reason.file.not_zip": {
        "zh": "不是 Excel 工作簿，或文件不完整（下载、复制可能中断）",
        "en": "not an Excel workbook, or truncated",
    },
    "reason.file.empty": {"zh": "文件是空的（0 字节），请重新报送", "en": "the file is empty (0 bytes): send it again"},
    "reason.file.pdf": {
        "zh": "这是 PDF 文件（只是改成了工作簿的扩展名），不是统计表，请报送下发的 .xlsx 表",
        "en": "a PDF file with a workbook's name, not the workbook: send the .xlsx that was sent out",
    },
    "reason.file.html": {
        "zh": "这是网页（HTML）文件，只是用了工作簿的扩展名（有些系统这样导出“Excel”），请用 Excel 或 WPS "
              "打开后另存为 .xlsx",
        "en": "a web page (HTML) with a workbook's name (some systems export “Excel” so): open it in Excel or WPS "
              "and save it as .xlsx",
    },
    "reason.file.xml2003": {
        "zh": "这是 Excel 2003 XML 表格，请用 Excel 或 WPS 另存为 .xlsx",
        "en": "an Excel 2003 XML spreadsheet: save it as .xlsx in Excel or WPS",
    },
    "reason.file.truncated": {
        "zh": "文件不完整（下载、复制或发送时中断），请重新报送",
        "en": "the file is cut short (a download, copy or mail broke off): send it again",
    },
    "reason.file.legacy": {
        "zh": "这是 .xls/.et 文件，但无法读取，请用 Excel 或 WPS 另存为 .xlsx",
        "en": "an .xls/.et file that cannot be read: save it as .xlsx in Excel or WPS",
    },
    "reason.file.not_workbook": {
        "zh": "这是压缩包但不是 Excel 工作簿（如 Word 文档、.ods）",
        "en": "a zip archive but not an Excel workbook",
    },
    "reason.file.too_large": {
        "zh": "文件过大或压缩比异常，已拒绝读取",
        "en": "too large, or compressed suspiciously: refused",
    },
    "reason.file.bad_xml": {
        "zh": "文件内部结构已损坏",
        "en": "the file's internal structure is damaged",
    },
    "reason.file.not_a_file": {
        "zh": "不是普通文件（设备、管道或套接字），无法作为工作簿读取",
        "en": "not a regular file (a device, a pipe or a socket)",
    },
    "reason.file.xlsb": {
        "zh": "这是 .xlsb（Excel 二进制工作簿），无法读取，请另存为 .xlsx",
        "en": "an .xlsb binary workbook: save it as .xlsx",
    },
    "reason.file.csv": {
        "zh": "这是 CSV 文本文件，不是统计表工作簿，请报送下发的 .xlsx 表",
        "en": "a CSV text file, not the workbook: send the .xlsx that was sent out",
    },
    "reason.file.archive": {
        "zh": "这是压缩包，请解压后报送其中的统计表（.xlsx）",
        "en": "an archive: unpack it and send the workbook inside",
    },
    "reason.file.mail": {
        "zh": "这是邮件文件（.eml），请取出其中附件里的统计表（.xlsx）报送；"
              "收件台（nianbao desk add）可直接收下整封邮件",
        "en": "a mail file (.eml): take the workbook out of its attachments; the desk (nianbao desk add) takes the "
              "whole mail",
    },
    "reason.file.document": {
        "zh": "这是文档（Word、WPS 文字或 PDF），不是统计表工作簿，请报送下发的 .xlsx 表",
        "en": "a document (Word, WPS or PDF), not the workbook: send the .xlsx that was sent out",
    },
    "reason.file.template": {
        "zh": "这是模板文件，请另存为 .xlsx 后报送",
        "en": "a template file: save it as .xlsx and send that",
    },
    "reason.file.too_slow": {
        "zh": "文件过于复杂，读取超时，已拒绝读取",
        "en": "so complex that reading it took too long: refused",
    },
    "reason.file.reader_failed": {
        "zh": "文件过大或结构异常，读取时超出限制，已拒绝读取",
        "en": "too large or malformed: reading it went past the limits, refused",
    },
    "reason.file.unexpected": {
        "zh": "读取时遇到本工具未预料的情况，请把文件发给维护人员",
        "en": "something this tool did not foresee; please send the file to its maintainers",
    },
    "reason.os.ENOENT": {
        "zh": "文件或文件夹不存在",
        "en": "no such file or folder",
    },
    "reason.os.EACCES": {
        "zh": "没有权限",
        "en": "permission denied",
    },
    "reason.os.EPERM": {
        "zh": "没有权限",
        "en": "permission denied",
    },
    "reason.os.ENOSPC": {
        "zh": "磁盘空间不足",
        "en": "the disk is full",
    },
    "reason.os.EROFS": {
        "zh": "磁盘只读",
        "en": "the disk is read-only",
    },
    "reason.os.EISDIR": {
        "zh": "这是一个文件夹",
        "en": "it is a folder",
    },
    "reason.os.ENOTDIR": {
        "zh": "路径中有一段不是文件夹",
        "en": "part of the path is not a folder",
    },
    "reason.os.ENAMETOOLONG": {
        "zh": "文件名太长",
        "en": "the file name is too long",
    },
    # the command line's help
    "help.nianbao": {
        "zh": "年报工具箱：政府信息公开工作年度报告统计表的生成、校验与汇总",
        "en": "nianbao: the annual government-information-disclosure report workbooks, made, checked and summed",
    },
    "help.lang": {
        "zh": "界面语言：zh（中文，默认）或 en；也可设环境变量 NIANBAO_LANG",
        "en": "language: zh (Chinese, the default) or en; or set NIANBAO_LANG",
    },
    "help.version": {"zh": "显示版本号并退出", "en": "show the version and exit"},
    "help.generate": {
        "zh": "生成空白统计表（按名单每个单位一份）",
        "en": "make the blank workbook (one per unit of a roster)",
    },
    "help.generate.year": {"zh": "报告年度（默认上一年）", "en": "report year (default: last year)"},
    "help.roster": {
        "zh": "单位名单 CSV 或 Excel，列 code,name,parent",
        "en": "the roster, CSV or Excel, columns code,name,parent",
    },
    "help.generate.out": {"zh": "输出目录（默认当前目录）", "en": "output folder (default: here)"},
    "help.generate.password": {
        "zh": "工作表保护密码（默认不设密码）",
        "en": "a password for the sheet protection (default: none)",
    },
    "help.generate.force": {
        "zh": "覆盖输出目录中内容不同的同名文件（默认拒绝）",
        "en": "replace files of the same name and other content (refused by default)",
    },
    "help.extract": {
        "zh": "读取一个工作簿，输出报告文档（JSON）",
        "en": "read one workbook into its report document (JSON)",
    },
    "help.extract.file": {"zh": "工作簿，或发布的报告（网页、Word、PDF、文本）",
                          "en": "the workbook, or a published report (web page, Word, PDF, text)"},
    "help.extract.output": {
        "zh": "写入 JSON 文件（默认输出到屏幕）",
        "en": "write the JSON to this file (default: the screen)",
    },
    "help.paths": {"zh": "工作簿或文件夹（递归查找工作簿）；发布的报告（网页、Word、PDF、文本）逐个列出",
                   "en": "workbooks or folders (searched through for workbooks); published reports (web page, "
                         "Word, PDF, text) named one by one"},
    "help.previous": {"zh": "上年的工作簿、报告文档或文件夹，按单位代码对应，用于跨年度校验",
                      "en": "last year's workbooks, report documents or folders, matched by unit code, for the checks "
                            "between years"},
    "help.desk": {
        "zh": "报送台账：收下每一份报送（文件、文件夹、压缩包、邮件），保留每个版本，随时查看谁已报送",
        "en": "the collection desk: receive every file (files, folders, zips, mails), keep every version, see who "
              "is done",
    },
    "help.desk.where": {"zh": "台账文件夹（默认为当前文件夹）", "en": "the desk's folder (default: the current one)"},
    "help.desk.init": {"zh": "新建台账：名单、年度、本级单位", "en": "make a desk: roster, year, office"},
    "help.desk.folder": {"zh": "台账文件夹（新建或空文件夹）", "en": "the desk's folder (new or empty)"},
    "help.desk.year": {"zh": "本次收集的报告年度", "en": "the report year collected"},
    "help.desk.name": {"zh": "本级单位名称（汇总表和报送情况表的标题）", "en": "the office's name (titles)"},
    "help.desk.code": {"zh": "本级单位代码（汇总表的单位代码）", "en": "the office's unit code (of the total)"},
    "help.desk.add": {
        "zh": "收下文件：工作簿、文件夹、.zip 压缩包、.eml 邮件；每个文件一行回执",
        "en": "receive files: workbooks, folders, .zip archives, .eml mails; a receipt line each",
    },
    "help.desk.paths": {"zh": "文件或文件夹", "en": "files or folders"},
    "help.desk.status": {
        "zh": "报送情况：每个单位当前采用的版本、报送次数、填报人和联系电话",
        "en": "who is done: each unit's current version, how many returns, whom to call",
    },
    "help.desk.accept": {
        "zh": "指定采用单位的某次报送（默认当前一次），以后的报送不再自动替换它",
        "en": "pin a unit's version (by default the current one): later returns do not replace it",
    },
    "help.desk.unit": {"zh": "单位代码或名称", "en": "a unit's code or name"},
    "help.desk.receipt": {"zh": "收件号（回执中的 #12，写 12 或 #12）", "en": "a receipt number (#12 or 12)"},
    "help.desk.accept_reason": {"zh": "说明（可选）", "en": "a note (optional)"},
    "help.desk.reject": {
        "zh": "退回某次报送（保留文件并注明原因），该单位之前的报送重新有效",
        "en": "set a version aside (kept, with the reason): the unit's earlier one counts again",
    },
    "help.desk.reject_reason": {"zh": "退回原因（必填）", "en": "the reason (required)"},
    "help.desk.assign": {"zh": "把未认领的文件指定给名单上的单位", "en": "settle which unit sent an unclaimed file"},
    "help.desk.feedback": {
        "zh": "为每个单位当前有问题的报送写出校验意见（文件名注明第几次报送）",
        "en": "write feedback for each unit's current version with something to fix (named with its round)",
    },
    "help.desk.feedback_all": {
        "zh": "已写过校验意见的报送也重新写出", "en": "write feedback again for versions that had it",
    },
    "desk.feedback_earlier": {
        "zh": "另有 {count} 份报送的校验意见此前已写出，在 {folders}（加 --all 在这里重新写出）",
        "en": "{count} version(s) had their feedback before, in {folders} (--all writes it here again)",
    },
    "desk.feedback_earlier_gone": {
        "zh": "另有 {count} 份报送的校验意见此前已写出（或从网页下载过；加 --all 在这里重新写出）",
        "en": "{count} version(s) had their feedback before (or it was downloaded from the web desk; --all writes "
              "it here again)",
    },
    "help.desk.feedback_folder": {"zh": "校验意见的输出文件夹", "en": "where to write the feedback workbooks"},
    "help.desk.merge": {
        "zh": "把各单位当前采用的版本汇总为官方格式的汇总表",
        "en": "sum each unit's current version into the official layout",
    },
    "help.desk.history": {"zh": "一个单位的全部报送和处理记录", "en": "every file of a unit and every decision"},
    "help.desk.export": {"zh": "把台账导出为 JSON 和 CSV", "en": "the ledger as JSON and CSV"},
    "help.desk.export_out": {"zh": "导出到的文件夹", "en": "the folder to write to"},
    "help.desk.links": {
        "zh": "为每个单位生成个人报送链接（随机令牌，台账只存其哈希），另有办公室链接（代码 *）；再次运行即换发新链"
              "接、旧链接失效",
        "en": "issue each unit's own link (a random token; the ledger keeps only its hash) and the office's (code *); "
              "running it again issues new links and revokes the old",
    },
    "help.desk.base_url": {
        "zh": "链接的网址开头（各单位能访问到的地址）",
        "en": "the links' address (as the units reach it)",
    },
    "help.desk.links_output": {
        "zh": "写出 CSV（code,name,url），不给则打印",
        "en": "write a CSV (code,name,url); else print",
    },
    "help.desk.links_units": {"zh": "只为这些单位换发链接", "en": "issue new links for these units only"},
    "help.desk.revoke": {
        "zh": "收回这些单位的链接（* 为办公室链接）",
        "en": "revoke these units' links (* the office's)",
    },
    "help.import": {
        "zh": "读入各单位发布的年度报告（网页 .html/.mhtml、Word .docx、有文字层的 PDF、文字 .txt），按官方格式读出"
              "表二至表四并校验",
        "en": "read published annual reports (web pages, Word .docx, PDF with text, .txt) into the official tables "
              "and check them",
    },
    "help.import.files": {"zh": "发布的报告文件", "en": "the published reports"},
    "help.import.json": {"zh": "把结果和报告文档写成 JSON", "en": "write the results and report documents as JSON"},
    "help.import.out": {
        "zh": "为每份报告写出填好数字的官方工作簿（可直接用于校验、汇总、上年数据和报送台账）",
        "en": "write each report as the filled official workbook (for validate, merge, --previous and the desk)",
    },
    "help.import.roster": {
        "zh": "按名单用单位名称找到单位代码",
        "en": "find each unit's code by its name on this roster",
    },
    "import.file": {"zh": "{path} → {unit} {year} 年度：{status}", "en": "{path} → {unit} {year}: {status}"},
    "import.inferred_many": {
        "zh": "提示 IMPORT-INFERRED：{tables} 共 {count} 行的数字连在一起，均按勾稽关系唯一拆分（逐行见 --json）",
        "en": "info IMPORT-INFERRED: {count} rows of {tables} ran together, each split the one way the rules allow "
              "(each in --json)",
    },
    "import.exists": {
        "zh": "未写出工作簿：{path} 中已有同名文件（不会替换；请换一个输出文件夹）",
        "en": "workbook not written: {path} has a file of that name already (never replaced; choose another folder)",
    },
    "import.written": {"zh": "已写出工作簿：{path}", "en": "workbook written: {path}"},
    "help.serve": {"zh": "在浏览器中使用报送台账：各单位上传、校验、提交，办公室查看总览",
                   "en": "the desk in a browser: units upload, check and submit, the office watches the board"},
    "help.serve.desk": {"zh": "台账文件夹（默认当前文件夹）", "en": "the desk folder (default: the current folder)"},
    "help.serve.host": {"zh": "监听地址（默认只本机可访问；内网使用时设为本机的内网地址）",
                        "en": "address to listen on (default: this machine only; the intranet address to serve it)"},
    "help.serve.port": {"zh": "端口（默认 8000）", "en": "port (default 8000)"},
    "help.serve.max_upload": {"zh": "上传文件大小上限，MB（默认 20）", "en": "largest upload, in MB (default 20)"},
    "desk.links_revoked": {"zh": "已收回 {count} 个链接", "en": "{count} links revoked"},
    "desk.links_written": {
        "zh": "已为 {units} 个单位生成链接：{path}（请分别发给各单位，旧链接已失效）",
        "en": "links for {units} units: {path} (send each its own link; the old ones no longer work)",
    },
    "desk.office_link": {
        "zh": "办公室链接（不写入上面的文件，只显示这一次；请妥善保存，不要发给单位）：{url}",
        "en": "the office's link (not in that file, shown only now: keep it, and never send it to a unit): {url}",
    },
    "serve.office_link": {"zh": "办公室链接（只显示这一次，请妥善保存）：{url}",
                          "en": "the office's link (shown only now: keep it): {url}"},
    "serve.running": {"zh": "报送台账 {path} 正在 {url} 上提供服务，按 Ctrl+C 停止",
                      "en": "serving the desk {path} at {url}; Ctrl+C stops"},
    "help.desk.verify": {
        "zh": "逐个重新计算保存的文件的 SHA-256，与台账核对",
        "en": "re-hash every stored file against the ledger",
    },
    "desk.created": {
        "zh": "已新建报送台账 {path}：{year} 年度，名单 {units} 个单位",
        "en": "desk made in {path}: year {year}, {units} unit(s) on the roster",
    },
    "desk.added": {"zh": "收下 {files} 个文件：{parts}", "en": "{files} file(s) received: {parts}"},
    "count.returns": {"zh": "报送 {n} 份", "en": "{n} return(s)"},
    "count.ok": {"zh": "合格 {n}", "en": "{n} ok"},
    "count.warning": {"zh": "有警告 {n}", "en": "{n} with warnings"},
    "count.error": {"zh": "有错误 {n}", "en": "{n} with errors"},
    "count.unreadable": {"zh": "无法读取 {n}", "en": "{n} unreadable"},
    "count.unclaimed": {"zh": "未认领 {n}", "en": "{n} unclaimed"},
    "count.empty": {"zh": "空表 {n}", "en": "{n} empty"},
    "count.wrong_year": {"zh": "其他年度 {n}", "en": "{n} of another year"},
    "count.not_workbook": {"zh": "非工作簿 {n}", "en": "{n} not workbooks"},
    "count.own_output": {"zh": "本台账输出 {n}", "en": "{n} our own"},
    "count.container": {"zh": "压缩包或邮件 {n}", "en": "{n} archives or mails"},
    "count.duplicate": {"zh": "重复 {n}", "en": "{n} duplicates"},
    "count.problem": {"zh": "无法收下 {n}", "en": "{n} not taken"},
    "count.errors": {"zh": "{n} 个错误", "en": "{n} error(s)"},
    "count.warnings": {"zh": "{n} 个警告", "en": "{n} warning(s)"},
    "count.within": {"zh": "（{parts}）", "en": " ({parts})"},
    "count.join": {"zh": "，", "en": ", "},
    "count.then": {"zh": "；", "en": "; "},
    "receipt.return": {"zh": "{unit} 第{version}次报送：{status}{counts}",
                       "en": "{unit}, return {version}: {status}{counts}"},
    "receipt.of_unit": {"zh": "{unit}：{said}", "en": "{unit}: {said}"},
    "receipt.again": {"zh": "已收到过（收件 #{first}），未重复登记", "en": "received before (#{first}): nothing new"},
    "receipt.container": {"zh": "已保存，其中的文件逐个收下", "en": "kept; the files inside received one by one"},
    "receipt.problem": {"zh": "无法收下：{reason}", "en": "not taken: {reason}"},
    "desk.accepted": {"zh": "{unit}：采用第 {version} 次报送（收件 #{number}）",
                      "en": "{unit}: return {version} (#{number}) counts"},
    "desk.rejected": {"zh": "已退回收件 #{number}（{name}）：{reason}", "en": "#{number} ({name}) set aside: {reason}"},
    "desk.assigned": {"zh": "收件 #{number}（{name}）指定为 {unit} 的第 {version} 次报送",
                      "en": "#{number} ({name}) is {unit}'s return {version}"},
    "desk.assigned_file": {"zh": "收件 #{number}（{name}）记为 {unit} 送来的文件（{kind}，不算报送）",
                           "en": "#{number} ({name}) came from {unit} ({kind}; no return)"},
    "desk.accepted_errors": {
        "zh": "注意：这一次报送有错误或无法读取，汇总时不计入；之后的报送也不会自动替换它，直到采用另一次",
        "en": "note: this return has errors or cannot be read, so the total leaves it out; later returns will not "
              "replace it until another one is accepted",
    },
    "desk.set_aside": {"zh": "（已退回：{reason}）", "en": " (set aside: {reason})"},
    "desk.counts": {"zh": "（当前采用）", "en": " (counts)"},
    "desk.current_findings": {"zh": "当前采用的收件 #{number} 的问题：",
                              "en": "what #{number}, the version that counts, has:"},
    "desk.no_files": {"zh": "{unit} 还没有送来任何文件", "en": "{unit} has sent nothing yet"},
    "desk.exported": {"zh": "已导出：{path}", "en": "written: {path}"},
    "desk.leftovers": {
        "zh": "files/ 中有 {count} 个未写完的临时文件（上次中断留下）：{files}；没有别的 desk add 正在运行时可以删除",
        "en": "{count} half-written temporary file(s) in files/ (an interrupted run): {files}; they may be deleted "
              "while no other desk add is running",
    },
    "desk.unrecorded": {
        "zh": "files/ 中有 {count} 个文件尚未登记（上次收件中断）：重新运行 nianbao desk add 即可补登",
        "en": "{count} stored file(s) not yet entered (an interrupted add): run nianbao desk add again",
    },
    "desk.verified": {"zh": "核对完毕：{files} 个文件与台账一致",
                      "en": "verified: {files} file(s) agree with the ledger"},
    "desk.verify_failed": {"zh": "核对发现 {problems} 个问题（共 {files} 个文件）",
                           "en": "{problems} problem(s) among {files} file(s)"},
    "col.receipt": {"zh": "收件号", "en": "receipt"},
    "col.received": {"zh": "收到时间", "en": "received"},
    "col.what": {"zh": "内容", "en": "what"},
    "kind.return": {"zh": "第{version}次报送", "en": "return {version}"},
    "kind.empty": {"zh": "空表", "en": "empty form"},
    "kind.wrong_year": {"zh": "其他年度的表", "en": "another year's form"},
    "kind.own_output": {"zh": "本台账的输出", "en": "our own output"},
    "kind.not_workbook": {"zh": "不是工作簿", "en": "not a workbook"},
    "kind.container": {"zh": "压缩包或邮件", "en": "archive or mail"},
    "kind.duplicate": {"zh": "重复", "en": "duplicate"},
    "action.accept": {"zh": "采用", "en": "accept"},
    "action.reject": {"zh": "退回", "en": "reject"},
    "action.assign": {"zh": "指定单位", "en": "assign"},
    "decision.accept": {"zh": "{at} {who} 采用收件 #{number} {reason}", "en": "{at} {who} accepted #{number} {reason}"},
    "decision.reject": {"zh": "{at} {who} 退回收件 #{number}：{reason}",
                        "en": "{at} {who} set #{number} aside: {reason}"},
    "decision.assign": {"zh": "{at} {who} 把收件 #{number} 指定给本单位", "en": "{at} {who} assigned #{number} here"},
    "help.year": {
        "zh": "本次收集的报告年度：其他年度的报告不算报送（YEAR-MISMATCH），也不计入汇总；不指定时取多数文件的年度，"
              "汇总（merge）则要求各文件年度一致",
        "en": "the report year collected: reports for other years are refused (YEAR-MISMATCH) and never summed; by "
              "default the year most files are for, except that merge asks all files to be for one year",
    },
    "help.config": {
        "zh": "校验配置（JSON）：调整严重程度、登记单位说明",
        "en": "validation settings (JSON): severities changed, reasons the units gave",
    },
    "help.validate": {
        "zh": "校验回收的工作簿：勾稽关系、空白、格式",
        "en": "check returned workbooks: cross-checks, blanks, format",
    },
    "help.validate.json": {"zh": "把校验结果写入 JSON 文件", "en": "write the results to a JSON file"},
    "help.validate.feedback": {
        "zh": "为每个有问题的文件写出标注好问题的副本（校验意见），退给单位修改",
        "en": "write each file with something to fix a feedback workbook, its problems marked",
    },
    "help.merge": {
        "zh": "汇总校验无错误的报告（官方格式，可逐级汇总）",
        "en": "sum the reports without errors into the official layout (again at every level up)",
    },
    "help.merge.output": {"zh": "汇总表（.xlsx）", "en": "the total (.xlsx)"},
    "help.merge.json": {
        "zh": "把汇总报告文档（含成员）写入 JSON 文件",
        "en": "write the total's report document (with its members) as JSON",
    },
    "help.merge.roster": {
        "zh": "单位名单：只汇总名单中的单位，并列出未报送的单位",
        "en": "a roster: sum only its units, and list those that sent nothing",
    },
    "help.merge.name": {"zh": "汇总单位名称（如 忻州市）", "en": "the name of the total's unit (e.g. 忻州市)"},
    "help.merge.code": {
        "zh": "汇总单位代码（默认取各单位共同的上级代码）",
        "en": "the total's unit code (default: the units' common parent code)",
    },
    "help.merge.include_errors": {
        "zh": "有错误的报告也计入汇总（汇总表会注明）",
        "en": "sum the reports with errors too (the total says so)",
    },
    "help.status": {"zh": "对照名单查看报送情况：未报送、有错误、合格", "en": "who has reported, against the roster"},
    "help.status.json": {"zh": "把报送情况写入 JSON 文件", "en": "write the status as JSON"},
    "help.status.output": {"zh": "把报送情况写成 Excel 表", "en": "write the status as an Excel workbook"},
    "help.status.name": {
        "zh": "本级单位名称，写在报送情况表的标题中（如 忻州市）",
        "en": "the office's name, for the status workbook's title (e.g. 忻州市)",
    },
    "help.demo": {"zh": "用 samples/ 演示完整流程", "en": "the whole cycle on samples/"},
    "help.demo.out": {"zh": "输出目录（默认 nianbao-demo）", "en": "output folder (default: nianbao-demo)"},
    # argparse's own words
    "argparse.usage": {"zh": "用法：", "en": "usage: "},
    "argparse.positional": {"zh": "位置参数", "en": "positional arguments"},
    "argparse.options": {"zh": "选项", "en": "options"},
    "argparse.help": {"zh": "显示本帮助并退出", "en": "show this help message and exit"},
    "argparse.error": {"zh": "%(prog)s：错误：%(message)s\n", "en": "%(prog)s: error: %(message)s\n"},
    "argparse.required": {"zh": "缺少必需的参数：%s", "en": "the following arguments are required: %s"},
    "argparse.unknown": {"zh": "无法识别的参数：%s", "en": "unrecognized arguments: %s"},
    "argparse.choice": {
        "zh": "无效的取值：%(value)r（可选：%(choices)s）",
        "en": "invalid choice: %(value)r (choose from %(choices)s)",
    },
    "argparse.argument": {"zh": "参数 %(argument_name)s：%(message)s", "en": "argument %(argument_name)s: %(message)s"},
    "argparse.one": {"zh": "需要一个值", "en": "expected one argument"},
    "argparse.at_least_one": {"zh": "至少需要一个值", "en": "expected at least one argument"},
    "argparse.type": {"zh": "无效的%(type)s值：%(value)r", "en": "invalid %(type)s value: %(value)r"},
    "argparse.ambiguous": {
        "zh": "选项不明确：%(option)s 可能是 %(matches)s",
        "en": "ambiguous option: %(option)s could match %(matches)s",
    },
    "argparse.not_with": {"zh": "不能与参数 %s 同时使用", "en": "not allowed with argument %s"},
    "argparse.n": {"zh": "需要 %s 个值", "en": "expected %s arguments"},
    # parts of sentences, put together where they are shown
    "finding.explained": {"zh": "{message}（单位说明：{reason}）", "en": "{message} (explained: {reason})"},
    "finding.separator": {"zh": "：", "en": ": "},
    "list.join": {"zh": "、", "en": ", "},
    "list.or": {"zh": " ／ ", "en": " / "},
    "label.cell": {"zh": "［{labels}］", "en": "[{labels}]"},
    "label.join": {"zh": "｜", "en": " | "},
    "list.more": {"zh": "{items}等", "en": "{items} and others"},
    "what.table": {"zh": "{sheet}（{title}）", "en": "{sheet} ({title})"},
    "what.column": {"zh": "{sheet}中的列“{label}”", "en": "the column “{label}” of {sheet}"},
    "what.row": {"zh": "{sheet}中的行“{label}”", "en": "the row “{label}” of {sheet}"},
    "what.unit": {"zh": "单位名称或代码", "en": "the unit's name or code"},
    "what.format": {"zh": "格式 {format}（文件为 {found}）", "en": "the format {format} (the file is {found})"},
    "what.this_year": {"zh": "本", "en": "this"},
    "layout.how": {
        "zh": "{label} 在“{sheet}”工作表 {cell}，模板为“{template_sheet}”{template_cell}",
        "en": "{label} is at {cell} of sheet “{sheet}”, at {template_cell} of “{template_sheet}” in the template",
    },
    "value.blank": {"zh": "空白", "en": "blank"},
    "value.no_label": {"zh": "（空白）", "en": "(blank)"},
    "value.long_text": {"zh": "{start}…（共 {count} 字）", "en": "{start}… ({count} characters)"},
    "value.long_number": {"zh": "{start}…（{digits} 位）", "en": "{start}… ({digits} digits)"},
    "value.huge_number": {"zh": "（超过 4000 位）", "en": "(over 4,000 digits)"},
    "formula.parts": {"zh": "各项之和", "en": "the sum of its parts"},
    "formula.result": {"zh": "计算结果 {value}", "en": "its stored result {value}"},
    "formula.no_result": {"zh": "空白（文件中没有计算结果）", "en": "blank (the file stores no result)"},
    "previous.no_code": {"zh": "无单位代码或报告年度", "en": "no unit code or report year"},
    "reason.file.unexpected_with": {
        "zh": "读取时遇到本工具未预料的情况，请把文件发给维护人员（{detail}）",
        "en": "something this tool did not foresee; please send the file to its maintainers ({detail})",
    },
    # roster
    "roster.unreadable": {
        "zh": "无法读取名单 {path}：{reason}",
        "en": "cannot read the roster {path}: {reason}",
    },
    "roster.not_excel": {
        "zh": "无法打开名单 {path}：它不是有效的 Excel 文件（{reason}）",
        "en": "cannot open the roster {path}: not a valid Excel file ({reason})",
    },
    "roster.encoding": {
        "zh": "名单 {path} 不是 UTF-8 或 GBK 编码的 CSV 文件，请另存为“CSV UTF-8”后重试",
        "en": "the roster {path} is not a UTF-8 or GBK CSV file; save it as “CSV UTF-8” and try again",
    },
    "roster.bad_csv": {
        "zh": "名单 {path} 不是有效的 CSV 文件：{reason}",
        "en": "the roster {path} is not valid CSV: {reason}",
    },
    "roster.empty": {
        "zh": "名单 {path} 是空的：第 1 行应为表头 code,name,parent",
        "en": "the roster {path} is empty: row 1 must be the header code,name,parent",
    },
    "roster.no_units": {
        "zh": "名单 {path} 只有表头，没有单位",
        "en": "the roster {path} has a header but no units",
    },
    "roster.missing_column": {
        "zh": "名单 {path} 缺少“{column}”列（可写作 {aliases}）；第 1 行表头是：{header}",
        "en": "the roster {path} has no “{column}” column (also accepted: {aliases}); row 1 reads: {header}",
    },
    "roster.empty_code": {
        "zh": "名单 {path} 第 {row} 行：单位代码为空",
        "en": "roster {path}, row {row}: the unit code is empty",
    },
    "roster.empty_name": {
        "zh": "名单 {path} 第 {row} 行：单位“{code}”的名称为空",
        "en": "roster {path}, row {row}: unit “{code}” has no name",
    },
    "roster.duplicate_code": {
        "zh": "名单 {path} 第 {row} 行：单位代码 {code} 与第 {first} 行重复",
        "en": "roster {path}, row {row}: unit code {code} repeats row {first}",
    },
    # generate
    "generate.year_out_of_range": {
        "zh": "报告年度 {year} 不在本格式的适用年度 {first_year}–{last_year} 之内（{source}）",
        "en": "report year {year} is outside {first_year}–{last_year}, the years of this format ({source})",
    },
    "generate.same_file_name": {
        "zh": "两个单位的文件名相同：{name}（请检查名单中的代码与名称）",
        "en": "two units would get the same file name: {name} (check codes and names in the roster)",
    },
    "generate.would_replace": {
        "zh": "{path} 中已有 {count} 个同名文件且内容不同，不会覆盖：{names}（可能是单位已填好的报表）。"
              "请换一个输出目录；确认要覆盖时加 --force。没有写出任何文件",
        "en": "{count} file(s) of the same name with other content are in {path} and are not replaced: {names} "
              "(perhaps returns units filled in). Choose another folder, or add --force. Nothing was written",
    },
    "generate.overwrites_roster": {
        "zh": "输出会覆盖名单文件 {path}，请换一个输出目录",
        "en": "the output would overwrite the roster {path}; choose another output folder",
    },
    "generate.cannot_write": {
        "zh": "无法写入输出目录 {path}：{reason}；没有写出任何文件",
        "en": "cannot write to the output folder {path}: {reason}; nothing was written",
    },
    "generate.done": {
        "zh": "已生成 {count} 个工作簿（{year} 年度），位于 {path}",
        "en": "{count} workbook(s) for report year {year} written to {path}",
    },
    "generate.manifest": {
        "zh": "清单：{path}（单位、文件名、SHA-256）",
        "en": "manifest: {path} (unit, file, SHA-256)",
    },
    # validation settings
    "config.unreadable": {
        "zh": "无法读取校验配置 {path}：{reason}",
        "en": "cannot read the validation settings {path}: {reason}",
    },
    "config.invalid": {
        "zh": "校验配置 {path} 有误：位置 {where} 的值 {value} 不符合要求（严重程度只能是 error、warning、info）",
        "en": "the validation settings {path} are wrong at {where}: {value} (severities are error, warning, info)",
    },
    # JSON files read back (report documents, last year's, results)
    "json.invalid": {"zh": "不是有效的 JSON 文件（{reason}）", "en": "not valid JSON ({reason})"},
    "json.not_a_document": {"zh": "不是报告文档（JSON 对象）", "en": "not a report document (a JSON object)"},
    # merge
    "merge.same_file": {
        "zh": "{second} 与 {first} 是同一个文件（内容相同），同一份报告只能汇总一次；"
              "请删去其中一个后重试。没有写出任何文件",
        "en": "{second} is the same file as {first}; a report can be summed only once. Nothing was written",
    },
    "merge.same_unit": {
        "zh": "单位 {unit} 出现了两次：{first} 和 {second}，同一单位只能汇总一次；"
              "请确认哪一份是正确的，删去另一份后重试。没有写出任何文件",
        "en": "unit {unit} appears twice: {first} and {second}; keep the right one and try again. Nothing was written",
    },
    "merge.contained": {
        "zh": "单位 {unit} 会被重复计算：汇总表 {total} 已经包含它，{other} 中又有它；"
              "请只保留汇总表，或只保留下级单位的报告。没有写出任何文件",
        "en": "unit {unit} would be counted twice: the total {total} already includes it, and so does {other}; "
              "keep either the total or its units. Nothing was written",
    },
    "merge.years": {
        "zh": "报告年度不一致：{count} 个文件是 {year} 年度，另有 {off} 个是 {years} 年度（{files}）；"
              "请用 --year 指定汇总的年度，如 --year {year}（其他年度的报告不计入），或把这些文件移出。"
              "没有写出任何文件",
        "en": "The reports are for different years: {count} files for {year}, {off} for {years} ({files}); name the "
              "year to merge with --year, e.g. --year {year} (reports of other years are left out), or take those "
              "files out. Nothing was written",
    },
    "merge.nothing": {
        "zh": "{files} 个文件中没有可以汇总的报告（有错误 {errors} 个，无法读取 {unreadable} 个，"
              "不在名单中 {strays} 个）；改正后重试，有错误的也可加 --include-errors 一并汇总。没有写出任何文件",
        "en": "none of the {files} file(s) can be summed ({errors} with errors, {unreadable} unreadable, "
              "{strays} not on the roster); correct them, or use --include-errors. Nothing was written",
    },
    "merge.summary": {
        "zh": "{name} {year} 年度汇总：收到 {files} 个文件，计入汇总 {included} 个，未计入 {left_out} 个",
        "en": "{name}, {year}: {files} file(s) received, {included} summed, {left_out} left out",
    },
    "merge.written": {
        "zh": "汇总表：{path}（含“明细”“校验”工作表）",
        "en": "consolidated workbook: {path} (with the 明细 and 校验 sheets)",
    },
    "merge.json": {"zh": "汇总报告文档（JSON）：{path}", "en": "consolidated report document (JSON): {path}"},
    # status
    "status.with_note": {"zh": "{status}（{note}）", "en": "{status} ({note})"},
    "note.EMPTY": {"zh": "收到空表", "en": "an empty form came"},
    "note.YEAR-MISMATCH": {"zh": "收到的是其他年度的表", "en": "another year's form came"},
    "note.REJECTED": {"zh": "报送均已退回", "en": "every return set aside"},
    "note.DUPLICATE": {"zh": "报送了多个文件", "en": "several files came"},
    "status.unknown": {
        "zh": "不在名单中：{unit}（{file}）", "en": "not on the roster: {unit} ({file})",
    },
    "status.unknown_unread": {
        "zh": "认不出是哪个单位的文件（{status}）：{file}；原因见 nianbao validate",
        "en": "a file whose unit cannot be told ({status}): {file}; nianbao validate says why",
    },
    "status.duplicate": {
        "zh": "同一单位报送了多个文件：{unit}：{files}；请确认哪一份有效",
        "en": "one unit, several files: {unit}: {files}; decide which one counts",
    },
    "status.summary": {
        "zh": "名单共 {units} 个单位：合格 {ok}，有警告 {warning}，有错误 {error}，无法读取 {unreadable}，"
              "未报送 {missing}；名单外 {unknown} 个，重复报送 {duplicates} 个",
        "en": "{units} unit(s) on the roster: {ok} ok, {warning} with warnings, {error} with errors, "
              "{unreadable} unreadable, {missing} missing; {unknown} not on the roster, {duplicates} duplicated",
    },
    "status.written": {"zh": "报送情况表：{path}", "en": "status workbook: {path}"},
    "status.json": {"zh": "报送情况（JSON）：{path}", "en": "status (JSON): {path}"},
    "demo.merge": {
        "zh": "把各单位当前采用的报送汇总为 {name} 的汇总表",
        "en": "sum each unit's current return into the total for {name}",
    },
    "demo.desk": {"zh": "建立 {name} 的报送台账", "en": "a collection desk for {name}"},
    "demo.round1": {
        "zh": "第一轮：收下 {path} 中的文件（含一份空表、一份上年的表），为有问题的报送写出校验意见",
        "en": "round one: receive the files in {path} (an empty form and last year's among them), feedback for "
              "the returns with problems",
    },
    "demo.round2": {
        "zh": "第二轮：收下改正后重报的 {path}（含压缩包和邮件），为新的有问题的报送写出校验意见",
        "en": "round two: receive the corrected returns in {path} (a zip and a mail among them), feedback for new "
              "returns with problems",
    },
    "demo.status": {"zh": "对照名单查看报送情况", "en": "who has reported, against the roster"},
    # command line
    "cli.interrupted": {
        "zh": "已中断：已经写完、登记的都已保存，没写完的不会留下；重新运行同一命令即可接着做",
        "en": "interrupted: what was written or entered is kept, nothing half-written is left; run the same command "
              "again to go on",
    },
    "cli.error": {"zh": "错误：{message}", "en": "error: {message}"},
    "cli.no_path": {"zh": "找不到 {path}", "en": "{path} does not exist"},
    "cli.not_a_folder": {"zh": "{path} 是文件，请给出一个文件夹", "en": "{path} is a file; give a folder"},
    "cli.not_a_file": {"zh": "{path} 是文件夹，请给出一个工作簿文件", "en": "{path} is a folder; give one workbook"},
    "demo.step": {"zh": "【{step}】{what}", "en": "[{step}] {what}"},
    "demo.generate": {
        "zh": "为样例名单 {roster} 的 {count} 个单位生成空白工作簿",
        "en": "blank workbooks for the {count} units of the sample roster {roster}",
    },
    "demo.outputs": {"zh": "全部输出位于 {path}", "en": "all outputs are in {path}"},
    "extract.written": {"zh": "已写出报告文档 {path}", "en": "report document written to {path}"},
    "validate.year_taken": {
        "zh": "各文件的报告年度不一（{years}）：本次按文件最多的年度（一样多时取较晚的）{year} 年度收集，"
              "其他年度的报表不算报送；如果不对，请用 --year 指定年度",
        "en": "The files are for several years ({years}): {year}, the year most are for (the later one of a tie), "
              "is taken as the one collected and reports for other years are refused; if that is wrong, give "
              "the year with --year",
    },
    "validate.year_count": {"zh": "{year} 年度 {count} 个", "en": "{count} for {year}"},
    "validate.summary": {
        "zh": "共 {files} 个文件：合格 {ok}，有警告 {warning}，有错误 {error}，无法读取 {unreadable}",
        "en": "{files} file(s): {ok} ok, {warning} with warnings, {error} with errors, {unreadable} unreadable",
    },
    "validate.feedback": {
        "zh": "已为 {count} 个有问题的文件写出校验意见（标注好问题的工作簿）：{path}",
        "en": "feedback workbooks (problems marked) written for {count} file(s): {path}",
    },
    "validate.feedback_failed": {
        "zh": "无法为 {path} 写出校验意见：{reason}（其他文件照常）",
        "en": "no feedback workbook for {path}: {reason} (the other files go on)",
    },
    "validate.json": {"zh": "校验结果（JSON）：{path}", "en": "results (JSON): {path}"},
    "validate.many": {"zh": "{cells} 等 {count} 个单元格", "en": "{cells} and others, {count} cells"},
    "validate.also": {"zh": "（另见 {cells}）", "en": " (see also {cells})"},
    "status.hidden": {
        "zh": "另有 {count} 个合格或只有警告的单位未列入上表",
        "en": "{count} more unit(s), ok or with warnings only, not in the table",
    },
    "status.more": {
        "zh": "另有 {count} 个单位未列入上表：完整的报送情况请用 -o 写出 Excel 表或用 --json 写出",
        "en": "{count} more unit(s) not in the table: write them all with -o (a workbook) or --json",
    },
    "validate.more": {
        "zh": "另有 {count} 个有错误的文件未列入上表，也未列出其问题："
              "全部问题请用 --json 写出，或用 --feedback 为每个文件写出校验意见",
        "en": "{count} more file(s) with errors, not in the table nor listed below: write every finding with "
              "--json, or a feedback workbook for each file with --feedback",
    },
    "validate.hidden": {
        "zh": "另有 {count} 个合格或只有警告的文件未列入上表",
        "en": "{count} more file(s), ok or with warnings only, not in the table",
    },
    "validate.hidden_unlisted": {
        "zh": "另有 {count} 个合格或只有警告的文件未列入上表，也未列出其警告和提示（全部问题请用 --json 写出）",
        "en": "{count} more file(s), ok or with warnings only, not in the table, their warnings and notes not "
              "listed below (write every finding with --json)",
    },
    "validate.no_files": {"zh": "{paths} 中没有找到工作簿", "en": "no workbooks found in {paths}"},
    "cli.same_output": {
        "zh": "{path} 被指定为两个输出，请为每个输出换一个文件名",
        "en": "{path} is given as two outputs; give each its own file name",
    },
    "validate.skipped_feedback": {
        "zh": "跳过 {count} 个本工具写出的校验意见（它们不是单位报送的文件）",
        "en": "{count} feedback workbook(s) written by this tool skipped (they are not returns)",
    },
    "cli.overwrites_input": {
        "zh": "输出 {path} 会覆盖输入文件，请换一个文件名",
        "en": "the output {path} would overwrite an input",
    },
    # the feedback workbook's 校验结果 sheet
    "feedback.title": {
        "zh": "{year}年度政府信息公开工作年度报告统计表　校验意见",
        "en": "Annual report statistics {year}: findings",
    },
    "feedback.title_no_year": {
        "zh": "政府信息公开工作年度报告统计表　校验意见", "en": "Annual report statistics: findings",
    },
    "feedback.who": {
        "zh": "填报单位：{unit}　报告年度：{year}　{submission}报送文件：{file}（编号 {sha}）　校验日期：{date}",
        "en": "Unit: {unit}   Year: {year}   {submission}File: {file} (id {sha})   Checked: {date}",
    },
    "feedback.unit": {"zh": "{name}（代码 {code}）", "en": "{name} (code {code})"},
    "feedback.unknown": {"zh": "（未能读出）", "en": "(not read)"},
    "feedback.submission": {"zh": "第 {n} 次报送　", "en": "submission {n}   "},
    "feedback.summary": {
        "zh": "共发现 {error} 个错误、{warning} 个警告、{info} 个提示：错误必须改正；"
              "警告请核实，确属实情的请附书面说明；提示不必处理。",
        "en": "{error} error(s), {warning} warning(s), {info} note(s): errors must be corrected; check each warning "
              "and explain it in writing if the figure is right; notes need nothing.",
    },
    "feedback.how": {
        "zh": "红色格为错误，橙色格为警告，蓝色格是本工具按所填文字读出的数字（已改为数字，请确认）；"
              "点“单元格”一列的地址可跳到该格，格上的批注写明问题。请在本工作簿中改正，保存为 .xlsx 后重新报送。",
        "en": "Red cells are errors, orange cells warnings, blue cells numbers this tool read from text (now stored "
              "as numbers: please confirm). Click an address in the cell column to go there; each marked cell has a "
              "comment. Correct them in this workbook, save it as .xlsx and send it again.",
    },
    "feedback.how_unread": {
        "zh": "报送的文件无法读取，原因见下表。后附空白统计表：请在其中重新填写全部数据（或按原因修好原文件），"
              "保存为 .xlsx 后重新报送。",
        "en": "The file sent could not be read: the reason is below. A blank form follows: fill in all the figures "
              "again there (or mend the original as the reason says), save it as .xlsx and send it again.",
    },
    "feedback.changed": {"zh": "本工作簿中已改为 {value}，请核对", "en": "stored here as {value}: please check"},
    "feedback.expected_actual": {"zh": "应为 {expected}，实为 {actual}", "en": "expected {expected}, found {actual}"},
    "feedback.col.number": {"zh": "序号", "en": "no."},
    "feedback.col.severity": {"zh": "严重程度", "en": "severity"},
    "feedback.col.sheet": {"zh": "工作表", "en": "sheet"},
    "feedback.col.cell": {"zh": "单元格", "en": "cell"},
    "feedback.col.problem": {"zh": "问题", "en": "problem"},
    "feedback.col.expected": {"zh": "应为", "en": "expected"},
    "feedback.col.actual": {"zh": "实为", "en": "found"},
    "feedback.col.action": {"zh": "如何改正", "en": "what to do"},
    "feedback.col.code": {"zh": "代码", "en": "code"},
    "status.ok": {"zh": "合格", "en": "ok"},
    "status.warning": {"zh": "有警告", "en": "warnings"},
    "status.error": {"zh": "有错误", "en": "errors"},
    "status.unreadable": {"zh": "无法读取", "en": "unreadable"},
    "status.missing": {"zh": "未报送", "en": "missing"},
    "progress.reading": {"zh": "读取并校验", "en": "reading and checking"},
    "progress.rate": {"zh": "每秒 {rate} 个", "en": "{rate} files/s"},
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "col.status": {"zh": "状态", "en": "status"},
    "col.errors": {"zh": "错误", "en": "errors"},
    "col.warnings": {"zh": "警告", "en": "warnings"},
    "col.unit": {"zh": "单位", "en": "unit"},
    "col.code": {"zh": "代码", "en": "code"},
    "col.file": {"zh": "文件", "en": "file"},
    "col.rounds": {"zh": "次数", "en": "returns"},
    # the desk in a browser (toolkit/web)
    "web.title": {"zh": "政府信息公开工作年度报告 报送台账", "en": "Annual report collection desk"},
    "web.brand": {"zh": "{office} {year} 年度政府信息公开工作年度报告报送", "en": "{office} annual reports {year}"},
    "web.footer": {
        "zh": "年报工具箱 nianbao · 本页面由办公室在本机或内网运行，不连接互联网",
        "en": "nianbao · served by the office on its own machine or intranet, nothing fetched from the internet",
    },
    "web.index": {
        "zh": "请使用办公室发给您的链接打开本单位的报送页面。",
        "en": "Open your unit's page with the link the office sent you.",
    },
    "web.back_home": {"zh": "← 返回本单位页面", "en": "← back to the unit's page"},
    "web.no_access": {
        "zh": "这个链接无效或已被收回，请向办公室索取新的链接。",
        "en": "This link does not work or was revoked: ask the office for a new one.",
    },
    "web.unit_only": {
        "zh": "这是单位报送用的页面，办公室链接请使用总览页。",
        "en": "This page is for units; the office's link has the board.",
    },
    "web.office_only": {"zh": "只有办公室的链接可以查看此页。", "en": "Only the office's link can see this page."},
    "web.bad_form": {
        "zh": "表单已过期或不是从本页面提交的，请刷新页面后重试。",
        "en": "The form expired or did not come from this page: reload the page and try again.",
    },
    "web.bad_number": {"zh": "收件号应为数字。", "en": "A receipt number is a number."},
    "web.too_large": {
        "zh": "文件超过 {size}，未读取。统计表通常只有几十 KB：请确认选择的是统计表工作簿。",
        "en": "The file is over {size} and was not read. A return is some tens of KB: check that you chose the "
              "workbook.",
    },
    "web.not_found": {"zh": "没有找到这一项（或它不属于本单位）。", "en": "Not found (or it is not this unit's)."},
    "web.no_feedback": {
        "zh": "这个文件没有需要改正的问题，无需校验意见。",
        "en": "Nothing to fix in this file: no feedback workbook.",
    },
    "web.failed": {
        "zh": "服务器处理时出错，文件没有丢失；请稍后重试，或把文件发给办公室。",
        "en": "The server failed on this; nothing was lost. Try again later, or send the file to the office.",
    },
    "web.error.400": {"zh": "无法完成", "en": "Cannot be done"},
    "web.error.403": {"zh": "无权访问", "en": "No access"},
    "web.error.404": {"zh": "没有找到", "en": "Not found"},
    "web.error.409": {"zh": "不能提交", "en": "Cannot submit"},
    "web.error.413": {"zh": "文件太大", "en": "File too large"},
    "web.error.500": {"zh": "出错了", "en": "Something went wrong"},
    "web.unit.now": {"zh": "当前状态：", "en": "Now:"},
    "web.unit.download_blank": {"zh": "下载本单位的空白统计表", "en": "Download your unit's blank workbook"},
    "web.unit.blank_hint": {
        "zh": "（已填好单位名称和代码，请在 Excel 或 WPS 中只填写浅黄色单元格）",
        "en": "(your unit's name and code filled in: fill in only the light yellow cells in Excel or WPS)",
    },
    "web.unit.choose": {
        "zh": "选择填好的统计表（不超过 {size}）：",
        "en": "Choose the filled workbook (up to {size}):",
    },
    "web.unit.check": {"zh": "上传并校验", "en": "Upload and check"},
    "web.unit.drop_hint": {
        "zh": "也可以把文件拖到这个框里。上传后先显示校验结果，确认无误再提交。",
        "en": "Or drop the file on this box. You see the checks first, and submit after.",
    },
    "web.unit.submit_hint": {
        "zh": "校验后点“提交”，办公室即收到，并给出回执（第几次报送、时间、SHA-256）。",
        "en": "After the checks, “Submit” sends it to the office with a receipt (return number, time, SHA-256).",
    },
    "web.unit.versions": {"zh": "历次报送", "en": "Returns so far"},
    "web.no_versions": {"zh": "还没有报送。", "en": "Nothing submitted yet."},
    "web.current": {"zh": "当前采用", "en": "current"},
    "web.board.passed_over": {"zh": "有新报送未采用", "en": "newer return not used"},
    "web.current_pinned": {"zh": "当前采用（办公室指定）", "en": "current (chosen by the office)"},
    "web.accept_hint": {
        "zh": "默认采用最新一次报送。点某一次的“采用”会固定采用它：之后的报送不会自动替换它，直到再点另一次的“采用”。",
        "en": "The latest return counts by default. Accepting one fixes it: later returns do not replace it until "
              "another one is accepted.",
    },
    "web.passed_over": {
        "zh": "第 {versions} 次报送晚于办公室指定采用的第 {version} 次，没有被采用；如要采用，请点它的“采用”。",
        "en": "Return(s) {versions} came after return {version}, which the office chose, and do not count; to use "
              "one, accept it.",
    },
    "web.accept_errors": {
        "zh": "这一次报送有错误或无法读取，采用后汇总时不计入，之后的报送也不会自动替换它。确定采用吗？",
        "en": "This return has errors or cannot be read: accepted, it is left out of the total, and later returns "
              "will not replace it. Accept it?",
    },
    "web.rejected": {"zh": "已退回：{reason}", "en": "rejected: {reason}"},
    "web.details": {"zh": "查看", "en": "details"},
    "web.draft.title": {"zh": "校验结果", "en": "Checks"},
    "web.by_office": {"zh": "网页（办公室链接）", "en": "the web page (office link)"},
    "web.draft.heading": {"zh": "校验结果：{name}", "en": "Checks: {name}"},
    "web.draft.submit": {"zh": "提交（第{version}次报送）", "en": "Submit (return {version})"},
    "web.draft.errors_hint": {
        "zh": "有错误也可以提交，办公室会看到这些错误；建议先按校验意见改正后再上传。",
        "en": "You may submit with errors, and the office sees them; better fix them first and upload again.",
    },
    "web.draft.feedback": {
        "zh": "下载校验意见（标注好问题的工作簿）",
        "en": "Download the feedback workbook (problems marked)",
    },
    "web.draft.again": {"zh": "重新上传", "en": "Upload another file"},
    "web.verdict.ok": {"zh": "合格：没有发现问题，可以提交。", "en": "OK: nothing found; ready to submit."},
    "web.verdict.warning": {
        "zh": "有警告：请核实下列事项，确属实情可以提交。",
        "en": "Warnings: check the points below; submit if they are so.",
    },
    "web.verdict.error": {
        "zh": "有错误：请按下列提示改正后重新上传。",
        "en": "Errors: fix the points below and upload again.",
    },
    "web.verdict.unreadable": {
        "zh": "无法读取：这个文件打不开或不是统计表，请用 Excel 或 WPS 另存为 .xlsx 后重新上传。",
        "en": "Unreadable: the file cannot be opened as the form; save it as .xlsx in Excel or WPS and upload again.",
    },
    "web.verdict.empty": {
        "zh": "这是一份空表：没有填写任何数据，不能作为报送。",
        "en": "An empty form: nothing filled in, it cannot count as a return.",
    },
    "web.verdict.wrong_year": {
        "zh": "这是其他年度的统计表，不能作为本年度的报送。",
        "en": "A form of another year: it cannot count as this year's return.",
    },
    "web.verdict.own_output": {
        "zh": "这是办公室发出的校验意见或汇总表，不是报送的统计表。",
        "en": "A feedback workbook or a total the office wrote, not a return.",
    },
    "web.verdict.not_workbook": {
        "zh": "这不是工作簿，请上传统计表（.xlsx、.xls、.et 或 .ods）。",
        "en": "Not a workbook: upload the form (.xlsx, .xls, .et or .ods).",
    },
    "web.verdict.duplicate_of": {
        "zh": "这个文件已经提交过：{same}。", "en": "This very file was submitted before: {same}.",
    },
    "web.verdict.duplicate": {
        "zh": "这个文件已经提交过（内容完全相同）。",
        "en": "This very file was submitted before.",
    },
    "web.verdict.container": {
        "zh": "这是压缩包或邮件：请直接上传其中的统计表。",
        "en": "An archive or a mail: upload the workbook in it.",
    },
    "web.verdict.other_unit": {
        "zh": "这是{unit}的统计表，不是本单位的，不能在这里提交：请下载本单位的空白统计表填写后上传。",
        "en": "This is {unit}'s form, not your unit's, and cannot be submitted here: fill in your own blank form.",
    },
    "web.wrong_method": {"zh": "不能这样打开这个地址，请从页面上的按钮进入。", "en": "Use the page's buttons."},
    "web.reason_needed": {"zh": "退回时请写明原因。", "en": "Say why it is rejected."},
    "web.error.405": {"zh": "无法打开", "en": "Cannot be opened"},
    "web.unclaimed_return": {"zh": "报送（未认领）", "en": "return (unclaimed)"},
    "web.col.from": {"zh": "来自", "en": "came from"},
    "web.via_web": {"zh": "网页上传", "en": "uploaded in the browser"},
    "web.warnings": {"zh": "{n} 个警告", "en": "{n} warning(s)"},
    "web.no_findings": {"zh": "没有发现问题。", "en": "No problems found."},
    "web.related": {"zh": "相关单元格", "en": "related cell"},
    "web.col.severity": {"zh": "严重程度", "en": "severity"},
    "web.col.where": {"zh": "位置", "en": "where"},
    "web.col.problem": {"zh": "问题", "en": "problem"},
    "web.col.action": {"zh": "如何改正", "en": "what to do"},
    "web.col.version": {"zh": "报送", "en": "return"},
    "web.col.received": {"zh": "收到时间", "en": "received"},
    "web.col.file": {"zh": "文件", "en": "file"},
    "web.col.verdict": {"zh": "校验结论", "en": "verdict"},
    "web.col.unit": {"zh": "单位", "en": "unit"},
    "web.col.what": {"zh": "类别", "en": "kind"},
    "web.col.decision": {"zh": "办公室处理", "en": "office's decision"},
    "web.col.receipt": {"zh": "收件号", "en": "receipt"},
    "web.col.code": {"zh": "代码", "en": "code"},
    "web.col.name": {"zh": "单位", "en": "unit"},
    "web.col.state": {"zh": "状态", "en": "status"},
    "web.col.versions": {"zh": "报送次数", "en": "returns"},
    "web.col.contact": {"zh": "填报人及电话", "en": "contact"},
    "web.receipt.title": {"zh": "回执：收件 #{number}", "en": "Receipt #{number}"},
    "web.receipt.original": {"zh": "下载原文件", "en": "Download the original file"},
    "web.unclaimed": {"zh": "未认领", "en": "unclaimed"},
    "web.board.title": {"zh": "报送总览", "en": "Board"},
    "web.board.all": {"zh": "全部 {n}", "en": "all {n}"},
    "web.board.total": {"zh": "下载汇总表", "en": "Download the total"},
    "web.board.total_hint": {
        "zh": "汇总表只计入各单位当前采用、没有错误的报送；未计入的单位列在汇总表的“校验”工作表中。",
        "en": "The total sums each unit's current return if it has no errors; the units left out are listed on "
              "its “校验” sheet.",
    },
    "web.merge_nothing": {
        "zh": "还没有可以汇总的报送：{files} 个当前采用的报送中，有错误 {errors} 个，无法读取 {unreadable} 个。"
              "请等单位改正后重新报送。",
        "en": "nothing to sum yet: of the {files} current returns, {errors} have errors and {unreadable} cannot "
              "be read. Wait for the units to correct them and send them again.",
    },
    "web.no_feedback_at_all": {
        "zh": "当前采用的报送都没有需要改正的问题，没有校验意见可下载。",
        "en": "no current return has anything to correct: there is no feedback to download.",
    },
    "web.board.status": {"zh": "下载报送情况表", "en": "Download the status workbook"},
    "web.board.feedback": {"zh": "下载全部校验意见（zip）", "en": "Download all feedback (zip)"},
    "web.board.search": {"zh": "按代码或名称查找", "en": "find by code or name"},
    "web.board.find": {"zh": "查找", "en": "find"},
    "web.board.none": {"zh": "没有符合条件的单位。", "en": "No unit matches."},
    "web.board.unclaimed": {"zh": "未认领的文件（请指定单位）", "en": "Unclaimed files (say whose)"},
    "web.board.choose_unit": {"zh": "选择单位…", "en": "choose a unit…"},
    "web.board.assign": {"zh": "指定", "en": "assign"},
    "web.board.others": {"zh": "其他收件（不算报送）", "en": "Other files received (not returns)"},
    "web.board.refresh": {"zh": "本页每 30 秒自动刷新。", "en": "This page refreshes itself every 30 seconds."},
    "web.board.guide": {"zh": "怎样用这一页；各状态是什么意思", "en": "How to use this page; what each state means"},
    "web.board.steps": {
        "zh": "各单位用自己的链接上传、提交报送，本页随时列出每个单位的当前状态。点单位名称可看它的各次报送、采用或"
              "退回某一次；下面的三个按钮分别下载：汇总表、报送情况表、全部校验意见。",
        "en": "Each unit uploads and submits through its own link; this page lists every unit's state as it stands. "
              "Click a unit's name to see its returns and to accept or set one aside; the buttons below download "
              "the total, the status workbook and all feedback.",
    },
    "web.state_means.missing": {"zh": "还没有收到这个单位的报送", "en": "nothing received from the unit yet"},
    "web.state_means.rejected": {
        "zh": "收到过，但每一次都被办公室退回了", "en": "returns came, and the office set each aside",
    },
    "web.state_means.empty": {"zh": "收到的是没填的空表，不算报送", "en": "an unfilled form came: no return"},
    "web.state_means.other_year": {"zh": "收到的是其他年度的表，不算报送", "en": "another year's form came: no return"},
    "web.state_means.unreadable": {
        "zh": "收到了，但文件打不开或不是统计表，需要单位重新报送",
        "en": "it came, but cannot be read: the unit sends it again",
    },
    "web.state_means.error": {
        "zh": "当前采用的报送有错误（勾稽关系不符等），汇总时不计入，需要单位改正后重报",
        "en": "the current return has errors (totals that do not add up…): left out of the total until corrected",
    },
    "web.state_means.warning": {
        "zh": "有需要核实的地方，确属实情的可以附说明；汇总时计入", "en": "points to check, explained if right: summed",
    },
    "web.state_means.ok": {"zh": "没有发现问题，汇总时计入", "en": "nothing found: summed"},
    "web.state.missing": {"zh": "未报送", "en": "missing"},
    "web.state.rejected": {"zh": "已退回", "en": "set aside"},
    "web.state.empty": {"zh": "空表", "en": "empty form"},
    "web.state.other_year": {"zh": "其他年度", "en": "another year"},
    "web.state.unreadable": {"zh": "无法读取", "en": "unreadable"},
    "web.state.error": {"zh": "有错误", "en": "errors"},
    "web.state.warning": {"zh": "有警告", "en": "warnings"},
    "web.state.ok": {"zh": "合格", "en": "ok"},
    "web.errors": {"zh": "{n} 个错误", "en": "{n} error(s)"},
    "web.accept": {"zh": "采用", "en": "accept"},
    "web.reject": {"zh": "退回", "en": "reject"},
    "web.reason": {"zh": "退回原因", "en": "reason"},
    "web.decisions": {"zh": "办公室的处理记录", "en": "What the office decided"},
    "web.decided.accept": {"zh": "采用收件 #{number}（{who}）", "en": "accepted #{number} ({who})"},
    "web.decided.reject": {"zh": "退回收件 #{number}：{reason}（{who}）", "en": "rejected #{number}: {reason} ({who})"},
    "web.decided.assign": {
        "zh": "把收件 #{number} 指定给{unit}（{who}）",
        "en": "assigned #{number} to {unit} ({who})",
    },
    "web.current_checks": {"zh": "当前采用的报送的校验结果", "en": "Checks of the current return"},
}


def text(key: str, lang: str = "zh", **params: object) -> str:
    """The sentence of `key` in `lang` (Chinese where it has no such language), its parameters filled in."""
    return render(template(key, lang), lang, params)


def template(key: str, lang: str = "zh") -> str:
    """The sentence of `key` in `lang`, its parameters still to fill."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["zh"])


def render(template: str, lang: str, params: Mapping[str, object]) -> str:
    """`template` filled with `params`, each said in `lang`: a sentence still to be said (`Msg`, a finding)
    as its text, a list joined the language's way, a file name that is not UTF-8 readably (`shown`)."""
    return template.format(**{k: _said(v, lang) for k, v in params.items()})


def _said(v: object, lang: str) -> object:
    if hasattr(v, "text") and callable(v.text):  # a Msg, a Listing, a Finding
        return v.text(lang)
    if isinstance(v, list | tuple):
        return text("list.join", lang).join(str(_said(item, lang)) for item in v)
    return shown(str(v)) if isinstance(v, str | PurePath) else v


@dataclass(frozen=True)
class Msg:
    """A sentence still to be said: its catalogue key and parameters; rendered in the language of where it
    is shown (a parameter of a finding, a reason)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        return text(self.key, lang, **self.params)


@dataclass(frozen=True)
class Listing:
    """Names in a sentence: the first `limit` of them, then 等 (and others); joined by the message `join`
    (、, or ／ between alternatives), each item said in the language (an item may be a Listing itself)."""

    items: tuple[object, ...]
    limit: int = 5
    join: str = "list.join"

    def text(self, lang: str = "zh") -> str:
        joined = text(self.join, lang).join(str(_said(item, lang)) for item in self.items[:self.limit])
        return text("list.more", lang, items=joined) if len(self.items) > self.limit else joined


def shown(text: str) -> str:
    """A text as a person should read it: the bytes of a file name that were not UTF-8 (unzipped from an
    archive made on Chinese Windows, they reach Python as surrogate escapes) decoded as GB18030, anything
    still unreadable as U+FFFD."""
    if not SURROGATES.search(text):
        return text
    return _ESCAPED.sub(lambda m: m[0].encode("utf-8", "surrogateescape").decode("gb18030", "replace"),
                        SURROGATES.sub(lambda m: m[0] if _ESCAPED.fullmatch(m[0]) else "\ufffd", text))


SURROGATES = re.compile("[\ud800-\udfff]")
_ESCAPED = re.compile("[\udc80-\udcff]+")  # what surrogateescape makes of bytes 0x80–0xFF
