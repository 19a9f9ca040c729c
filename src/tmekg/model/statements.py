"""The statements: interactions (with their participants, mediator sites and changes), therapy actions and
requirements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer, model_validator

from tmekg.actions import spec
from tmekg.model.base import Record, Sign, cached_property, parse_sign, row_error
from tmekg.vocab import (
    Action,
    Aspect,
    Confidence,
    Direction,
    EvidenceLevel,
    Mechanism,
    RequirementKind,
    Role,
    Site,
    Species,
    TumorOutcome,
    curie_error,
)


class _Pair(BaseModel):
    """A ``molecule=value`` item of a qualifier column; serialised back to that text."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # built on first use, as Record

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
        return parse_sign(value)

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
