"""The `nianbao` command: parse, call one library function, render with rich, map to an exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Column, Table

import toolkit as nb  # the library's public names, each loaded when a command first uses it

from . import __version__, cli_desk, cli_import, render
from .errors import NianbaoError, UsageError

if TYPE_CHECKING:
    from . import Config, Generated, Previous, Report
from .files import is_feedback, json_text, same_file, write_json
from .messages import LANGS, Listing, text
from .resources import data_dir

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it
# argparse's own texts (Python 3.11) → the catalogue's keys
ARGPARSE = {
    "usage: ": "argparse.usage", "positional arguments": "argparse.positional", "options": "argparse.options",
    "show this help message and exit": "argparse.help", "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required", "unrecognized arguments: %s": "argparse.unknown",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.choice",
    "argument %(argument_name)s: %(message)s": "argparse.argument", "expected one argument": "argparse.one",
    "expected at least one argument": "argparse.at_least_one", "invalid %(type)s value: %(value)r": "argparse.type",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_with", "expected %s argument": "argparse.n",
    "expected %s arguments": "argparse.n",
}
SHOWN_UNITS = 30  # beyond this, a run lists counts rather than every file


def _parser(lang: str) -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return text(f"help.{key}", lang)

    common = argparse.ArgumentParser(add_help=False)
    # read before parsing (`_language`), so that help and argparse's own words are in it: here for the help
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("lang"))

    parser = argparse.ArgumentParser(prog="nianbao", description=h("nianbao"), parents=[common])
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}", help=h("version"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    gen = commands.add_parser("generate", parents=[common], help=h("generate"), description=h("generate"))
    gen.add_argument("--year", type=int, default=date.today().year - 1, help=h("generate.year"))
    gen.add_argument("--roster", type=Path, help=h("roster"))
    gen.add_argument("--out", type=Path, default=Path(), help=h("generate.out"))
    gen.add_argument("--password", help=h("generate.password"))
    gen.add_argument("--force", action="store_true", help=h("generate.force"))

    ext = commands.add_parser("extract", parents=[common], help=h("extract"), description=h("extract"))
    ext.add_argument("file", type=Path, help=h("extract.file"))
    ext.add_argument("-o", "--output", type=Path, help=h("extract.output"))

    checking = argparse.ArgumentParser(add_help=False)  # how returns are checked, wherever they are read
    checking.add_argument("paths", type=Path, nargs="+", metavar="PATH", help=h("paths"))
    checking.add_argument("--previous", type=Path, nargs="+", default=[], metavar="PATH", help=h("previous"))
    checking.add_argument("--config", type=Path, help=h("config"))
    checking.add_argument("--year", type=int, help=h("year"))

    val = commands.add_parser("validate", parents=[common, checking], help=h("validate"), description=h("validate"))
    val.add_argument("--json", type=Path, metavar="OUT", help=h("validate.json"))
    val.add_argument("--feedback", type=Path, metavar="DIR", help=h("validate.feedback"))

    mer = commands.add_parser("merge", parents=[common, checking], help=h("merge"), description=h("merge"))
    mer.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.xlsx", help=h("merge.output"))
    mer.add_argument("--json", type=Path, metavar="OUT", help=h("merge.json"))
    mer.add_argument("--roster", type=Path, help=h("merge.roster"))
    mer.add_argument("--name", help=h("merge.name"))
    mer.add_argument("--code", help=h("merge.code"))
    mer.add_argument("--include-errors", action="store_true", help=h("merge.include_errors"))

    sta = commands.add_parser("status", parents=[common, checking], help=h("status"), description=h("status"))
    sta.add_argument("--roster", type=Path, required=True, help=h("roster"))
    sta.add_argument("--json", type=Path, metavar="OUT", help=h("status.json"))
    sta.add_argument("-o", "--output", type=Path, metavar="STATUS.xlsx", help=h("status.output"))
    sta.add_argument("--name", default="", help=h("status.name"))

    cli_desk.add_parser(commands, common, h)
    cli_desk.serve_parser(commands, common, h)
    cli_import.add_parser(commands, common, h)

    demo = commands.add_parser("demo", parents=[common], help=h("demo"), description=h("demo"))
    demo.add_argument("--out", type=Path, default=Path("nianbao-demo"), help=h("demo.out"))
    return parser


def _language(argv: Sequence[str]) -> str:
    """The language asked for: `--lang X` anywhere on the line (before the command or after it), else the
    NIANBAO_LANG variable, else Chinese."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("=")[2] \
            if arg.startswith("--lang=") else None
        if value in LANGS:
            return value
    env = os.environ.get("NIANBAO_LANG", "")
    return env if env in LANGS else "zh"


