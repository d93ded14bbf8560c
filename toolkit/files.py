"""Files in and out: inputs read within bounds, outputs written whole or not at all, names shown readably."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import XlsxError
from .messages import shown

MAX_JSON = 64 << 20  # bytes of a report document, a config or a result file read back
_UMASK = os.umask(0o022)  # read once, at import: setting it later would race with other threads
os.umask(_UMASK)


def read_bounded(path: str | Path, limit: int) -> bytes:
    """A regular file's bytes; XlsxError("too_large") beyond `limit` bytes, ("not_a_file") for a device,
    a pipe or a socket (`/dev/zero` would never end, a FIFO would wait for a writer forever)."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise XlsxError("not_a_file", str(path))
    with open(path, "rb") as f:
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
    """Strict JSON (ValueError for NaN or infinity) with every string readable (see `shown`)."""
    return json.dumps(_readable(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


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
    fd, tmp = tempfile.mkstemp(prefix=".nianbao-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
