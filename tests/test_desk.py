"""The collection desk: every file received kept, the right version counted, nothing lost."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.fill import fill
from toolkit import generate, ledger, read, spec
from toolkit.cli import main
from toolkit.desk import Desk, open_desk
from toolkit.errors import NianbaoError
from toolkit.roster import Unit

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SPEC = spec.load()
XINFU = SAMPLES / "returns" / "2024_140902_忻府区.xlsx"
DAIXIAN = SAMPLES / "returns" / "2024_140923_代县.xlsx"


@pytest.fixture
def desk(desk_folder):
    d = Desk(desk_folder)
    yield d
    d.close()


def variant(path: Path, n: int) -> bytes:
    """The same workbook in other bytes (its zip comment says `n`): another file to the desk, the same report."""
    buffer = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(buffer, "a") as z:
        z.comment = f"copy {n}".encode()
    return buffer.getvalue()


def rows(d: Desk, sql: str, *args) -> list[tuple]:
    return list(d.ledger.db.execute(sql, args))


# ---------------------------------------------------------------- the cycle


def test_two_rounds_resubmissions_an_empty_form_and_last_years_form(desk, tmp_path):
    first = desk.add([SAMPLES / "returns"])
    kinds = {r.name: (r.kind, r.version, r.status) for r in first}
    assert kinds["2024_140923_代县.xlsx"] == ("return", 1, "error")
    assert kinds["2024_140930_河曲县.xlsx"] == ("empty", None, "error")
    assert kinds["2023_140931_保德县.xlsx"] == ("wrong_year", None, "error")
    assert [r.number for r in first] == list(range(1, 14))
    status = {u.code: u for u in desk.status().units}
    assert (status["140930"].status, status["140930"].note) == ("missing", "EMPTY")
    assert (status["140931"].status, status["140931"].note) == ("missing", "YEAR-MISMATCH")
    round1 = desk.feedback(tmp_path / "fb1")
    returns, empty = round1.feedback[:8], round1.feedback[8:]
    assert all("_第1次_校验意见_" in p.name for p in returns)  # and 河曲县's blank, sent back: fill this one in
    assert [p.name.split("_校验意见")[0] for p in empty] == ["2024_140930_河曲县"]
    said = openpyxl.load_workbook(empty[0])["校验结果"]
    assert any(r[8] == "EMPTY" for r in said.iter_rows(values_only=True))

    second = desk.add([SAMPLES / "round2"])
    assert [(r.name, r.version, r.status) for r in second if r.unit and r.unit.code == "140923"] == [
        ("2024_140923_代县.xlsx", 2, "ok")]
    status = {u.code: u for u in desk.status().units}
    daixian = status["140923"]
    assert daixian.status == "ok" and [(v.version, v.status, v.current) for v in daixian.versions] == [
        (1, "error", False), (2, "ok", True)]
    assert daixian.to_dict()["current"] == 2 and daixian.to_dict()["versions"][0]["receipt"] == 6
    assert daixian.to_dict()["contact"] == {"preparer": "陈静", "reviewer": "孙浩", "phone": "0350-3021148",
                                            "date": "2025-01-14"}  # whom to call, from the current version's cover
    assert status["140930"].status == "ok" and status["140930"].note is None  # the form filled in at last
    round2 = desk.feedback(tmp_path / "fb2")
    assert [p.name.split("_校验意见")[0] for p in round2.feedback] == ["2024_140927_神池县_第2次"]
    assert len(round2.files) == 4  # three more need feedback, written in round one already

    merged = desk.merge(tmp_path / "total.xlsx")
    by_code = {m.code: m for m in merged.members}
    assert by_code["140923"].included and by_code["140923"].sha256 == desk.ledger.submission(15).sha256
    assert not by_code["140927"].included  # 神池县's current version has errors
    assert "140930" in by_code and "140931" in by_code
    assert merged.document["year"] == 2024 and merged.document["unit"]["code"] == "1409"


def test_a_folder_added_again_enters_nothing_and_other_copies_are_duplicates(desk, tmp_path):
    desk.add([XINFU])
    again = desk.add([XINFU])
    assert [(r.number, r.kind, r.again) for r in again] == [(1, "duplicate", True)]
    copy = tmp_path / "mail" / "忻府区.xlsx"
    copy.parent.mkdir()
    shutil.copy(XINFU, copy)
    dup = desk.add([copy])
    assert [(r.number, r.kind, r.again) for r in dup] == [(2, "duplicate", False)]
    assert dup[0].findings[0].text() == "与收件 #1（2024_140902_忻府区.xlsx）内容完全相同"
    assert rows(desk, "SELECT id, kind, duplicate_of FROM submissions") == [(1, "return", None), (2, "duplicate", 1)]
    assert len(list(desk.ledger.store.folder.iterdir())) == 1  # stored once


def test_a_zip_with_chinese_windows_names_and_a_mail_with_two_attachments(desk, tmp_path):
    archive = tmp_path / "报送材料.zip"
    names = {"子目录/代县年报.xlsx": DAIXIAN.read_bytes(), "说明.docx": b"PK\x03\x04 not really a docx"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:  # ASCII stand-ins as long as the GBK names, swapped in below
        for i, (name, data) in enumerate(names.items()):
            z.writestr(str(i) * len(name.encode("gbk")), data)
    data = buffer.getvalue()
    for i, name in enumerate(names):  # names in GBK without the UTF-8 flag, as zips made on Chinese Windows
        data = data.replace(str(i).encode() * len(name.encode("gbk")), name.encode("gbk"))
    archive.write_bytes(data)
    message = EmailMessage()
    message["From"], message["Subject"] = "五台县 <wutai@example.gov.cn>", "年报"
    message["Date"] = "Tue, 21 Jan 2025 10:12:00 +0800"
    message.set_content("附件两个")
    message.add_attachment(XINFU.read_bytes(), maintype="application", subtype="octet-stream",
                           filename="2024_140902_忻府区.xlsx")
    message.add_attachment(b"%PDF-1.4 cover letter", maintype="application", subtype="pdf", filename="函.pdf")
    mail = tmp_path / "来信.eml"
    mail.write_bytes(bytes(message))
    got = desk.add([archive, mail])
    said = [(r.name, r.kind, r.unit.code if r.unit else None) for r in got]
    assert said == [("报送材料.zip", "container", None), ("代县年报.xlsx", "return", "140923"),
                    ("说明.docx", "not_workbook", None), ("来信.eml", "container", None),
                    ("2024_140902_忻府区.xlsx", "return", "140902"), ("函.pdf", "not_workbook", None)]
    assert got[1].origin == {"path": str(archive), "in": ["报送材料.zip"], "member": "子目录/代县年报.xlsx"}
    assert got[4].origin["mail"] == {"from": "五台县 <wutai@example.gov.cn>", "date": "Tue, 21 Jan 2025 10:12:00 +0800",
                                     "subject": "年报"}
    assert all(desk.ledger.store.path(s.sha256).is_file() for s in desk.ledger.submissions())


def test_archives_that_cannot_be_opened_are_kept_with_the_reason(desk, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.xlsx", b"\0" * (40 << 20))  # 40 MB of zeros: over every member limit
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 then nothing")
    got = desk.add([bomb, broken])
    assert [(r.name, r.kind) for r in got] == [("bomb.zip", "not_workbook"), ("broken.zip", "not_workbook")]
    assert "无法打开" in got[0].findings[0].text() and "过大" in got[0].findings[0].text()
    assert desk.ledger.store.path(desk.ledger.submission(1).sha256).read_bytes() == bomb.read_bytes()


def test_an_unclaimed_file_waits_with_the_reason_until_assigned(desk, tmp_path):
    stranger = tmp_path / "报表.xlsx"
    blank = generate.Blank(SPEC, 2024, personalised=False).render(None)
    values = {f.path: 0 for f in SPEC.inputs} | {"table2.penalty.decisions": 4}
    stranger.write_bytes(fill(blank, SPEC, values, {("封面", "B3"): "某某局", ("封面", "B4"): "999999"}))
    got = desk.add([stranger])
    assert (got[0].kind, got[0].unit, got[0].version) == ("return", None, None)
    assert got[0].findings[0].code == "UNCLAIMED"
    assert got[0].findings[0].text() == "未认领：文件中的单位“999999 某某局”不在名单上"
    assert [(u.code, u.name, u.file) for u in desk.status().unknown] == [("999999", "某某局", "报表.xlsx")]
    listed = desk.export(tmp_path / "export")[1].read_text(encoding="utf-8-sig")
    assert ",报送（未认领）," in listed and "第次" not in listed  # no 第几次 before it is anyone's
    settled = desk.assign(got[0].number, "偏关县")
    assert (settled.unit, settled.version, settled.claim) == ("140932", 1, "assigned")
    with pytest.raises(NianbaoError) as again:  # assigned twice: no second version of the same file
        desk.assign(got[0].number, "偏关县")
    assert again.value.key == "desk.assign_again" and desk.receipt(got[0].number).version == 1
    status = {u.code: u for u in desk.status().units}
    assert status["140932"].status == "ok" and desk.status().unknown == ()
    merged = desk.merge(tmp_path / "total.xlsx")  # counted as the unit it was assigned to, not as 某某局
    assert {m.code: m.included for m in merged.members}["140932"] is True
    assert merged.document["table2"]["penalty"]["decisions"] == 4
    assert not [f for f in merged.findings if f.code == "MERGE-NOT-ON-ROSTER"]
    fb = desk.feedback(tmp_path / "fb", again=True)
    assert all("偏关县" in p.name for p in fb.feedback if "第1次" in p.name and "140932" in p.name)


def test_what_is_no_return_is_said_so_when_accepted_and_is_assigned_without_a_version(desk, tmp_path, capsys):
    (empty,) = desk.add([SAMPLES / "returns" / "2024_140930_河曲县.xlsx"])  # 河曲县's, but an empty form
    with pytest.raises(NianbaoError) as refused:
        desk.accept("河曲县", empty.number)
    assert refused.value.message() == f"收件 #{empty.number} 是 河曲县 送来的空表，不是报送，不能采用"
    note = tmp_path / "盖章说明.pdf"
    note.write_bytes(b"%PDF-1.4 stamped")
    (pdf,) = desk.add([note])
    desk.close()
    assert main(["desk", "assign", str(pdf.number), "偏关县", "--desk", str(desk.folder)]) == 0
    said = capsys.readouterr().out
    assert f"收件 #{pdf.number}（盖章说明.pdf）记为 偏关县 送来的文件（不是工作簿，不算报送）" in said
    assert "第 -" not in said
    again = Desk(desk.folder)
    (wrong,) = again.add([DAIXIAN])  # errors: accepted, with what that means said
    again.close()
    assert main(["desk", "accept", "代县", str(wrong.number), "--desk", str(desk.folder)]) == 0
    assert "汇总时不计入" in capsys.readouterr().out


def test_a_file_that_names_its_unit_is_not_assigned_to_another(desk):
    (got,) = desk.add([DAIXIAN])
    with pytest.raises(NianbaoError) as refused:
        desk.assign(got.number, "五台县")
    assert refused.value.key == "desk.assign_named" and "代县" in refused.value.message("zh")
    assert desk.receipt(got.number).unit == "140923"


def test_accept_pins_a_version_and_reject_sets_one_aside(desk, tmp_path):
    corrected = SAMPLES / "round2" / "2024_140923_代县.xlsx"
    desk.add([DAIXIAN, corrected])
    assert desk.state().current("140923").version == 2
    desk.accept("代县", 1, reason="第一次的数字是对的", who="张三")
    assert desk.state().current("140923").version == 1
    later = tmp_path / "代县.xlsx"
    later.write_bytes(variant(corrected, 3))
    desk.add([later])
    assert desk.state().current("140923").version == 1  # pinned: a later return does not replace it
    desk.reject(1, reason="数字有误", who="张三")
    state = desk.state()
    assert state.current("140923").version == 3 and state.rejected == {1: "数字有误"}
    status = {u.code: u for u in desk.status().units}["140923"]
    assert [(v.version, v.rejected, v.current) for v in status.versions] == [
        (1, "数字有误", False), (2, None, False), (3, None, True)]
    with pytest.raises(NianbaoError) as no_reason:
        desk.reject(2, reason=" ")
    assert no_reason.value.key == "desk.reason_needed"
    with pytest.raises(NianbaoError) as other:
        desk.accept("忻府区", 2)
    assert other.value.key == "desk.not_a_version_of"
    _, files, decisions, _ = desk.history("140923")
    assert [d.action for d in decisions] == ["accept", "reject"] and len(files) == 3


def test_what_the_desk_wrote_is_no_return_and_documents_are_kept(desk, tmp_path):
    desk.add([DAIXIAN])
    feedback = desk.feedback(tmp_path / "fb").feedback[0]
    total = tmp_path / "total.xlsx"
    desk.merge(total, include_errors=True)
    status = tmp_path / "报送情况.xlsx"
    desk.write_status(status)
    note = tmp_path / "2024_140923_代县_情况说明.pdf"
    note.write_bytes(b"%PDF-1.4")
    got = desk.add([feedback, total, status, note])
    assert [(r.kind, r.findings[0].code) for r in got] == [("own_output", "OWN-OUTPUT"),
                                                          ("own_output", "OWN-OUTPUT"),
                                                          ("own_output", "OWN-OUTPUT"),
                                                          ("not_workbook", "NOT-A-WORKBOOK")]
    assert got[0].findings[0].text() == "这是本台账写出的校验意见，不算报送"
    assert got[2].findings[0].text() == "这是本台账写出的报送情况表，不算报送"
    assert got[3].unit.code == "140923"  # whose it is, by the code in its name
    assert {u.code: len(u.versions) for u in desk.status().units}["140923"] == 1


def test_the_store_keeps_originals_byte_for_byte_and_never_touches_inputs(desk, tmp_path):
    source = tmp_path / "in.xlsx"
    source.write_bytes(DAIXIAN.read_bytes())
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    desk.add([source])
    stored = desk.ledger.store.path(desk.ledger.submission(1).sha256)
    assert stored.read_bytes() == source.read_bytes() and (source.read_bytes(), source.stat().st_mtime_ns) == before
    assert not stored.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)  # read-only


def test_verify_finds_a_changed_or_a_missing_file(desk):
    desk.add([XINFU, DAIXIAN])
    assert desk.verify().problems == []
    first, second = (desk.ledger.store.path(s.sha256) for s in desk.ledger.submissions())
    first.chmod(0o644)
    first.write_bytes(b"changed")
    second.unlink()
    said = [p.text() for p in desk.verify().problems]
    assert said == [f"收件 #1 的文件 {desk.ledger.submission(1).sha256[:12]}… 内容已被改动（与登记的 SHA-256 不符）",
                    f"收件 #2 的文件 {desk.ledger.submission(2).sha256[:12]}… 不在 files/ 中"]


def test_export_writes_the_ledger_as_json_and_csv(desk, tmp_path):
    desk.add([XINFU, DAIXIAN])
    desk.reject(2, reason="=HYPERLINK(\"x\")", who="李四")
    paths = desk.export(tmp_path / "out")
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    assert [s["name"] for s in data["submissions"]] == [XINFU.name, DAIXIAN.name]
    assert data["decisions"][0]["who"] == "李四" and data["meta"]["year"] == "2024"
    assert "secret" not in data["meta"]  # the key that signs the web desk's forms stays in the desk
    lines = paths[1].read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("收件号,收到时间,文件名") and len(lines) == 3
    assert ",第1次报送,140923,代县,1,有错误," in lines[2] and ",CELL-TYPED-TOTAL T3-1 T3-3," in lines[2]  # words
    assert ",退回,2," in paths[2].read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in paths[2].read_text(encoding="utf-8-sig")  # a spreadsheet opens it as text


# ---------------------------------------------------------------- the ledger itself


def test_every_earlier_schema_migrates_to_what_a_fresh_desk_has(tmp_path):
    scripts = ledger.migrations()
    (tmp_path / "fresh").mkdir()
    expected = _schema(ledger.Ledger(tmp_path / "fresh", create=True).db)
    for version in range(len(scripts)):
        folder = tmp_path / f"v{version}"
        folder.mkdir()
        db = sqlite3.connect(folder / ledger.DATABASE)
        for script in scripts[:version]:
            db.executescript(script)
        db.execute(f"PRAGMA user_version = {version}")
        db.close()
        migrated = ledger.Ledger(folder)
        assert _schema(migrated.db) == expected, version
        assert migrated.db.execute("PRAGMA user_version").fetchone()[0] == len(scripts)


def test_a_desk_from_a_newer_version_is_refused(tmp_path):
    folder = tmp_path / "future"
    folder.mkdir()
    db = sqlite3.connect(folder / ledger.DATABASE)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(NianbaoError) as refused:
        ledger.Ledger(folder)
    assert refused.value.key == "desk.newer"


def _schema(db: sqlite3.Connection) -> list[tuple]:
    return sorted(db.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


CRASH = """
import os, sys
from pathlib import Path
from toolkit import receive
from toolkit.desk import open_desk

