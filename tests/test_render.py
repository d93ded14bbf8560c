"""What a batch's terminal report shows: every file's findings in a small batch; in a big one the files to send
back, at most SHOWN_UNITS of them, and lines that say what is not shown and where it all is."""

from __future__ import annotations

import io

from rich.console import Console

from toolkit import findings, render
from toolkit.spec import load
from toolkit.validate import FileResult, Report, status


def _file(n: int, code: str | None) -> FileResult:
    found = (findings.make(code, sheet="表二", cell="B5", field="table2.regulations.issued", value=-1, actual=-1),) \
        if code else ()
    return FileResult(f"/returns/{n:04d}.xlsx", {"code": f"{n:06d}", "name": f"单位{n}"}, 2024, "f", status(found),
                      found)


def _shown(files: list[FileResult]) -> str:
    out = io.StringIO()
    render.report(Console(file=out, width=200), load(), Report(tuple(files)), "zh")
    return out.getvalue()


def test_a_batch_over_the_table_size_still_lists_the_warnings_of_files_left_out_of_the_table():
    files = [_file(n, "CELL-NEGATIVE" if n < 5 else "CELL-BLANK" if n < 10 else None) for n in range(40)]
    said = _shown(files)
    assert all(f"{n:04d}.xlsx" in said for n in range(10))  # the errors in the table, the warnings below it
    assert said.count("CELL-BLANK") == 5 and "另有 35 个合格或只有警告的文件未列入上表\n" in said


def test_a_big_batch_lists_the_first_files_with_errors_and_says_how_many_more():
    files = [_file(n, "CELL-NEGATIVE" if n < 150 else "CELL-BLANK") for n in range(160)]
    said = _shown(files)
    assert said.count("CELL-NEGATIVE") == render.SHOWN_UNITS and "0099.xlsx" in said and "0100.xlsx" not in said
    assert "另有 50 个有错误的文件未列入上表，也未列出其问题" in said
    assert "另有 10 个合格或只有警告的文件未列入上表，也未列出其警告和提示" in said and "CELL-BLANK" not in said
