"""The typed, frozen model of tmekg: entities, interactions, therapy actions, references.

Every record validates itself (types, enums, CURIE syntax, rules within one row). Rules that span records
(dangling references, unique ids, derived outcomes) live in :mod:`tmekg.validate`. Records accept seed-table
rows directly: an empty cell means "no value" and a ``|``-separated cell fills a tuple field.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Literal, Self, TypeVar, overload
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from tmekg.actions import spec
from tmekg.text import refused_character
from tmekg.vocab import (
    Action,
    Aspect,
    Confidence,
    Direction,
    EntityKind,
    EvidenceLevel,
    FormKind,
    HijackedCategory,
    Mechanism,
    Modality,
    MoleculeCategory,
    MoleculeType,
    RequirementKind,
    Role,
    Site,
    SourceKind,
    Species,
    TherapyStatus,
    TrialPhase,
    TrialResult,
    TumorOutcome,
    curie_error,
)

__all__ = [
    "Cancer",
    "CellType",
    "Change",
    "Confirmation",
    "Entity",
    "Interaction",
    "MediatorSite",
    "Molecule",
    "NormalFunction",
    "Participant",
    "Process",
    "Record",
    "Reference",
    "Requirement",
    "Therapy",
    "TherapyAction",
    "Trial",
]

Sign = Literal[1, -1]
T = TypeVar("T")


class cached_property(Generic[T]):
    """A computed attribute stored on first use (``functools.cached_property`` takes a lock per first access on
    Python 3.11, which costs seconds over 10^5 interactions). Only for frozen records."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value: T = self.func(instance)
        instance.__dict__[self.name] = value
        return value


_new = object.__new__
_set = object.__setattr__


_FIELD_SETS: dict[type, frozenset[str]] = {}


