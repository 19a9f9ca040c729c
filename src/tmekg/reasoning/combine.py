"""Two therapies together: redundant, complementary or antagonistic, with the interactions that say why — and
the trials of the pair beside the prediction, saying so when they disagree.

- **antagonistic**: one removes what the other needs or makes — it depletes the cells the other's benefit relies
  on (the receiver it unleashes or strengthens, or the effector cells of a drug-made action), it severs an
  interaction the other strengthens to the tumor's cost, or it severs an anti-tumor interaction on a process the
  other's benefit acts on;
- **redundant**: most of what they do against the tumor is shared (Jaccard >= 0.5);
- **complementary**: otherwise; each closes escape routes the other leaves open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmekg.answers import interaction_view
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Therapy, Trial
from tmekg.reasoning.blocking import effects
from tmekg.reasoning.therapy_answer import Effect
from tmekg.reasoning.trials import trial_line, trial_view, trials_of
from tmekg.vocab import Action, CombinationKind, EntityKind, TrialResult, Verdict

__all__ = ["REDUNDANT_JACCARD", "Combination", "combine"]

REDUNDANT_JACCARD = 0.5


@dataclass(frozen=True)
class Combination:
    first: Therapy
    second: Therapy
    kind: CombinationKind
    shared: tuple[Interaction, ...]
    only_first: tuple[Interaction, ...]
    only_second: tuple[Interaction, ...]
    conflicts: tuple[tuple[str, Interaction | None, str], ...]
    """(therapy id, interaction, reason) triples behind an antagonistic call; the interaction is ``None`` when
    what is undone is a drug-made action (it has no curated statement)."""
    trials: tuple[Trial, ...] = ()
    clinical: str = ""
    """One line setting the prediction beside the trials of the pair (empty when there are none)."""
    agreement: str = "no_trial"
    """``agrees``, ``disagrees``, ``mixed`` or ``no_trial``."""

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        return {
            "therapies": [{"id": t.id, "label": t.label} for t in (self.first, self.second)],
            "kind": self.kind.value,
            "shared": [interaction_view(kg, i) for i in self.shared],
            "only_first": [interaction_view(kg, i) for i in self.only_first],
            "only_second": [interaction_view(kg, i) for i in self.only_second],
            "conflicts": [
                {"by": by, "interaction": interaction_view(kg, i) if i else None, "reason": why}
                for by, i, why in self.conflicts
            ],
            "trials": [trial_view(kg, t) for t in self.trials],
            "clinical": self.clinical,
            "agreement": self.agreement,
        }


def _relies_on(kg: KnowledgeGraph, effect: Effect) -> set[str]:
    """The cells a beneficial effect needs (the receiver it unleashes or strengthens), with the cell types
    above them (depleting all T cells removes CD8 T cells)."""
    cells = set()
    for cell in effect.relies_on():
        cells |= {cell, *kg.broader_cells(cell)}
    return cells


def _antagonism(
    kg: KnowledgeGraph,
    by: Therapy,
    by_severed: list[Effect],
    harm: list[Effect],
    other: Therapy,
    other_good: list[Effect],
) -> list[tuple[str, Interaction | None, str]]:
    """How ``by`` undoes ``other``'s benefit."""
    depleted = {a.target for a in kg.therapy_actions if a.therapy == by.id and a.action is Action.DEPLETES}
    found: list[tuple[str, Interaction | None, str]] = []
    cut = {e.interaction.id for e in by_severed}
    for effect in other_good:
        needed = _relies_on(kg, effect) & depleted
        if needed:
            cell = kg.label(sorted(needed)[0])
            found.append((by.id, effect.interaction, f"{by.label} depletes {cell}, which {other.label} relies on"))
        elif effect.strengthened and effect.interaction.id in cut:
            found.append(
                (by.id, effect.interaction, f"{by.label} severs what {other.label} strengthens against the tumor")
            )
    for action in kg.therapy_actions:
        if action.therapy == other.id and action.effector:
            for cell in action.effector:
                if {cell, *kg.broader_cells(cell)} & depleted:
                    why = f"{by.label} depletes {kg.label(cell)}, the effector cells of {other.label}"
                    found.append((by.id, None, why))
    processes = {e.interaction.process for e in other_good}
    for effect in harm:
        if effect.interaction.process in processes and not effect.strengthened:
            process = kg.label(effect.interaction.process)
            found.append((by.id, effect.interaction, f"{by.label} severs an anti-tumor interaction on '{process}'"))
    unique = {(b, i.id if i else "", r): (b, i, r) for b, i, r in found}
    return list(unique.values())


