"""`nianbao desk …`: the collection desk on the command line. Each subcommand opens the desk (the current
folder, or `--desk DIR`), calls one method of `desk.Desk`, and says what happened: a receipt line per file
received, the status table, a unit's history."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from . import render
from .errors import NianbaoError, UsageError
from .messages import Listing, Msg, shown, text

if TYPE_CHECKING:
    from .desk import Desk
    from .receive import Receipt
    from .spec import Spec
    from .validate import Report

EXIT_OK, EXIT_DATA = 0, 1


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser,
               h: Callable[[str], str]) -> None:
    """`desk` and its subcommands, on the main parser."""
    desk = commands.add_parser("desk", parents=[common], help=h("desk"), description=h("desk"))
    sub = desk.add_subparsers(dest="desk_command", required=True, metavar="COMMAND")
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--desk", type=Path, metavar="DIR", help=h("desk.where"))
    parents = [common, where]

    init = sub.add_parser("init", parents=[common], help=h("desk.init"), description=h("desk.init"))
    init.add_argument("folder", type=Path, metavar="DIR", help=h("desk.folder"))
    init.add_argument("--year", type=int, required=True, help=h("desk.year"))
    init.add_argument("--roster", type=Path, required=True, help=h("roster"))
    init.add_argument("--name", default="", help=h("desk.name"))
    init.add_argument("--code", default="", help=h("desk.code"))
    init.add_argument("--previous", type=Path, nargs="+", default=[], metavar="PATH", help=h("previous"))
    init.add_argument("--config", type=Path, help=h("config"))

    add = sub.add_parser("add", parents=parents, help=h("desk.add"), description=h("desk.add"))
    add.add_argument("paths", type=Path, nargs="+", metavar="PATH", help=h("desk.paths"))

    status = sub.add_parser("status", parents=parents, help=h("desk.status"), description=h("desk.status"))
    status.add_argument("--json", type=Path, metavar="OUT", help=h("status.json"))
    status.add_argument("-o", "--output", type=Path, metavar="STATUS.xlsx", help=h("status.output"))

    accept = sub.add_parser("accept", parents=parents, help=h("desk.accept"), description=h("desk.accept"))
    accept.add_argument("unit", metavar="UNIT", help=h("desk.unit"))
    accept.add_argument("number", type=_receipt, nargs="?", metavar="RECEIPT", help=h("desk.receipt"))
    accept.add_argument("--reason", default="", help=h("desk.accept_reason"))

    reject = sub.add_parser("reject", parents=parents, help=h("desk.reject"), description=h("desk.reject"))
    reject.add_argument("number", type=_receipt, metavar="RECEIPT", help=h("desk.receipt"))
    reject.add_argument("--reason", required=True, help=h("desk.reject_reason"))

    assign = sub.add_parser("assign", parents=parents, help=h("desk.assign"), description=h("desk.assign"))
    assign.add_argument("number", type=_receipt, metavar="RECEIPT", help=h("desk.receipt"))
    assign.add_argument("unit", metavar="UNIT", help=h("desk.unit"))

    feedback = sub.add_parser("feedback", parents=parents, help=h("desk.feedback"), description=h("desk.feedback"))
    feedback.add_argument("folder", type=Path, metavar="DIR", help=h("desk.feedback_folder"))
    feedback.add_argument("--all", action="store_true", help=h("desk.feedback_all"))

    merge = sub.add_parser("merge", parents=parents, help=h("desk.merge"), description=h("desk.merge"))
    merge.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.xlsx", help=h("merge.output"))
    merge.add_argument("--json", type=Path, metavar="OUT", help=h("merge.json"))
    merge.add_argument("--include-errors", action="store_true", help=h("merge.include_errors"))

    history = sub.add_parser("history", parents=parents, help=h("desk.history"), description=h("desk.history"))
    history.add_argument("unit", metavar="UNIT", help=h("desk.unit"))

    export = sub.add_parser("export", parents=parents, help=h("desk.export"), description=h("desk.export"))
    export.add_argument("--out", type=Path, default=Path("台账导出"), metavar="DIR", help=h("desk.export_out"))

    sub.add_parser("verify", parents=parents, help=h("desk.verify"), description=h("desk.verify"))

    links = sub.add_parser("links", parents=parents, help=h("desk.links"), description=h("desk.links"))
    links.add_argument("--base-url", default="http://127.0.0.1:8000", metavar="URL", help=h("desk.base_url"))
    links.add_argument("-o", "--output", type=Path, metavar="links.csv", help=h("desk.links_output"))
    links.add_argument("--unit", nargs="+", metavar="UNIT", help=h("desk.links_units"))
    links.add_argument("--revoke", nargs="+", metavar="UNIT", help=h("desk.revoke"))


def serve_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser,
                 h: Callable[[str], str]) -> None:
    """`serve`, the desk in a browser, on the main parser."""
    serve = commands.add_parser("serve", parents=[common], help=h("serve"), description=h("serve"))
    serve.add_argument("desk", type=Path, nargs="?", metavar="DESK", help=h("serve.desk"))
    serve.add_argument("--host", default="127.0.0.1", help=h("serve.host"))
    serve.add_argument("--port", type=int, default=8000, help=h("serve.port"))
    serve.add_argument("--max-upload", type=int, default=20, metavar="MB", help=h("serve.max_upload"))


def _receipt(value: str) -> int:
    """A receipt number as printed (`#12`) or bare (`12`)."""
    number = value.strip().lstrip("#＃")
    if not number.isdecimal():
        raise argparse.ArgumentTypeError(value)
    return int(number)


def run(args: argparse.Namespace, console: Console) -> int:
    from .desk import Desk, open_desk  # the ledger (sqlite, hashing) only for the desk's commands

    command = args.desk_command
    if command == "init":
        desk = Desk.create(args.folder, year=args.year, roster=args.roster, name=args.name, code=args.code,
                           previous=args.previous, config=args.config)
        console.print(text("desk.created", args.lang, path=desk.folder, year=desk.year, units=len(desk.units)))
        desk.close()
        return EXIT_OK
    desk = open_desk(args.desk)
    try:
        return COMMANDS[command](desk, args, console)
    finally:
        desk.close()


def _add(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    for path in args.paths:
        if not path.exists():
            raise UsageError("cli.no_path", path=path)
    receipts = desk.add(args.paths, on_file=lambda r: _said(console, r, args.lang))
    console.print(_summary(receipts, args.lang))
    troubled = any(r.problem is not None or r.status in ("error", "unreadable") for r in receipts)
    return EXIT_DATA if troubled else EXIT_OK


def _said(console: Console, receipt: Receipt, lang: str) -> None:
    line, style = receipt_line(receipt, lang)
    console.print(shown(line), style=style)


def receipt_line(r: Receipt, lang: str) -> tuple[str, str | None]:
    """`#5  2024_140923_代县.xlsx → 140923 代县 第2次报送：有错误（2 个错误）`, and its colour."""
    said = {f.code: f.text(lang) for f in r.findings}
    unit = f"{r.unit.code} {r.unit.name}" if r.unit is not None else ""
    style: str | None = None
    if r.number is None:
        problem = r.problem.text(lang) if isinstance(r.problem, Msg) else str(r.problem)
        verdict, style = text("receipt.problem", lang, reason=problem), "red"
    elif r.kind == "return" and r.unit is None:
        verdict, style = said["UNCLAIMED"], "yellow"
    elif r.kind == "return":
        counts = {key: sum(f.severity == severity for f in r.findings)
                  for key, severity in (("errors", "error"), ("warnings", "warning"))}
        why = next((said[code] for code in ("FILE-UNREADABLE", "FILE-ENCRYPTED") if code in said), None) \
            if r.status == "unreadable" else None  # 无法读取：这是 PDF 文件…, not 无法读取（1 个错误）
        verdict = text("receipt.return", lang, unit=unit, version=r.version,
                       status=why or text(f"status.{r.status}", lang), counts="" if why else _counted(
                           counts, lang, within=True))
        style = render.STYLE[r.status or "unreadable"]
    elif r.kind == "duplicate":
        verdict = text("receipt.again", lang, first=r.number) if r.again else said["DUPLICATE"]
        style = "dim"
    elif r.kind == "container":
        verdict = text("receipt.container", lang)
    else:  # empty, another year's, not a workbook, our own output: what the desk says of it, and whose it is
        code = {"empty": "EMPTY", "wrong_year": "YEAR-MISMATCH", "not_workbook": "NOT-A-WORKBOOK"}.get(
            r.kind or "", "OWN-OUTPUT")
        verdict, style = text("receipt.of_unit", lang, unit=unit, said=said[code]) if unit else said[code], "yellow"
    number = f"#{r.number}" if r.number is not None else "—"
    return f"{number:<6}{r.name} → {verdict}", style


def _summary(receipts: list[Receipt], lang: str) -> str:
    """`收下 13 个文件：报送 11 份（合格 3，有错误 6…），空表 1`: only what there is."""
    kinds = [r.kind or "problem" for r in receipts]
    returns = [r for r in receipts if r.kind == "return"]
    statuses = {s: sum(r.status == s for r in returns) for s in ("ok", "warning", "error", "unreadable")}
    parts = [text("count.returns", lang, n=len(returns)) + _counted(
        {**statuses, "unclaimed": sum(r.unit is None for r in returns)}, lang, within=True)] if returns else []
    others = _counted({k: kinds.count(k) for k in ("empty", "wrong_year", "not_workbook", "own_output", "container",
                                                    "duplicate", "problem")}, lang)
    return text("desk.added", lang, files=len(receipts), parts=text("count.then", lang).join(
        [*parts, *([others] if others else [])]))


def _counted(counts: dict[str, int], lang: str, *, within: bool = False) -> str:
    """The counts that are not 0, said (`有错误 6，未认领 1`), in brackets when `within` another phrase."""
    said = text("count.join", lang).join(text(f"count.{key}", lang, n=n) for key, n in counts.items() if n)
    return text("count.within", lang, parts=said) if said and within else said


def _status(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    result = desk.status() if args.output is None else desk.write_status(args.output)
    render.collection(console, result, args.lang)
    if args.output is not None:
        console.print(text("status.written", args.lang, path=args.output))
    if args.json is not None:
        _write_json(args.json, result.to_dict())
        console.print(text("status.json", args.lang, path=args.json))
    return EXIT_OK if result.complete else EXIT_DATA


def _accept(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    chosen = desk.accept(args.unit, args.number, reason=args.reason)
    console.print(text("desk.accepted", args.lang, unit=desk.unit(args.unit).name, number=chosen.id,
                       version=chosen.version))
    if chosen.status in ("error", "unreadable"):
        console.print(text("desk.accepted_errors", args.lang), style="yellow")
    return EXIT_OK


def _reject(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    chosen = desk.reject(args.number, reason=args.reason)
    console.print(text("desk.rejected", args.lang, number=chosen.id, name=chosen.name, reason=args.reason))
    return EXIT_OK


def _assign(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    chosen = desk.assign(args.number, args.unit)
    unit = desk.unit(args.unit).name
    said = text("desk.assigned", args.lang, number=chosen.id, name=chosen.name, unit=unit, version=chosen.version) \
        if chosen.version is not None else text("desk.assigned_file", args.lang, number=chosen.id, name=chosen.name,
                                                unit=unit, kind=text(f"kind.{chosen.kind}", args.lang))
    console.print(said)
    return EXIT_OK


def _feedback(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    result = desk.feedback(args.folder, lang=args.lang, again=args.all)
    _feedback_said(console, result, args.folder, args.lang, desk)
    return EXIT_DATA if result.feedback_failed else EXIT_OK


def _feedback_said(console: Console, result: Report, folder: Path, lang: str, desk: Desk) -> None:
    for path, reason in result.feedback_failed:
        console.print(text("validate.feedback_failed", lang, path=path, reason=reason), style="red")
    console.print(text("validate.feedback", lang, count=len(result.feedback), path=folder))
    earlier = len(result.files) - len(result.feedback) - len(result.feedback_failed)
    if earlier:  # and where those went, the folders the desk wrote feedback to before
        now = {str(p) for p in result.feedback}
        folders = dict.fromkeys(str(Path(path).parent) for _, kind, path, _, _ in desk.ledger.outputs()
                                if kind == "feedback" and path not in now and Path(path).parent.is_dir())
        said = text("desk.feedback_earlier", lang, count=earlier, folders=Listing(tuple(folders), 3)) if folders \
            else text("desk.feedback_earlier_gone", lang, count=earlier)  # downloaded from the web desk, say
        console.print(said)


def _merge(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    result = desk.merge(args.output, include_errors=args.include_errors, lang=args.lang)
    render.merged(console, _spec(), result, args.lang)
    console.print(text("merge.written", args.lang, path=args.output))
    if args.json is not None:
        _write_json(args.json, result.to_dict())
        console.print(text("merge.json", args.lang, path=args.json))
    return EXIT_DATA if result.failed else EXIT_OK


def _history(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    lang = args.lang
    unit, files, decisions, state = desk.history(args.unit)
    console.rule(f"{shown(unit.code)} {shown(unit.name)}", align="left")
    if not files:
        console.print(text("desk.no_files", lang, unit=unit.name))
        return EXIT_OK
    table = Table(text("col.receipt", lang), text("col.received", lang),
                  Column(text("col.file", lang), overflow="fold"), Column(text("col.what", lang), overflow="fold"),
                  text("col.status", lang))
    for s in files:
        current = s is state.current(unit.code)
        what = text(f"kind.{s.kind}", lang, version=s.version or "")
        if s.id in state.rejected:
            what += text("desk.set_aside", lang, reason=state.rejected[s.id])
        elif current:
            what += text("desk.counts", lang)
        status = Text(text(f"status.{s.status}", lang), render.STYLE[s.status]) if s.status else Text("")
        table.add_row(f"#{s.id}", s.received[:16].replace("T", " "), shown(s.name), what, status)
    console.print(table)
    for d in decisions:
        console.print(text(f"decision.{d.action}", lang, at=d.at[:16].replace("T", " "), who=d.who,
                           number=d.submission, reason=d.reason))
    from .desk import result_of

    counted = state.current(unit.code)
    found = result_of(counted, None).findings if counted is not None else ()  # not what was said on receipt
    if found and counted is not None:
        console.print(text("desk.current_findings", lang, number=counted.id))
        for line, severity in render.lines(_spec(), found, lang):  # a message of many cells: one line
            console.print(shown(line), style=render.STYLE[severity])
    return EXIT_OK


def _export(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    for path in desk.export(args.out, args.lang):
        console.print(text("desk.exported", args.lang, path=path))
    return EXIT_OK


def _verify(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    result = desk.verify()
    for problem in result.problems:
        console.print(problem.text(args.lang), style="red")
    if result.leftovers:
        console.print(text("desk.leftovers", args.lang, count=len(result.leftovers),
                           files=Listing(tuple(p.name for p in result.leftovers))))
    if result.unrecorded:
        console.print(text("desk.unrecorded", args.lang, count=len(result.unrecorded)))
    key = "desk.verified" if not result.problems else "desk.verify_failed"
    console.print(text(key, args.lang, files=result.files, problems=len(result.problems)),
                  style=None if not result.problems else "red")
    return EXIT_DATA if result.problems else EXIT_OK


DEMO_DESK_FILES = {"desk.db", "desk.db-wal", "desk.db-shm", "roster.csv", "files"}


def demo(out: Path, samples: Path, year: int, console: Console, lang: str) -> int:
    """Steps 2 to 6 of `nianbao demo`: a desk for the sample roster, two rounds of returns and feedback, the
    total of the current versions, and who is done."""
    from .desk import Desk

    city, folder = "忻州市", out / "台账"
    if (folder / "desk.db").exists() and {p.name for p in folder.iterdir()} <= DEMO_DESK_FILES:
        shutil.rmtree(folder)  # the desk of an earlier demo: the demo starts over
    desk = Desk.create(folder, year=year, roster=samples / "roster.csv", name=city, code="1409",
                       previous=[samples / "previous"])
    try:
        console.rule(text("demo.step", lang, step=2, what=text("demo.desk", lang, name=city)))
        console.print(text("desk.created", lang, path=folder, year=year, units=len(desk.units)))
        rounds = [(samples / "returns", out / "2-第一轮校验意见"), (samples / "round2", out / "3-第二轮校验意见")]
        for number, (inbox, feedback) in enumerate(rounds, start=1):
            console.rule(text("demo.step", lang, step=2 + number,
                              what=text(f"demo.round{number}", lang, path=f"samples/{inbox.name}")))
            receipts = desk.add([inbox], on_file=lambda r: _said(console, r, lang))
            console.print(_summary(receipts, lang))
            _feedback_said(console, desk.feedback(feedback, lang=lang), feedback, lang, desk)
        console.rule(text("demo.step", lang, step=5, what=text("demo.merge", lang, name=city)))
        total = out / f"4-{year}_{city}_汇总.xlsx"
        merged = desk.merge(total, lang=lang)
        render.merged(console, _spec(), merged, lang)
        console.print(text("merge.written", lang, path=total))
        _write_json(out / "4-汇总.json", merged.to_dict())
        console.rule(text("demo.step", lang, step=6, what=text("demo.status", lang)))
        status = desk.status()
        render.collection(console, status, lang)
        from .status import write_workbook

        write_workbook(status, out / "5-报送情况.xlsx", office=city)
        console.print(text("status.written", lang, path=out / "5-报送情况.xlsx"))
        console.print(text("demo.outputs", lang, path=out.resolve()))
    finally:
        desk.close()
    return EXIT_OK


def _spec() -> Spec:
    from .spec import load  # the format: loaded by the commands that show findings

    return load()


def _write_json(path: Path, data: object) -> None:
    from .files import write_json

    try:
        write_json(path, data)
    except OSError as exc:
        raise NianbaoError("generate.cannot_write", path=path, reason=exc) from exc


def _links(desk: Desk, args: argparse.Namespace, console: Console) -> int:
    from .links import OFFICE, url

    if args.revoke:
        count = desk.revoke_links(args.revoke)
        console.print(text("desk.links_revoked", args.lang, count=count))
        return EXIT_OK
    issued = desk.issue_links(args.unit, office=args.unit is None)
    rows = [[code, name, url(args.base_url, token)] for code, name, token in issued]
    if args.output is None:
        for row in rows:
            console.print(shown(",".join(row)), highlight=False, soft_wrap=True)
        return EXIT_OK
    from .desk import write_csv

    # the CSV is mailed out, a row to each unit: the office's link, which sees and decides everything, stays off it
    write_csv(args.output, ["code", "name", "url"], [row for row in rows if row[0] != OFFICE])
    console.print(text("desk.links_written", args.lang, path=args.output,
                       units=sum(row[0] != OFFICE for row in rows)))
    for row in rows:
        if row[0] == OFFICE:
            console.print(text("desk.office_link", args.lang, url=row[2]), highlight=False, soft_wrap=True)
    return EXIT_OK


def serve(args: argparse.Namespace, console: Console) -> int:
    """`nianbao serve`: the desk in a browser, until stopped (Ctrl+C)."""
    import uvicorn

    from .desk import open_desk
    from .links import OFFICE, url
    from .web.app import create_app

    desk = open_desk(args.desk)
    folder = desk.folder
    base = f"http://{args.host}:{args.port}"
    if not desk.ledger.db.execute("SELECT 1 FROM links WHERE unit = ? AND revoked IS NULL", (OFFICE,)).fetchone():
        (_, _, token), = desk.issue_links([], office=True)
        console.print(text("serve.office_link", args.lang, url=url(base, token)), highlight=False, soft_wrap=True)
    desk.close()
    console.print(text("serve.running", args.lang, url=base, path=folder), highlight=False)
    uvicorn.run(create_app(folder, max_upload=args.max_upload << 20, lang=args.lang), host=args.host,
                port=args.port, log_level="warning")
    return EXIT_OK


COMMANDS: dict[str, Callable[[Desk, argparse.Namespace, Console], int]] = {
    "add": _add, "status": _status, "accept": _accept, "reject": _reject, "assign": _assign,
    "feedback": _feedback, "merge": _merge, "history": _history, "export": _export, "verify": _verify,
    "links": _links,
}
