"""年报工具箱 nianbao: the annual 政府信息公开工作年度报告 statistics cycle, from blank workbook to city total.

The library the command line, the tests and any other front end call (see the README's section
作为 Python 库使用). One name for each thing a user does:

    load_spec()                         the official format, as data
    generate_workbooks(year, …)         the blank workbooks, one per unit of a roster
    files_in(paths)                     the files a command takes from files and folders
    extract(path)                       a workbook (or a saved report document) read into its report document
    check(document)                     the findings of one report document
    validate_files(paths, feedback=…)   every file read and checked into a Report, feedback workbooks written
    merge(paths, out, …)                the exact total, written in the official layout
    collect(roster, results)            who sent what, against a roster; write_status(…) as a workbook

(The stages' modules keep their own names: `toolkit.generate`, `toolkit.validate`, … .)

Findings keep their code and parameters; `Finding.text(lang)` says them in Chinese or English.
Names are imported when first used, so that `import toolkit` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name → (module, attribute)
_API = {
    "load_spec": ("spec", "load"), "Spec": ("spec", "Spec"),
    "generate_workbooks": ("generate", "workbooks"), "Generated": ("generate", "Generated"),
    "files_in": ("inputs", "workbook_files"),
    "extract": ("read", "extract"), "Extracted": ("read", "Extracted"),
    "check": ("checker", "check"), "Config": ("checker", "Config"), "Finding": ("findings", "Finding"),
    "validate_files": ("validate", "run"), "Report": ("validate", "Report"), "FileResult": ("validate", "FileResult"),
    "load_previous": ("validate", "load_previous"), "Previous": ("validate", "Previous"),
    "load_config": ("validate", "load_config"),
    "merge": ("consolidate", "merge"), "Merged": ("consolidate", "Merged"),
    "read_roster": ("roster", "read"), "Unit": ("roster", "Unit"),
    "collect": ("status", "collect"), "Collection": ("status", "Collection"),
    "write_status": ("status", "write_workbook"),
    "NianbaoError": ("errors", "NianbaoError"), "RosterError": ("errors", "RosterError"),
    "SpecError": ("errors", "SpecError"),
}

__all__ = [
    "Collection",
    "Config",
    "Extracted",
    "FileResult",
    "Finding",
    "Generated",
    "Merged",
    "NianbaoError",
    "Previous",
    "Report",
    "RosterError",
    "Spec",
    "SpecError",
    "Unit",
    "__version__",
    "check",
    "collect",
    "extract",
    "files_in",
    "generate_workbooks",
    "load_config",
    "load_previous",
    "load_spec",
    "merge",
    "read_roster",
    "validate_files",
    "write_status",
]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    module, attribute = _API[name]
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from .checker import Config, check
    from .consolidate import Merged, merge
    from .errors import NianbaoError, RosterError, SpecError
    from .findings import Finding
    from .generate import Generated
    from .generate import workbooks as generate_workbooks
    from .inputs import workbook_files as files_in
    from .read import Extracted, extract
    from .roster import Unit
    from .roster import read as read_roster
    from .spec import Spec
    from .spec import load as load_spec
    from .status import Collection, collect
    from .status import write_workbook as write_status
    from .validate import FileResult, Previous, Report, load_config, load_previous
    from .validate import run as validate_files
