"""The KnowledgeGraph: an immutable, indexed collection of tmekg records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

from tmekg.errors import AmbiguousNameError, KindMismatchError, NotFoundError
from tmekg.model import (
    Cancer,
    CellType,
    Entity,
    Interaction,
    Molecule,
    NormalFunction,
    Process,
    Reference,
    Requirement,
    Therapy,
    TherapyAction,
    Trial,
)
from tmekg.names import SYMBOL_TABLE, Ambiguous, NameIndex, Resolution, kind_name
from tmekg.vocab import EntityKind, HijackedCategory, TumorOutcome, derive_outcome

__all__ = ["InteractionIndex", "KnowledgeGraph"]

T = TypeVar("T")

#: Derived structures pickled with a graph (see :meth:`KnowledgeGraph.__reduce__`).
_PICKLED_CACHE = ("index", "names")


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
    functions: tuple[NormalFunction, ...] = ()
    references: tuple[Reference, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    therapy_actions: tuple[TherapyAction, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    trials: tuple[Trial, ...] = ()
    _entities: dict[str, Entity] = field(init=False, repr=False, compare=False)
    _references: dict[str, Reference] = field(init=False, repr=False, compare=False)
    _interactions: dict[str, Interaction] = field(init=False, repr=False, compare=False)
    _functions: dict[str, NormalFunction] = field(init=False, repr=False, compare=False)
    #: derived structures computed once per graph (indexes, the signed graph): see :meth:`cached`
    _cache: dict[str, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        entities: dict[str, Entity] = {}
        for entity in self.entities():
            entities.setdefault(entity.id, entity)
        object.__setattr__(self, "_entities", entities)
        object.__setattr__(self, "_references", {r.id: r for r in self.references})
        object.__setattr__(self, "_interactions", {i.id: i for i in self.interactions})
        object.__setattr__(self, "_functions", {f.id: f for f in self.functions})

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

    def lookup(self, name: str, kind: EntityKind | None = None, *, first: bool = False) -> Entity:
        """Resolve a name to one entity of ``kind`` (any kind when ``None``): by id, label, symbol or synonym,
        forgiving case, spacing, hyphens, Greek letters, British spellings, previous HGNC symbols and plurals
        (the tiers of :mod:`tmekg.names`).

        Raises :class:`AmbiguousNameError` (candidates with their kinds) when several entities match equally well,
        unless ``first`` takes the best-ranked one; :class:`KindMismatchError` when the name is an entity of
        another kind (for a therapy: with the therapies acting on it); :class:`NotFoundError` with the three
        nearest names otherwise.
        """
        return self.resolve(name, kind, first=first).entity

    def resolve(self, name: str, kind: EntityKind | None = None, *, first: bool = False) -> Resolution:
        """:meth:`lookup`, also saying how the name was read (:attr:`Resolution.note`)."""
        names = self.names
        wanted = [kind.value] if kind else None
        found = names.resolve(name, wanted)
        if isinstance(found, Ambiguous):
            if first:
                return Resolution(found.candidates[0].entity, "first", found.candidates[0].matched)
            hits = [c.entity for c in found.candidates]
            raise AmbiguousNameError(name, [(e.id, e.label) for e in hits], [kind_name(e) for e in hits])
        if found is not None:
            return found
        what = kind.value.replace("_", " ") if kind else "entity"
        other = names.resolve(name) if kind else None
        if other is not None:
            hits = [c.entity for c in other.candidates] if isinstance(other, Ambiguous) else [other.entity]
            related = [hit for e in hits for hit in self._related(e, kind)] if kind else []
            entity = hits[0]
            raise KindMismatchError(name, (entity.id, entity.label, kind_name(entity)), what, related)
        suggestions = [(e.id, e.label, kind_name(e)) for e in names.suggest(name, wanted)]
        raise NotFoundError(name, what, suggestions)

    def _related(self, entity: Entity, kind: EntityKind | None) -> list[tuple[str, str, str]]:
        """Entities of ``kind`` that act on ``entity`` (for a therapy asked by its target), as (id, label, how)."""
        if kind is not EntityKind.THERAPY:
            return []
        out: dict[str, tuple[str, str, str]] = {}
        for action in self.actions_on(entity.id):
            how = action.action.value + ("" if action.target == entity.id else f" {self.label(action.target)}")
            out.setdefault(action.therapy, (action.therapy, self.label(action.therapy), how))
        return list(out.values())

    # -- questions --------------------------------------------------------------------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the records, and the interaction index and the name index when they were built (they share the
        records, so they cost little to store and save rebuilding them); lookup tables are rebuilt, other derived
        structures recomputed."""
        return (
            _restore,
            (
                {name: self._cache[name] for name in _PICKLED_CACHE if name in self._cache},
                self.cell_types,
                self.molecules,
                self.processes,
                self.therapies,
                self.cancers,
                self.functions,
                self.references,
                self.interactions,
                self.therapy_actions,
                self.requirements,
                self.trials,
            ),
        )

    @property
    def names(self) -> NameIndex:
        """Every name of every entity, indexed for :meth:`resolve` (built once)."""
        return self.cached("names", lambda kg: NameIndex.build(kg.entities()))

    def cached(self, name: str, build: Callable[[KnowledgeGraph], T]) -> T:
        """A structure derived from this (immutable) graph, built on first use and kept with it."""
        if name not in self._cache:
            self._cache[name] = build(self)
        return cast("T", self._cache[name])

    @property
    def index(self) -> InteractionIndex:
        """Interactions by the id they use in each role, and by process (built once)."""
        return self.cached("index", InteractionIndex.build)

    def interactions_of(self, entity_id: str) -> tuple[list[Interaction], list[Interaction]]:
        """Interactions going out of an entity (it sends or carries the signal) and coming in (it receives)."""
        index = self.index
        out_ids = {i.id for role in ("source", "ligand", "mediator") for i in index.by_role[role].get(entity_id, ())}
        in_ids = {i.id for role in ("target", "receptor") for i in index.by_role[role].get(entity_id, ())}
        in_ids |= {i.id for i in index.by_process.get(entity_id, ())}
        out = [i for i in self.interactions if i.id in out_ids] if out_ids else []
        into = [i for i in self.interactions if i.id in in_ids and i.id not in out_ids] if in_ids else []
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
        broader_cancers: Iterable[str] | None = None,
    ) -> list[Interaction]:
        """Interactions matching every given filter (ids, already resolved).

        ``cell`` matches the sender or receiver, or a subtype or state of it (TAM includes TREM2+ TAMs);
        ``molecule`` matches the ligand, receptor or a mediator, or a complex holding it; ``cancer`` keeps the
        statements made for that cancer, for a cancer that subsumes it (``broader_cancers``; by default its
        ``broader`` chain in the table: a statement about carcinoma holds for lung carcinoma) and the pan-cancer
        ones.
        """
        if cancer and broader_cancers is None:
            broader_cancers = self.broader_cancers(cancer)
        applicable = {cancer, *(broader_cancers or ())} if cancer else set()
        cells = {cell, *self.narrower_cells(cell)} if cell else set()
        wanted_molecules: set[str] = set()
        if molecule:
            wanted_molecules = {molecule} | {m.id for m in self.molecules if molecule in m.subunits}
        result = []
        for inter in self.interactions:
            if outcome and inter.tumor_outcome is not outcome:
                continue
            if cell and inter.source not in cells and inter.target not in cells:
                continue
            if molecule and not wanted_molecules.intersection(inter.molecules):
                continue
            if cancer and inter.contexts and not applicable.intersection(inter.contexts):
                continue
            result.append(inter)
        return result

    def for_cancer(self, cancer: str, broader_cancers: Iterable[str] | None = None) -> KnowledgeGraph:
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
            wanted.update((action.therapy, action.target, *action.effector))
            if action.process:
                wanted.add(action.process)
        wanted.update(sub for m in self.molecules if m.id in wanted for sub in m.subunits)
        wanted.update(up for cell in list(wanted) for up in self.broader_cells(cell))  # a subgraph stays valid
        wanted.update(m.form_of for m in self.molecules if m.id in wanted and m.form_of)
        cited = {r for i in chosen_i for r in i.evidence} | {r for a in chosen_a for r in a.evidence}
        hijacked = {i.hijacked_function for i in chosen_i}
        return KnowledgeGraph(
            cell_types=tuple(e for e in self.cell_types if e.id in wanted),
            molecules=tuple(e for e in self.molecules if e.id in wanted),
            processes=tuple(e for e in self.processes if e.id in wanted),
            therapies=tuple(e for e in self.therapies if e.id in wanted),
            cancers=tuple(e for e in self.cancers if e.id in wanted),
            functions=tuple(f for f in self.functions if f.id in hijacked),
            references=tuple(r for r in self.references if r.id in cited),
            interactions=chosen_i,
            therapy_actions=chosen_a,
        )

    def broader_cancers(self, cancer_id: str) -> frozenset[str]:
        """Every cancer of the table that subsumes ``cancer_id`` (its ``broader`` chain, transitively)."""
        parents = {c.id: c.broader for c in self.cancers}
        return _closure(cancer_id, parents)

    def narrower_cancers(self, cancer_id: str) -> frozenset[str]:
        """Every cancer of the table that ``cancer_id`` subsumes."""
        children: dict[str, list[str]] = {}
        for cancer in self.cancers:
            for parent in cancer.broader:
                children.setdefault(parent, []).append(cancer.id)
        return _closure(cancer_id, children)

    def narrower_cells(self, cell_id: str) -> frozenset[str]:
        """Every cell type or state of the table under ``cell_id`` (by ``broader``, transitively)."""
        children: dict[str, list[str]] = {}
        for cell in self.cell_types:
            if cell.broader:
                children.setdefault(cell.broader, []).append(cell.id)
        return _closure(cell_id, children)

    def broader_cells(self, cell_id: str) -> frozenset[str]:
        """Every cell type of the table above ``cell_id``."""
        parents = {c.id: ((c.broader,) if c.broader else ()) for c in self.cell_types}
        return _closure(cell_id, parents)

    def function(self, function_id: str | None) -> NormalFunction | None:
        """The normal function with this id (``None`` for no id or an unknown one)."""
        return self._functions.get(function_id) if function_id else None

    def hijacked_category(self, inter: Interaction) -> HijackedCategory | None:
        """The kind of normal function a statement co-opts (from its ``hijacked_function`` term)."""
        found = self.function(inter.hijacked_function)
        return found.category if found else None

    def derived_outcome(self, inter: Interaction) -> TumorOutcome | None:
        """The outcome the signs imply (effect x polarity of the process), ``None`` when the process is unknown."""
        process = self._entities.get(inter.process)
        return derive_outcome(inter.effect, process.polarity) if isinstance(process, Process) else None

    def tumor_sign(self, inter: Interaction) -> int:
        """+1 when the statement helps the tumor: its curated outcome, or for a context-dependent one the sign
        its effect and process imply."""
        if inter.tumor_outcome is TumorOutcome.CONTEXT_DEPENDENT:
            derived = self.derived_outcome(inter)
            return 1 if derived is TumorOutcome.PRO_TUMOR else -1
        return 1 if inter.tumor_outcome is TumorOutcome.PRO_TUMOR else -1

    def complexes_of(self, molecule_id: str) -> frozenset[str]:
        """The complexes that hold ``molecule_id`` as a subunit."""
        return self.cached("complexes", _complexes_by_subunit).get(molecule_id, frozenset())

    def forms_of(self, molecule_ids: Iterable[str]) -> set[str]:
        """The soluble, exosomal ... forms (``form_of``) of any of ``molecule_ids``."""
        by_parent: dict[str, list[str]] = self.cached("forms", _forms_by_parent)
        return {form for m in molecule_ids for form in by_parent.get(m, ())}

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
            "trials": len(self.trials),
            "trials_by_result": dict(sorted(Counter(t.result.value for t in self.trials).items())),
            "trials_without_results_paper": sorted(
                t.name for t in self.trials if t.result.value != "ongoing" and not t.publications
            ),
            "requirements": len(self.requirements),
            "unconfirmed_references": sorted(r.id for r in self.references if not r.confirmed),
            "partially_confirmed_references": sorted(r.id for r in self.references if r.partial),
        }

    def references_for(self, ids: Iterable[str]) -> list[Reference]:
        return [self._references[i] for i in ids if i in self._references]


