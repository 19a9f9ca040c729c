"""Which interactions help or hinder the tumor: curated outcome cross-checked with the derived sign."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Process
from tmekg.validate import derived_outcome, sign_conflicts
from tmekg.vocab import TumorOutcome

__all__ = ["Classified", "by_hijacked_function", "classify", "conflicting_ids", "conflicts"]


@dataclass(frozen=True)
class Classified:
    """An interaction with its curated outcome and the outcome its signs imply (effect x polarity)."""

    interaction: Interaction
    derived: TumorOutcome

    @property
    def curated(self) -> TumorOutcome:
        return self.interaction.tumor_outcome

    @property
    def agrees(self) -> bool:
        return self.curated is self.derived


def classify(kg: KnowledgeGraph) -> list[Classified]:
    """Every interaction (whose process is known) with its derived outcome."""
    out = []
    for inter in kg.interactions:
        process = kg.get(inter.process) if kg.has(inter.process) else None
        if isinstance(process, Process):
            out.append(Classified(inter, derived_outcome(inter, process)))
    return out


def conflicts(kg: KnowledgeGraph) -> list[Classified]:
    """Interactions whose curated outcome differs from the derived sign.

    On a validated graph these are the ``context_dependent`` ones (their ``outcome_note`` says why); any
    other disagreement is a validation error and keeps the graph from loading.
    """
    return [c for c in classify(kg) if not c.agrees]


def conflicting_ids(kg: KnowledgeGraph) -> set[str]:
    """Ids of every statement ``interactions --conflicts`` lists: context-dependent ones whose curated outcome
    differs from the derived sign, and the rows of each tolerated sign conflict (a molecule pushing one process
    both ways, explained by an ``outcome_note``)."""
    ids = {c.interaction.id for c in conflicts(kg)}
    for _molecule, _process, first, second in sign_conflicts(kg):
        ids |= {first.id, second.id}
    return ids


def by_hijacked_function(kg: KnowledgeGraph, interactions: list[Interaction]) -> dict[str, list[Interaction]]:
    """Pro-tumor interactions grouped by the normal function they co-opt (its label), largest group first."""
    groups: dict[str, list[Interaction]] = defaultdict(list)
    for inter in interactions:
        if inter.tumor_outcome is TumorOutcome.PRO_TUMOR:
            found = kg.function(inter.hijacked_function)
            groups[found.label if found else "(escape by loss)"].append(inter)
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))
