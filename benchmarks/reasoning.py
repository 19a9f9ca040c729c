"""Benchmark: how long tmekg's reasoning answers take, on the shipped seed and on synthetic graphs.

Run: python benchmarks/reasoning.py [--sizes 1000 10000] [--repeat 5]
Prints a Markdown table: operation, graph size, median seconds, and the ratio to the shipped-seed time.
Nothing here asserts a time; the numbers go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import platform
import random
import statistics
import time
from collections.abc import Callable

import tmekg
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Molecule, TherapyAction
from tmekg.reasoning import block, find_paths


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic(base: KnowledgeGraph, n: int, seed: int = 7) -> KnowledgeGraph:
    """The shipped graph plus ``n`` random ligand-receptor interactions among new proteins (HGNC-shaped ids)."""
    rng = random.Random(seed)
    proteins = [
        Molecule(id=f"HGNC:{900000 + i}", label=f"P{i}", molecule_type="protein", symbol=f"SYN{i}",
                 uniprot="P12345", categories=("ligand",), description="synthetic")
        for i in range(max(50, n // 10))
    ]  # fmt: skip
    cells = [c.id for c in base.cell_types]
    processes = [p for p in base.processes if p.id != "tmekg:tumor_growth"]
    ref = base.references[0].id
    inters = []
    for i in range(n):
        lig, rec = rng.sample(proteins, 2)
        proc = rng.choice(processes)
        effect = rng.choice((1, -1))
        outcome = "pro_tumor" if effect * proc.polarity > 0 else "anti_tumor"
        inters.append(Interaction(
            id=f"tmekg:syn_{i}", source=rng.choice(cells), ligand=lig.id, receptor=rec.id,
            target=rng.choice(cells), process=proc.id, effect=effect, mechanism="binding", tumor_outcome=outcome,
            hijacked_function="synthetic" if outcome == "pro_tumor" else None,
            hijacked_category="peripheral_tolerance" if outcome == "pro_tumor" else None, species=("human",),
            evidence=(ref,), evidence_level="in_vitro", confidence="low", summary="synthetic",
        ))  # fmt: skip
    therapy = base.therapies[0].id
    actions = [TherapyAction(therapy=therapy, target=p.id, action="blocks", evidence=(ref,), evidence_level="review")
               for p in proteins[:5]]  # fmt: skip
    return dataclasses.replace(
        base,
        molecules=base.molecules + tuple(proteins),
        interactions=base.interactions + tuple(inters),
        therapy_actions=base.therapy_actions + tuple(actions),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    shipped = tmekg.load()
    print(f"# reasoning benchmark — {time.strftime('%Y-%m-%d')}, {platform.python_version()}, {platform.machine()}")
    print("| operation | interactions | median s | x shipped |")
    print("|---|---:|---:|---:|")
    cases: list[tuple[str, Callable[[KnowledgeGraph], object]]] = [
        ("load + validate shipped seed", lambda kg: tmekg.load()),
        ("therapy pembrolizumab", lambda kg: block(kg, "pembrolizumab")),
        ("therapy atezolizumab", lambda kg: block(kg, "atezolizumab")),
        ("path PD-L1 -> tumor growth (4 hops)", lambda kg: find_paths(kg, "PD-L1", "tumor growth")),
    ]
    graphs = [("shipped", shipped)] + [(str(n), synthetic(shipped, n)) for n in args.sizes]
    for name, func in cases:
        base = None
        for label, kg in graphs:
            if name.startswith("load") and label != "shipped":
                continue
            seconds = median_seconds(lambda: func(kg), args.repeat)  # noqa: B023
            base = base or seconds
            print(f"| {name} | {len(kg.interactions)} | {seconds:.4f} | {seconds / base:.1f} |")


if __name__ == "__main__":
    main()
