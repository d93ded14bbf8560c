"""The desk in a browser, through Starlette's HTTP test client: every route, who may see and change what, the
forms' tokens, the upload limit, hostile files, and a unit's whole round from blank to receipt."""

from __future__ import annotations

import hashlib
import io
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from toolkit import ledger, links
from toolkit.desk import Desk
from toolkit.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT / "tests" / "corpus"
DAIXIAN_WRONG = SAMPLES / "returns" / "2024_140923_代县.xlsx"  # T3-1, T3-3: a typed-over 总计
DAIXIAN_RIGHT = SAMPLES / "round2" / "2024_140923_代县.xlsx"
XINFU = SAMPLES / "returns" / "2024_140902_忻府区.xlsx"


@pytest.fixture
def site(desk_folder):
    """The application, and each holder's path: "*" the office, else a unit's code."""
    d = Desk(desk_folder)
    paths = {code: f"/k/{token}" for code, _, token in d.issue_links()}
    d.close()
    client = TestClient(create_app(desk_folder), base_url="http://127.0.0.1:8000")
    client.secret = rows(desk_folder, "SELECT value FROM meta WHERE key = 'secret'")[0][0]
    return client, paths, desk_folder


def form_token(client: TestClient, path: str) -> str:
    """The token of the forms on `path`'s pages, as its page gives it (the office's: as a board with forms)."""
    page = client.get(path)
    assert page.status_code == 200
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
    return found.group(1) if found else links.form_token(client.secret, path.rsplit("/", 1)[1])


def upload(client: TestClient, path: str, file: Path | tuple[str, bytes], csrf: str | None = None):
    name, data = (file.name, file.read_bytes()) if isinstance(file, Path) else file
    token = csrf if csrf is not None else form_token(client, path)
    return client.post(f"{path}/check", data={"csrf": token}, files={"file": (name, data)}, follow_redirects=False)


def checked(client: TestClient, path: str, file: Path | tuple[str, bytes]) -> tuple[int, str]:
    """Upload a file and follow to its verdict page: (draft number, page)."""
    sent = upload(client, path, file)
    assert sent.status_code == 303, sent.text
    number = int(sent.headers["location"].rsplit("/", 1)[1])
    page = client.get(sent.headers["location"])
    assert page.status_code == 200
    return number, page.text


