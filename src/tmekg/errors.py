"""The exception tree of tmekg.

The library raises these; only the CLI maps them to exit codes (1 not found, 2 bad input).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AmbiguousNameError",
    "InputError",
    "NotFoundError",
    "Problem",
    "SeedError",
    "TmekgError",
]


class TmekgError(Exception):
    """Root of every error tmekg raises on purpose."""


class InputError(TmekgError):
    """The user's input (a file, an option, a parameter) is not usable."""


class NotFoundError(TmekgError):
    """A name or id matched nothing."""

    def __init__(self, name: str, what: str = "entity") -> None:
        super().__init__(f"no {what} matches {name!r}")
        self.name = name


class AmbiguousNameError(InputError):
    """A name matched several entities equally well."""

    def __init__(self, name: str, candidates: list[tuple[str, str]]) -> None:
        listed = ", ".join(f"{cid} ({label})" for cid, label in candidates)
        super().__init__(f"{name!r} is ambiguous; use one of: {listed}")
        self.name = name
        self.candidates = candidates


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a seed table: where it is and how to fix it.

    ``row`` is the 1-based record number counting the header as row 1 (0 when the problem is about the whole
    file); ``column`` is the column name, or empty. ``severity`` is ``error`` (the seed does not load),
    ``warning`` (it loads; fix it) or ``note`` (reported for the record, e.g. an id with no ontology term).
    """

    file: str
    row: int
    column: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        text = f"{where}: {self.message}" if self.severity == "error" else f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class SeedError(InputError):
    """The seed tables hold one or more problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else ""
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{count} problem(s) in the seed tables: {first}{more}")
