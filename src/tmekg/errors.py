"""The exception tree of tmekg.

The library raises these; only the CLI maps them to exit codes (1 not found, 2 bad input).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AmbiguousNameError",
    "InputError",
    "KindMismatchError",
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
    """A name or id matched nothing; ``suggestions`` holds the nearest names (``(id, label, kind)``, nearest
    first), said as "did you mean ...?", and ``known`` (for a short list such as the query catalogue) every name
    there is."""

    def __init__(
        self,
        name: str,
        what: str = "entity",
        suggestions: list[tuple[str, str, str]] | None = None,
        known: list[str] | None = None,
    ) -> None:
        self.name = name
        self.suggestions = list(suggestions or [])
        message = f"no {what} matches {name!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(_named(*s) for s in self.suggestions) + "?"
        if known is not None:
            message += f"; known: {', '.join(known) or 'none'}"
        super().__init__(message)


class AmbiguousNameError(InputError):
    """A name matched several entities equally well: ``candidates`` are ``(id, label)``, best first, and
    ``kinds`` their kinds."""

    def __init__(self, name: str, candidates: list[tuple[str, str]], kinds: list[str] | None = None) -> None:
        self.name = name
        self.candidates = candidates
        self.kinds = list(kinds) if kinds else [""] * len(candidates)
        listed = ", ".join(
            f"{cid} ({label}, {kind})" if kind else f"{cid} ({label})"
            for (cid, label), kind in zip(candidates, self.kinds, strict=True)
        )
        super().__init__(f"{name!r} is ambiguous; use one of: {listed}")


class KindMismatchError(NotFoundError):
    """Nothing of the kind asked for matches, but the name is an entity of another kind (``therapy PD-1``):
    ``found`` is that entity (``(id, label, kind)``) and ``alternatives`` the entities of the wanted kind that
    relate to it (for a therapy: those acting on it, ``(id, label, how)``)."""

    def __init__(
        self, name: str, found: tuple[str, str, str], wanted: str, alternatives: list[tuple[str, str, str]]
    ) -> None:
        self.found = found
        self.wanted = wanted
        self.alternatives = alternatives
        message = f"{name!r} is a {found[2]}, {found[1]} [{found[0]}], not a {wanted}"
        if wanted == "therapy":
            if alternatives:
                message += "; therapies acting on it: " + ", ".join(_named(*a) for a in alternatives)
            else:
                message += "; no therapy in the graph acts on it"
        super().__init__(name, wanted)
        self.args = (message,)


def _named(entity_id: str, label: str, note: str) -> str:
    return f"{label} [{entity_id}]" + (f" ({note})" if note else "")


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
