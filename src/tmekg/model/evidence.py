"""The evidence records: references (with where each was confirmed, :class:`Confirmation`) and clinical trials."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from tmekg.model.base import Record, row_error
from tmekg.vocab import (
    SourceKind,
    TrialPhase,
    TrialResult,
)

_LOCATORS: dict[SourceKind, tuple[re.Pattern[str], str]] = {
    SourceKind.PAGE: (re.compile(r"https?://[^\s<>\"{}|\\^`]+", re.ASCII), "an http(s) URL"),
    SourceKind.PMC: (re.compile(r"PMC[1-9][0-9]*", re.ASCII), "a PMCID such as PMC2194180"),
    SourceKind.PUBMED: (re.compile(r"[1-9][0-9]*", re.ASCII), "a PMID such as 12913096"),
    SourceKind.SITE: (
        re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}", re.ASCII),
        "a host name such as pubmed.ncbi.nlm.nih.gov",
    ),
    SourceKind.CODE: (re.compile(r"[1-9][0-9]*", re.ASCII), "the file id of the code search"),
}

_CHECKED_FORM = (
    "write KIND: LOCATOR, then any note, with KIND one of "
    + ", ".join(f"{kind.value} ({text})" for kind, (_, text) in _LOCATORS.items())
    + "; e.g. 'page: https://pubmed.ncbi.nlm.nih.gov/11015443/ (title, authors)'"
)


@dataclass(frozen=True)
class Confirmation:
    """Where an identifier was confirmed: the kind of source, its locator, and the curator's note (the rest of the
    ``checked_against`` cell: what was seen, further sources, ``PARTIAL``)."""

    kind: SourceKind
    locator: str
    note: str

    @classmethod
    def parse(cls, text: str) -> Confirmation:
        """Read a ``checked_against`` cell; :class:`ValueError` saying what is wrong when it has no structure.

        >>> Confirmation.parse("pmc: PMC2194180 (PMID, title)").locator
        'PMC2194180'
        >>> Confirmation.parse("seen it")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: 'seen it' does not say where: write KIND: LOCATOR, ...
        """
        head, sep, rest = text.partition(": ")
        try:
            kind = SourceKind(head)
        except ValueError:
            raise ValueError(f"{_clip(text)!r} does not say where: {_CHECKED_FORM}") from None
        locator, _, note = rest.partition(" ")
        pattern, wanted = _LOCATORS[kind]
        if not sep or not pattern.fullmatch(locator):
            raise ValueError(f"the locator {_clip(locator)!r} of a {kind.value} source is not {wanted}")
        if kind is SourceKind.PAGE:
            host = (urlsplit(locator).hostname or "").removesuffix(".")  # a fully qualified name may end in '.'
            if not _LOCATORS[SourceKind.SITE][0].fullmatch(host) and not _IPV4.fullmatch(host):
                raise ValueError(f"the URL {_clip(locator)!r} has no valid host name")
        return cls(kind, locator, note)


_IPV4 = re.compile(r"(?:\d{1,3}\.){3}\d{1,3}", re.ASCII)


def _clip(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _confirmation(column: str, value: str | None) -> None:
    if value:
        try:
            Confirmation.parse(value)
        except ValueError as exc:
            raise row_error(column, str(exc)) from None


class Reference(Record):
    """A publication cited as evidence."""

    curie_fields: ClassVar[dict[str, frozenset[str]]] = {"id": frozenset({"PMID", "DOI"})}

    id: str = Field(min_length=1, description="PMID: or DOI: CURIE")
    authors: str = Field(min_length=1, description="First author and initials, then 'et al.'")
    year: int = Field(ge=1900, le=2100, description="Publication year")
    title: str = Field(min_length=1, description="Article title")
    journal: str = Field(min_length=1, description="Journal abbreviation")
    doi: str | None = Field(
        default=None,
        pattern=r"^10\.[0-9]{4,9}/(?:[-._;()/:A-Za-z0-9]|%[0-9A-Fa-f]{2})+$",
        description="DOI without prefix",
    )
    checked_against: str | None = Field(
        default=None,
        description="Where the identifier was confirmed with the title and authors: KIND: LOCATOR (page: URL, "
        "pmc: PMCID, pubmed: PMID, site: host name, code: file id of a code search), then a note; empty = "
        "unconfirmed, which validate reports; PARTIAL marks a detail not seen",
    )

    @model_validator(mode="after")
    def _checked(self) -> Reference:
        _confirmation("checked_against", self.checked_against)
        return self

    @property
    def confirmation(self) -> Confirmation | None:
        """Where the identifier was confirmed, read from ``checked_against`` (``None`` when unconfirmed)."""
        return Confirmation.parse(self.checked_against) if self.checked_against else None

    @property
    def confirmed(self) -> bool:
        """Whether the identifier was confirmed somewhere (``checked_against`` names a source and its locator)."""
        return bool(self.checked_against)

    @property
    def partial(self) -> bool:
        """Confirmed, but with a detail (authors, DOI) not seen on the confirming page: ``PARTIAL`` in
        ``checked_against`` says which."""
        return "PARTIAL" in (self.checked_against or "")


class Trial(Record):
    """A clinical trial: evidence about a therapy or a combination in a cancer."""

    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "id": frozenset({"clinicaltrials"}),
        "cancers": frozenset({"MONDO"}),
        "experimental": frozenset({"DRUGBANK", "CHEBI", "NCIT", "tmekg"}),
        "comparator": frozenset({"DRUGBANK", "CHEBI", "NCIT", "tmekg"}),
        "publications": frozenset({"PMID", "DOI"}),
    }

    id: str = Field(min_length=1, description="Registry id, clinicaltrials:NCT01234567")
    name: str = Field(min_length=1, description="The trial's name as published (ECHO-301/KEYNOTE-252)")
    phase: TrialPhase = Field(description="Trial phase")
    randomized: bool = Field(description="Whether arms were randomized: true or false")
    cancers: tuple[str, ...] = Field(min_length=1, description="MONDO ids of the cancers studied")
    experimental: tuple[str, ...] = Field(min_length=1, description="Therapies given together in the experimental arm")
    comparator: tuple[str, ...] = Field(default=(), description="Therapies of the control arm (when in the table)")
    comparator_note: str | None = Field(
        default=None,
        description="The control arm in words (placebo + X)",
        json_schema_extra={"when": "randomized, with no comparator therapy"},
    )
    endpoint: str = Field(min_length=1, description="Primary endpoint(s)")
    result: TrialResult = Field(description="The result on the primary endpoint(s)")
    result_note: str | None = Field(default=None, description="One sentence on the result")
    publications: tuple[str, ...] = Field(default=(), description="Reference ids of the primary results")
    checked_against: str = Field(
        min_length=1,
        description="Where the registry id and the result were confirmed: KIND: LOCATOR, then a note (as in "
        "references.csv)",
    )

    @field_validator("randomized", mode="before")
    @classmethod
    def _bool(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value not in {"true", "false"}:
                raise row_error("randomized", f"write true or false, not {value!r}")
            return value == "true"
        return value

    @model_validator(mode="after")
    def _rules(self) -> Trial:
        _confirmation("checked_against", self.checked_against)
        if self.randomized and not (self.comparator or self.comparator_note):
            raise row_error("comparator_note", "a randomized trial says what the control arm received")
        both = set(self.experimental) & set(self.comparator)
        if both and set(self.experimental) == set(self.comparator):
            raise row_error("comparator", "the control arm equals the experimental arm")
        return self

    @property
    def therapies(self) -> frozenset[str]:
        return frozenset(self.experimental)
