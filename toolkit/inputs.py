"""Which files a command takes: the files named, and what the folders named hold."""

from __future__ import annotations

import os
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".et")
# what units send instead: taken from a folder too, so that the unit shows as 无法读取 with what to do,
# not as 未报送; read by content first (a renamed workbook still reads), told by name when that fails
NOT_WORKBOOKS = {".xlsb": "xlsb", ".csv": "csv", ".zip": "archive", ".rar": "archive", ".7z": "archive", ".eml": "mail",
                 ".doc": "document", ".docx": "document", ".wps": "document", ".pdf": "document",
                 ".xlt": "template", ".xltx": "template", ".xltm": "template", ".ett": "template"}


def workbook_files(paths: list[Path]) -> list[Path]:
    """The files named, and in the folders named (recursively) the workbooks and what units send instead
    (`NOT_WORKBOOKS`), each once, in order."""
    taken = (*WORKBOOK_SUFFIXES, *NOT_WORKBOOKS)
    out: dict[Path, None] = {}
    for path in paths:
        if not path.is_dir():
            out[path] = None
            continue
        found = []
        for folder, _, names in os.walk(path):  # a folder it cannot list (a path too long, no permission) is passed
            for name in names:
                p = Path(folder) / name
                if p.suffix.lower() in taken and not name.startswith(("~$", ".")) and _is_file(p):
                    found.append(p)
        out.update(dict.fromkeys(sorted(found)))
    return list(out)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long to look at: still listed, it reads as unreadable with the reason
        return True
