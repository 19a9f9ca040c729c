"""sign_conflicts finds (molecule, process) keys that can conflict in a first pass over plain ids before it builds
any participant: the result must be exactly that of the pass over every participant (the reference below, the
function as it was before the pre-filter), on the shipped seed and on a generated seed with signs flipped at
random (many conflicts, every role bucket)."""

from __future__ import annotations

import dataclasses
import random
import runpy
from collections import defaultdict
from pathlib import Path

import tmekg
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction
from tmekg.validate import _bucket, _counterparts, sign_conflicts
from tmekg.vocab import TumorOutcome

SCALE = Path(__file__).parents[1] / "benchmarks" / "scale.py"


def reference(kg: KnowledgeGraph) -> list[tuple[str, str, Interaction, Interaction]]:
    seen: dict[tuple[str, str], dict[str, dict[int, tuple[list[Interaction], list[Interaction]]]]] = defaultdict(dict)
    for inter in kg.interactions:
        if inter.tumor_outcome is TumorOutcome.CONTEXT_DEPENDENT:
            continue
        for part in inter.participants:
            by_sign = seen[(part.molecule, inter.process)].setdefault(_bucket(part.role, inter.receptor), {})
            pair = by_sign.setdefault(inter.sign_of(part.molecule), ([], []))
            pair[1 if inter.outcome_note else 0].append(inter)
    found: dict[tuple[str, str, str, str], tuple[str, str, Interaction, Interaction]] = {}
    for (molecule, process), buckets in seen.items():
        for bucket, by_sign in buckets.items():
            for sign, (plain, noted) in by_sign.items():
                opposite = [buckets[b].get(-sign, ([], [])) for b in _counterparts(bucket, buckets)]
                plain_other = next((i for rows, _ in opposite for i in rows), None)
                noted_other = next((i for _, rows in opposite for i in rows), None)
                for inter in (*plain, *noted):
                    for other in (plain_other, noted_other):
                        if other is not None and other.id != inter.id:
                            first, second = sorted((inter, other), key=lambda i: i.id)
                            found.setdefault(
                                (molecule, process, first.id, second.id), (molecule, process, first, second)
                            )
    return [found[key] for key in sorted(found)]


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