def rows(folder: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(folder / ledger.DATABASE)
    try:
        return list(db.execute(sql))
    finally:
        db.close()


# ---------------------------------------------------------------- a unit's round


def test_a_unit_checks_sees_the_cell_downloads_feedback_corrects_and_submits(site):
    client, paths, folder = site
    me = paths["140923"]
    page = client.get(me)
    assert "代县" in page.text and "未报送" in page.text
    blank = client.get(f"{me}/blank")
    assert blank.status_code == 200 and "attachment" in blank.headers["content-disposition"]
    cover = openpyxl.load_workbook(io.BytesIO(blank.content))["封面"]
    assert {cover["B3"].value, cover["B4"].value} == {"代县", "140923"}  # personalised

    number, verdict = checked(client, me, DAIXIAN_WRONG)
    assert "有错误" in verdict and "T3-1" in verdict and "T3-3" in verdict
    assert "表三 J6" in verdict  # the finding names the sheet and the cell
    cell = re.search(r'<td class="total error"[^>]*title="([^"]*)">(\d+)</td>', verdict)
    assert cell is not None and cell.group(2) == "10"  # the typed-over 总计, marked in the drawn 表三
    feedback = client.get(f"{me}/draft/{number}/feedback")
    assert feedback.status_code == 200
    marked = openpyxl.load_workbook(io.BytesIO(feedback.content))
    assert "校验结果" in marked.sheetnames
    assert rows(folder, "SELECT count(*) FROM submissions") == [(0,)]  # checking enters nothing

    number, verdict = checked(client, me, DAIXIAN_RIGHT)
    assert "合格" in verdict and "提交（第1次报送）" in verdict
    sent = client.post(f"{me}/draft/{number}/submit", data={"csrf": form_token(client, me)}, follow_redirects=False)
    assert sent.status_code == 303
    receipt = client.get(sent.headers["location"])
    assert "第1次报送" in receipt.text and hashlib.sha256(DAIXIAN_RIGHT.read_bytes()).hexdigest() in receipt.text
    assert rows(folder, "SELECT unit, version, status, kind FROM submissions") == [("140923", 1, "ok", "return")]
    assert "第1次报送" in client.get(me).text  # listed among its versions
    again = client.get(f"{me}/draft/{number}", follow_redirects=False)  # a submitted draft shows its receipt
    assert again.status_code == 303 and again.headers["location"].endswith("/receipt/1")


def test_a_unit_may_submit_with_errors_and_then_a_correction_as_its_second_version(site):
    client, paths, folder = site
    me = paths["140923"]
    for version, file in enumerate((DAIXIAN_WRONG, DAIXIAN_RIGHT), start=1):
        number, verdict = checked(client, me, file)
        assert f"提交（第{version}次报送）" in verdict
        client.post(f"{me}/draft/{number}/submit", data={"csrf": form_token(client, me)})
    assert rows(folder, "SELECT version, status FROM submissions ORDER BY id") == [(1, "error"), (2, "ok")]
    board = client.get(paths["*"])
    assert re.search(r"代县</a></td>\s*<td><span class=\"state ok\">合格", board.text)


def test_what_cannot_be_a_return_is_said_and_cannot_be_submitted(site):
    client, paths, folder = site
    me = paths["140922"]  # 五台县's link
    cases = {
        DAIXIAN_RIGHT: "这是代县的统计表，不是本单位的",  # another unit's form: never submitted for it
        SAMPLES / "returns" / "2024_140930_河曲县.xlsx": "空表",
        SAMPLES / "returns" / "2023_140931_保德县.xlsx": "其他年度",
        ("说明.pdf", b"%PDF-1.4 not a workbook"): "不是工作簿",
    }
    for file, said in cases.items():
        number, verdict = checked(client, me, file)
        assert said in verdict, file
        assert "/submit" not in verdict and "没有发现问题" not in verdict  # no "nothing found" under "not yours"
        refused = client.post(f"{me}/draft/{number}/submit", data={"csrf": form_token(client, me)})
        assert refused.status_code == 400 and "不能提交" in refused.text
    assert rows(folder, "SELECT count(*) FROM submissions") == [(0,)]


def test_every_corpus_file_uploaded_gives_its_findings_never_a_server_error(site):
    client, paths, _ = site
    me = paths["140921"]
    csrf = form_token(client, me)
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix not in (".py", ".json"))
    assert len(files) >= 30
    for path in files:
        sent = upload(client, me, path, csrf)
        assert sent.status_code == 303, path
        page = client.get(sent.headers["location"])
        assert page.status_code == 200, path
        assert 'class="verdict' in page.text and ('class="findings"' in page.text or "没有发现问题" in page.text
                                                   or "不是本单位的" in page.text), path  # another unit's: said so


# ---------------------------------------------------------------- who may see and change what


def test_a_unit_sees_and_submits_only_its_own(site):
    client, paths, _ = site
    mine, theirs = paths["140923"], paths["140922"]
    number, _ = checked(client, mine, DAIXIAN_RIGHT)
    client.post(f"{mine}/draft/{number}/submit", data={"csrf": form_token(client, mine)})
    their_csrf = form_token(client, theirs)
    assert client.get(f"{theirs}/draft/{number}").status_code == 404
    assert client.get(f"{theirs}/draft/{number}/feedback").status_code == 404
    assert client.post(f"{theirs}/draft/{number}/submit", data={"csrf": their_csrf}).status_code == 404
    for route in ("receipt/1", "receipt/1/file", "receipt/1/feedback"):
        assert client.get(f"{theirs}/{route}").status_code == 404, route
    assert client.get(f"{mine}/receipt/1/file").content == DAIXIAN_RIGHT.read_bytes()
    for route in ("unit/140923", "download/total", "download/status", "download/feedback"):
        assert client.get(f"{mine}/{route}").status_code == 403, route
    accept = client.post(f"{mine}/decide/accept", data={"csrf": form_token(client, mine), "unit": "140923",
                                                        "receipt": "1"})
    assert accept.status_code == 403


def test_the_office_sees_everything_but_submits_nothing(site):
    client, paths, _ = site
    office = paths["*"]
    assert client.get(f"{office}/blank").status_code == 403
    assert upload(client, office, XINFU, csrf="0" * 64).status_code == 403
    number, _ = checked(client, paths["140902"], XINFU)
    client.post(f"{paths['140902']}/draft/{number}/submit", data={"csrf": form_token(client, paths["140902"])})
    assert client.get(f"{office}/receipt/1").status_code == 200
    assert client.get(f"{office}/receipt/1/file").content == XINFU.read_bytes()


