"""Files in and out: inputs read within bounds, outputs written whole or not at all, names shown readably."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import XlsxError
from .messages import SURROGATES, shown

MAX_JSON = 64 << 20  # bytes of a report document, a config or a result file read back
_UMASK = os.umask(0o022)  # read once, at import: setting it later would race with other threads
os.umask(_UMASK)


_UNSAFE = re.compile(r'[\\/:*?"<>|]')  # refused in Windows file names
HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})  # controls, bidi and zero-width marks, surrogates, breaks
NAME_BYTES = 150  # of the part of a file name made from a unit (a name may have 255, a path must fit too)
FEEDBACK = "校验意见"  # in the name of every feedback workbook we write


def safe_name(text: str, max_bytes: int = NAME_BYTES) -> str:
    """A part of a file name made from what a roster or a unit typed: no character Windows refuses, none
    that hides (a right-to-left override, U+202E, before `xslx.exe` shows it as `exe.xlsx`), at most `max_bytes`
    of UTF-8, so that a long unit name never fails a whole run."""
    name = "".join("_" if _UNSAFE.match(ch) or unicodedata.category(ch) in HIDDEN else ch for ch in shown(text))
    return name.encode()[:max_bytes].decode("utf-8", "ignore").rstrip(" .")


def feedback_name(stem: str, sha256: str) -> str:
    """`2024_140923_代县_校验意见_58ce4953.xlsx`: the unit, and which submission (its SHA-256) it answers."""
    return f"{safe_name(stem)}_{FEEDBACK}_{sha256[:8]}.xlsx"


def is_feedback(path: Path) -> bool:
    """Whether a file is named as our feedback workbooks are (a later run must not read them as returns)."""
    return re.search(rf"_{FEEDBACK}_[0-9a-f]{{8}}\.xlsx$", path.name) is not None


def csv_cell(text: str) -> str:
    """A CSV field a spreadsheet opens as text: one that starts like a formula (`=`, `+`, `-`, `@`, a tab or
    a carriage return) gets a leading apostrophe, as OWASP's CSV-injection advice has it."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path, a symbolic link to it, or a hard link (one inode)."""
    try:
        return a.samefile(b)
    except OSError:  # one of them does not exist yet
        return a.resolve() == b.resolve()


def read_bounded(path: str | Path, limit: int) -> bytes:
    """A regular file's bytes; XlsxError("too_large") beyond `limit` bytes, ("not_a_file") for a device,
    a pipe or a socket (`/dev/zero` would never end, a FIFO would wait for a writer forever)."""
    path = Path(path)
    if not stat.S_ISREG(path.stat().st_mode):
        raise XlsxError("not_a_file", str(path))
    with path.open("rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise XlsxError("too_large", f"file of over {limit} bytes")
    return data


def read_json(path: str | Path) -> Any:
    """A JSON file as strict JSON: ValueError for NaN or Infinity (Python's json takes them), nesting
    deeper than the parser's stack, or an integer of thousands of digits; OSError or XlsxError as
    `read_bounded` gives them."""
    text = read_bounded(path, MAX_JSON).decode("utf-8-sig")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def json_text(data: Any) -> str:
    """Strict JSON (ValueError for NaN or infinity) with every string readable (see `shown`), laid out to be
    read: objects indented two levels deep, and below that (and in every list) an item a line."""
    text = _laid_out(data, 0)
    if SURROGATES.search(text):  # a name that was not UTF-8, somewhere: said readably (rare, so looked for once)
        text = _laid_out(_readable(data), 0)
    return text + "\n"


def _laid_out(data: Any, depth: int) -> str:
    """`data` as JSON, indented by hand where it helps a reader, the rest by the C encoder: a status of ten
    thousand units in a tenth of the time `indent=` takes (that runs the pure-Python encoder throughout)."""
    if isinstance(data, dict) and data and depth < 2:
        inner = "  " * (depth + 1)
        items = (f"{inner}{_compact(str(key))}: {_laid_out(value, depth + 1)}" for key, value in data.items())
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if isinstance(data, list | tuple) and data and depth < 2:
        inner = "  " * (depth + 1)
        return "[\n" + ",\n".join(inner + _compact(item) for item in data) + "\n" + "  " * depth + "]"
    return _compact(data)


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def write_json(path: Path, data: Any) -> None:
    with replacing(path) as tmp:
        tmp.write_text(json_text(data), encoding="utf-8")


def _readable(data: Any) -> Any:
    if isinstance(data, str):
        return shown(data)
    if isinstance(data, dict):
        return {shown(str(k)): _readable(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_readable(v) for v in data]
    return data


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed to it when the block ends without error, else removed.

    The file gets the permissions any new file would (mkstemp makes it 0600, which colleagues on a
    shared drive could not open).
    """
    fd, name = tempfile.mkstemp(prefix=".nianbao-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.chmod(0o666 & ~_UMASK)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