def _clinical(kg: KnowledgeGraph, kind: CombinationKind, trials: list[Trial]) -> tuple[str, str]:
    decisive = [t for t in trials if t.result is not TrialResult.ONGOING]
    if not decisive:
        return (
            ("", "no_trial")
            if not trials
            else (f"predicted {kind.value}; " + "; ".join(trial_line(kg, t) for t in trials), "no_trial")
        )
    expect_benefit = kind is CombinationKind.COMPLEMENTARY
    verdicts = set()
    for trial in decisive:
        if trial.result is TrialResult.MIXED:
            verdicts.add("mixed")
        else:
            verdicts.add("agrees" if (trial.result is TrialResult.MET) == expect_benefit else "disagrees")
    agreement = verdicts.pop() if len(verdicts) == 1 else "mixed"
    lines = "; ".join(trial_line(kg, t) for t in decisive)
    return f"predicted {kind.value}; {lines}", agreement


def combine(kg: KnowledgeGraph, first: str, second: str, *, cancer: str | None = None) -> Combination:
    """Classify the combination of two therapies (ids, names or synonyms), with the trials of the pair.

    >>> import tmekg
    >>> combine(tmekg.load(), "pembrolizumab", "nivolumab").kind.value
    'redundant'
    """
    a = kg.lookup(first, EntityKind.THERAPY)
    b = kg.lookup(second, EntityKind.THERAPY)
    assert isinstance(a, Therapy)
    assert isinstance(b, Therapy)
    cancer_id = kg.lookup(cancer, EntityKind.CANCER).id if cancer else None
    scoped = kg.for_cancer(cancer_id) if cancer_id else kg
    sev_a, str_a = effects(scoped, a.id)
    sev_b, str_b = effects(scoped, b.id)
    good_a = [e for e in (*sev_a, *str_a) if e.benefit(scoped)]
    good_b = [e for e in (*sev_b, *str_b) if e.benefit(scoped)]
    harm_a = [e for e in (*sev_a, *str_a) if e.verdict(scoped) is Verdict.HARM]
    harm_b = [e for e in (*sev_b, *str_b) if e.verdict(scoped) is Verdict.HARM]
    conflicts = _antagonism(scoped, a, sev_a, harm_a, b, good_b) + _antagonism(scoped, b, sev_b, harm_b, a, good_a)
    ids_a = {e.interaction.id: e.interaction for e in good_a}
    ids_b = {e.interaction.id: e.interaction for e in good_b}
    drug_a = {(x.action, x.target) for x in kg.therapy_actions if x.therapy == a.id and x.effector}
    drug_b = {(x.action, x.target) for x in kg.therapy_actions if x.therapy == b.id and x.effector}
    shared = sorted(ids_a.keys() & ids_b.keys())
    union = len(ids_a.keys() | ids_b.keys()) + len(drug_a | drug_b)
    jaccard = (len(shared) + len(drug_a & drug_b)) / union if union else 1.0
    if conflicts:
        kind = CombinationKind.ANTAGONISTIC
    elif jaccard >= REDUNDANT_JACCARD:
        kind = CombinationKind.REDUNDANT
    else:
        kind = CombinationKind.COMPLEMENTARY
    pair_trials = trials_of(kg, {a.id, b.id}, cancer_id)
    clinical, agreement = _clinical(kg, kind, pair_trials)
    return Combination(
        a,
        b,
        kind,
        tuple(ids_a[i] for i in shared),
        tuple(ids_a[i] for i in sorted(ids_a.keys() - ids_b.keys())),
        tuple(ids_b[i] for i in sorted(ids_b.keys() - ids_a.keys())),
        tuple(conflicts),
        tuple(pair_trials),
        clinical,
        agreement,
    )
