"""The command line: exact exit codes, files written, both languages."""

import subprocess
import sys

import openpyxl

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


def test_demo_generates_for_the_sample_roster(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path)]) == 0
    files = list((tmp_path / "1-空白工作簿").glob("*.xlsx"))
    assert len(files) == 19
    assert any("原平分局" in f.name for f in files)
