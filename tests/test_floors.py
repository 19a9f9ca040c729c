"""The breadth floors of the shipped knowledge base (issue 12): counts per kind, cell-typed statements, and every
Cancer-Immunity Cycle step populated. A floor that is not met yet is an expected failure with its reason, strict:
the day it is met the test says so, and the marker goes."""

from __future__ import annotations

from collections import Counter

import pytest

from tmekg.kg import KnowledgeGraph
from tmekg.vocab import EntityKind, EvidenceLevel

MALIGNANT_CELL = "CL:0001064"
TUMOR_GROWTH = "tmekg:tumor_growth"

FLOORS = {
    "interactions": 600,
    "therapies": 100,
    "cell types": 70,
    "molecules": 350,
    "cancers": 40,
    "references": 450,
}


def _counts(kg: KnowledgeGraph) -> dict[str, int]:
    return {
        "interactions": len(kg.interactions),
        "therapies": len(kg.therapies),
        "cell types": len(kg.cell_types),
        "molecules": len(kg.molecules),
        "cancers": len(kg.cancers),
        "references": len(kg.references),
    }


@pytest.mark.parametrize("kind", list(FLOORS))
def test_count_floor(kg: KnowledgeGraph, kind: str) -> None:
    assert _counts(kg)[kind] >= FLOORS[kind]


def test_every_cancer_immunity_cycle_step_has_fifteen_rows(kg: KnowledgeGraph) -> None:
    steps = Counter(i.cic_step for i in kg.interactions if i.cic_step is not None)
    assert sorted(steps) == list(range(1, 8))
    thin = {step: n for step, n in steps.items() if n < 15}
    assert thin == {}, f"steps with fewer than 15 rows: {thin}"


def _cell_typed_share(kg: KnowledgeGraph) -> float:
    def is_cell(entity_id: str | None) -> bool:
        return entity_id is not None and kg.has(entity_id) and kg.get(entity_id).kind is EntityKind.CELL_TYPE

    typed = sum(1 for i in kg.interactions if is_cell(i.source) and is_cell(i.target))
    return typed / len(kg.interactions)


def test_most_statements_name_both_cells(kg: KnowledgeGraph) -> None:
    """The floor that holds today: 85% of the statements name a sender and a receiver cell type (94 of 672 do
    not: mostly a cytokine or chemokine "in the tumor" whose evidence names the receiving cell only, a drug or
    recombinant protein acting on a cell, or a molecule acting inside one cell)."""
    assert _cell_typed_share(kg) >= 0.85


def test_prognostic_rows_name_the_malignant_cell_as_receiver(kg: KnowledgeGraph) -> None:
    """data/seed/README.md writes a prognostic association as cell -> malignant cell on tumor growth: a row on
    tumor growth with human correlative evidence whose sender is another cell names the malignant cell as its
    receiver. (A row whose sender is the malignant cell itself is not given itself as receiver.)"""
    rows = [
        i.id
        for i in kg.interactions
        if i.process == TUMOR_GROWTH
        and i.evidence_level is EvidenceLevel.HUMAN_CORRELATIVE
        and i.source is not None
        and i.source != MALIGNANT_CELL
        and i.target != MALIGNANT_CELL
    ]
    assert rows == [], f"set target to {MALIGNANT_CELL} (malignant cell) in interactions.csv for: {rows}"


@pytest.mark.xfail(
    strict=True,
    reason="issue 12's 90% floor is not met: the remaining statements' evidence names no sender or receiver cell, "
    "and a cell is not guessed (a row is better absent than wrong)",
)
def test_ninety_percent_of_statements_name_both_cells(kg: KnowledgeGraph) -> None:
    assert _cell_typed_share(kg) >= 0.90
