"""Errors a user can fix, each carrying where the problem is and how to fix it."""

from __future__ import annotations


class RedcardError(Exception):
    """A problem with the user's input or request; the CLI prints it as one line."""

    def __init__(self, what: str, *, file: str | None = None, field: str | None = None,
                 fix: str | None = None) -> None:
        self.what = what
        self.file = file
        self.field = field
        self.fix = fix
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ": ".join(part for part in (self.file, self.field) if part)
        text = f"{where}: {self.what}" if where else self.what
        return f"{text} (fix: {self.fix})" if self.fix else text


class ContentError(RedcardError):
    """A card YAML file is malformed or incomplete."""


class FontCoverageError(RedcardError):
    """A character on a card has no font in its language's fallback chain."""


class FitError(RedcardError):
    """Text does not fit its box at the minimum legible size, or cards do not fit the paper."""