def test_unknown_and_revoked_links_get_403(site):
    client, paths, folder = site
    assert client.get("/k/not-a-token").status_code == 403
    assert client.get("/").status_code == 200  # says to use the link; shows nothing of the desk's
    d = Desk(folder)
    (_, _, token), = d.issue_links(["140923"], office=False)  # re-issued: the old link stops working
    d.close()
    assert client.get(paths["140923"]).status_code == 403
    assert client.get(f"/k/{token}").status_code == 200
    d = Desk(folder)
    assert d.revoke_links(["140923"]) == 1
    d.close()
    assert client.get(f"/k/{token}").status_code == 403
    assert client.get(paths["140922"]).status_code == 200  # the others go on working


def test_a_form_without_its_token_changes_nothing(site):
    client, paths, folder = site
    me = paths["140923"]
    other_csrf = form_token(client, paths["140922"])
    assert upload(client, me, DAIXIAN_RIGHT, csrf="").status_code == 403
    assert upload(client, me, DAIXIAN_RIGHT, csrf=other_csrf).status_code == 403  # another link's token
    assert client.post(f"{me}/check", files={"file": ("a.xlsx", b"x")}).status_code == 403  # none at all
    number, _ = checked(client, me, DAIXIAN_RIGHT)
    assert client.post(f"{me}/draft/{number}/submit", data={}).status_code == 403
    forged = client.post(f"{me}/draft/{number}/submit", data={"csrf": form_token(client, me)},
                         headers={"origin": "http://evil.example"})
    assert forged.status_code == 403  # the right token, sent by another site's page
    office = paths["*"]
    assert client.post(f"{office}/decide/reject", data={"receipt": "1", "reason": "x"}).status_code == 403
    assert rows(folder, "SELECT count(*) FROM submissions") == [(0,)]
    assert rows(folder, "SELECT count(*) FROM drafts") == [(1,)]


def test_an_upload_over_the_limit_is_refused_unread(desk_folder):
    d = Desk(desk_folder)
    (_, _, token), = d.issue_links(["140923"], office=False)
    d.close()
    client = TestClient(create_app(desk_folder, max_upload=100_000))
    page = client.get(f"/k/{token}")
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text).group(1)
    big = client.post(f"/k/{token}/check", data={"csrf": csrf}, files={"file": ("big.xlsx", b"0" * 300_000)})
    assert big.status_code == 413 and "超过" in big.text
    assert f'<a href="/k/{token}">← 返回本单位页面</a>' in big.text  # no dead end
    assert "返回" not in client.get("/k/not-a-working-link").text  # nowhere to go back to for nobody's link
    assert rows(desk_folder, "SELECT count(*) FROM drafts") == [(0,)]
    assert not (desk_folder / ledger.DRAFTS).exists() or not any((desk_folder / ledger.DRAFTS).iterdir())
    fits = client.post(f"/k/{token}/check", data={"csrf": csrf}, files={"file": DAIXIAN_RIGHT.open("rb")},
                       follow_redirects=False)
    assert fits.status_code == 303


def test_a_file_name_from_the_browser_is_shown_never_used_as_a_path(site, tmp_path):
    client, paths, folder = site
    me = paths["140923"]
    _, verdict = checked(client, me, ("../../../escaped.xlsx", DAIXIAN_RIGHT.read_bytes()))
    assert "escaped.xlsx" in verdict and "../" not in verdict
    assert not any(p.name == "escaped.xlsx" for p in tmp_path.rglob("*"))
    drafts = [p.name for p in (folder / ledger.DRAFTS).iterdir()]
    assert drafts == [hashlib.sha256(DAIXIAN_RIGHT.read_bytes()).hexdigest()]
    _, verdict = checked(client, me, ('<img src=x onerror="alert(1)">年报.xlsx', DAIXIAN_RIGHT.read_bytes()))
    assert "<img src=x" not in verdict and "&lt;img src=x" in verdict  # escaped, as everything typed


def test_every_page_forbids_framing_sniffing_and_referrers_to_other_sites(site):
    client, paths, _ = site
    for path in ("/", paths["*"], paths["140923"], "/k/nope"):
        headers = client.get(path).headers
        assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "same-origin", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path


# ---------------------------------------------------------------- the office's board


def _submit(client: TestClient, path: str, file: Path) -> None:
    number, _ = checked(client, path, file)
    assert client.post(f"{path}/draft/{number}/submit", data={"csrf": form_token(client, path)}).status_code == 200


