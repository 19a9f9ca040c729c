"""Annotation at scale: `tmekg.singlecell.annotate_study` on a synthetic LIANA+ table vs a plain pandas merge.

    python benchmarks/annotate.py [--rows 1000000] [--cli-rows 10000] [--workdir DIR]

Builds a LIANA+ rank_aggregate-shaped CSV (source, target, ligand_complex, receptor_complex, lr_means,
magnitude_rank, specificity_rank) whose ligand–receptor pairs come from LIANA's consensus resource (installed
liana; else the curated pairs plus made-up symbols) and whose 40 cell names are half tmekg names, half unknown;
and a second table of the same size drawn only from the curated ligand–receptor pairs and the curated cells (the
worst case: every row meets several statements).
Each measurement runs in a fresh Python process, so that its peak resident memory (ru_maxrss) is its own:

- ``annotate``: read the CSV and annotate it (tmekg.singlecell.annotate_study: format detection, symbol and cell
  resolution, the lookup join, every output column, the summary);
- ``baseline``: read the same CSV and left-merge it with a precomputed (ligand_complex, receptor_complex) ->
  curated-ids table with pandas — the least any annotation must do;
- ``cli``: ``tmekg annotate`` on a ``--cli-rows`` table, end to end, writing a CSV (wall time of the process).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path


def _pairs() -> list[tuple[str, str]]:
    import csv

    from tmekg.importers._package import package_dir

    root = package_dir("liana")
    if root is not None and (root / "resource" / "omni_resource.csv").is_file():
        with (root / "resource" / "omni_resource.csv").open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["resource"] == "consensus"]
        return [(r["source_genesymbol"], r["target_genesymbol"]) for r in rows]
    import tmekg

    kg = tmekg.load()
    curated = [(kg.get(i.ligand).label, kg.get(i.receptor).label) for i in kg.interactions if i.ligand and i.receptor]
    return curated + [(f"GENE{i}", f"RECEP{i}") for i in range(3000)]


def _curated_pairs_and_cells() -> tuple[list[tuple[str, str]], list[str]]:
    import tmekg
    from tmekg.model import Molecule

    kg = tmekg.load()

    def symbols(molecule_id: str) -> str:
        m = kg.get(molecule_id)
        assert isinstance(m, Molecule)
        if not m.subunits:
            return m.symbol or m.label
        parts = [kg.get(s) for s in m.subunits]
        return "_".join(p.symbol or p.label if isinstance(p, Molecule) else p.label for p in parts)

    pairs = sorted({(symbols(i.ligand), symbols(i.receptor)) for i in kg.interactions if i.ligand and i.receptor})
    cells = sorted({c for i in kg.interactions for c in (i.source, i.target) if c})
    return pairs, [kg.label(c) for c in cells]


def make_table(path: Path, rows: int, seed: int = 0, matched: bool = False) -> None:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    pairs = _pairs()
    if matched:
        pairs, cells = _curated_pairs_and_cells()
    else:
        cells = _study_cells()
    which = rng.integers(0, len(pairs), rows)
    frame = pd.DataFrame(
        {
            "source": np.asarray(cells, dtype=object)[rng.integers(0, len(cells), rows)],
            "target": np.asarray(cells, dtype=object)[rng.integers(0, len(cells), rows)],
            "ligand_complex": np.asarray([p[0] for p in pairs], dtype=object)[which],
            "receptor_complex": np.asarray([p[1] for p in pairs], dtype=object)[which],
            "lr_means": rng.random(rows).round(4),
            "magnitude_rank": rng.random(rows).round(6),
            "specificity_rank": rng.random(rows).round(6),
        }
    )
    frame.to_csv(path, index=False)


def _study_cells() -> list[str]:
    cells = [
        "malignant cell",
        "CD8 T cell",
        "Treg",
        "TAM",
        "CAF",
        "NK cell",
        "B cell",
        "classical monocyte",
        "dendritic cell",
        "neutrophil",
        "mregDC",
        "pDC",
        "endothelial cell",
        "pericyte",
        "M2 macrophage",
        "CD4 T cell",
        "MDSC",
        "mast cell",
        "plasma cell",
        "Tex",
    ]
    cells += [f"cluster_{i}" for i in range(20)]
    return cells


def run_annotate(path: Path) -> dict[str, float]:
    import tmekg
    from tmekg.singlecell.annotate import annotate_study

    kg = tmekg.load()
    started = time.perf_counter()
    result = annotate_study(path, kg)
    seconds = time.perf_counter() - started
    cov = result.summary["coverage"]
    return {"seconds": seconds, "rows": len(result.table), "cell_matched": cov["fraction_cell_matched"]}


def run_baseline(path: Path) -> dict[str, float]:
    import pandas as pd

    import tmekg
    from tmekg.singlecell.curated import CuratedIndex

    kg = tmekg.load()
    index = CuratedIndex(kg)
    symbol = {m.id: m.symbol for m in kg.molecules if m.symbol}
    lookup = pd.DataFrame(
        {
            "ligand_complex": index.pairs["lkey"].map(symbol),
            "receptor_complex": index.pairs["rkey"].map(symbol),
            "interaction": index.pairs["interaction"],
        }
    ).dropna()
    lookup = lookup.groupby(["ligand_complex", "receptor_complex"])["interaction"].agg("|".join).reset_index()
    started = time.perf_counter()
    try:
        frame = pd.read_csv(path, engine="pyarrow")
    except ImportError:
        frame = pd.read_csv(path)
    merged = frame.merge(lookup, on=["ligand_complex", "receptor_complex"], how="left")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": len(merged), "matched": float(merged["interaction"].notna().mean())}


def _child(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--input", str(path)], check=True, capture_output=True, text=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cli-rows", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tmekg-annotate-bench"))
    parser.add_argument("--child", choices=["annotate", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = run_annotate(args.input) if args.child == "annotate" else run_baseline(args.input)
        result["max_rss_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
        print(json.dumps(result))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    big, small = args.workdir / f"liana_{args.rows}.csv", args.workdir / f"liana_{args.cli_rows}.csv"
    hits = args.workdir / f"liana_{args.rows}_curated.csv"
    random.seed(0)
    make_table(big, args.rows)
    make_table(small, args.cli_rows, seed=1)
    make_table(hits, args.rows, seed=2, matched=True)
    annotate = _child("annotate", big)
    baseline = _child("baseline", big)
    matched = _child("annotate", hits)
    matched_baseline = _child("baseline", hits)
    tmekg_cli = Path(sys.executable).with_name("tmekg")
    started = time.perf_counter()
    subprocess.run(
        [str(tmekg_cli), "annotate", str(small), "-o", str(args.workdir / "out.csv")], check=True, capture_output=True
    )
    cli_seconds = time.perf_counter() - started
    print(f"annotate {args.rows:,} rows: {annotate['seconds']:.1f} s, peak RSS {annotate['max_rss_gb']:.2f} GB")
    print(f"pandas merge baseline:      {baseline['seconds']:.1f} s, peak RSS {baseline['max_rss_gb']:.2f} GB")
    print(f"ratio annotate / baseline:  {annotate['seconds'] / baseline['seconds']:.1f}x")
    print(f"rows with curated knowledge for these cells: {annotate['cell_matched']:.2%}")
    print(
        f"curated pairs and cells only ({args.rows:,} rows, {matched['cell_matched']:.0%} cell-matched): "
        f"annotate {matched['seconds']:.1f} s, peak RSS {matched['max_rss_gb']:.2f} GB; baseline "
        f"{matched_baseline['seconds']:.1f} s; ratio {matched['seconds'] / matched_baseline['seconds']:.1f}x"
    )
    print(f"tmekg annotate (CLI, {args.cli_rows:,} rows, end to end): {cli_seconds:.2f} s")


if __name__ == "__main__":
    main()
