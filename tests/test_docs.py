"""The README's two quick-start commands stay true: CI runs the test one verbatim."""

import contextlib
import io
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


def test_readme_has_exactly_two_quick_start_commands():
    demo, tests = quick_start_commands()
    assert demo.endswith("nianbao demo")
    assert tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert quick_start_commands()[1] in ci


def test_the_readme_library_example_runs_as_written(tmp_path, monkeypatch):
    import toolkit as nb

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## 作为 Python 库使用.*?```python\n(.+?)```", readme, re.DOTALL).group(1)
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as said:
        exec(compile(code, "README.md", "exec"), names)
    out = tmp_path / "nianbao-lib"
    assert len(list((out / "空白").glob("2024_*.xlsx"))) == 19 and (out / "空白" / "manifest.csv").is_file()
    assert {f.code for f in nb.check(names["document"])} == {"T3-1", "T3-3"}  # the number changed
    assert "T3-1 表三 D6" in said.getvalue()
    report = names["report"]
    assert report.summary["files"] == 13 and report.summary["error"] == 8  # an empty form, last year's form
    assert len(list((out / "校验意见").glob("*.xlsx"))) == report.summary["error"] + report.summary["warning"]
    included = {m.file for m in names["merged"].included}
    assert len(included) == 5 == sum(r.status in ("ok", "warning") for r in report.files)
    expected = sum(nb.extract(p).document["table3"]["new_received"]["natural_person"] for p in included)
    assert names["merged"].document["table3"]["new_received"]["natural_person"] == expected
    assert (out / "汇总.xlsx").is_file() and (out / "报送情况.xlsx").is_file()
    assert names["collection"].summary["missing"] == 8


def test_the_architecture_page_names_every_module_and_only_those():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page.split("## 阶段与模块", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\|[^|]*\| `([\w.]+)` \|", table, re.MULTILINE))
    web = {f"web.{p.stem}" for p in (ROOT / "toolkit" / "web").glob("*.py") if p.stem != "__init__"}
    assert named == {p.stem for p in (ROOT / "toolkit").glob("*.py")} | {"web"} | web


def test_every_message_has_both_languages():
    from toolkit.messages import MESSAGES

    for key, texts in MESSAGES.items():
        assert set(texts) == {"zh", "en"}, key


def test_the_finding_catalogue_is_current():
    from toolkit import findings, spec

    committed = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    # refresh with: python -m toolkit.findings > docs/findings.md
    assert committed == findings.catalogue_markdown(spec.load().rules)


def test_every_rule_of_the_format_has_a_code():
    """Rules with an id of their own, plus the rules reported through file and cell codes."""
    from toolkit import findings, spec

    format_rules = {"T2-1", "T2-2", "T2-3", "T2-4", "T2-5", "T3-1", "T3-2", "T3-3", "T3-4", "T3-5", "T3-6", "T3-7",
                    "T4-1", "T4-2", "X-1", "X-2", "X-3"}
    covered = {r.id for r in spec.load().rules} | {rule for c in findings.CODES.values() for rule in c.rules.split()}
    assert format_rules <= covered, sorted(format_rules - covered)