def test_the_board_lists_filters_and_sorts_every_unit(site):
    client, paths, _ = site
    _submit(client, paths["140923"], DAIXIAN_WRONG)
    _submit(client, paths["140902"], XINFU)
    checked(client, paths["140930"], SAMPLES / "returns" / "2024_140930_河曲县.xlsx")  # checked, not submitted
    office = paths["*"]
    board = client.get(office).text
    assert board.count('<td><a href="/k/') == 19  # every roster unit
    assert '<meta http-equiv="refresh" content="30">' in board  # refreshes by itself
    errors = client.get(f"{office}?state=error").text
    assert "代县" in errors and "忻府区" not in errors and errors.count('<td><a href="/k/') == 1
    missing = client.get(f"{office}?state=missing").text
    assert missing.count('<td><a href="/k/') == 17
    by_state = client.get(f"{office}?sort=state").text
    assert by_state.index("原平市") < by_state.index("代县") < by_state.index("忻府区")  # worst first
    found = client.get(f"{office}?q=140923").text
    assert found.count('<td><a href="/k/') == 1
    assert client.get(f"{office}?sort=nonsense&state=nonsense").status_code == 200


def test_the_office_accepts_rejects_and_assigns_as_on_the_command_line(site):
    client, paths, folder = site
    office = paths["*"]
    _submit(client, paths["140923"], DAIXIAN_WRONG)
    _submit(client, paths["140923"], DAIXIAN_RIGHT)
    csrf = form_token(client, office)
    page = client.get(f"{office}/unit/140923").text
    assert "第2次报送" in page and "当前采用" in page
    client.post(f"{office}/decide/reject", data={"csrf": csrf, "receipt": "2", "reason": "盖章页缺失"})
    page = client.get(f"{office}/unit/140923").text
    assert "已退回：盖章页缺失" in page
    client.post(f"{office}/decide/accept", data={"csrf": csrf, "unit": "140923", "receipt": "2"})
    assert rows(folder, "SELECT action, submission, reason FROM decisions") == [
        ("reject", 2, "盖章页缺失"), ("accept", 2, "")]
    d = Desk(folder)  # an unclaimed file, added as on the command line, settled on the board
    loose = folder.parent / "年报.xlsx"
    loose.write_bytes(openpyxl_without_unit(XINFU))
    (receipt,) = d.add([loose])
    d.close()
    assert receipt.unit is None
    assert "未认领的文件" in client.get(office).text
    client.post(f"{office}/decide/assign", data={"csrf": csrf, "receipt": str(receipt.number), "unit": "140902"})
    assert rows(folder, f"SELECT unit, version FROM submissions WHERE id = {receipt.number}") == [("140902", 1)]
    bad = client.post(f"{office}/decide/reject", data={"csrf": csrf, "receipt": "99", "reason": "x"})
    assert bad.status_code == 400 and "#99" in bad.text


def test_a_return_accepted_over_a_later_one_is_said_on_the_unit_page_and_the_board(site):
    client, paths, _ = site
    office = paths["*"]
    _submit(client, paths["140923"], DAIXIAN_WRONG)
    _submit(client, paths["140923"], DAIXIAN_RIGHT)
    page = client.get(f"{office}/unit/140923").text
    assert page.count('data-confirm="') == 1  # accepting #1, which has errors, asks first; #2 is fine
    assert "晚于办公室指定" not in page and "默认采用最新一次报送" in page
    client.post(f"{office}/decide/accept", data={"csrf": form_token(client, office), "unit": "140923", "receipt": "1"})
    page = client.get(f"{office}/unit/140923").text
    assert "当前采用（办公室指定）" in page and "第 2 次报送晚于办公室指定采用的第 1 次，没有被采用" in page
    assert page.count('action="' + office + '/decide/accept"') == 1  # no button to accept what is accepted
    assert "有新报送未采用" in client.get(office).text
    client.post(f"{office}/decide/accept", data={"csrf": form_token(client, office), "unit": "140923", "receipt": "2"})
    assert "晚于办公室指定" not in client.get(f"{office}/unit/140923").text
    assert "有新报送未采用" not in client.get(office).text


