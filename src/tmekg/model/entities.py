"""The entities of the graph: cell types, molecules, processes, therapies, cancers, and the normal functions a
tumor hijacks."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from tmekg.model.base import Record, Sign, parse_sign, row_error
from tmekg.vocab import (
    EntityKind,
    FormKind,
    HijackedCategory,
    Modality,
    MoleculeCategory,
    MoleculeType,
    TherapyStatus,
)


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
        return parse_sign(value)


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
