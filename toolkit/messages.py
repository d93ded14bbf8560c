"""Every sentence the user reads, Chinese first, English with `--lang en`: one template per key."""

from __future__ import annotations

import re
from pathlib import PurePath

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
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
        "zh": "报告年度不一致：{path} 是 {other} 年度，此前的报告是 {year} 年度；"
              "请只汇总同一年度的报告。没有写出任何文件",
        "en": "{path} is for {other}, the reports before it for {year}; merge one year at a time. Nothing was written",
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
    "status.unknown": {
        "zh": "不在名单中：{unit}（{file}）", "en": "not on the roster: {unit} ({file})",
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
        "zh": "把校验无错误的报告汇总为 {name} 的汇总表",
        "en": "sum the reports without errors into the total for {name}",
    },
    "demo.status": {"zh": "对照名单查看报送情况", "en": "who has reported, against the roster"},
    # command line
    "cli.error": {"zh": "错误：{message}", "en": "error: {message}"},
    "cli.no_path": {"zh": "找不到 {path}", "en": "{path} does not exist"},
    "cli.not_a_folder": {"zh": "{path} 是文件，请给出一个文件夹", "en": "{path} is a file; give a folder"},
    "cli.not_a_file": {"zh": "{path} 是文件夹，请给出一个工作簿文件", "en": "{path} is a folder; give one workbook"},
    "demo.step": {"zh": "【{step}】{what}", "en": "[{step}] {what}"},
    "demo.generate": {
        "zh": "为样例名单 {roster} 的 {count} 个单位生成空白工作簿",
        "en": "blank workbooks for the {count} units of the sample roster {roster}",
    },
    "demo.validate": {
        "zh": "校验 samples/returns 中回收的 {count} 个样例工作簿（对照 samples/previous 中的上年报告）",
        "en": "validate the {count} sample returns in samples/returns (against last year's in samples/previous)",
    },
    "demo.outputs": {"zh": "全部输出位于 {path}", "en": "all outputs are in {path}"},
    "extract.written": {"zh": "已写出报告文档 {path}", "en": "report document written to {path}"},
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
    "validate.hidden": {
        "zh": "另有 {count} 个合格或只有警告的文件未列入上表",
        "en": "{count} more file(s), ok or with warnings only, not in the table",
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
    "feedback.title": {"zh": "{year}年度政府信息公开工作年度报告统计表　校验意见",
                       "en": "Annual report statistics {year}: findings"},
    "feedback.who": {
        "zh": "填报单位：{name}（代码 {code}）　报告年度：{year}　{submission}"
              "报送文件：{file}（编号 {sha}）　校验日期：{date}",
        "en": "Unit: {name} (code {code})   Year: {year}   {submission}File: {file} (id {sha})   Checked: {date}",
    },
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
}


def text(key: str, lang: str = "zh", **params: object) -> str:
    """The sentence of `key`; each parameter shown readably (a file name that is not UTF-8: `shown`)."""
    template = MESSAGES[key]
    return template.get(lang, template["zh"]).format(**{k: _shown(v) for k, v in params.items()})


def _shown(v: object) -> object:
    return shown(str(v)) if isinstance(v, str | PurePath) else v


def shown(text: str) -> str:
    """A text as a person should read it: the bytes of a file name that were not UTF-8 (unzipped from an
    archive made on Chinese Windows, they reach Python as surrogate escapes) decoded as GB18030, anything
    still unreadable as U+FFFD."""
    if not _SURROGATES.search(text):
        return text
    return _ESCAPED.sub(lambda m: m[0].encode("utf-8", "surrogateescape").decode("gb18030", "replace"),
                        _SURROGATES.sub(lambda m: m[0] if _ESCAPED.fullmatch(m[0]) else "\ufffd", text))


_SURROGATES = re.compile("[\ud800-\udfff]")
_ESCAPED = re.compile("[\udc80-\udcff]+")  # what surrogateescape makes of bytes 0x80–0xFF