def _speak(lang: str) -> None:
    """argparse's own words (usage, errors, the option headings) in `lang`: argparse looks its texts up through
    the module's gettext functions `_` and `ngettext` at the moment it says them."""
    def gettext(message: str) -> str:
        key = ARGPARSE.get(message)
        return text(key, lang) if key else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _language(argv)
    _speak(lang)
    args = _parser(lang).parse_args(argv)
    args.lang = lang
    console = render.console()
    try:
        commands = {"generate": _generate, "extract": _extract, "validate": _validate, "merge": _merge,
                    "status": _status, "desk": cli_desk.run, "serve": cli_desk.serve, "import": cli_import.run,
                    "demo": _demo}
        return commands[args.command](args, console)
    except UsageError as exc:
        console.print(text("cli.error", args.lang, message=exc.message(args.lang)), style="red")
        return EXIT_USAGE
    except NianbaoError as exc:
        console.print(text("cli.error", args.lang, message=exc.message(args.lang)), style="red")
        return EXIT_DATA
    except KeyboardInterrupt:
        console.print(text("cli.interrupted", args.lang), style="yellow")
        return EXIT_INTERRUPTED


def _existing(path: Path | None) -> Path | None:
    if path is not None and not path.exists():
        raise UsageError("cli.no_path", path=path)
    return path


def _not_an_input(output: Path | None, inputs: list[Path]) -> Path | None:
    if output is not None and any(same_file(output, p) for p in inputs if p.is_file()):
        raise UsageError("cli.overwrites_input", path=output)
    return output


def _write_json(console: Console, lang: str, written: str, path: Path, data: object) -> None:
    """Write `data` as JSON and say so with the message `written`."""
    try:
        write_json(path, data)
    except OSError as exc:
        raise NianbaoError("generate.cannot_write", path=path, reason=exc) from exc
    console.print(text(written, lang, path=path))


def _extract(args: argparse.Namespace, console: Console) -> int:
    _existing(args.file)
    if args.file.is_dir():
        raise UsageError("cli.not_a_file", path=args.file)
    output = _not_an_input(args.output, [args.file])
    got = nb.extract(args.file)
    err = render.console(stderr=True)
    for f in got.findings:
        err.print(render.finding_line(nb.load_spec(), f, args.lang), style=render.STYLE[f.severity])
    if got.document is None:
        return EXIT_DATA
    if output is None:
        sys.stdout.write(json_text(got.document))
    else:
        _write_json(console, args.lang, "extract.written", output, got.document)
    return EXIT_OK


class _Checking:
    """What the validate, merge and status commands share: the files, last year's, the settings."""

    def __init__(self, args: argparse.Namespace, roster_path: Path | None = None, skip: Path | None = None) -> None:
        more_inputs = [p for p in (args.config, roster_path) if p]
        for p in [*args.paths, *args.previous, *more_inputs]:
            _existing(p)
        self.files, previous_files = nb.files_in(args.paths), nb.files_in(args.previous)
        self.files = [f for f in self.files if not any(same_file(f, p) for p in more_inputs)]  # a roster beside
        self.skipped = 0  # last run's feedback copies in an input folder: not returns
        if skip is not None:
            ours = {f for f in self.files if is_feedback(f) and skip.resolve() in f.resolve().parents}
            self.files, self.skipped = [f for f in self.files if f not in ours], len(ours)
        self.inputs = self.files + previous_files + more_inputs
        self.outputs: list[Path] = []
        if not self.files:
            raise UsageError("validate.no_files", paths=" ".join(map(str, args.paths)))
        self.config = nb.load_config(args.config) if args.config else nb.Config()
        self.previous = nb.load_previous(previous_files)

    def output(self, path: Path | None) -> Path | None:
        """An output path, refused before any work if it would overwrite an input or another output, or has
        no folder: by the file's identity, so a hard or symbolic link to an input is refused too."""
        if path is None:
            return None
        if not path.parent.is_dir():
            raise UsageError("cli.no_path", path=path.parent)
        if any(same_file(path, p) for p in self.outputs):
            raise UsageError("cli.same_output", path=path)
        self.outputs.append(path)
        return _not_an_input(path, self.inputs)


def _validate(args: argparse.Namespace, console: Console) -> int:
    checking = _Checking(args, skip=args.feedback)
    output = checking.output(args.json)
    if output is not None and args.feedback is not None and is_feedback(output) \
            and output.resolve().parent == args.feedback.resolve():  # a name a feedback workbook may take
        raise UsageError("cli.same_output", path=output)
    if args.feedback is not None and args.feedback.exists() and not args.feedback.is_dir():
        raise UsageError("cli.not_a_folder", path=args.feedback)
    if checking.skipped:
        console.print(text("validate.skipped_feedback", args.lang, count=checking.skipped))
    result = _check(checking.files, checking.previous, checking.config, console, args.lang, args.feedback,
                    args.year)
    render.report(console, nb.load_spec(), result, args.lang)
    _said_after(console, result, args.lang, args.feedback, args.year)
    if output is not None:
        _write_json(console, args.lang, "validate.json", output, result.to_dict(args.lang))
    return EXIT_DATA if result.failed else EXIT_OK


