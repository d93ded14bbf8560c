"""The one exception family of the library: misuse and unusable inputs, never bad data."""

from __future__ import annotations

import errno

from . import messages

OS_REASONS = {
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("没有权限", "permission denied"),
    errno.ENOSPC: ("磁盘空间不足", "the disk is full"),
    errno.EROFS: ("磁盘只读", "the disk is read-only"),
    errno.EISDIR: ("这是一个文件夹", "it is a folder"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "part of the path is not a folder"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
}


def os_reason(exc: BaseException, lang: str = "zh") -> str:
    """Why the system refused, in the user's language where we know the words."""
    known = OS_REASONS.get(getattr(exc, "errno", None) or -1)
    if known:
        return known[lang == "en"]
    return getattr(exc, "strerror", None) or str(exc)


class NianbaoError(Exception):
    """A problem the user must fix before a command can run, worded by a message key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params

    def message(self, lang: str = "zh") -> str:
        params = {k: os_reason(v, lang) if isinstance(v, OSError) else v for k, v in self.params.items()}
        return messages.text(self.key, lang, **params)

    def __str__(self) -> str:
        return self.message()


class XlsxError(Exception):
    """A file cannot be read as a workbook; `kind` says why, for the message the user gets."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind, self.detail = kind, detail


class SpecError(Exception):
    """A template or rules file of the toolkit itself is broken (a maintainer's problem)."""


class RosterError(NianbaoError):
    """A roster cannot be used (missing column, duplicate code, unreadable file…)."""