def test_a_file_sent_again_says_which_receipt_it_is_and_errors_put_correcting_first(site):
    client, paths, _ = site
    me = paths["140923"]
    _, verdict = checked(client, me, DAIXIAN_WRONG)
    assert '<button type="submit">提交（第1次报送）' in verdict  # may be sent, but is not the main button
    assert 'class="button primary" href="' in verdict and "建议先按校验意见改正后再上传" in verdict
    _submit(client, me, DAIXIAN_RIGHT)
    _, again = checked(client, me, DAIXIAN_RIGHT)
    assert "这个文件已经提交过：与收件 #1（2024_140923_代县.xlsx）内容完全相同。" in again and "/submit" not in again


def test_a_draft_cleared_away_by_newer_uploads_is_said_to_be_gone_not_offered_for_submitting(site):
    from toolkit.desk import DRAFTS_KEPT

    client, paths, _ = site
    me = paths["140923"]
    first, page = checked(client, me, DAIXIAN_RIGHT)
    assert "/submit" in page  # seen once: its verdict is kept for the page
    for n in range(DRAFTS_KEPT):
        checked(client, me, (f"{n}.pdf", b"%PDF-1.4 " + bytes([n])))
    gone = client.get(f"{me}/draft/{first}")
    assert gone.status_code == 400 and "已清理" in gone.text and "请重新上传" in gone.text
    assert "/submit" not in gone.text and f'<a href="{me}">' in gone.text


def test_a_unit_whose_every_return_was_set_aside_shows_so_on_the_board(site):
    client, paths, _ = site
    office = paths["*"]
    _submit(client, paths["140923"], DAIXIAN_WRONG)
    client.post(f"{office}/decide/reject", data={"csrf": form_token(client, office), "receipt": "1", "reason": "重报"})
    board = client.get(office).text
    assert re.search(r'代县</a></td>\s*<td><span class="state rejected">已退回', board)  # not 未报送 as if nothing came
    assert "已退回</span> 收到过，但每一次都被办公室退回了" in board  # the board's guide says what each state means


