"""Build the sample returns: samples/returns (2024, the first round), samples/round2 (what came after the
feedback) and samples/previous (2023).

Each is a workbook made by `nianbao generate` for a unit of samples/roster.csv and filled the way a
unit's spreadsheet program saves it (tests/fill.py: openpyxl load and save). Clean returns, one per
typical error, the blank a unit sent back and last year's form sent again, the real published 2023
numbers of 忻州市生态环境局原平分局 (../shared/seed) and last year's reports for the checks between years;
in the second round the corrected returns, one in a .zip with a note, one attached to a mail.
Run from the checkout: `python samples/make.py` (the numbers come out the same; the files' saved-at times
differ, as every spreadsheet program's do).
"""

from __future__ import annotations

import io
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.fill import fill  # noqa: E402
from toolkit import generate, roster, spec  # noqa: E402

SPEC = spec.load()
UNITS = {u.code: u for u in roster.read(HERE / "roster.csv")}


def table3(**columns: dict[str, int]) -> dict[str, int]:
    """表三 inputs from outcome rows, 上年结转 and 结转下年度 per column; 本年新收 is what makes T3-1 hold."""
    values = {}
    for column, given in columns.items():
        rows = dict(given)
        over, forward = rows.pop("carried_over", 0), rows.pop("carried_forward", 0)
        values |= {f"table3.{row}.{column}": n for row, n in rows.items()}
        values |= {f"table3.carried_over.{column}": over, f"table3.carried_forward.{column}": forward,
                   f"table3.new_received.{column}": sum(rows.values()) + forward - over}
    return values


def table2(normative: tuple[int, int, int], licensing: int, penalty: int, enforcement: int, fees: float) -> dict:
    issued, repealed, in_force = normative
    return {
        "table2.regulations.issued": 0, "table2.regulations.repealed": 0, "table2.regulations.in_force": 0,
        "table2.normative_documents.issued": issued, "table2.normative_documents.repealed": repealed,
        "table2.normative_documents.in_force": in_force, "table2.licensing.decisions": licensing,
        "table2.penalty.decisions": penalty, "table2.enforcement.decisions": enforcement, "table2.fees.amount": fees,
    }


def table4(**groups: dict[str, int]) -> dict[str, int]:
    return {f"table4.{group}.{column}": n for group, cells in groups.items() for column, n in cells.items()}


def report(*parts: dict) -> dict:
    """Every input cell 0 unless a part says otherwise; totals stay the workbook's formulas."""
    values = {f.path: 0 for f in SPEC.inputs}
    for part in parts:
        values |= part
    return values


XINFU_2024 = report(
    table2((5, 2, 48), 1250, 86, 7, 12.5),
    table3(natural_person={"disclosed": 18, "partially_disclosed": 3, "withheld_third_party": 1,
                           "unavailable_not_held": 6, "not_processed_repeated": 2, "other_other": 1,
                           "carried_over": 2, "carried_forward": 3},
           commercial={"disclosed": 4, "unavailable_not_held": 1}, legal_service={"disclosed": 1}),
    table4(review={"upheld": 2, "corrected": 1}, litigation_direct={"upheld": 1, "pending": 1}),
)
DINGXIANG_2024 = report(
    table2((3, 0, 21), 640, 35, 2, 0),
    table3(natural_person={"disclosed": 6, "partially_disclosed": 1, "unavailable_not_held": 2,
                           "carried_over": 1, "carried_forward": 1}),
    table4(review={"upheld": 1}),
)
WUTAI_2024 = report(
    table2((2, 1, 15), 520, 41, 0, 3.2),
    table3(natural_person={"disclosed": 9, "unavailable_not_held": 3, "not_processed_petition": 1},
           commercial={"disclosed": 2}),
)
# 忻州市生态环境局原平分局, 2023, as published (seed/000_fbcf192042fecf29.txt): every 表三 and 表四 cell 0,
# 行政处罚 12, everything else 0 (the PDF text shows two zeros for 规章's three cells; PDF text
# cannot be trusted cell by cell, and the report states no 规章)
YUANPING_EPB_2023 = report({"table2.penalty.decisions": 12})
YUANPING_EPB_2024 = report({"table2.penalty.decisions": 15, "table2.licensing.decisions": 3})

