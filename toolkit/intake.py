"""What the desk is given, as the files it holds: files, folders, .zip archives and .eml mail files.

Every file comes out as an `Item`: where it came from (the path given, the archive and the member in it, the
mail with its sender, date and subject) and its bytes, or for a plain file the path to read them from (by
the process that stores and reads it, so that a batch's files are read in parallel). An archive or a mail
is an item too
(kept, like everything received) followed by what it holds, opened within the limits a workbook is read
in: a zip bomb, a directory of a million entries or a nest of archives is refused with a reason, and the
rest goes on.
"""

from __future__ import annotations

import email
import email.policy
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import XlsxError, file_reason, os_reason
from .files import read_bounded
from .messages import Msg
from .xlsx import MAX_PART, MAX_TOTAL, open_zip

MAX_ITEM = 64 << 20  # bytes of a file given (a mail with its attachments is the largest)
MAX_DEPTH = 3  # archives and mails within each other: a mail holding a zip holding a workbook is 2
SKIPPED = {"thumbs.db", "desktop.ini", ".ds_store"}  # what a folder holds that nobody sent


@dataclass(frozen=True)
class Item:
    """One file received: its name as it came, its bytes, and where it came from."""

    name: str
    origin: dict[str, Any]
    data: bytes | None = None  # None: read it from `origin["path"]` (see `content`)
    problem: Msg | str | None = None  # why it could not be taken (then it has no bytes)

    @property
    def inside(self) -> list[str]:
        """The names of the archives or mails it came in, outermost first."""
        return list(self.origin.get("in", []))

    @property
    def container(self) -> str | None:
        """"zip" or "mail" for what holds other files, else None."""
        return container(self.name) if self.problem is None else None

    def content(self) -> bytes:
        """Its bytes; XlsxError or OSError when its file cannot be read (within MAX_ITEM)."""
        return self.data if self.data is not None else read_bounded(self.origin["path"], MAX_ITEM)


def container(name: str) -> str | None:
    return {".zip": "zip", ".eml": "mail"}.get(Path(name).suffix.lower())


def items(paths: list[Path], *, skip: Path | None = None) -> Iterator[Item]:
    """Every file of `paths` (folders searched recursively, in name order, the folder `skip` passed over), and
    what its archives and mails hold, each once."""
    skipped = skip.resolve() if skip is not None else None
    for path in paths:
        if path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if (Path(folder) / d).resolve() != skipped)
                for name in sorted(names):
                    if not name.startswith(("~$", ".")) and name.lower() not in SKIPPED:
                        yield from _file(Path(folder) / name)
        else:
            yield from _file(path)


def _file(path: Path) -> Iterator[Item]:
    item = Item(path.name, {"path": str(path)})
    if item.container is None:
        yield item  # read where it is stored
        return
    try:
        data = item.content()
    except OSError as exc:
        yield Item(item.name, item.origin, problem=os_reason(exc))
        return
    except XlsxError as exc:
        yield Item(item.name, item.origin, problem=file_reason(exc))
        return
    yield from expanded(Item(item.name, item.origin, data))


def expanded(item: Item) -> Iterator[Item]:
    """`item`, then what it holds when it is an archive or a mail (within MAX_DEPTH); one it cannot open
    comes with the reason instead."""
    kind = item.container
    if kind is None or len(item.inside) >= MAX_DEPTH:
        yield item
        return
    try:
        inside = list(_zip_members(item) if kind == "zip" else _attachments(item))
    except XlsxError as exc:
        yield Item(item.name, item.origin, item.data, Msg("intake.cannot_open", {"reason": file_reason(exc)}))
        return
    yield item
    for member in inside:
        yield from expanded(member)


def _zip_members(archive: Item) -> Iterator[Item]:
    z = open_zip(archive.content())  # its directory and declared sizes checked, zip bombs refused
    budget = MAX_TOTAL
    for info in z.infolist():
        if info.is_dir():
            continue
        name = _member_name(info)
        budget -= info.file_size
        if budget < 0:
            raise XlsxError("too_large", f"over {MAX_TOTAL} bytes unpacked")
        try:
            data = z.read(info)  # at most its declared size, which `open_zip` bounded; a lie fails the CRC
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            yield _member(archive, name, b"", Msg("intake.bad_member", {"detail": type(exc).__name__}))
            continue
        yield _member(archive, name, data)


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it: zips made on Chinese Windows store GBK without saying so, and
    Python reads those as code page 437."""
    if info.flag_bits & 0x800:  # the name is UTF-8, as the zip says
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _attachments(mail: Item) -> Iterator[Item]:
    try:
        message = email.message_from_bytes(mail.content(), policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 — the parser raises what a broken mail makes it raise
        raise XlsxError("bad_xml", f"mail: {type(exc).__name__}") from None
    headers = {key: _header(message, key) for key in ("from", "date", "subject")}
    budget = MAX_TOTAL
    for part in message.walk():
        name = part.get_filename()
        if not name or part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        budget -= len(data)
        if budget < 0 or len(data) > MAX_PART:
            raise XlsxError("too_large", f"attachments of over {MAX_TOTAL} bytes")
        yield _member(mail, PurePosixPath(name.replace("\\", "/")).name, data, mail=headers)


def _header(message: EmailMessage | Any, key: str) -> str:
    try:
        return str(message.get(key) or "")
    except Exception:  # noqa: BLE001 — a malformed header is shown as nothing, the mail still read
        return ""


def _member(container: Item, path: str, data: bytes, problem: Msg | None = None, **more: Any) -> Item:
    origin = {**container.origin, "in": [*container.inside, container.name], "member": path, **more}
    return Item(PurePosixPath(path).name or path, origin, data, problem)