def openpyxl_without_unit(path: Path) -> bytes:
    """The workbook with its unit's name and code and our metadata taken out: a file nobody can be told from."""
    book = openpyxl.load_workbook(path)
    book["封面"]["B3"].value = book["封面"]["B4"].value = None
    for name in list(book.defined_names):
        del book.defined_names[name]
    book.custom_doc_props.props.clear()
    for sheet in [s for s in book.worksheets if s.sheet_state == "veryHidden"]:
        book.remove(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_office_downloads_the_total_the_status_and_all_feedback(site):
    client, paths, _ = site
    office = paths["*"]
    nothing = client.get(f"{office}/download/total")  # nothing received yet: said in the web's words
    assert nothing.status_code == 400 and "还没有可以汇总的报送" in nothing.text
    assert "--include-errors" not in nothing.text
    empty = client.get(f"{office}/download/feedback")  # no feedback to give: said, not an empty zip
    assert empty.status_code == 400 and "没有校验意见可下载" in empty.text and f'<a href="{office}">' in empty.text
    _submit(client, paths["140923"], DAIXIAN_RIGHT)
    _submit(client, paths["140902"], XINFU)
    _submit(client, paths["140922"], SAMPLES / "returns" / "2024_140922_五台县.xlsx")  # X-1 warning: feedback
    total = client.get(f"{office}/download/total")
    assert total.status_code == 200 and "%E6%B1%87%E6%80%BB" in total.headers["content-disposition"]  # 汇总
    status = openpyxl.load_workbook(io.BytesIO(client.get(f"{office}/download/status").content)).active
    assert any(row[1] == "代县" and row[2] == "合格" for row in status.iter_rows(values_only=True))
    with zipfile.ZipFile(io.BytesIO(client.get(f"{office}/download/feedback").content)) as z:
        assert [n.split("_")[2] for n in z.namelist()] == ["五台县"]


# ---------------------------------------------------------------- the ledger and the command line


def test_a_desk_of_version_1_with_returns_migrates_keeping_them(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    db = sqlite3.connect(folder / ledger.DATABASE)
    db.executescript(ledger.migrations()[0])
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO meta VALUES ('year', '2024')")
    db.execute("INSERT INTO units VALUES ('140923', '代县', '1409', '{}', 0)")
    db.execute("INSERT INTO submissions (id, sha256, name, origin, received, kind, unit, version, status) "
               "VALUES (1, 'ab', '代县.xlsx', '{}', '2025-01-20T10:00:00+08:00', 'return', '140923', 1, 'ok')")
    db.commit()
    db.close()
    d = Desk(folder)
    assert [(s.unit, s.version) for s in d.ledger.submissions()] == [("140923", 1)]
    assert re.fullmatch("[0-9a-f]{64}", d.ledger.meta()["secret"])
    (_, _, token), = d.issue_links(["140923"], office=False)
    assert d.holder(token) == "140923"
    d.close()


def test_desk_links_writes_the_csv_the_office_mails_out(desk_folder, tmp_path):
    out = tmp_path / "links.csv"
    done = subprocess.run([sys.executable, "-m", "toolkit", "desk", "links", "--desk", str(desk_folder),
                           "--base-url", "http://10.0.0.5:8000/", "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "code,name,url" and len(lines) == 1 + 19  # the units' links only: this file is mailed out
    assert not [line for line in lines if line.startswith("*,")]
    url = re.search(r"办公室链接.*?(http://10\.0\.0\.5:8000/k/\S+)", done.stdout).group(1)  # said once, on screen
    d = Desk(desk_folder)
    assert d.holder(url.rsplit("/", 1)[1]) == "*"
    assert d.holder(lines[3].rsplit("/", 1)[1]) == lines[3].split(",")[0]
    tokens = [line.rsplit("/", 1)[1] for line in lines[1:]] + [url.rsplit("/", 1)[1]]
    stored = {h for (h,) in d.ledger.db.execute("SELECT hash FROM links")}
    assert not stored & set(tokens)  # only the hashes are kept
    d.close()
    revoke = subprocess.run([sys.executable, "-m", "toolkit", "desk", "links", "--desk", str(desk_folder),
                             "--revoke", "140902"], capture_output=True, text=True)
    assert revoke.returncode == 0 and "1" in revoke.stdout


def test_the_rest_of_the_routes_static_unknown_actions_and_english(site, desk_folder):
    client, paths, _ = site
    css = client.get("/static/site.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert client.get("/static/../desk.db").status_code == 404
    assert client.get("/static/%2e%2e/desk.db").status_code == 404
    office = paths["*"]
    assert client.get(f"{office}/download/desk.db").status_code == 404
    assert client.post(f"{office}/decide/delete", data={"csrf": form_token(client, office)}).status_code == 404
    assert client.get(f"{office}/unit/999999").status_code == 400  # no such unit, said in words
    english = TestClient(create_app(desk_folder, lang="en"))
    page = english.get(paths["140923"]).text
    assert "Download your unit&#39;s blank workbook" in page and "代县" in page  # names stay as they are
    _, verdict = checked(english, paths["140923"], DAIXIAN_RIGHT)
    assert "Checks: 2024_140923_代县.xlsx" in verdict and "OK: nothing found" in verdict and "：" not in verdict.split(
        "<h1>")[1].split("</h1>")[0]


def test_a_body_sent_in_chunks_over_the_limit_is_a_413_too(desk_folder):
    d = Desk(desk_folder)
    (_, _, token), = d.issue_links(["140923"], office=False)
    d.close()
    client = TestClient(create_app(desk_folder, max_upload=100_000))

    def chunks():
        yield b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n\r\n"
        for _ in range(50):
            yield b"0" * 10_000

    sent = client.post(f"/k/{token}/check", content=chunks(),
                       headers={"content-type": "multipart/form-data; boundary=x"})
    assert sent.status_code == 413 and "文件超过 97 KB，未读取" in sent.text
    assert rows(desk_folder, "SELECT count(*) FROM drafts") == [(0,)]


def test_pages_say_in_chinese_what_went_wrong_and_nothing_contradicts(site):
    client, paths, _ = site
    me = paths["140923"]
    wrong = client.get(f"{me}/check")  # a form's address opened as a page
    assert wrong.status_code == 405 and "Method Not Allowed" not in wrong.text and "无法打开" in wrong.text
    gone = client.get(f"{me}/nothing-here")
    assert gone.status_code == 404 and "Not Found" not in gone.text
    _, page = checked(client, me, SAMPLES / "round2" / "保德县年报.zip")
    assert "压缩包或邮件" in page and "没有发现问题" not in page  # said what it is, not "nothing found"
    number, page = checked(client, paths["140922"], DAIXIAN_WRONG)  # another unit's form with errors
    assert "这是代县的统计表" in page and "/feedback" not in page  # no feedback of another unit's form
    assert "nianbao desk assign" not in page  # the office's words are not the unit's
    assert client.get(f"{paths['140922']}/draft/{number}/feedback").status_code == 404
