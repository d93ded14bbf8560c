"""The command line: exact exit codes, files written, both languages."""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from toolkit import checker, inputs, read, validate
from toolkit.cli import main


def test_generate_blank(tmp_path, capsys):
    assert main(["generate", "--year", "2024", "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["2024_政府信息公开工作年度报告统计表.xlsx"]
    assert "已生成 1 个工作簿" in capsys.readouterr().out


def test_generate_with_roster_and_password(tmp_path, capsys):
    roster = tmp_path / "r.csv"
    roster.write_text("code,name,parent\n1,甲,9\n2,乙,9\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--year", "2025", "--roster", str(roster), "--out", str(out), "--password", "pw"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["2025_1_甲.xlsx", "2025_2_乙.xlsx", "manifest.csv"]
    assert openpyxl.load_workbook(out / "2025_2_乙.xlsx")["表三"].protection.password


def test_bad_roster_exits_1_in_chinese_or_english(tmp_path, capsys):
    roster = tmp_path / "r.csv"
    roster.write_text("code,name,parent\n1,甲,9\n1,乙,9\n", encoding="utf-8")
    assert main(["generate", "--roster", str(roster), "--out", str(tmp_path / "o")]) == 1
    assert "第 3 行" in capsys.readouterr().out
    assert main(["generate", "--roster", str(roster), "--out", str(tmp_path / "o"), "--lang", "en"]) == 1
    assert "row 3" in capsys.readouterr().out
    assert not (tmp_path / "o").exists()


def test_missing_roster_is_bad_usage(tmp_path, capsys):
    assert main(["generate", "--roster", str(tmp_path / "nope.csv"), "--out", str(tmp_path)]) == 2
    assert "找不到" in capsys.readouterr().out


def test_unknown_option_is_bad_usage():
    result = subprocess.run([sys.executable, "-m", "toolkit", "generate", "--bogus"], capture_output=True)
    assert result.returncode == 2


def test_demo_runs_two_rounds_at_a_desk(tmp_path, capsys):
    """Blanks, a desk, round one (an empty form and last year's among the returns), round two (corrections, a
    zip, a mail), the total of the current versions and who is done; run twice, it starts over."""
    assert main(["demo", "--out", str(tmp_path)]) == 0
    files = list((tmp_path / "1-空白工作簿").glob("*.xlsx"))
    assert len(files) == 19 and any("原平分局" in f.name for f in files)
    first = sorted(p.name.split("_第")[0].split("_校验意见")[0] for p in (tmp_path / "2-第一轮校验意见").iterdir())
    assert first == ["2024_140922_五台县", "2024_140923_代县", "2024_140924_繁峙县", "2024_140925_宁武县",
                     "2024_140926_静乐县", "2024_140927_神池县", "2024_140928_五寨县", "2024_140929_岢岚县",
                     "2024_140930_河曲县"]  # 河曲县 sent its blank back: told to fill it in
    assert [p.name.split("_校验意见")[0] for p in (tmp_path / "3-第二轮校验意见").iterdir()] == [
        "2024_140927_神池县_第2次"]  # still wrong; the others' feedback of round one stands
    merged = json.loads((tmp_path / "4-汇总.json").read_text(encoding="utf-8"))
    included = sorted(m["code"] for m in merged["members"] if m["included"])
    assert included == sorted(["140902", "140921", "140922", "140923", "140924", "140925", "140926", "140929",
                               "140930", "140931", "140932", "1409-SSTHJJ-YP"])
    assert merged["unit"] == {"code": "1409", "name": "忻州市", "parent": ""}
    total = read.extract(tmp_path / "4-2024_忻州市_汇总.xlsx").document
    assert total["table3"] == merged["table3"]
    status = openpyxl.load_workbook(tmp_path / "5-报送情况.xlsx")["报送情况"]
    assert status["A1"].value == "忻州市2024年度政府信息公开工作年度报告报送情况"
    assert [c.value for c in status[3]][:9] == ["单位代码", "单位名称", "状态", "错误", "警告", "报送次数",
                                              "最近报送", "填报人", "联系电话"]
    rows = {r[0].value: [c.value for c in r] for r in status.iter_rows(min_row=4) if r[0].value}
    assert rows["140923"][2:6] == ["合格", 0, 0, 2] and rows["140981"][2] == "未报送"
    out = capsys.readouterr().out
    assert "#13   2024_140930_河曲县.xlsx → 140930 河曲县：全部 166 个填写格都是空白" in out
    assert "140931 保德县：这是 2023 年度的报表" in out and "→ 140932 偏关县 第1次报送：合格" in out
    assert "【6】" in out and "未报送 5" in out
    flat = "".join(out.split())
    assert f"另有3份报送的校验意见此前已写出，在{tmp_path}/2-第一轮校验意见（" in flat  # and where they went
    assert main(["demo", "--out", str(tmp_path)]) == 0  # again: a fresh desk, the same receipts
    assert "#13   2024_140930_河曲县.xlsx" in capsys.readouterr().out


SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CLEAN = SAMPLES / "returns" / "2024_140902_忻府区.xlsx"
WRONG = SAMPLES / "returns" / "2024_140923_代县.xlsx"


def test_extract_prints_the_report_document(capsys):
    assert main(["extract", str(CLEAN)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["unit"]["code"] == "140902"
    assert doc["table3"]["new_received"]["total"] == 38  # 31 outcomes + 3 forward − 2 over; 5; 1


def test_extract_writes_a_file_and_never_over_its_input(tmp_path, capsys):
    out = tmp_path / "doc.json"
    assert main(["extract", str(CLEAN), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2024
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(CLEAN.read_bytes())
    assert main(["extract", str(copy), "-o", str(copy)]) == 2
    assert copy.read_bytes() == CLEAN.read_bytes()


def test_extract_of_an_unreadable_file_exits_1_and_says_why(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"garbage")
    assert main(["extract", str(bad)]) == 1
    assert "FILE-UNREADABLE" in capsys.readouterr().err


def test_extract_of_a_missing_file_is_bad_usage(tmp_path):
    assert main(["extract", str(tmp_path / "nope.xlsx")]) == 2


def test_validate_exit_codes(tmp_path, capsys):
    assert main(["validate", str(CLEAN)]) == 0
    assert main(["validate", str(CLEAN), str(WRONG)]) == 1
    out = capsys.readouterr().out
    line = ("错误 表三 J6 ［一、本年新收政府信息…｜总计］ "
            "T3-1：第一项+第二项=11，（七）总计+第四项=10，相差1（另见 J7、J29:J30）")
    assert line in out.splitlines()
    assert main(["validate", str(tmp_path / "nope")]) == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"garbage")
    assert main(["validate", str(CLEAN), str(bad)]) == 1  # the batch goes on: both files are in the summary
    assert "共 2 个文件" in capsys.readouterr().out


def test_validate_json_equals_the_library_result(tmp_path):
    out = tmp_path / "result.json"
    assert main(["validate", str(SAMPLES / "returns"), "--previous", str(SAMPLES / "previous"),
                 "--json", str(out), "--lang", "en"]) == 1
    files = inputs.workbook_files([SAMPLES / "returns"])
    previous = validate.load_previous(inputs.workbook_files([SAMPLES / "previous"]))
    expected = validate.run(files, previous=previous).to_dict("en")
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(expected))
    assert expected["summary"] == {"files": 13, "ok": 3, "warning": 2, "error": 8, "unreadable": 0,
                                   "errors": 11, "warnings": 19}


def test_validate_with_a_config_making_a_warning_blocking(tmp_path):
    config = tmp_path / "config.json"
    config.write_text('{"severity": {"T2-5": "error"}}', encoding="utf-8")
    target = SAMPLES / "returns" / "2024_140929_岢岚县.xlsx"
    assert main(["validate", str(target)]) == 0
    assert main(["validate", str(target), "--config", str(config)]) == 1


def test_an_unreadable_previous_file_warns_the_unit_it_would_serve(tmp_path, capsys):
    previous = tmp_path / "2023_140902_忻府区.xlsx"
    previous.write_bytes(b"garbage")
    out = tmp_path / "r.json"
    assert main(["validate", str(CLEAN), "--previous", str(previous), "--json", str(out)]) == 0
    (result,) = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert [f["code"] for f in result["findings"]] == ["PREVIOUS-UNREADABLE"]


def test_a_report_document_validates_like_its_workbook(tmp_path, capsys):
    doc = tmp_path / "doc.json"
    assert main(["extract", str(WRONG), "-o", str(doc)]) == 0
    by_doc, by_book = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["validate", str(doc), "--json", str(by_doc)]) == 1
    assert main(["validate", str(WRONG), "--json", str(by_book)]) == 1
    rules = [[(f["code"], f["cell"]) for f in json.loads(p.read_text(encoding="utf-8"))["files"][0]["findings"]
              if f["code"].startswith("T")] for p in (by_doc, by_book)]
    assert rules[0] == rules[1] == [("T3-1", "J6"), ("T3-3", "J6")]


def test_outputs_never_overwrite_a_previous_file_or_a_folder_is_extracted(tmp_path):
    previous = tmp_path / "p.json"
    assert main(["extract", str(SAMPLES / "previous" / "2023_140922_五台县.xlsx"), "-o", str(previous)]) == 0
    before = previous.read_bytes()
    assert main(["validate", str(CLEAN), "--previous", str(previous), "--json", str(previous)]) == 2
    assert previous.read_bytes() == before
    assert main(["extract", str(tmp_path)]) == 2


def test_merge_writes_the_total_and_exits_1_when_files_have_errors(tmp_path, capsys):
    out, js = tmp_path / "total.xlsx", tmp_path / "total.json"
    args = ["merge", str(SAMPLES / "returns"), "-o", str(out), "--json", str(js), "--name", "忻州市"]
    assert main(args) == 1 and "--year" in capsys.readouterr().out  # last year's form among them: which year?
    assert not out.exists()
    assert main([*args, "--year", "2024"]) == 1
    merged = json.loads(js.read_text(encoding="utf-8"))
    assert merged["format"] == "gov-info-annual/2021" and len(merged["members"]) == 13
    assert [f.code for f in checker.check(merged)] == []  # a total: no T2-5 on the sum of units' fees
    said = "".join(capsys.readouterr().out.split())  # however the terminal wrapped it
    assert "计入汇总6个" in said
    # 岢岚县's fees typed in 元 are in the total: the total says whose warnings it sums
    assert "MERGE-WITH-WARNINGS：计入汇总的2个单位有警告，数字已原样计入，请核实：静乐县、岢岚县" in said
    assert out.exists()


def test_merge_of_clean_files_exits_0(tmp_path, capsys):
    out = tmp_path / "total.xlsx"
    assert main(["merge", str(CLEAN), str(SAMPLES / "returns" / "2024_140921_定襄县.xlsx"), "-o", str(out)]) == 0
    assert read.extract(out).document["members"][0]["code"] == "140902"


def test_merge_refuses_double_counting_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "total.xlsx"
    assert main(["merge", str(CLEAN), "-o", str(out)]) == 0
    again = tmp_path / "again.xlsx"
    assert main(["merge", str(out), str(CLEAN), "-o", str(again), "--lang", "en"]) == 1
    assert "counted twice" in capsys.readouterr().out
    assert not again.exists()


def test_merge_usage_errors_exit_2(tmp_path, capsys):
    assert main(["merge", str(tmp_path / "nope"), "-o", str(tmp_path / "t.xlsx")]) == 2
    assert main(["merge", str(CLEAN), "-o", str(CLEAN)]) == 2
    assert "覆盖" in capsys.readouterr().out
    result = subprocess.run([sys.executable, "-m", "toolkit", "merge", str(CLEAN)], capture_output=True)
    assert result.returncode == 2  # -o is required


def test_status_lists_every_roster_unit(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("code,name,parent\n140902,忻府区,1409\n140923,代县,1409\n999,未报单位,1409\n",
                      encoding="utf-8")
    broken = tmp_path / "2024_999_未报单位.xlsx"
    broken.write_bytes(b"garbage")
    nameless = tmp_path / "年报.zip"  # no code in its name, and unreadable: whose it is cannot be told
    nameless.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    js, xlsx = tmp_path / "s.json", tmp_path / "s.xlsx"
    args = ["status", "--roster", str(roster), str(CLEAN), str(WRONG), str(broken),
            str(SAMPLES / "returns" / "2024_140921_定襄县.xlsx"), str(nameless), "--json", str(js), "-o", str(xlsx)]
    capsys.readouterr()
    assert main(args) == 1
    said = "".join(capsys.readouterr().out.split())
    assert f"认不出是哪个单位的文件（无法读取）：{nameless}" in said and "不在名单中：-" not in said
    result = json.loads(js.read_text(encoding="utf-8"))
    assert [(u["code"], u["status"]) for u in result["units"]] == [("140902", "ok"), ("140923", "error"),
                                                                    ("999", "unreadable")]
    assert [u["code"] for u in result["unknown"]] == ["140921", ""] and result["duplicates"] == []
    sheet = openpyxl.load_workbook(xlsx)["报送情况"]
    assert [c.value for c in sheet[5]][:3] == ["140923", "代县", "有错误"]
    assert sheet.cell(4, sheet.max_column).alignment.wrap_text  # a long file name wraps inside its column
    fills = {sheet.cell(r, 3).value: sheet.cell(r, 3).fill.fgColor.rgb for r in range(4, 7)}
    assert len(set(fills.values())) == 3  # 合格, 有错误 and 无法读取 each in a colour of its own


def test_status_exits_0_when_every_unit_is_fine_and_reports_duplicates(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("code,name,parent\n140902,忻府区,1409\n", encoding="utf-8")
    assert main(["status", "--roster", str(roster), str(CLEAN)]) == 0
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(CLEAN.read_bytes())
    js = tmp_path / "s.json"
    assert main(["status", "--roster", str(roster), str(CLEAN), str(copy), "--json", str(js)]) == 1
    result = json.loads(js.read_text(encoding="utf-8"))
    assert (result["units"][0]["status"], result["units"][0]["note"]) == ("error", "DUPLICATE")
    assert result["duplicates"][0]["files"] == [str(CLEAN), str(copy)]
    said = capsys.readouterr().out
    assert "同一单位报送了多个文件" in said and "有错误（报送了多个文件）" in said  # why, though no cell is wrong


def test_an_empty_form_and_last_years_form_are_no_return(tmp_path, capsys):
    """The untouched blank a unit sent back, and last year's form: validate refuses both (exit 1), status keeps
    their units 未报送 and says what came, and a unit's real return beside last year's form counts."""
    roster = tmp_path / "roster.csv"
    roster.write_text("code,name,parent\n140902,忻府区,1409\n140930,河曲县,1409\n1409-SSTHJJ-YP,原平分局,1409\n",
                      encoding="utf-8")
    assert main(["generate", "--year", "2024", "--roster", str(roster), "--out", str(tmp_path / "blank")]) == 0
    empty = tmp_path / "blank" / "2024_140930_河曲县.xlsx"
    last_year = SAMPLES / "previous" / "2023_1409-SSTHJJ-YP_忻州市生态环境局原平分局.xlsx"
    this_year = SAMPLES / "returns" / "2024_1409-SSTHJJ-YP_忻州市生态环境局原平分局.xlsx"
    js = tmp_path / "v.json"
    capsys.readouterr()
    assert main(["validate", str(CLEAN), str(empty), str(last_year), "--json", str(js)]) == 1
    said = "".join(capsys.readouterr().out.split())  # however the terminal wrapped it
    assert "各文件的报告年度不一（2023年度1个、2024年度2个）：本次按文件最多的年度（一样多时取较晚的）2024年度收集" \
        in said
    files = {Path(f["path"]).name: f for f in json.loads(js.read_text(encoding="utf-8"))["files"]}
    assert [f["code"] for f in files[empty.name]["findings"]] == ["EMPTY"]
    assert files[last_year.name]["findings"][0]["code"] == "YEAR-MISMATCH"
    assert files[last_year.name]["findings"][0]["message"] == "这是 2023 年度的报表，本次收集的是 2024 年度，不算报送"
    assert main(["validate", str(last_year), "--year", "2023"]) == 0  # the year named: it is this year's
    assert "年度不一" not in capsys.readouterr().out
    js = tmp_path / "s.json"
    args = ["status", "--roster", str(roster), *map(str, (CLEAN, empty, last_year, this_year)), "--json", str(js)]
    assert main(args) == 1
    units = {u["code"]: u for u in json.loads(js.read_text(encoding="utf-8"))["units"]}
    assert (units["140930"]["status"], units["140930"]["note"]) == ("missing", "EMPTY")
    assert (units["1409-SSTHJJ-YP"]["status"], units["1409-SSTHJJ-YP"]["file"]) == ("ok", str(this_year))
    assert "未报送（收到空表）" in capsys.readouterr().out
    assert main(["status", "--roster", str(roster), str(last_year), "--year", "2024", "--json", str(js)]) == 1
    units = {u["code"]: u for u in json.loads(js.read_text(encoding="utf-8"))["units"]}
    assert (units["1409-SSTHJJ-YP"]["status"], units["1409-SSTHJJ-YP"]["note"]) == ("missing", "YEAR-MISMATCH")


def test_merge_checks_its_outputs_before_any_work(tmp_path, capsys):
    out = tmp_path / "total.xlsx"
    assert main(["merge", str(CLEAN), "-o", str(out), "--json", str(tmp_path / "nodir" / "t.json")]) == 2
    assert "找不到" in capsys.readouterr().out
    assert not out.exists()


def test_a_long_run_shows_its_progress_on_a_terminal_and_nothing_in_a_pipe(monkeypatch):
    from io import StringIO

    from rich.console import Console

    from toolkit import render

    outputs = {}
    for terminal in (True, False):
        clock = iter(range(100))  # each file a second after the one before
        monkeypatch.setattr(render.time, "monotonic", lambda clock=clock: next(clock))
        out = StringIO()
        with render.Progress(Console(file=out, force_terminal=terminal, width=100), 10, "zh") as progress:
            for _ in range(5):
                progress.advance()
        outputs[terminal] = out.getvalue()
    assert "5/10" in outputs[True] and "每秒 1 个" in outputs[True] and "读取并校验" in outputs[True]
    assert outputs[False] == ""


def test_findings_say_their_severity_in_words(capsys):
    assert main(["validate", str(WRONG), "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("error 表三 J6") for line in lines)
    assert any(line.startswith("info 表三 J6") for line in lines)


def test_in_english_only_official_labels_and_names_stay_chinese(capsys, monkeypatch):
    """`validate --lang en` on the samples: take away the official labels (whole, or cut short with …), the
    sheet, unit and file names, and no Chinese character is left."""
    import re

    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no file name is folded onto two lines

    from toolkit import roster, spec

    the_spec = spec.load()
    official = {label.text for t in the_spec.tables for label in t.labels} | {t.sheet for t in the_spec.tables}
    official |= {part for f in the_spec.fields.values() for part in (f.row_label, f.group_label, f.column_label)}
    official |= {p.stem for p in (SAMPLES / "returns").iterdir()} | {p.name for p in (SAMPLES / "returns").iterdir()}
    official |= set(the_spec.cover.values()) | {u.name for u in roster.read(SAMPLES / "roster.csv")}
    official.add("万元")  # the form's unit, as its label prints it: 本年收费金额（单位：万元）
    assert main(["--lang", "en", "validate", str(SAMPLES / "returns"), "--previous", str(SAMPLES / "previous")]) == 1
    out = capsys.readouterr().out
    for text in sorted(official, key=len, reverse=True):
        out = out.replace(text, "")
    out = re.sub(r"[\u4e00-\u9fff、（）]+…", "", out)  # a label cut short
    left = re.findall(r".*[\u4e00-\u9fff].*", out)
    assert left == [], left[:5]


def test_lang_before_or_after_the_command_or_from_the_environment(monkeypatch, capsys):
    for argv in (["--lang", "en", "validate", str(WRONG)], ["validate", str(WRONG), "--lang=en"]):
        assert main(argv) == 1
        assert "error 表三 J6" in capsys.readouterr().out
    monkeypatch.setenv("NIANBAO_LANG", "en")
    assert main(["validate", str(WRONG)]) == 1
    assert "1 file(s)" in capsys.readouterr().out
    import pytest
    with pytest.raises(SystemExit) as usage:
        main(["validate"])
    assert usage.value.code == 2 and "the following arguments are required" in capsys.readouterr().err
    monkeypatch.delenv("NIANBAO_LANG")
    with pytest.raises(SystemExit):
        main(["validate"])
    assert "缺少必需的参数" in capsys.readouterr().err
