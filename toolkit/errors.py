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


FILE_REASONS = {
    "not_zip": ("不是 Excel 工作簿，或文件不完整（下载、复制可能中断）", "not an Excel workbook, or truncated"),
    "legacy": ("这是 .xls/.et 文件，但无法读取，请用 Excel 或 WPS 另存为 .xlsx",
               "an .xls/.et file that cannot be read: save it as .xlsx in Excel or WPS"),
    "not_workbook": ("这是压缩包但不是 Excel 工作簿（如 Word 文档、.ods）", "a zip archive but not an Excel workbook"),
    "too_large": ("文件过大或压缩比异常，已拒绝读取", "too large, or compressed suspiciously: refused"),
    "bad_xml": ("文件内部结构已损坏", "the file's internal structure is damaged"),
    "not_a_file": ("不是普通文件（设备、管道或套接字），无法作为工作簿读取",
                   "not a regular file (a device, a pipe or a socket)"),
    # what units send instead of a workbook, told by its name when its content cannot be read
    "xlsb": ("这是 .xlsb（Excel 二进制工作簿），无法读取，请另存为 .xlsx",
             "an .xlsb binary workbook: save it as .xlsx"),
    "csv": ("这是 CSV 文本文件，不是统计表工作簿，请报送下发的 .xlsx 表",
            "a CSV text file, not the workbook: send the .xlsx that was sent out"),
    "archive": ("这是压缩包，请解压后报送其中的统计表（.xlsx）", "an archive: unpack it and send the workbook inside"),
    "document": ("这是文档（Word、WPS 文字或 PDF），不是统计表工作簿，请报送下发的 .xlsx 表",
                 "a document (Word, WPS or PDF), not the workbook: send the .xlsx that was sent out"),
    "template": ("这是模板文件，请另存为 .xlsx 后报送", "a template file: save it as .xlsx and send that"),
    "too_slow": ("文件过于复杂，读取超时，已拒绝读取", "so complex that reading it took too long: refused"),
    "reader_failed": ("文件过大或结构异常，读取时超出限制，已拒绝读取",
                      "too large or malformed: reading it went past the limits, refused"),
    "unexpected": ("读取时遇到本工具未预料的情况，请把文件发给维护人员",
                   "something this tool did not foresee; please send the file to its maintainers"),
}


def file_reason(exc: XlsxError, lang: str = "zh") -> str:
    """Why a file could not be read, in the user's language."""
    return FILE_REASONS.get(exc.kind, FILE_REASONS["bad_xml"])[lang == "en"]


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
        params = {k: os_reason(v, lang) if isinstance(v, OSError) else file_reason(v, lang)
                  if isinstance(v, XlsxError) else v for k, v in self.params.items()}
        return messages.text(self.key, lang, **params)

    def __str__(self) -> str:
        return self.message()


class XlsxError(Exception):
    """A file cannot be read as a workbook; `kind` says why, for the message the user gets."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind, self.detail = kind, detail

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # across processes (the sandbox, the pool)
        return XlsxError, (self.kind, self.detail)


class SpecError(Exception):
    """A template or rules file of the toolkit itself is broken (a maintainer's problem)."""


class RosterError(NianbaoError):
    """A roster cannot be used (missing column, duplicate code, unreadable file…)."""
