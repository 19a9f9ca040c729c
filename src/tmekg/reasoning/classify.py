"""Which interactions help or hinder the tumor: curated outcome cross-checked with the derived sign."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Process
from tmekg.validate import derived_outcome
from tmekg.vocab import TumorOutcome

__all__ = ["Classified", "by_hijacked_function", "classify", "conflicts"]


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


def by_hijacked_function(interactions: list[Interaction]) -> dict[str, list[Interaction]]:
    """Pro-tumor interactions grouped by the normal function they co-opt, largest group first."""
    groups: dict[str, list[Interaction]] = defaultdict(list)
    for inter in interactions:
        if inter.tumor_outcome is TumorOutcome.PRO_TUMOR:
            groups[inter.hijacked_function or "(not stated)"].append(inter)
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))
