"""The `nianbao` command: parse, call one library function, render with rich, map to an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from . import __version__, checker, consolidate, generate, inputs, read, render, roster, spec, status, validate
from .errors import NianbaoError
from .files import is_feedback, json_text, same_file, write_json
from .messages import LANGS, text
from .resources import data_dir

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
SHOWN_UNITS = 30  # beyond this, a run lists counts rather than every file


class UsageError(NianbaoError):
    """Bad usage caught after argparse (a path that does not exist): exit 2."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default="zh", help="界面语言 / language (zh, en)")

    parser = argparse.ArgumentParser(
        prog="nianbao", description="年报工具箱：政府信息公开工作年度报告统计表的生成、校验与汇总", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    gen = commands.add_parser("generate", parents=[common], help="生成空白统计表（按名单每个单位一份）")
    gen.add_argument("--year", type=int, default=date.today().year - 1, help="报告年度（默认上一年）")
    gen.add_argument("--roster", type=Path, help="单位名单 CSV 或 Excel，列 code,name,parent")
    gen.add_argument("--out", type=Path, default=Path("."), help="输出目录（默认当前目录）")
    gen.add_argument("--password", help="工作表保护密码（默认不设密码）")
    gen.add_argument("--force", action="store_true", help="覆盖输出目录中内容不同的同名文件（默认拒绝）")

    ext = commands.add_parser("extract", parents=[common], help="读取一个工作簿，输出报告文档（JSON）")
    ext.add_argument("file", type=Path, help="工作簿")
    ext.add_argument("-o", "--output", type=Path, help="写入 JSON 文件（默认输出到屏幕）")

    checking = argparse.ArgumentParser(add_help=False)  # how returns are checked, wherever they are read
    checking.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="工作簿或文件夹（递归查找）")
    checking.add_argument("--previous", type=Path, nargs="+", default=[], metavar="PATH",
                          help="上年的工作簿、报告文档或文件夹，按单位代码对应，用于跨年度校验")
    checking.add_argument("--config", type=Path, help="校验配置（JSON）：调整严重程度、登记单位说明")

    val = commands.add_parser("validate", parents=[common, checking], help="校验回收的工作簿：勾稽关系、空白、格式")
    val.add_argument("--json", type=Path, metavar="OUT", help="把校验结果写入 JSON 文件")
    val.add_argument("--feedback", type=Path, metavar="DIR",
                     help="为每个有问题的文件写出标注好问题的副本（校验意见），退给单位修改")

    mer = commands.add_parser("merge", parents=[common, checking], help="汇总校验无错误的报告（官方格式，可逐级汇总）")
    mer.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.xlsx", help="汇总表（.xlsx）")
    mer.add_argument("--json", type=Path, metavar="OUT", help="把汇总报告文档（含成员）写入 JSON 文件")
    mer.add_argument("--roster", type=Path, help="单位名单：只汇总名单中的单位，并列出未报送的单位")
    mer.add_argument("--name", help="汇总单位名称（如 忻州市）")
    mer.add_argument("--code", help="汇总单位代码（默认取各单位共同的上级代码）")
    mer.add_argument("--include-errors", action="store_true", help="有错误的报告也计入汇总（汇总表会注明）")

    sta = commands.add_parser("status", parents=[common, checking], help="对照名单查看报送情况：未报送、有错误、合格")
    sta.add_argument("--roster", type=Path, required=True, help="单位名单 CSV 或 Excel，列 code,name,parent")
    sta.add_argument("--json", type=Path, metavar="OUT", help="把报送情况写入 JSON 文件")
    sta.add_argument("-o", "--output", type=Path, metavar="STATUS.xlsx", help="把报送情况写成 Excel 表")
    sta.add_argument("--name", default="", help="本级单位名称，写在报送情况表的标题中（如 忻州市）")

    demo = commands.add_parser("demo", parents=[common], help="用 samples/ 演示完整流程")
    demo.add_argument("--out", type=Path, default=Path("nianbao-demo"), help="输出目录（默认 nianbao-demo）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = render.console()
    try:
        commands = {"generate": _generate, "extract": _extract, "validate": _validate, "merge": _merge,
                    "status": _status, "demo": _demo}
        return commands[args.command](args, console)
    except UsageError as exc:
        console.print(text("cli.error", args.lang, message=exc.message(args.lang)), style="red")
        return EXIT_USAGE
    except NianbaoError as exc:
        console.print(text("cli.error", args.lang, message=exc.message(args.lang)), style="red")
        return EXIT_DATA


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
    if _existing(args.file).is_dir():
        raise UsageError("cli.not_a_file", path=args.file)
    output = _not_an_input(args.output, [args.file])
    got = read.extract(args.file)
    err = render.console(stderr=True)
    for f in got.findings:
        err.print(render.finding_line(spec.load(), f, args.lang), style=render.STYLE[f.severity])
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
        self.files, previous_files = inputs.workbook_files(args.paths), inputs.workbook_files(args.previous)
        self.files = [f for f in self.files if not any(same_file(f, p) for p in more_inputs)]  # a roster beside
        self.skipped = 0  # last run's feedback copies in an input folder: not returns
        if skip is not None:
            ours = {f for f in self.files if is_feedback(f) and skip.resolve() in f.resolve().parents}
            self.files, self.skipped = [f for f in self.files if f not in ours], len(ours)
        self.inputs = self.files + previous_files + more_inputs
        self.outputs: list[Path] = []
        if not self.files:
            raise UsageError("validate.no_files", paths=" ".join(map(str, args.paths)))
        self.config = validate.load_config(args.config) if args.config else checker.Config()
        self.previous = validate.load_previous(previous_files)

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
    result = _check(checking.files, checking.previous, checking.config, console, args.lang, args.feedback)
    render.report(console, spec.load(), result, args.lang)
    if output is not None:
        _write_json(console, args.lang, "validate.json", output, result.to_dict(args.lang))
    return EXIT_DATA if result.failed else EXIT_OK


def _check(paths: list[Path], previous: validate.Previous, config: checker.Config, console: Console, lang: str,
           feedback: Path | None = None) -> validate.Report:
    """`validate.run` with a progress bar on a terminal, and what became of the feedback workbooks said."""
    with render.Progress(console, len(paths), lang) as progress:
        result = validate.run(paths, previous=previous, config=config, feedback=feedback, lang=lang,
                              on_file=progress.advance)
    for path, reason in result.feedback_failed:
        console.print(text("validate.feedback_failed", lang, path=path, reason=reason), style="red")
    if feedback is not None:
        console.print(text("validate.feedback", lang, count=len(result.feedback), path=feedback))
    return result


def _merge(args: argparse.Namespace, console: Console) -> int:
    checking = _Checking(args, args.roster)
    output, json_output = checking.output(args.output), checking.output(args.json)
    units = roster.read(args.roster) if args.roster else None
    with render.Progress(console, len(checking.files), args.lang) as progress:
        result = consolidate.merge(checking.files, output, name=args.name, code=args.code, roster=units,
                                   include_errors=args.include_errors, previous=checking.previous,
                                   config=checking.config, lang=args.lang, on_file=progress.advance)
    render.merged(console, spec.load(), result, args.lang)
    console.print(text("merge.written", args.lang, path=output))
    if json_output is not None:
        _write_json(console, args.lang, "merge.json", json_output, result.to_dict())
    return EXIT_DATA if result.failed else EXIT_OK


def _status(args: argparse.Namespace, console: Console) -> int:
    checking = _Checking(args, args.roster)
    output, json_output = checking.output(args.output), checking.output(args.json)
    units = roster.read(args.roster)
    result = status.collect(units, _check(checking.files, checking.previous, checking.config, console,
                                           args.lang).files)
    render.collection(console, result, args.lang)
    if output is not None:
        status.write_workbook(result, output, office=args.name)
        console.print(text("status.written", args.lang, path=output))
    if json_output is not None:
        _write_json(console, args.lang, "status.json", json_output, result.to_dict())
    return EXIT_OK if result.complete else EXIT_DATA


def _generate(args: argparse.Namespace, console: Console) -> int:
    results = generate.workbooks(
        args.year, roster_path=_existing(args.roster), out_dir=args.out, password=args.password, force=args.force
    )
    _report_generated(results, args, console)
    return EXIT_OK


def _report_generated(results: list[generate.Generated], args: argparse.Namespace, console: Console) -> None:
    lang = args.lang
    if any(r.unit for r in results) and len(results) <= SHOWN_UNITS:
        table = Table(text("col.code", lang), text("col.unit", lang), text("col.file", lang))
        for r in results:
            assert r.unit is not None
            table.add_row(r.unit.code, r.unit.name, r.path.name)
        console.print(table)
    console.print(text("generate.done", lang, count=len(results), year=args.year, path=args.out))
    if any(r.unit for r in results):
        console.print(text("generate.manifest", lang, path=args.out / "manifest.csv"))


def _demo(args: argparse.Namespace, console: Console) -> int:
    """The whole cycle on samples/: generate, validate the returns, merge the good ones, who is missing."""
    lang = args.lang
    samples = data_dir("samples")
    roster_path, year, city = samples / "roster.csv", 2024, "忻州市"
    units = roster.read(roster_path)
    step = text("demo.generate", lang, roster=roster_path.name, count=len(units))
    console.rule(text("demo.step", lang, step=1, what=step))
    blank_dir = args.out / "1-空白工作簿"
    results = generate.workbooks(year, roster_path=roster_path, out_dir=blank_dir)
    _report_generated(results, argparse.Namespace(lang=lang, year=year, out=blank_dir), console)

    files = inputs.workbook_files([samples / "returns"])
    previous = validate.load_previous(inputs.workbook_files([samples / "previous"]))
    console.rule(text("demo.step", lang, step=2, what=text("demo.validate", lang, count=len(files))))
    result = _check(files, previous, checker.Config(), console, lang, args.out / "2-校验意见")
    render.report(console, spec.load(), result, lang)
    _write_json(console, lang, "validate.json", args.out / "2-校验结果.json", result.to_dict(lang))

    console.rule(text("demo.step", lang, step=3, what=text("demo.merge", lang, name=city)))
    total = args.out / f"3-{year}_{city}_汇总.xlsx"
    merged = consolidate.merge(files, total, name=city, roster=units, previous=previous, lang=lang)
    render.merged(console, spec.load(), merged, lang)
    console.print(text("merge.written", lang, path=total))
    _write_json(console, lang, "merge.json", args.out / "3-汇总.json", merged.to_dict())

    console.rule(text("demo.step", lang, step=4, what=text("demo.status", lang)))
    reported = status.collect(units, result.files)  # the files validated just above
    render.collection(console, reported, lang)
    status.write_workbook(reported, args.out / "4-报送情况.xlsx", office=city)
    console.print(text("status.written", lang, path=args.out / "4-报送情况.xlsx"))
    console.print(text("demo.outputs", lang, path=args.out.resolve()))
    return EXIT_OK


def run() -> None:
    sys.exit(main())
