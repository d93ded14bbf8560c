"""The one exception family of the library: misuse and unusable inputs, never bad data."""

from __future__ import annotations

import errno

from . import messages


def file_reason(exc: XlsxError) -> messages.Msg:
    """Why a file could not be read (its words in the catalogue: `reason.file.<kind>`)."""
    key = f"reason.file.{exc.kind}"
    return messages.Msg(key if key in messages.MESSAGES else "reason.file.bad_xml")


def os_reason(exc: BaseException) -> messages.Msg | str:
    """Why the system refused: the catalogue's words for the errors we know (`reason.os.ENOENT`), else the
    system's own."""
    code = errno.errorcode.get(getattr(exc, "errno", None) or -1, "")
    key = f"reason.os.{code}"
    return messages.Msg(key) if key in messages.MESSAGES else getattr(exc, "strerror", None) or str(exc)


class NianbaoError(Exception):
    """A problem the user must fix before a command can run, worded by a message key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params

    def message(self, lang: str = "zh") -> str:
        params = {k: os_reason(v) if isinstance(v, OSError) else file_reason(v) if isinstance(v, XlsxError) else v
                  for k, v in self.params.items()}
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


class UsageError(NianbaoError):
    """Bad usage caught after argparse (a path that does not exist): exit 2."""


class RosterError(NianbaoError):
    """A roster cannot be used (missing column, duplicate code, unreadable file…)."""
