"""The typed, frozen model of tmekg: entities, interactions, therapy actions, references.

Every record validates itself (types, enums, CURIE syntax, rules within one row). Rules that span records
(dangling references, unique ids, derived outcomes) live in :mod:`tmekg.validate`. Records accept seed-table
rows directly: an empty cell means "no value" and a ``|``-separated cell fills a tuple field.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tmekg.vocab import (
    Action,
    Confidence,
    EntityKind,
    EvidenceLevel,
    HijackedCategory,
    Mechanism,
    Modality,
    MoleculeCategory,
    MoleculeType,
    Species,
    TherapyStatus,
    TumorOutcome,
    curie_error,
)

__all__ = [
    "Cancer",
    "CellType",
    "Entity",
    "Interaction",
    "Molecule",
    "Process",
    "Record",
    "Reference",
    "Therapy",
    "TherapyAction",
]

Sign = Literal[1, -1]
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


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

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    #: Fields that hold CURIEs, with the prefixes each may use.
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {}

    @model_validator(mode="before")
    @classmethod
    def _from_cells(cls, data: Any) -> Any:
        """Turn seed cells into field values: '' -> default, 'a|b' -> tuple; refuse stray whitespace."""
        if not isinstance(data, dict):
            return data
        out: dict[str, Any] = {}
        for key, value in data.items():
            field = cls.model_fields.get(key)
            if field is None or not isinstance(value, str):
                out[key] = value
                continue
            if value != value.strip():
                raise row_error(key, f"stray whitespace around {value!r}; remove it (`tmekg lint` does)")
            if _CONTROL.search(value):
                raise row_error(key, f"line break or control character inside {value!r}; keep a cell on one line")
            if value == "" and not field.is_required():
                continue
            if _is_tuple(field.annotation):
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
        "broader": frozenset({"CL"}),
    }

    broader: str | None = Field(default=None, description="Nearest Cell Ontology parent of a tmekg: cell type")
    context: str | None = Field(default=None, description="Where the state exists, e.g. tumor microenvironment")
    description: str = Field(min_length=1, description="What the cell is and how it is recognised")

    @model_validator(mode="after")
    def _broader_for_local(self) -> CellType:
        if self.id.startswith("tmekg:") and not self.broader:
            raise row_error("broader", f"{self.id} is not a Cell Ontology term; give its nearest CL parent")
        if self.broader == self.id:
            raise row_error("broader", "a cell type cannot be its own parent")
        return self


class Molecule(Entity):
    """A protein (HGNC), a complex of proteins (tmekg) or a metabolite (ChEBI)."""

    kind: ClassVar[EntityKind] = EntityKind.MOLECULE
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "id": frozenset({"HGNC", "CHEBI", "tmekg"}),
        "subunits": frozenset({"HGNC"}),
    }

    molecule_type: MoleculeType = Field(description="protein, complex or metabolite")
    symbol: str | None = Field(default=None, description="HGNC approved symbol (proteins)")
    uniprot: str | None = Field(
        default=None,
        pattern=r"^[OPQ][0-9][A-Z0-9]{3}[0-9]$|^[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2}$",
        description="UniProt accession (proteins)",
    )
    subunits: tuple[str, ...] = Field(default=(), description="Protein ids of a complex's subunits")
    categories: tuple[MoleculeCategory, ...] = Field(min_length=1, description="Functional categories")
    description: str = Field(min_length=1, description="Its role in the tumor microenvironment")

    @model_validator(mode="after")
    def _by_type(self) -> Molecule:
        kind = self.molecule_type
        expected = {MoleculeType.PROTEIN: "HGNC:", MoleculeType.COMPLEX: "tmekg:", MoleculeType.METABOLITE: "CHEBI:"}
        if not self.id.startswith(expected[kind]):
            raise row_error("id", f"a {kind.value} has an id starting with {expected[kind]!r}, not {self.id!r}")
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
    approval_year: int | None = Field(default=None, ge=1950, le=2100, description="Year of first approval")
    description: str = Field(min_length=1, description="What it is and what it targets")

    @model_validator(mode="after")
    def _year(self) -> Therapy:
        if self.status is TherapyStatus.APPROVED and self.approval_year is None:
            raise row_error("approval_year", "an approved therapy needs the year of its first approval")
        return self


class Cancer(Entity):
    """A cancer (MONDO), the context of an assertion."""

    kind: ClassVar[EntityKind] = EntityKind.CANCER
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {"id": frozenset({"MONDO"})}


class Reference(Record):
    """A publication cited as evidence."""

    curie_fields: ClassVar[dict[str, frozenset[str]]] = {"id": frozenset({"PMID", "DOI"})}

    id: str = Field(min_length=1, description="PMID: or DOI: CURIE")
    authors: str = Field(min_length=1, description="First author and initials, then 'et al.'")
    year: int = Field(ge=1900, le=2100, description="Publication year")
    title: str = Field(min_length=1, description="Article title")
    journal: str = Field(min_length=1, description="Journal abbreviation")
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$", description="DOI without prefix")
    checked_against: str | None = Field(default=None, description="Where the identifier was confirmed")

    @property
    def confirmed(self) -> bool:
        """Whether the identifier was confirmed somewhere (``checked_against`` is set)."""
        return bool(self.checked_against)

    @property
    def partial(self) -> bool:
        """Confirmed, but with a detail (authors, DOI) not seen on the confirming page: ``PARTIAL`` in
        ``checked_against`` says which."""
        return "PARTIAL" in (self.checked_against or "")


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
    }

    id: str = Field(min_length=1, description="tmekg: id naming the statement")
    source: str | None = Field(default=None, description="Sender cell type id")
    ligand: str | None = Field(default=None, description="Ligand molecule id (from the sender)")
    receptor: str | None = Field(default=None, description="Receptor molecule id (on the receiver)")
    mediators: tuple[str, ...] = Field(default=(), description="Other molecules that carry the signal")
    target: str | None = Field(default=None, description="Receiver cell type id")
    process: str = Field(min_length=1, description="Process the statement acts on")
    effect: Sign = Field(description="+1 increases the process, -1 decreases it")
    mechanism: Mechanism = Field(description="How the signal acts")
    tumor_outcome: TumorOutcome = Field(description="Curated outcome for the tumor")
    hijacked_function: str | None = Field(default=None, description="Normal function co-opted (pro-tumor)")
    hijacked_category: HijackedCategory | None = Field(
        default=None, description="The kind of normal function co-opted (pro-tumor)"
    )
    outcome_note: str | None = Field(default=None, description="Why the outcome depends on context")
    cic_step: int | None = Field(default=None, ge=1, le=7, description="Cancer-Immunity Cycle step 1-7")
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
        if self.tumor_outcome is TumorOutcome.PRO_TUMOR and not self.hijacked_function:
            raise row_error("hijacked_function", "a pro-tumor interaction names the normal function it co-opts")
        if self.tumor_outcome is TumorOutcome.PRO_TUMOR and not self.hijacked_category:
            raise row_error("hijacked_category", "a pro-tumor interaction says which kind of function it co-opts")
        if self.tumor_outcome is TumorOutcome.CONTEXT_DEPENDENT and not self.outcome_note:
            raise row_error("outcome_note", "say why the outcome depends on context")
        if self.tumor_outcome is not TumorOutcome.PRO_TUMOR and (self.hijacked_function or self.hijacked_category):
            column = "hijacked_function" if self.hijacked_function else "hijacked_category"
            raise row_error(column, "only a pro-tumor interaction hijacks a normal function; leave it empty")
        return self

    @property
    def molecules(self) -> tuple[str, ...]:
        """Every molecule the interaction uses: ligand, receptor, then the other mediators."""
        first = tuple(m for m in (self.ligand, self.receptor) if m)
        return first + tuple(m for m in self.mediators if m not in first)


class TherapyAction(Record):
    """What a therapy does to one target."""

    curie_fields: ClassVar[dict[str, frozenset[str]]] = {
        "therapy": frozenset({"DRUGBANK", "CHEBI", "NCIT", "tmekg"}),
        "target": frozenset({"HGNC", "CHEBI", "CL", "tmekg"}),
        "evidence": frozenset({"PMID", "DOI"}),
    }

    therapy: str = Field(min_length=1, description="Therapy id")
    target: str = Field(min_length=1, description="Molecule or cell type id")
    action: Action = Field(description="blocks, inhibits, depletes, agonizes, engineers or supplies")
    evidence: tuple[str, ...] = Field(min_length=1, description="Reference ids")
    evidence_level: EvidenceLevel = Field(description="Strongest level among the references")
    note: str | None = Field(default=None, description="One sentence, e.g. on selectivity")

    @property
    def key(self) -> tuple[str, str]:
        return (self.therapy, self.target)


def _parse_sign(value: Any) -> Any:
    if isinstance(value, str):
        mapping = {"+1": 1, "1": 1, "-1": -1}
        if value not in mapping:
            raise row_error("", f"a sign is +1 or -1, not {value!r}")
        return mapping[value]
    return value