def _check(paths: list[Path], previous: Previous, config: Config, console: Console, lang: str,
           feedback: Path | None = None, year: int | None = None) -> Report:
    """`validate_files` with a progress bar on a terminal, and what became of the feedback workbooks said."""
    with render.Progress(console, len(paths), lang) as progress:
        return nb.validate_files(paths, year=year, previous=previous, config=config, feedback=feedback, lang=lang,
                                 on_file=progress.advance)


def _said_after(console: Console, result: Report, lang: str, feedback: Path | None, year: int | None) -> None:
    """What the table of results does not say: the feedback workbooks written, and which year was taken as the
    one collected when none was given and the files are for several."""
    for path, reason in result.feedback_failed:
        console.print(text("validate.feedback_failed", lang, path=path, reason=reason), style="red")
    if feedback is not None:
        console.print(text("validate.feedback", lang, count=len(result.feedback), path=feedback))
    years = Counter(r.year for r in result.files if r.year is not None)
    if year is None and len(years) > 1:
        counts = tuple(text("validate.year_count", lang, year=y, count=n) for y, n in sorted(years.items()))
        console.print(text("validate.year_taken", lang, year=result.year, years=Listing(counts, len(counts))),
                      style="yellow")


def _merge(args: argparse.Namespace, console: Console) -> int:
    checking = _Checking(args, args.roster)
    output, json_output = checking.output(args.output), checking.output(args.json)
    assert output is not None  # -o is required
    units = nb.read_roster(args.roster) if args.roster else None
    with render.Progress(console, len(checking.files), args.lang) as progress:
        result = nb.merge(checking.files, output, name=args.name, code=args.code, roster=units, year=args.year,
                       include_errors=args.include_errors, previous=checking.previous,
                       config=checking.config, lang=args.lang, on_file=progress.advance)
    render.merged(console, nb.load_spec(), result, args.lang)
    console.print(text("merge.written", args.lang, path=output))
    if json_output is not None:
        _write_json(console, args.lang, "merge.json", json_output, result.to_dict())
    return EXIT_DATA if result.failed else EXIT_OK


def _status(args: argparse.Namespace, console: Console) -> int:
    checking = _Checking(args, args.roster)
    output, json_output = checking.output(args.output), checking.output(args.json)
    units = nb.read_roster(args.roster)
    report = _check(checking.files, checking.previous, checking.config, console, args.lang, year=args.year)
    result = nb.collect(units, report.files)
    render.collection(console, result, args.lang)
    _said_after(console, report, args.lang, None, args.year)
    if output is not None:
        nb.write_status(result, output, office=args.name)
        console.print(text("status.written", args.lang, path=output))
    if json_output is not None:
        _write_json(console, args.lang, "status.json", json_output, result.to_dict())
    return EXIT_OK if result.complete else EXIT_DATA


def _generate(args: argparse.Namespace, console: Console) -> int:
    results = nb.generate_workbooks(
        args.year, roster_path=_existing(args.roster), out_dir=args.out, password=args.password, force=args.force
    )
    _report_generated(results, args, console)
    return EXIT_OK


def _report_generated(results: list[Generated], args: argparse.Namespace, console: Console) -> None:
    lang = args.lang
    if any(r.unit for r in results) and len(results) <= SHOWN_UNITS:
        table = Table(text("col.code", lang), text("col.unit", lang), Column(text("col.file", lang), overflow="fold"))
        for r in results:
            assert r.unit is not None
            table.add_row(r.unit.code, r.unit.name, r.path.name)
        console.print(table)
    console.print(text("generate.done", lang, count=len(results), year=args.year, path=args.out))
    if any(r.unit for r in results):
        console.print(text("generate.manifest", lang, path=args.out / "manifest.csv"))


def _demo(args: argparse.Namespace, console: Console) -> int:
    """The whole cycle on samples/: blank workbooks, then two rounds at a desk, the total, who is done."""
    lang = args.lang
    samples = data_dir("samples")
    roster_path, year = samples / "roster.csv", 2024
    step = text("demo.generate", lang, roster=roster_path.name, count=len(nb.read_roster(roster_path)))
    console.rule(text("demo.step", lang, step=1, what=step))
    blank_dir = args.out / "1-空白工作簿"
    results = nb.generate_workbooks(year, roster_path=roster_path, out_dir=blank_dir)
    _report_generated(results, argparse.Namespace(lang=lang, year=year, out=blank_dir), console)
    return cli_desk.demo(args.out, samples, year, console, lang)


def run() -> None:
    sys.exit(main())
