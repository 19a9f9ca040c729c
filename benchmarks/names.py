"""Benchmark: how long resolving a name takes (tmekg.names), on the shipped seed and with N synthetic proteins.

Run: python benchmarks/names.py [--sizes 10000 100000] [--repeat 5]
Prints a Markdown table: operation, entities, median milliseconds. A hit is a dictionary look-up per tier; a miss
scores every name with rapidfuzz for the "did you mean" suggestions, so its time grows with the number of names.
Nothing here asserts a time; the numbers go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import platform
import statistics
import time
from collections.abc import Callable

import tmekg
from tmekg.errors import TmekgError
from tmekg.kg import KnowledgeGraph
from tmekg.model import Molecule
from tmekg.names import NameIndex

QUERIES = {
    "hit: label": "PD-L1",
    "hit: folded (case, spacing, Greek)": "tgf β",
    "hit: previous HGNC symbol": "SCYA2",
    "hit: plural": "Tregs",
    "miss, one word (3 suggestions)": "pembrolizumb",
    "miss, two words (3 suggestions)": "lung cancer",
}


def median_ms(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def with_proteins(base: KnowledgeGraph, n: int) -> KnowledgeGraph:
    """The shipped graph plus ``n`` synthetic proteins, each with a label, a symbol and two synonyms."""
    proteins = tuple(
        Molecule(id=f"HGNC:{900000 + i}", label=f"synthetic protein {i}", molecule_type="protein",
                 symbol=f"SYN{i}", uniprot="P12345", categories=("ligand",),
                 synonyms=(f"SP-{i}", f"synthetic factor {i} alpha"), description="synthetic")
        for i in range(n)
    )  # fmt: skip
    return dataclasses.replace(base, molecules=base.molecules + proteins)


def resolve(kg: KnowledgeGraph, name: str) -> None:
    with contextlib.suppress(TmekgError):
        kg.resolve(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = tmekg.load()
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.platform()}")
    print("| operation | entities | median ms |")
    print("|---|---:|---:|")
    for size in [0, *args.sizes]:
        kg = with_proteins(base, size) if size else base
        count = sum(1 for _ in kg.entities())
        build = median_ms(lambda kg=kg: NameIndex.build(kg.entities()), args.repeat)  # type: ignore[misc]
        print(f"| build the name index | {count} | {build:.1f} |")
        resolve(kg, "PD-L1")  # the index, built once per graph
        for what, query in QUERIES.items():
            took = median_ms(lambda kg=kg, query=query: resolve(kg, query), args.repeat)  # type: ignore[misc]
            print(f"| {what} | {count} | {took:.2f} |")


if __name__ == "__main__":
    main()
