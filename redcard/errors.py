"""Problems a user can fix, each said in one line: where it is, what is wrong, how to fix it.

A `Notice` is the one shape every error, warning and `check` finding takes. Where a problem
comes from a setting (a value passed to the library, a command-line option, a key of
`redcard.yaml`), `setting` names it as the library spells it (`start_slot`); a front end shows
it its own way (the command line says `--start-slot`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

MAX_LINE = 280  # a message stays one short line, whatever the input it quotes
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def visible(text: str) -> str:
    """`text` with every control, format or unassigned character shown as its code (\\u202e),
    so a message can neither break the line nor be reordered by what it quotes."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in _INVISIBLE and c != " "
                   else c for c in text)


def _cut(text: str, limit: int, keep_end: bool = False) -> str:
    if len(text) <= limit:
        return text
    return "…" + text[-(limit - 1):] if keep_end else text[:limit - 1] + "…"


@dataclass(frozen=True)
class Notice:
    what: str
    file: str | None = None
    setting: str | None = None  # the setting whose value is at fault, e.g. "start_slot"
    field: str | None = None  # a field inside the file or the value, e.g. "front.points[2]"
    fix: str | None = None
    severity: str = "error"  # or "warning"

    def where(self, setting_name: Callable[[str], str] | None = None) -> str:
        setting = self.setting and (setting_name(self.setting) if setting_name
                                    else self.setting)
        return ": ".join(part for part in (self.file, setting, self.field) if part)

    def one_line(self, setting_name: Callable[[str], str] | None = None) -> str:
        """`file: setting: field: what (fix: ...)`, leaving out the parts that are empty; at
        most MAX_LINE characters, invisible characters shown as codes."""
        setting = self.setting and (setting_name(self.setting) if setting_name
                                    else self.setting)
        file, setting, field, what, fix = (visible(part or "") for part in (
            self.file, setting, self.field, self.what, self.fix))
        file, setting, field = _cut(file, 120, keep_end=True), _cut(setting, 30), _cut(field, 50)
        where = ": ".join(part for part in (file, setting, field) if part)
        room = MAX_LINE - len(where) - len(" (fix: )") - 2
        if len(what) + len(fix) > room:
            what = _cut(what, max(room - min(len(fix), room // 3), 40))
            fix = _cut(fix, max(room - len(what), 20))
        text = f"{where}: {what}" if where else what
        return _cut(f"{text} (fix: {fix})" if fix else text, MAX_LINE)

    def as_dict(self, setting_name: Callable[[str], str] | None = None) -> dict[str, str]:
        """For JSON output: the place inside the file (or the setting) as one `field`."""
        setting = self.setting and (setting_name(self.setting) if setting_name
                                    else self.setting)
        field = ": ".join(part for part in (setting, self.field) if part)
        return {"severity": self.severity, "file": self.file or "", "field": field,
                "message": self.what, "fix": self.fix or ""}


class RedcardError(Exception):
    """A problem with the user's input or request; front ends show `notice.one_line()`."""

    def __init__(self, what: str, *, file: str | None = None, setting: str | None = None,
                 field: str | None = None, fix: str | None = None) -> None:
        self.notice = Notice(what, file=file, setting=setting, field=field, fix=fix)
        super().__init__(self.notice.one_line())

    @property
    def what(self) -> str:
        return self.notice.what

    @property
    def file(self) -> str | None:
        return self.notice.file

    @property
    def setting(self) -> str | None:
        return self.notice.setting

    @property
    def field(self) -> str | None:
        return self.notice.field

    @property
    def fix(self) -> str | None:
        return self.notice.fix

    def one_line(self, setting_name: Callable[[str], str] | None = None) -> str:
        return self.notice.one_line(setting_name)


class ContentError(RedcardError):
    """A card YAML file is malformed or incomplete."""


class FontCoverageError(RedcardError):
    """A character on a card has no font in its language's fallback chain."""


class FitError(RedcardError):
    """Text does not fit its box at the minimum legible size, or cards do not fit the paper."""


class SettingsError(RedcardError):
    """A print setting (template, card, theme, slots, copies, ...) cannot be used as given."""