RETURNS_2024: list[tuple[str, dict, dict]] = [  # unit code, values, what the unit typed over or left odd
    ("140902", XINFU_2024, {}),
    ("140921", DINGXIANG_2024, {}),
    ("140922", WUTAI_2024, {}),
    ("1409-SSTHJJ-YP", YUANPING_EPB_2024, {}),
    # a 总计 typed wrong: 本年新收 is 9 in fact
    ("140923", DINGXIANG_2024, {"table3.new_received.total": 10}),
    # （七）总计 typed so that T3-1 holds, while the outcome rows add up to one less
    ("140924", report(table2((1, 0, 9), 300, 20, 1, 0),
                      table3(natural_person={"disclosed": 5, "unavailable_not_held": 2, "carried_forward": 0}),
                      {"table3.new_received.natural_person": 8}),
     {"table3.results_total.natural_person": 8}),
    # 表四: 行政复议 总计 typed as 3, the results add up to 2
    ("140925", report(table2((2, 0, 12), 410, 28, 0, 0.8), table3(natural_person={"disclosed": 3}),
                      table4(review={"upheld": 1, "pending": 1})),
     {"table4.review.total": 3}),
    # blank cells: 表四 left empty, one 表三 row skipped
    ("140926", report(table2((1, 1, 7), 220, 16, 0, 0), table3(natural_person={"disclosed": 2})),
     {**{f.path: None for f in SPEC.inputs if f.table == "table4"},
      **{f"table3.other_no_fee.{c}": None for c in ("natural_person", "commercial", "research",
                                                      "social_welfare", "legal_service", "other_org")}}),
    # a negative
    ("140927", report(table2((0, 0, 6), 180, 12, 0, 0), table3(natural_person={"disclosed": 1})),
     {"table2.enforcement.decisions": -2}),
    # a decimal count
    ("140928", report(table2((1, 0, 8), 260, 19, 1, 0), table3(natural_person={"disclosed": 4})),
     {"table2.penalty.decisions": 12.5}),
    # 收费 in 元 instead of 万元 (35,000 元 = 3.5 万元)
    ("140929", report(table2((1, 0, 10), 300, 22, 0, 0), table3(natural_person={"disclosed": 2})),
     {"table2.fees.amount": 35000}),
]

PREVIOUS_2023: list[tuple[str, dict]] = [
    # carried forward into 2024 as 2024 says; 现行有效 45 + 5 − 2 = 48
    ("140902", report(table2((4, 1, 45), 1190, 92, 5, 11.8),
                      table3(natural_person={"disclosed": 15, "unavailable_not_held": 4, "carried_forward": 2},
                             commercial={"disclosed": 3}),
                      table4(review={"upheld": 1}))),
    ("140921", report(table2((2, 1, 18), 600, 30, 1, 0),
                      table3(natural_person={"disclosed": 5, "carried_forward": 1}))),
    # breaks X-1: two applications carried forward in 2023, but 五台县's 2024 上年结转 is 0
    ("140922", report(table2((3, 0, 14), 500, 38, 0, 2.9),
                      table3(natural_person={"disclosed": 7, "carried_forward": 2}))),
    ("1409-SSTHJJ-YP", YUANPING_EPB_2023),
]


# the second round: what the units sent after their feedback
DAIXIAN_2024 = DINGXIANG_2024  # 代县's numbers, its 总计 left to the formula this time
FANSHI_2024 = report(table2((1, 0, 9), 300, 20, 1, 0),
                     table3(natural_person={"disclosed": 5, "unavailable_not_held": 2, "carried_forward": 0}))
NINGWU_2024 = report(table2((2, 0, 12), 410, 28, 0, 0.8), table3(natural_person={"disclosed": 3}),
                     table4(review={"upheld": 1, "pending": 1}))
# 五台县 had 2 applications carried over from 2023 after all
WUTAI_2024_CORRECTED = report(
    table2((2, 1, 15), 520, 41, 0, 3.2),
    table3(natural_person={"disclosed": 9, "unavailable_not_held": 3, "not_processed_petition": 1,
                           "carried_over": 2},
           commercial={"disclosed": 2}),
)
HEQU_2024 = report(table2((1, 0, 11), 350, 25, 1, 0.6),
                   table3(natural_person={"disclosed": 4, "withheld_third_party": 1}))