@dataclass(frozen=True)
class InteractionIndex:
    """Interactions by role and id (``by_role["receptor"]["HGNC:8760"]``) and by process, in table order."""

    by_role: dict[str, dict[str, list[Interaction]]]
    by_process: dict[str, list[Interaction]]

    @classmethod
    def build(cls, kg: KnowledgeGraph) -> InteractionIndex:
        by_role: dict[str, dict[str, list[Interaction]]] = {
            r: {} for r in ("source", "ligand", "receptor", "mediator", "target")
        }
        by_process: dict[str, list[Interaction]] = {}
        for inter in kg.interactions:
            for role, value in (("source", inter.source), ("ligand", inter.ligand), ("receptor", inter.receptor),
                                ("target", inter.target)):  # fmt: skip
                if value:
                    by_role[role].setdefault(value, []).append(inter)
            for mediator in inter.mediators:
                by_role["mediator"].setdefault(mediator, []).append(inter)
            by_process.setdefault(inter.process, []).append(inter)
        return cls(by_role, by_process)

    def using(self, role: str, ids: Iterable[str]) -> list[Interaction]:
        """Interactions using any of ``ids`` in ``role``, each once, in table order."""
        found: dict[str, Interaction] = {}
        for value in ids:
            for inter in self.by_role[role].get(value, ()):
                found.setdefault(inter.id, inter)
        return list(found.values())


def _complexes_by_subunit(kg: KnowledgeGraph) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for molecule in kg.molecules:
        for subunit in molecule.subunits:
            found.setdefault(subunit, set()).add(molecule.id)
    return {subunit: frozenset(ids) for subunit, ids in found.items()}


def _forms_by_parent(kg: KnowledgeGraph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for molecule in kg.molecules:
        if molecule.form_of:
            found.setdefault(molecule.form_of, []).append(molecule.id)
    return found


def _restore(cache: dict[str, Any], *records: tuple[Any, ...]) -> KnowledgeGraph:
    """A graph from its pickled records and derived structures (see :meth:`KnowledgeGraph.__reduce__`)."""
    kg = KnowledgeGraph(*records)
    names = cache.get("names")
    if isinstance(names, NameIndex) and names.symbol_table is not None:
        names.symbol_table = SYMBOL_TABLE  # this installation's table (the pickled path may be another's)
    kg._cache.update(cache)
    return kg


def _closure(start: str, edges: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Every node reachable from ``start`` along ``edges`` (not ``start`` itself)."""
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node in seen or node == start:
            continue
        seen.add(node)
        todo.extend(edges.get(node, ()))
    return frozenset(seen)