def _rebuild(cls: type[BaseModel], values: dict[str, Any]) -> BaseModel:
    """A record from its values (fields and cached derived values), as :meth:`Record.__reduce__` wrote them; no
    validation."""
    names = _FIELD_SETS.get(cls)
    if names is None:
        names = _FIELD_SETS[cls] = frozenset(cls.model_fields)
    record = _new(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", set(names))
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


def _is_tuple(annotation: Any) -> bool:
    return typing.get_origin(annotation) is tuple


def _is_optional(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def row_error(column: str, message: str) -> PydanticCustomError:
    """An error about one column of a record, raised from a model validator."""
    return PydanticCustomError("tmekg_row", "{message}", {"column": column, "message": message})


class Record(BaseModel):
    """Base of every record: frozen, no unknown fields, seed-row friendly."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, ignored_types=(cached_property,))

    #: Fields that hold CURIEs, with the prefixes each may use.
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as (class, values): a record is rebuilt without validation, which is what the persistent store
        needs (it only loads what a validated build wrote; see :mod:`tmekg.store`). Values derived from the fields
        and cached (participants ...) travel with them."""
        return (_rebuild, (type(self), dict(self.__dict__)))  # with the derived values cached so far

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` applied; values cached from the old fields (participants ...) are dropped."""
        copied = super().model_copy(update=update, deep=deep)
        for name in [k for k in copied.__dict__ if k not in type(self).model_fields]:
            del copied.__dict__[name]
        return copied

    @classmethod
    def _cell_kinds(cls) -> dict[str, tuple[bool, bool]]:
        """Per field: (is a tuple, is required) — computed once per class (reading a seed calls this per row)."""
        kinds: dict[str, tuple[bool, bool]] | None = cls.__dict__.get("_kinds_cache")
        if kinds is None:
            kinds = {name: (_is_tuple(f.annotation), f.is_required()) for name, f in cls.model_fields.items()}
            type.__setattr__(cls, "_kinds_cache", kinds)
        return kinds

    @model_validator(mode="before")
    @classmethod
    def _from_cells(cls, data: Any) -> Any:
        """Turn seed cells into field values: '' -> default, 'a|b' -> tuple; refuse stray whitespace."""
        if not isinstance(data, dict):
            return data
        kinds = cls._cell_kinds()
        out: dict[str, Any] = {}
        for key, value in data.items():
            kind = kinds.get(key)
            if kind is None or not isinstance(value, str):
                out[key] = value
                continue
            is_tuple, required = kind
            if value == "":
                if required:  # the field's own check then says the cell is required
                    out[key] = () if is_tuple else value
                continue
            if value[0].isspace() or value[-1].isspace():
                raise row_error(key, f"stray whitespace around {value!r}; remove it (`tmekg lint` does)")
            refused = refused_character(value)
            if refused:
                raise row_error(
                    key,
                    f"line break, control or invisible character ({refused}) inside {value!r}; keep a cell on one "
                    "line of visible text",
                )
            if is_tuple:
                parts = value.split("|") if value else []
                for part in parts:
                    if part != part.strip() or not part:
                        raise row_error(key, f"bad list {value!r}: items are separated by '|' with no spaces")
                if len(set(parts)) != len(parts):
                    raise row_error(key, f"list {value!r} repeats an item")
                out[key] = tuple(parts)
            else:
                out[key] = value
        return out

    @model_validator(mode="after")
    def _check_curies(self) -> Record:
        for name, allowed in self.curie_fields.items():
            value = getattr(self, name)
            values = value if isinstance(value, tuple) else (value,) if value else ()
            for curie in values:
                problem = curie_error(curie, allowed)
                if problem:
                    raise row_error(name, f"bad CURIE {curie!r}: {problem}")
        return self


class Entity(Record):
    """Something with an id and a name that interactions and therapies refer to."""

    kind: ClassVar[EntityKind]

    id: str = Field(min_length=1, description="CURIE of the entity")
    label: str = Field(min_length=1, description="Display name; the ontology label for ontology ids")
    synonyms: tuple[str, ...] = Field(default=(), description="Other names users type")
    description: str = Field(default="", description="One sentence on the entity")

    def names(self) -> tuple[str, ...]:
        """Every name this entity answers to, besides its id."""
        return (self.label, *self.synonyms)


class CellType(Entity):
    """A cell type or cell state (CL id, or a tmekg id with a CL parent)."""

    kind: ClassVar[EntityKind] = EntityKind.CELL_TYPE
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "id": frozenset({"CL", "tmekg"}),
        "broader": frozenset({"CL", "tmekg"}),
    }

    broader: str | None = Field(
        default=None,
        description="The cell type of the table it is a kind or state of: its nearest Cell Ontology ancestor in "
        "the table, or a tmekg: parent (TREM2+ TAM -> TAM); every chain ends at a CL term",
        json_schema_extra={"when": "tmekg: ids"},
    )
    context: str | None = Field(default=None, description="Where the state exists, e.g. tumor microenvironment")
    description: str = Field(min_length=1, description="What the cell is and how it is recognised")

    @model_validator(mode="after")
    def _broader_for_local(self) -> CellType:
        if self.id.startswith("tmekg:") and not self.broader:
            raise row_error("broader", f"{self.id} is not a Cell Ontology term; give its parent cell type")
        if self.broader == self.id:
            raise row_error("broader", "a cell type cannot be its own parent")
        return self


class Molecule(Entity):
    """A protein (HGNC), a complex of proteins (tmekg) or a metabolite (ChEBI)."""

    kind: ClassVar[EntityKind] = EntityKind.MOLECULE
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "id": frozenset({"HGNC", "CHEBI", "tmekg"}),
        "subunits": frozenset({"HGNC"}),
        "form_of": frozenset({"HGNC", "tmekg"}),
        "made_by": frozenset({"HGNC"}),
    }

    molecule_type: MoleculeType = Field(description="What kind of molecule it is")
    symbol: str | None = Field(
        default=None, description="HGNC approved symbol (CD274)", json_schema_extra={"when": "proteins"}
    )
    uniprot: str | None = Field(
        default=None,
        pattern=r"^[OPQ][0-9][A-Z0-9]{3}[0-9]$|^[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2}$",
        description="UniProt accession (Q9NZQ7)",
        json_schema_extra={"when": "proteins"},
    )
    subunits: tuple[str, ...] = Field(
        default=(),
        description="Protein ids of a complex's subunits (at least two)",
        json_schema_extra={"when": "complexes"},
    )
    form_of: str | None = Field(
        default=None,
        description="The protein or complex it is a form of (soluble MICA -> MICA)",
        json_schema_extra={"when": "forms"},
    )
    form: FormKind | None = Field(
        default=None, description="How the form differs from its molecule", json_schema_extra={"when": "forms"}
    )
    made_by: tuple[str, ...] = Field(
        default=(), description="Protein ids of the enzymes that make a form (ADAM10 and ADAM17 shed MICA)"
    )
    categories: tuple[MoleculeCategory, ...] = Field(min_length=1, description="Functional categories")
    description: str = Field(min_length=1, description="Its role in the tumor microenvironment")

    @model_validator(mode="after")
    def _by_type(self) -> Molecule:
        kind = self.molecule_type
        expected: dict[MoleculeType, tuple[str, ...]] = {
            MoleculeType.PROTEIN: ("HGNC:",),
            MoleculeType.COMPLEX: ("tmekg:",),
            # a metabolite class that ChEBI lacks (GD2 ganglioside) takes a tmekg: id; grounding reports it
            MoleculeType.METABOLITE: ("CHEBI:", "tmekg:"),
            MoleculeType.FORM: ("tmekg:",),
        }
        if not self.id.startswith(expected[kind]):
            wanted = " or ".join(repr(p) for p in expected[kind])
            raise row_error("id", f"a {kind.value} has an id starting with {wanted}, not {self.id!r}")
        if kind is MoleculeType.PROTEIN:
            if not self.symbol:
                raise row_error("symbol", "a protein needs its HGNC approved symbol")
            if not self.uniprot:
                raise row_error("uniprot", "a protein needs its UniProt accession")
        else:
            for name in ("symbol", "uniprot"):
                if getattr(self, name):
                    raise row_error(name, f"only proteins have a {name}; leave it empty for a {kind.value}")
        if kind is MoleculeType.COMPLEX and len(self.subunits) < 2:
            raise row_error("subunits", "a complex lists at least two protein subunits")
        if kind is not MoleculeType.COMPLEX and self.subunits:
            raise row_error("subunits", f"only complexes have subunits; leave it empty for a {kind.value}")
        if kind is MoleculeType.FORM:
            if not self.form_of:
                raise row_error("form_of", "a form names the protein or complex it is a form of")
            if self.form is None:
                raise row_error("form", "say which form it is: shed, soluble or exosomal")
            if self.form_of == self.id:
                raise row_error("form_of", "a molecule cannot be a form of itself")
        else:
            for name in ("form_of", "form", "made_by"):
                if getattr(self, name):
                    raise row_error(name, f"only forms have {name}; leave it empty for a {kind.value}")
        return self

    def names(self) -> tuple[str, ...]:
        return (self.label, *((self.symbol,) if self.symbol else ()), *self.synonyms)


class Process(Entity):
    """A biological process, with its polarity toward the tumor."""

    kind: ClassVar[EntityKind] = EntityKind.PROCESS
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {"id": frozenset({"GO", "tmekg"})}

    polarity: Sign = Field(description="+1 the process helps the tumor grow, -1 it restrains the tumor")
    description: str = Field(min_length=1, description="One sentence on the process")

    @field_validator("polarity", mode="before")
    @classmethod
    def _sign(cls, value: Any) -> Any:
        return _parse_sign(value)


class Therapy(Entity):
    """A drug, biologic or cell therapy."""

    kind: ClassVar[EntityKind] = EntityKind.THERAPY
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "id": frozenset({"DRUGBANK", "CHEBI", "NCIT", "tmekg"}),
    }

    modality: Modality = Field(description="What kind of agent it is")
    status: TherapyStatus = Field(description="Approved, trial phase, or discontinued")
    approval_year: int | None = Field(
        default=None,
        ge=1950,
        le=2100,
        description="Year of first approval (FDA or EMA, whichever first, for any indication)",
        json_schema_extra={"when": "approved"},
    )
    description: str = Field(min_length=1, description="What it is and what it targets")

    @model_validator(mode="after")
    def _year(self) -> Therapy:
        if self.status is TherapyStatus.APPROVED and self.approval_year is None:
            raise row_error("approval_year", "an approved therapy needs the year of its first approval")
        return self


class Cancer(Entity):
    """A cancer (MONDO), the context of an assertion."""

    kind: ClassVar[EntityKind] = EntityKind.CANCER
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "id": frozenset({"MONDO"}),
        "broader": frozenset({"MONDO"}),
    }

    broader: tuple[str, ...] = Field(
        default=(), description="Its nearest MONDO ancestors among the cancers of the table (subsumption)"
    )

    @model_validator(mode="after")
    def _not_own_parent(self) -> Cancer:
        if self.id in self.broader:
            raise row_error("broader", "a cancer cannot be its own parent")
        return self


class NormalFunction(Record):
    """A normal physiological function that tumors co-opt (the controlled vocabulary of ``hijacked_function``)."""

    curie_fields: ClassVar[dict[str, frozenset[str]]] = {"id": frozenset({"tmekg"})}

    id: str = Field(min_length=1, description="tmekg:fn_ id of the function")
    label: str = Field(min_length=1, description="The function in a few words")
    category: HijackedCategory = Field(description="The kind of normal function (peripheral tolerance, ...)")
    description: str = Field(min_length=1, description="One sentence on its normal role")


#: How the locator of each kind of source is written (see :class:`~tmekg.vocab.SourceKind`).
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


class _Pair(BaseModel):
    """A ``molecule=value`` item of a qualifier column; serialised back to that text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    molecule: str = Field(min_length=1, description="Molecule id of the participant")

    _column: ClassVar[str] = ""
    _form: ClassVar[str] = ""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        molecule, sep, value = data.partition("=")
        if not sep or not molecule or not value:
            raise row_error(cls._column, f"bad item {data!r}: write {cls._form}")
        problem = curie_error(molecule, frozenset({"HGNC", "CHEBI", "tmekg"}))
        if problem:
            raise row_error(cls._column, f"bad molecule id in {data!r}: {problem}")
        return cls._fields_of(molecule, value, data)

    @classmethod
    def _fields_of(cls, molecule: str, value: str, text: str) -> dict[str, str]:
        raise NotImplementedError

    def __str__(self) -> str:
        raise NotImplementedError

    @model_serializer
    def _to_text(self) -> str:
        return str(self)


class MediatorSite(_Pair):
    """Where one mediator of an interaction sits (``HGNC:3363=sender``)."""

    _column: ClassVar[str] = "sites"
    _form: ClassVar[str] = "MOLECULE=sender|receiver|extracellular, e.g. HGNC:3363=sender"

    site: Site = Field(description="sender, receiver or extracellular")

    @classmethod
    def _fields_of(cls, molecule: str, value: str, text: str) -> dict[str, str]:
        if value not in {s.value for s in Site}:
            raise row_error("sites", f"bad site in {text!r}: use sender, receiver or extracellular")
        return {"molecule": molecule, "site": value}

    def __str__(self) -> str:
        return f"{self.molecule}={self.site.value}"


class Change(_Pair):
    """Which way one participant moved in the statement (``HGNC:914=lost/expression``)."""

    _column: ClassVar[str] = "directions"
    _form: ClassVar[str] = "MOLECULE=direction/aspect, e.g. HGNC:914=lost/expression"

    direction: Direction = Field(description="increased, decreased or lost")
    aspect: Aspect = Field(description="expression, activity, secretion or cleavage")

    @classmethod
    def _fields_of(cls, molecule: str, value: str, text: str) -> dict[str, str]:
        direction, slash, aspect = value.partition("/")
        if direction not in {d.value for d in Direction}:
            raise row_error("directions", f"bad direction in {text!r}: use increased, decreased or lost")
        if not slash or aspect not in {a.value for a in Aspect}:
            raise row_error(
                "directions", f"bad aspect in {text!r}: add /expression, /activity, /secretion or /cleavage"
            )
        return {"molecule": molecule, "direction": direction, "aspect": aspect}

    def __str__(self) -> str:
        return f"{self.molecule}={self.direction.value}/{self.aspect.value}"


@dataclass(frozen=True)
class Participant:
    """A molecule of an interaction with its role, where it sits and how it moved (``change``, if it did)."""

    molecule: str
    role: Role
    site: Site
    change: Change | None

    @property
    def direction_sign(self) -> int:
        """+1 unless the statement is about its decrease or loss."""
        return self.change.direction.sign if self.change else 1


class Interaction(Record):
    """One curated statement: who signals to whom, through what, doing what to which process."""

    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "id": frozenset({"tmekg"}),
        "source": frozenset({"CL", "tmekg"}),
        "ligand": frozenset({"HGNC", "CHEBI", "tmekg"}),
        "receptor": frozenset({"HGNC", "tmekg"}),
        "mediators": frozenset({"HGNC", "CHEBI", "tmekg"}),
        "target": frozenset({"CL", "tmekg"}),
        "process": frozenset({"GO", "tmekg"}),
        "contexts": frozenset({"MONDO"}),
        "evidence": frozenset({"PMID", "DOI"}),
        "hijacked_function": frozenset({"tmekg"}),
    }

    id: str = Field(min_length=1, description="tmekg: id naming the statement")
    source: str | None = Field(default=None, description="Sender cell type id")
    ligand: str | None = Field(default=None, description="Ligand molecule id (from the sender)")
    receptor: str | None = Field(default=None, description="Receptor molecule id (on the receiver)")
    mediators: tuple[str, ...] = Field(default=(), description="Other molecules that carry the signal")
    sites: tuple[MediatorSite, ...] = Field(
        default=(),
        description="Where each mediator sits: sender, receiver or extracellular (HGNC:3363=sender)",
        json_schema_extra={"when": "every mediator"},
    )
    directions: tuple[Change, ...] = Field(
        default=(),
        description="Participants whose change the statement is about, and how they moved (HGNC:914=lost/expression)",
    )
    target: str | None = Field(default=None, description="Receiver cell type id")
    process: str = Field(min_length=1, description="Process the statement acts on")
    effect: Sign = Field(description="+1 increases the process, -1 decreases it")
    mechanism: Mechanism = Field(description="How the signal acts")
    tumor_outcome: TumorOutcome = Field(description="Curated outcome for the tumor")
    hijacked_function: str | None = Field(
        default=None,
        description="The normal function a pro-tumor statement co-opts: a term of functions.csv",
        json_schema_extra={"when": "pro_tumor, unless an escape by loss"},
    )
    hijacked_note: str | None = Field(default=None, description="The co-opted function in the curator's words")
    outcome_note: str | None = Field(
        default=None,
        description="Why the outcome depends on context, or why this row's sign differs from another's",
        json_schema_extra={"when": "context_dependent"},
    )
    cic_step: int | None = Field(
        default=None,
        ge=1,
        le=7,
        description="Cancer-Immunity Cycle step: 1 antigen release, 2 presentation, 3 priming, 4 trafficking, "
        "5 infiltration, 6 recognition, 7 killing",
    )
    contexts: tuple[str, ...] = Field(default=(), description="MONDO ids; empty means pan-cancer")
    species: tuple[Species, ...] = Field(min_length=1, description="Species the evidence comes from")
    evidence: tuple[str, ...] = Field(min_length=1, description="Reference ids")
    evidence_level: EvidenceLevel = Field(description="Strongest level among the references")
    confidence: Confidence = Field(description="Curator's confidence in the statement")
    summary: str = Field(min_length=1, description="One sentence stating the interaction")

    @field_validator("effect", mode="before")
    @classmethod
    def _sign(cls, value: Any) -> Any:
        return _parse_sign(value)

    @model_validator(mode="after")
    def _row_rules(self) -> Interaction:
        if not (self.source or self.ligand or self.receptor or self.mediators):
            raise row_error("source", "say who or what sends the signal: source, ligand, receptor or mediators")
        if self.receptor and not (self.target or self.ligand):
            raise row_error("target", "a receptor sits on a receiver: give the target cell type or the ligand")
        if self.ligand and self.ligand == self.receptor:
            raise row_error("receptor", "ligand and receptor are the same molecule")
        if self.source and self.source == self.target and self.mechanism is Mechanism.KILLING:
            raise row_error("target", "a cell type killing itself is not a tumor-immune interaction")
        self._check_qualifiers()
        hijacks = self.tumor_outcome is TumorOutcome.PRO_TUMOR and not self.is_loss
        if hijacks and not self.hijacked_function:
            raise row_error(
                "hijacked_function",
                "a pro-tumor interaction names the normal function it co-opts, a term of functions.csv (an escape "
                "by loss of a participant says so in directions instead)",
            )
        if self.tumor_outcome is TumorOutcome.CONTEXT_DEPENDENT and not self.outcome_note:
            raise row_error("outcome_note", "say why the outcome depends on context")
        if self.tumor_outcome is not TumorOutcome.PRO_TUMOR and (self.hijacked_function or self.hijacked_note):
            column = "hijacked_function" if self.hijacked_function else "hijacked_note"
            raise row_error(column, "only a pro-tumor interaction hijacks a normal function; leave it empty")
        return self

    def _check_qualifiers(self) -> None:
        if not (self.sites or self.mediators or self.directions):
            return
        sited = [s.molecule for s in self.sites]
        if len(set(sited)) != len(sited):
            raise row_error("sites", "a mediator is listed twice in sites")
        stray = [m for m in sited if m not in self.mediators]
        if stray:
            raise row_error("sites", f"{stray[0]} is not a mediator of this row; sites lists mediators only")
        unsited = [m for m in self.mediators if m not in sited]
        if unsited:
            raise row_error(
                "sites",
                f"say where mediator {unsited[0]} sits: add {unsited[0]}=sender, =receiver or =extracellular",
            )
        changed = [c.molecule for c in self.directions]
        if len(set(changed)) != len(changed):
            raise row_error("directions", "a participant is listed twice in directions")
        molecules = self.molecules
        stray = [m for m in changed if m not in molecules]
        if stray:
            raise row_error("directions", f"{stray[0]} is not a ligand, receptor or mediator of this row")

    @cached_property
    def molecules(self) -> tuple[str, ...]:
        """Every molecule the interaction uses: ligand, receptor, then the other mediators."""
        first = tuple(m for m in (self.ligand, self.receptor) if m)
        return first + tuple(m for m in self.mediators if m not in first)

    @cached_property
    def participants(self) -> tuple[Participant, ...]:
        """Every molecule with its role, site and change, in the order of :attr:`molecules`."""
        sites = {s.molecule: s.site for s in self.sites}
        changes = {c.molecule: c for c in self.directions}
        out = []
        for molecule in self.molecules:
            if molecule == self.ligand:
                role, site = Role.LIGAND, Site.SENDER
            elif molecule == self.receptor:
                role, site = Role.RECEPTOR, Site.RECEIVER
            else:
                role, site = Role.MEDIATOR, sites.get(molecule, Site.SENDER)
            out.append(Participant(molecule, role, site, changes.get(molecule)))
        return tuple(out)

    @cached_property
    def _by_molecule(self) -> dict[str, Participant]:
        return {p.molecule: p for p in self.participants}

    def participant(self, molecule: str) -> Participant | None:
        return self._by_molecule.get(molecule)

    def sign_of(self, molecule: str) -> int:
        """The molecule's own sign toward the process: effect x (-1 when the statement is about its loss or
        decrease). "Loss of B2M decreases killing" makes B2M +1 on killing."""
        found = self._by_molecule.get(molecule)
        return self.effect * (found.direction_sign if found else 1)

    @cached_property
    def is_loss(self) -> bool:
        """An escape by loss of function: a participant is lost, or every molecule of the row went down."""
        if any(c.direction is Direction.LOST for c in self.directions):
            return True
        parts = self.participants
        return bool(parts) and all(p.direction_sign < 0 for p in parts)


class TherapyAction(Record):
    """What a therapy does to one target."""

    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "therapy": frozenset({"DRUGBANK", "CHEBI", "NCIT", "tmekg"}),
        "target": frozenset({"HGNC", "CHEBI", "CL", "tmekg"}),
        "effector": frozenset({"CL", "tmekg"}),
        "process": frozenset({"GO", "tmekg"}),
        "evidence": frozenset({"PMID", "DOI"}),
    }

    therapy: str = Field(min_length=1, description="Therapy id")
    target: str = Field(min_length=1, description="Molecule or cell type id (the antigen of a drug-made action)")
    action: Action = Field(description="What the therapy does to the target (see the actions below)")
    effector: tuple[str, ...] = Field(
        default=(),
        description="The cell types that do the killing (T cell, NK cell, macrophage)",
        json_schema_extra={"when": "drug-made actions"},
    )
    process: str | None = Field(
        default=None,
        description="The process the therapy drives (usually tumor cell killing)",
        json_schema_extra={"when": "drug-made actions"},
    )
    evidence: tuple[str, ...] = Field(min_length=1, description="Reference ids")
    evidence_level: EvidenceLevel = Field(description="Strongest level among the references")
    note: str | None = Field(default=None, description="One sentence, e.g. on selectivity")

    @model_validator(mode="after")
    def _drug_made(self) -> TherapyAction:
        if spec(self.action).drug_made:
            if spec(self.action).needs_effector and not self.effector:
                raise row_error("effector", f"'{self.action.value}' needs the effector cell type that kills")
            if not self.process:
                raise row_error("process", f"'{self.action.value}' needs the process it drives (tumor cell killing)")
        else:
            for name in ("effector", "process"):
                if getattr(self, name):
                    raise row_error(name, f"only drug-made actions (redirects, opsonizes, engineers) have {name}")
        return self

    @property
    def key(self) -> tuple[str, str]:
        return (self.therapy, self.target)

    @property
    def id(self) -> str:
        """The one id of a therapy action, ``therapy|target`` (as in the seed table's key)."""
        return action_id(self.therapy, self.target)


def action_id(therapy: str, target: str) -> str:
    """The id of the action of ``therapy`` on ``target``.

    >>> action_id("DRUGBANK:DB09037", "HGNC:8760")
    'DRUGBANK:DB09037|HGNC:8760'
    """
    return f"{therapy}|{target}"


def parse_action_id(value: str) -> tuple[str, str] | None:
    """``(therapy, target)`` of an action id, ``None`` when ``value`` is not one."""
    therapy, sep, target = value.partition("|")
    return (therapy, target) if sep and therapy and target else None


class Requirement(Record):
    """What an action on a target needs in the tumor to work; escape routes are what defeats it."""

    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "target": frozenset({"HGNC", "CHEBI", "CL", "tmekg"}),
        "requires": frozenset({"HGNC", "CHEBI", "CL", "tmekg"}),
        "evidence": frozenset({"PMID", "DOI"}),
    }

    action: Action = Field(description="The action that needs it (applies to every therapy acting so on the target)")
    target: str = Field(min_length=1, description="The target of that action (PD-1 for PD-1 blockers)")
    requires: str = Field(min_length=1, description="The molecule or cell type the action needs (B2M, JAK1)")
    kind: RequirementKind = Field(description="What kind of need it is")
    evidence: tuple[str, ...] = Field(min_length=1, description="Reference ids")
    evidence_level: EvidenceLevel = Field(description="Strongest level among the references")
    note: str | None = Field(default=None, description="One sentence on why it is needed")

    @property
    def key(self) -> str:
        return f"{self.action.value}|{self.target}|{self.requires}"


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


def _parse_sign(value: Any) -> Any:
    if isinstance(value, str):
        mapping = {"+1": 1, "1": 1, "-1": -1}
        if value not in mapping:
            raise row_error("", f"a sign is +1 or -1, not {value!r}")
        return mapping[value]
    return value
