"""`nianbao import`: published reports (web pages, Word, PDF, text) read into report documents and checked;
`--out` writes each as the official workbook, which everything downstream takes like a return."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from . import render
from .errors import NianbaoError, UsageError
from .files import safe_name, write_json
from .messages import shown, text

EXIT_OK, EXIT_DATA = 0, 1


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser,
               h: Callable[[str], str]) -> None:
    parser = commands.add_parser("import", parents=[common], help=h("import"), description=h("import"))
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE", help=h("import.files"))
    parser.add_argument("--json", type=Path, metavar="OUT", help=h("import.json"))
    parser.add_argument("--out", type=Path, metavar="DIR", help=h("import.out"))
    parser.add_argument("--roster", type=Path, help=h("import.roster"))


def _target(out: Path, doc: dict[str, Any], source: Path, written: set[Path], data: bytes) -> Path | None:
    """The workbook's name: year, code and unit; the source file's name after it when another report of this
    run has that name; None when a file of the name is there from before with other content (not replaced)."""
    unit = doc["unit"]
    stem = safe_name("_".join(str(p) for p in (doc["year"], unit.get("code"), unit.get("name")) if p))
    target = out / f"{stem}.xlsx"
    if target in written:
        target = out / f"{safe_name(f'{stem}（{source.stem}）')}.xlsx"
    clash = target.exists() and target not in written and target.read_bytes() != data
    return None if clash else target


def run(args: argparse.Namespace, console: Console) -> int:
    from .published import assess, workbook
    from .roster import Lookup
    from .roster import read as read_roster
    from .spec import load

    for path in args.files:
        if not path.is_file():
            raise UsageError("cli.no_path", path=path)
    spec = load()
    lookup = Lookup(read_roster(args.roster)) if args.roster else None
    files, troubled, written = [], False, set[Path]()
    for path in args.files:
        result, doc = assess(path, spec=spec, lookup=lookup)
        troubled |= result.status in ("error", "unreadable")
        console.print(shown(text("import.file", args.lang, path=path, unit=(result.unit or {}).get("name") or "?",
                                 year=result.year or "?", status=text("status." + result.status, args.lang))),
                      style=render.STYLE.get(result.status), highlight=False)
        for line, severity in render.lines(spec, result.findings, args.lang):
            console.print("  " + shown(line), style=render.STYLE[severity], highlight=False)
        files.append({**result.to_dict(args.lang), "document": doc})
        if args.out is not None and doc is not None:
            data = workbook(doc, spec)
            target = _target(args.out, doc, path, written, data)
            if target is None:  # a file of that name is there already, with other content: never replaced
                console.print("  " + text("import.exists", args.lang, path=args.out), style="red", highlight=False)
                troubled = True
                continue
            try:
                args.out.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            except OSError as exc:
                raise NianbaoError("generate.cannot_write", path=target, reason=exc) from exc
            written.add(target)
            console.print("  " + text("import.written", args.lang, path=target), highlight=False)
    if args.json is not None:
        try:
            write_json(args.json, {"files": files})
        except OSError as exc:
            raise NianbaoError("generate.cannot_write", path=args.json, reason=exc) from exc
    return EXIT_DATA if troubled else EXIT_OK
