"""The one exception family of the library: misuse and unusable inputs, never bad data."""

from __future__ import annotations

from . import messages


class NianbaoError(Exception):
    """A problem the user must fix before a command can run, worded by a message key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params

    def message(self, lang: str = "zh") -> str:
        return messages.text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class SpecError(Exception):
    """A template or rules file of the toolkit itself is broken (a maintainer's problem)."""


class RosterError(NianbaoError):
    """A roster cannot be used (missing column, duplicate code, unreadable file…)."""
