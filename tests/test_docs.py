"""The README's two quick-start commands stay true: CI runs the test one verbatim."""

import re
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


def test_every_message_has_both_languages():
    from toolkit.messages import MESSAGES

    for key, texts in MESSAGES.items():
        assert set(texts) == {"zh", "en"}, key