BAODE_2024 = report(table2((2, 1, 13), 280, 18, 0, 0), table3(natural_person={"disclosed": 3}))
PIANGUAN_2024 = report(table2((1, 0, 6), 150, 9, 0, 0), table3(natural_person={"disclosed": 1}))
SHENCHI_2024 = report(table2((0, 0, 6), 180, 12, 2, 0), table3(natural_person={"disclosed": 1}))
ROUND2: list[tuple[str, dict, dict]] = [
    ("140922", WUTAI_2024_CORRECTED, {}), ("140923", DAIXIAN_2024, {}), ("140924", FANSHI_2024, {}),
    ("140925", NINGWU_2024, {}), ("140930", HEQU_2024, {}),
    # 神池县 put its 行政强制 right, and typed over a 总计 while at it: a second round of feedback
    ("140927", SHENCHI_2024, {"table3.new_received.total": 2}),
]
NOTE = "保德县2024年度政府信息公开工作年度报告统计表已填报，请审核。".encode()  # the note beside the workbook
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n% a scanned cover letter stands in here\n%%EOF\n"


PEOPLE = ("王丽", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊",
          "周婷", "吴刚", "徐倩", "孙浩", "马超", "朱琳", "胡军")


def contact(year: int, code: str) -> dict[tuple[str, str], str]:
    """The cover's 填报人, 审核人, 联系电话 and 填报日期 as a unit's clerk types them (fictitious people and
    numbers; 0350 is 忻州's area code): the cells under the labels of the template's cover."""
    n = list(UNITS).index(code)
    said = {"preparer": PEOPLE[n % len(PEOPLE)], "reviewer": PEOPLE[(n + 7) % len(PEOPLE)],
            "phone": f"0350-{3021000 + 37 * n}", "date": f"{year + 1}-01-{10 + n % 10}"}
    rows = {key: 3 + i for i, key in enumerate(SPEC.cover)}  # the cover's fields from row 3, values in column B
    return {(generate.COVER, f"B{rows[key]}"): value for key, value in said.items()}


def workbook(year: int, code: str, values: dict | None, typed: dict | None = None) -> bytes:
    """A unit's workbook, the cover's contact filled in; `values` None: the blank, untouched."""
    blank = generate.Blank(SPEC, year, personalised=True).render(UNITS[code])
    return blank if values is None else fill(blank, SPEC, {**values, **(typed or {})}, contact(year, code))


def write(folder: Path, year: int, code: str, values: dict | None, typed: dict | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / generate.file_name(year, UNITS[code])).write_bytes(workbook(year, code, values, typed))


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 20, 9, 30, 0)), data)
    return out.getvalue()


def mail(sender: str, subject: str, attachments: dict[str, tuple[bytes, str]]) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = sender, "gongkai@xinzhou.example.gov.cn"
    message["Subject"], message["Date"] = subject, "Tue, 21 Jan 2025 10:12:00 +0800"
    message["Message-ID"] = "<pianguan-2024-annual@pianguan.example.gov.cn>"
    message.set_content("附件是我县2024年度政府信息公开工作年度报告统计表和说明，请查收。")
    for name, (data, kind) in attachments.items():
        maintype, subtype = kind.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    message.set_boundary("nianbao-sample-boundary")
    return bytes(message)


def main() -> None:
    for code, values, typed in RETURNS_2024:
        write(HERE / "returns", 2024, code, values, typed)
    write(HERE / "returns", 2024, "140930", None)  # 河曲县 sent the blank back
    write(HERE / "returns", 2023, "140931", report(table2((1, 1, 12), 260, 17, 0, 0)))  # 保德县: last year's form
    for code, values in PREVIOUS_2023:
        write(HERE / "previous", 2023, code, values)
    round2 = HERE / "round2"
    for code, values, typed in ROUND2:
        write(round2, 2024, code, values, typed)
    baode = generate.file_name(2024, UNITS["140931"])
    (round2 / "保德县年报.zip").write_bytes(zipped({baode: workbook(2024, "140931", BAODE_2024),
                                                  "说明.txt": NOTE}))
    pianguan = generate.file_name(2024, UNITS["140932"])
    (round2 / "偏关县政务公开办-年报统计表.eml").write_bytes(mail(
        "偏关县政务公开办 <gongkai@pianguan.example.gov.cn>", "偏关县2024年度政府信息公开工作年度报告统计表",
        {pianguan: (workbook(2024, "140932", PIANGUAN_2024), XLSX_TYPE), "盖章说明.pdf": (PDF, "application/pdf")}))


if __name__ == "__main__":
    main()
