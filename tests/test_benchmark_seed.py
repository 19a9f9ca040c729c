"""The scale benchmark's generated seed must stay valid under the seed rules (it broke once when validation learnt
HGNC's id range): a small one is generated and loaded."""

from __future__ import annotations

import runpy
from pathlib import Path

import tmekg

SCALE = Path(__file__).parents[1] / "benchmarks" / "scale.py"


def test_a_generated_seed_loads(tmp_path: Path) -> None:
    generate = runpy.run_path(str(SCALE))["generate"]
    seed = generate(700, tmp_path / "seed")
    kg = tmekg.load(seed)
    assert len(kg.interactions) == 700
    bench = [m for m in kg.molecules if m.label.startswith("BENCH")]
    assert bench
    assert all(m.description == "synthetic (benchmark)" for m in bench)
