"""The desk in a real browser: Debian's headless Chromium, driven by Playwright, against `nianbao serve`'s
application on loopback. A unit uploads a file with an error, sees the cell, downloads its feedback, uploads
the corrected file and submits; the office sees 合格 and downloads a total whose numbers are the exact sums.

Screenshots of every page go to $NIANBAO_SCREENSHOTS when it is set (to look at them), else to a temporary
folder. Skipped, with the reason, where Chromium or Playwright is missing; `.ci/run` installs Chromium.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from toolkit import read
from toolkit.desk import Desk

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # the machine's network is closed: ask it for nothing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(desk_folder):
    """A desk of the sample roster with 忻府区 and 定襄县 in already, served on loopback; the links by code."""
    import uvicorn

    from toolkit.web.app import create_app

    desk = Desk(desk_folder)
    desk.add([SAMPLES / "returns" / "2024_140902_忻府区.xlsx", SAMPLES / "returns" / "2024_140921_定襄县.xlsx"])
    port = free_port()
    paths = {code: f"http://127.0.0.1:{port}/k/{token}" for code, _, token in desk.issue_links()}
    desk.close()
    server = uvicorn.Server(uvicorn.Config(create_app(desk_folder), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield paths, desk_folder
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def test_a_unit_corrects_and_submits_and_the_office_downloads_the_exact_total(served, browser, tmp_path):
    paths, folder = served
    shots = Path(os.environ.get("NIANBAO_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)

    page.goto(paths["140923"])
    assert page.locator("h1").inner_text().startswith("代县")
    page.screenshot(path=shots / "1-unit.png", full_page=True)
    with page.expect_navigation():  # choosing a file sends it (the page's script); no button needed
        page.set_input_files("input[type=file]", SAMPLES / "returns" / "2024_140923_代县.xlsx")
    assert "有错误" in page.locator(".verdict").inner_text()
    marked = page.locator("table.grid td.error")
    assert marked.count() >= 1 and marked.first.inner_text() == "10"  # the 总计 typed over, in the drawn 表三
    assert "表三 J6" in page.locator("table.findings").inner_text()
    page.screenshot(path=shots / "2-unit-errors.png", full_page=True)
    with page.expect_download() as got:
        page.get_by_text("下载校验意见").click()
    feedback = got.value
    assert "校验意见" in feedback.suggested_filename and feedback.path().stat().st_size > 10_000

    page.goto(paths["140923"])
    with page.expect_navigation():
        page.set_input_files("input[type=file]", SAMPLES / "round2" / "2024_140923_代县.xlsx")
    assert "合格" in page.locator(".verdict").inner_text()
    page.screenshot(path=shots / "3-unit-ok.png", full_page=True)
    page.get_by_role("button", name="提交（第1次报送）").click()
    page.wait_for_url("**/receipt/*")
    assert "第1次报送" in page.content() and "SHA-256" in page.content()
    page.screenshot(path=shots / "4-receipt.png", full_page=True)

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(paths["140923"])
    phone.screenshot(path=shots / "5-unit-phone.png", full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # nothing wider than the phone
    phone.close()

    page.goto(paths["*"])
    row = page.locator("table.board tr", has_text="代县")
    assert "合格" in row.inner_text()
    page.screenshot(path=shots / "6-board.png", full_page=True)
    with page.expect_download() as got:
        page.get_by_text("下载汇总表").click()
    total = tmp_path / "total.xlsx"
    got.value.save_as(total)
    page.goto(paths["*"] + "/unit/140923")
    page.screenshot(path=shots / "7-office-unit.png", full_page=True)

    merged = read.extract(total).document
    assert merged is not None
    members = [read.extract(p).document for p in (SAMPLES / "returns" / "2024_140902_忻府区.xlsx",
                                                  SAMPLES / "returns" / "2024_140921_定襄县.xlsx",
                                                  SAMPLES / "round2" / "2024_140923_代县.xlsx")]
    for table in ("table3", "table4"):
        for row_key, columns in merged[table].items():
            for column, value in columns.items():
                assert value == sum(m[table][row_key][column] or 0 for m in members), (table, row_key, column)
    assert merged["table2"]["fees"]["amount"] == pytest.approx(sum(m["table2"]["fees"]["amount"] for m in members))
    assert [s.unit for s in Desk(folder).ledger.submissions() if s.kind == "return"] == ["140902", "140921", "140923"]