receive.BATCH = 3
entered = receive._enter
def enter(*args):
    if enter.calls == 1:
        os._exit(9)  # killed between storing the files of a batch and committing their rows
    enter.calls += 1
    return entered(*args)
enter.calls = 0
receive._enter = enter
open_desk(Path(sys.argv[1])).add([Path(sys.argv[2])], workers=1)
"""


def test_a_crash_between_storing_and_committing_loses_nothing(desk, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(8):
        (inbox / f"2024_140902_忻府区_{n}.xlsx").write_bytes(variant(XINFU, n))
    done = subprocess.run([sys.executable, "-c", CRASH, str(desk.folder), str(inbox)], cwd=ROOT)
    assert done.returncode == 9
    checked = open_desk(desk.folder).verify()
    # the first batch entered, the second stored and not entered, the last two not reached
    assert checked.problems == [] and checked.files == 3 and len(checked.unrecorded) == 3
    again = desk.add([inbox])
    assert sum(r.again for r in again) == 3 and sum(r.kind == "return" and not r.again for r in again) == 5
    returns = rows(desk, "SELECT version FROM submissions WHERE kind = 'return' ORDER BY id")
    assert [v for (v,) in returns] == list(range(1, 9))
    assert desk.verify().unrecorded == []


def _inbox(tmp_path: Path, count: int) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(count):
        (inbox / f"{n:03}.xlsx").write_bytes(variant(XINFU, n))
    return inbox


def _adding(desk: Desk, inbox: Path, **options: Any) -> subprocess.Popen:
    """`desk add` of `inbox` under way in a process group of its own (the command and its pool)."""
    return subprocess.Popen([sys.executable, "-m", "toolkit", "desk", "add", str(inbox), "--desk", str(desk.folder)],
                            cwd=ROOT, start_new_session=True, **options)


def _completed_again(desk: Desk, inbox: Path, count: int) -> None:
    """The desk verifies, and adding `inbox` again enters every one of its files."""
    assert open_desk(desk.folder).verify().problems == []
    desk.add([inbox])
    entered = rows(desk, "SELECT name FROM submissions WHERE kind = 'return'")
    assert sorted(name for (name,) in entered) == sorted(f"{n:03}.xlsx" for n in range(count))
    assert desk.verify().problems == [] and desk.verify().unrecorded == []


def test_killed_at_any_moment_a_desk_verifies_and_adding_again_completes_it(desk, tmp_path):
    inbox = _inbox(tmp_path, 120)
    add = _adding(desk, inbox, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    os.killpg(add.pid, signal.SIGKILL)  # the command and its pool, wherever they are
    add.wait()
    _completed_again(desk, inbox, 120)


def test_ctrl_c_stops_an_add_with_a_sentence_not_a_traceback_and_adding_again_completes_it(desk, tmp_path):
    inbox = _inbox(tmp_path, 600)
    add = _adding(desk, inbox, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
    first = add.stdout.readline()  # the first receipt: the add is under way
    os.killpg(add.pid, signal.SIGINT)  # as a terminal sends Ctrl+C: to the command and its pool
    out, err = add.communicate(timeout=60)
    assert add.returncode == 130, (first, out[-300:], err)
    assert "已中断" in out and "Traceback" not in err + out and "收下 600 个文件" not in out
    _completed_again(desk, inbox, 600)


def test_verify_names_the_half_written_files_a_crash_left(desk, capsys):
    desk.add([XINFU])
    leftover = desk.folder / ledger.STORE / ".incoming-abc123"
    leftover.write_bytes(b"half")
    desk.close()
    assert main(["desk", "verify", "--desk", str(desk.folder)]) == 0
    said = "".join(capsys.readouterr().out.split())
    assert "1个未写完的临时文件（上次中断留下）：.incoming-abc123；" in said


def test_two_adds_at_once_lose_nothing(desk, tmp_path):
    folders = [tmp_path / "a", tmp_path / "b"]
    for i, folder in enumerate(folders):
        folder.mkdir()
        for n in range(70):  # over pool.PARALLEL_FROM: each add runs its own pool
            (folder / f"{i}-{n:02}.xlsx").write_bytes(variant(XINFU, 100 * i + n))
        shutil.copy(DAIXIAN, folder / "代县.xlsx")  # the same file in both
    adds = [subprocess.Popen([sys.executable, "-m", "toolkit", "desk", "add", str(f), "--desk", str(desk.folder)],
                             cwd=ROOT, stdout=subprocess.DEVNULL) for f in folders]
    assert sorted(a.wait() for a in adds) == [0, 1]  # 代县 has errors, entered by one; the other saw it again
    returns = rows(desk, "SELECT unit, version FROM submissions WHERE kind = 'return' AND unit = '140902'")
    assert sorted(v for _, v in returns) == list(range(1, 141))  # every one, each its own version
    assert rows(desk, "SELECT count(*) FROM submissions WHERE name = '代县.xlsx' GROUP BY kind ORDER BY kind") == [
        (1,), (1,)]  # one return, one duplicate
    assert desk.verify().problems == []


# ---------------------------------------------------------------- on the command line


def test_a_receipt_says_why_a_return_cannot_be_read(tmp_path, capsys):
    folder = tmp_path / "台账"
    assert main(["desk", "init", str(folder), "--year", "2024", "--roster", str(SAMPLES / "roster.csv")]) == 0
    renamed = tmp_path / "2024_140922_五台县.xlsx"
    renamed.write_bytes(b"%PDF-1.7\n")  # a PDF given a workbook's name
    capsys.readouterr()
    assert main(["desk", "add", "--desk", str(folder), str(renamed)]) == 1
    assert "→ 140922 五台县 第1次报送：无法读取：这是 PDF 文件" in capsys.readouterr().out


def test_desk_commands_exit_codes_and_receipts(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "台账"
    assert main(["desk", "init", str(folder), "--year", "2024", "--roster", str(SAMPLES / "roster.csv"),
                 "--name", "忻州市"]) == 0
    assert main(["desk", "init", str(folder), "--year", "2024", "--roster", str(SAMPLES / "roster.csv")]) == 1
    assert "已经是一个报送台账" in capsys.readouterr().out
    assert main(["desk", "status"]) == 1 and "不是报送台账" in capsys.readouterr().out  # not in the desk's folder
    monkeypatch.chdir(folder)
    assert main(["desk", "add", str(tmp_path / "nope.xlsx")]) == 2 and "找不到" in capsys.readouterr().out
    assert main(["desk", "add", str(XINFU)]) == 0
    assert "#1    2024_140902_忻府区.xlsx → 140902 忻府区 第1次报送：合格" in capsys.readouterr().out
    assert main(["desk", "add", str(DAIXIAN), "--lang", "en"]) == 1
    assert "#2    2024_140923_代县.xlsx → 140923 代县, return 1: errors (2 error(s))" in capsys.readouterr().out
    js = tmp_path / "status.json"
    assert main(["desk", "status", "--json", str(js), "-o", str(tmp_path / "s.xlsx")]) == 1
    units = {u["code"]: u for u in json.loads(js.read_text(encoding="utf-8"))["units"]}
    assert units["140902"]["current"] == 1 and units["140902"]["versions"][0]["receipt"] == 1
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["报送情况"]
    assert [c.value for c in sheet[4]][:6] == ["140902", "忻府区", "合格", 0, 0, 1]
    with pytest.raises(SystemExit) as usage:
        main(["desk", "reject", "2"])  # no reason
    assert usage.value.code == 2
    assert main(["desk", "reject", "#2", "--reason", "请重报"]) == 0
    assert main(["desk", "history", "代县"]) == 0
    out = capsys.readouterr().out
    assert "已退回收件 #2" in out and "退回收件 #2：请重报" in out

    assert main(["desk", "verify", "--desk", str(folder)]) == 0 and "2 个文件与台账一致" in capsys.readouterr().out
    assert main(["desk", "merge", "-o", str(tmp_path / "t.xlsx")]) == 0
    total = read.extract(tmp_path / "t.xlsx").document
    assert [m["code"] for m in total["members"]] == ["140902"]


def test_history_groups_a_message_of_many_cells_and_says_when_nothing_came(desk, capsys):
    desk.add([SAMPLES / "returns" / "2024_140926_静乐县.xlsx"])  # 18 cells left blank, in two tables
    desk.close()
    assert main(["desk", "history", "静乐县", "--desk", str(desk.folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("CELL-BLANK") == 2 and "等 12 个单元格" in out  # a line a table, not a line a cell
    assert main(["desk", "history", "原平市", "--desk", str(desk.folder)]) == 0
    assert "原平市 还没有送来任何文件" in capsys.readouterr().out


def test_a_unit_on_the_roster_by_name_or_code(desk):
    assert desk.unit("代县") == desk.unit("１４０９２３") == Unit("140923", "代县", "1409")
    with pytest.raises(NianbaoError):
        desk.unit("不存在的单位")


def test_a_unit_uploading_again_and_again_keeps_only_its_newest_drafts_on_disk(desk_folder):
    from toolkit import desk as desk_module
    from toolkit.errors import NianbaoError

    desk = open_desk(desk_folder)
    try:
        unit = desk.unit("140923")
        kept = desk_module.DRAFTS_KEPT
        shared = desk.keep_draft(unit, "same.xlsx", b"the same bytes")  # named again by the newest: kept
        numbers = [desk.keep_draft(unit, f"{n}.xlsx", f"upload {n}".encode()) for n in range(kept + 2)]
        desk.keep_draft(unit, "same-again.xlsx", b"the same bytes")
        other = desk.keep_draft(desk.unit("140902"), "x.xlsx", b"upload 0")  # another unit's draft of those bytes
        on_disk = {p.name for p in (desk_folder / ledger.DRAFTS).iterdir() if not p.name.startswith(".")}
        assert len(on_disk) == kept + 1  # the unit's newest ten (one of them the shared bytes), "upload 0" for 140902
        with pytest.raises(NianbaoError) as gone:
            desk.preview(numbers[1])  # older than the newest ten: its file cleared away
        assert gone.value.key == "desk.draft_gone" and "请重新上传" in gone.value.message()
        assert desk.preview(numbers[0]).receipt is not None  # its bytes are another unit's newest draft's too
        assert desk.preview(shared).receipt is not None and desk.preview(other).receipt is not None
    finally:
        desk.close()


def test_the_desk_never_takes_in_its_own_folder(tmp_path):
    from toolkit.errors import NianbaoError

    desk = Desk.create(tmp_path / "台账", year=2024, roster=SAMPLES / "roster.csv")
    try:
        for given in (desk.folder, desk.folder / ledger.DATABASE, desk.folder / "."):
            with pytest.raises(NianbaoError) as refused:
                desk.add([given])
            assert refused.value.key == "desk.add_itself"
        shutil.copy(XINFU, tmp_path / XINFU.name)  # beside the desk, in the folder given: received
        receipts = desk.add([tmp_path])
        assert [r.name for r in receipts] == [XINFU.name]  # desk.db, its roster and files passed over
    finally:
        desk.close()
