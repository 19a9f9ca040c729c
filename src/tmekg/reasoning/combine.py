"""Two therapies together: redundant, complementary or antagonistic, with the interactions that say why.

- **antagonistic**: one removes what the other needs — it depletes a cell type that the other's benefit
  relies on (the receiver the other unleashes, or the sender of what it strengthens), or it severs an
  anti-tumor interaction on a process the other's benefit acts on;
- **redundant**: most of what they sever against the tumor is shared (Jaccard >= 0.5);
- **complementary**: otherwise; each closes escape routes the other leaves open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmekg.answers import interaction_view
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Therapy
from tmekg.reasoning.blocking import Effect, effects
from tmekg.vocab import Action, EntityKind

__all__ = ["REDUNDANT_JACCARD", "Combination", "combine"]

REDUNDANT_JACCARD = 0.5


@dataclass(frozen=True)
class Combination:
    first: Therapy
    second: Therapy
    kind: str
    shared: tuple[Interaction, ...]
    only_first: tuple[Interaction, ...]
    only_second: tuple[Interaction, ...]
    conflicts: tuple[tuple[str, Interaction, str], ...]
    """(therapy id, interaction, reason) triples behind an antagonistic call."""

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        return {
            "therapies": [{"id": t.id, "label": t.label} for t in (self.first, self.second)],
            "kind": self.kind,
            "shared": [interaction_view(kg, i) for i in self.shared],
            "only_first": [interaction_view(kg, i) for i in self.only_first],
            "only_second": [interaction_view(kg, i) for i in self.only_second],
            "conflicts": [
                {"by": by, "interaction": interaction_view(kg, i), "reason": why} for by, i, why in self.conflicts
            ],
        }


def _relies_on(effect: Effect) -> str | None:
    """The cell a beneficial effect needs: the receiver it unleashes, or the sender of what it strengthens."""
    inter = effect.interaction
    return inter.source if effect.strengthened else inter.target


def _antagonism(
    kg: KnowledgeGraph, by: Therapy, harm: list[Effect], other_good: list[Effect]
) -> list[tuple[str, Interaction, str]]:
    """How ``by`` undoes the other therapy's benefit: depleting the cells it needs, or severing anti-tumor
    interactions on the processes it acts on."""
    depleted = {a.target for a in kg.therapy_actions if a.therapy == by.id and a.action is Action.DEPLETES}
    found: list[tuple[str, Interaction, str]] = []
    for effect in other_good:
        cell = _relies_on(effect)
        if cell is None or not kg.has(cell):
            continue
        if cell in depleted or getattr(kg.get(cell), "broader", None) in depleted:
            found.append((by.id, effect.interaction, f"{by.label} depletes {kg.label(cell)}, which it relies on"))
    processes = {e.interaction.process for e in other_good}
    for effect in harm:
        if effect.interaction.process in processes:
            process = kg.label(effect.interaction.process)
            found.append((by.id, effect.interaction, f"{by.label} severs an anti-tumor interaction on '{process}'"))
    return found


def combine(kg: KnowledgeGraph, first: str, second: str) -> Combination:
    """Classify the combination of two therapies (ids, names or synonyms).

    >>> import tmekg
    >>> combine(tmekg.load(), "pembrolizumab", "nivolumab").kind
    'redundant'
    """
    a = kg.lookup(first, EntityKind.THERAPY)
    b = kg.lookup(second, EntityKind.THERAPY)
    assert isinstance(a, Therapy)
    assert isinstance(b, Therapy)
    sev_a, str_a = effects(kg, a.id)
    sev_b, str_b = effects(kg, b.id)
    good_a = [e for e in (*sev_a, *str_a) if e.benefit(kg)]
    good_b = [e for e in (*sev_b, *str_b) if e.benefit(kg)]
    harm_a = [e for e in (*sev_a, *str_a) if e.verdict(kg) == "harm"]
    harm_b = [e for e in (*sev_b, *str_b) if e.verdict(kg) == "harm"]
    conflicts = _antagonism(kg, a, harm_a, good_b) + _antagonism(kg, b, harm_b, good_a)
    ids_a = {e.interaction.id: e.interaction for e in good_a}
    ids_b = {e.interaction.id: e.interaction for e in good_b}
    shared = sorted(ids_a.keys() & ids_b.keys())
    union = ids_a.keys() | ids_b.keys()
    jaccard = len(shared) / len(union) if union else 1.0
    if conflicts:
        kind = "antagonistic"
    elif jaccard >= REDUNDANT_JACCARD:
        kind = "redundant"
    else:
        kind = "complementary"
    return Combination(
        a,
        b,
        kind,
        tuple(ids_a[i] for i in shared),
        tuple(ids_a[i] for i in sorted(ids_a.keys() - ids_b.keys())),
        tuple(ids_b[i] for i in sorted(ids_b.keys() - ids_a.keys())),
        tuple(conflicts),
    )
