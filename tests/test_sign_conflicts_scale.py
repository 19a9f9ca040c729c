"""sign_conflicts finds (molecule, process) keys that can conflict in a first pass over plain ids before it builds
any participant: the result must be exactly that of the pass over every participant (the reference below, the
function as it was before the pre-filter), on the shipped seed and on a generated seed with signs flipped at
random (many conflicts, every role bucket)."""

from __future__ import annotations

import dataclasses
import random
import runpy
from pathlib import Path

import tmekg
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction
from tmekg.validate import conflicts_among, sign_conflicts
from tmekg.vocab import TumorOutcome

SCALE = Path(__file__).parents[1] / "benchmarks" / "scale.py"


def reference(kg: KnowledgeGraph) -> list[tuple[str, str, Interaction, Interaction]]:
    """The pass over every participant of every row (what sign_conflicts did before its pre-filter)."""
    rows = [(i, i.participants) for i in kg.interactions if i.tumor_outcome is not TumorOutcome.CONTEXT_DEPENDENT]
    return conflicts_among(rows)


def ids(found: list[tuple[str, str, Interaction, Interaction]]) -> list[tuple[str, str, str, str]]:
    return [(m, p, a.id, b.id) for m, p, a, b in found]


def test_shipped_seed() -> None:
    kg = tmekg.load()
    assert sign_conflicts(kg)  # the shipped seed has tolerated conflicts (with an outcome_note)
    assert ids(sign_conflicts(kg)) == ids(reference(kg))


def test_generated_seed_with_flipped_signs(tmp_path: Path) -> None:
    generate = runpy.run_path(str(SCALE))["generate"]
    kg = tmekg.load(generate(3000, tmp_path / "seed"))
    rng = random.Random(13)
    flipped = tuple(i.model_copy(update={"effect": -i.effect}) if rng.random() < 0.1 else i for i in kg.interactions)
    grown = dataclasses.replace(kg, interactions=flipped)
    found = sign_conflicts(grown)
    assert len(found) > 100
    assert ids(found) == ids(reference(grown))
