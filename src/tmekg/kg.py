"""The KnowledgeGraph: an immutable, indexed collection of tmekg records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from tmekg.errors import AmbiguousNameError, NotFoundError
from tmekg.model import (
    Cancer,
    CellType,
    Entity,
    Interaction,
    Molecule,
    Process,
    Reference,
    Therapy,
    TherapyAction,
)
from tmekg.vocab import EntityKind, TumorOutcome

__all__ = ["KnowledgeGraph"]


@dataclass(frozen=True)
class KnowledgeGraph:
    """Curated tumor–immune knowledge, typed and frozen.

    Build one with :func:`tmekg.load` (from seed tables, validated) or directly from records; a graph built
    directly is not validated — run :func:`tmekg.validate.check` on it when the records come from elsewhere.
    """

    cell_types: tuple[CellType, ...] = ()
    molecules: tuple[Molecule, ...] = ()
    processes: tuple[Process, ...] = ()
    therapies: tuple[Therapy, ...] = ()
    cancers: tuple[Cancer, ...] = ()
    references: tuple[Reference, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    therapy_actions: tuple[TherapyAction, ...] = ()
    _entities: dict[str, Entity] = field(init=False, repr=False, compare=False)
    _names: dict[str, tuple[set[str], set[str]]] = field(init=False, repr=False, compare=False)
    _references: dict[str, Reference] = field(init=False, repr=False, compare=False)
    _interactions: dict[str, Interaction] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        entities: dict[str, Entity] = {}
        names: dict[str, tuple[set[str], set[str]]] = {}
        for entity in self.entities():
            entities.setdefault(entity.id, entity)
            primary = {entity.label, *([entity.symbol] if isinstance(entity, Molecule) and entity.symbol else [])}
            for name in primary:
                names.setdefault(name.casefold(), (set(), set()))[0].add(entity.id)
            for name in entity.synonyms:
                names.setdefault(name.casefold(), (set(), set()))[1].add(entity.id)
        object.__setattr__(self, "_entities", entities)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_references", {r.id: r for r in self.references})
        object.__setattr__(self, "_interactions", {i.id: i for i in self.interactions})

    # -- access -----------------------------------------------------------------------------------------------

    def entities(self) -> Iterator[Entity]:
        """Every entity, kind by kind, in table order."""
        yield from self.cell_types
        yield from self.molecules
        yield from self.processes
        yield from self.therapies
        yield from self.cancers

    def get(self, entity_id: str) -> Entity:
        """The entity with this exact id; :class:`NotFoundError` when there is none."""
        try:
            return self._entities[entity_id]
        except KeyError:
            raise NotFoundError(entity_id) from None

    def has(self, entity_id: str) -> bool:
        return entity_id in self._entities

    def reference(self, reference_id: str) -> Reference:
        try:
            return self._references[reference_id]
        except KeyError:
            raise NotFoundError(reference_id, "reference") from None

    def interaction(self, interaction_id: str) -> Interaction:
        try:
            return self._interactions[interaction_id]
        except KeyError:
            raise NotFoundError(interaction_id, "interaction") from None

    def label(self, entity_id: str) -> str:
        entity = self._entities.get(entity_id)
        return entity.label if entity else entity_id

    def lookup(self, name: str, kind: EntityKind | None = None) -> Entity:
        """Resolve a name to one entity: id, then label or symbol, then synonym, all case-insensitive.

        Raises :class:`NotFoundError` when nothing matches and :class:`AmbiguousNameError` when several
        entities match equally well.
        """
        wanted = name.strip()
        folded = wanted.casefold()
        by_id = [e for e in self._entities.values() if e.id.casefold() == folded]
        primary, synonym = self._names.get(folded, (set(), set()))
        for tier in (
            [e.id for e in by_id],
            sorted(primary),
            sorted(synonym),
        ):
            hits = [self._entities[i] for i in tier if kind is None or self._entities[i].kind is kind]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                raise AmbiguousNameError(name, [(e.id, e.label) for e in hits])
        raise NotFoundError(name, kind.value.replace("_", " ") if kind else "entity")

    # -- questions --------------------------------------------------------------------------------------------

    def interactions_of(self, entity_id: str) -> tuple[list[Interaction], list[Interaction]]:
        """Interactions going out of an entity (it sends or carries the signal) and coming in (it receives)."""
        out: list[Interaction] = []
        into: list[Interaction] = []
        for inter in self.interactions:
            if entity_id in (inter.source, inter.ligand) or entity_id in inter.mediators:
                out.append(inter)
            elif entity_id in (inter.target, inter.receptor, inter.process):
                into.append(inter)
        return out, into

    def actions_on(self, entity_id: str) -> list[TherapyAction]:
        """Therapy actions whose target is this entity (or a complex containing it)."""
        complexes = {m.id for m in self.molecules if entity_id in m.subunits}
        return [a for a in self.therapy_actions if a.target == entity_id or a.target in complexes]

    def filter_interactions(
        self,
        outcome: TumorOutcome | None = None,
        cell: str | None = None,
        molecule: str | None = None,
        cancer: str | None = None,
        broader_cancers: Iterable[str] = (),
    ) -> list[Interaction]:
        """Interactions matching every given filter (ids, already resolved).

        ``molecule`` matches the ligand, receptor or a mediator, or a complex holding it; ``cancer`` keeps the
        statements made for that cancer, for any of ``broader_cancers`` (its MONDO ancestors, when known: a
        statement about carcinoma holds for lung carcinoma) and the pan-cancer ones.
        """
        applicable = {cancer, *broader_cancers} if cancer else set()
        wanted_molecules: set[str] = set()
        if molecule:
            wanted_molecules = {molecule} | {m.id for m in self.molecules if molecule in m.subunits}
        result = []
        for inter in self.interactions:
            if outcome and inter.tumor_outcome is not outcome:
                continue
            if cell and cell not in (inter.source, inter.target):
                continue
            if molecule and not wanted_molecules.intersection(inter.molecules):
                continue
            if cancer and inter.contexts and not applicable.intersection(inter.contexts):
                continue
            result.append(inter)
        return result

    def for_cancer(self, cancer: str, broader_cancers: Iterable[str] = ()) -> KnowledgeGraph:
        """The same graph with only the statements made for ``cancer`` (an id), for one of its
        ``broader_cancers``, or for no cancer in particular."""
        kept = tuple(self.filter_interactions(cancer=cancer, broader_cancers=broader_cancers))
        return replace(self, interactions=kept)

    def subgraph(
        self,
        interactions: Iterable[str] = (),
        therapy_actions: Iterable[tuple[str, str]] = (),
        entities: Iterable[str] = (),
    ) -> KnowledgeGraph:
        """The part of the graph an answer is about: the given interactions and therapy actions (by id and by
        ``(therapy, target)``), every entity they mention (and the subunits of complexes among them), the
        given extra entities, and the references they cite."""
        keep_i = set(interactions)
        keep_a = set(therapy_actions)
        chosen_i = tuple(i for i in self.interactions if i.id in keep_i)
        chosen_a = tuple(a for a in self.therapy_actions if a.key in keep_a)
        wanted = set(entities)
        for inter in chosen_i:
            wanted.update(x for x in (inter.source, inter.target, inter.process, *inter.molecules) if x)
            wanted.update(inter.contexts)
        for action in chosen_a:
            wanted.update((action.therapy, action.target))
        wanted.update(sub for m in self.molecules if m.id in wanted for sub in m.subunits)
        cited = {r for i in chosen_i for r in i.evidence} | {r for a in chosen_a for r in a.evidence}
        return KnowledgeGraph(
            cell_types=tuple(e for e in self.cell_types if e.id in wanted),
            molecules=tuple(e for e in self.molecules if e.id in wanted),
            processes=tuple(e for e in self.processes if e.id in wanted),
            therapies=tuple(e for e in self.therapies if e.id in wanted),
            cancers=tuple(e for e in self.cancers if e.id in wanted),
            references=tuple(r for r in self.references if r.id in cited),
            interactions=chosen_i,
            therapy_actions=chosen_a,
        )

    def stats(self) -> dict[str, object]:
        """Counts per kind, interactions by tumor outcome, references (confirmed or not)."""
        outcomes = Counter(i.tumor_outcome.value for i in self.interactions)
        return {
            "entities": {
                EntityKind.CELL_TYPE.value: len(self.cell_types),
                EntityKind.MOLECULE.value: len(self.molecules),
                EntityKind.PROCESS.value: len(self.processes),
                EntityKind.THERAPY.value: len(self.therapies),
                EntityKind.CANCER.value: len(self.cancers),
            },
            "interactions": len(self.interactions),
            "interactions_by_outcome": {o.value: outcomes.get(o.value, 0) for o in TumorOutcome},
            "therapy_actions": len(self.therapy_actions),
            "references": len(self.references),
            "unconfirmed_references": sorted(r.id for r in self.references if not r.confirmed),
            "partially_confirmed_references": sorted(r.id for r in self.references if r.partial),
        }

    def references_for(self, ids: Iterable[str]) -> list[Reference]:
        return [self._references[i] for i in ids if i in self._references]
