"""Scale benchmark: tmekg from the shipped seed up to 10^6 interactions, cold and warm, beside baselines.

    python benchmarks/scale.py generate N DIR      # a valid seed of N interactions (the shipped seed grown)
    python benchmarks/scale.py run [--sizes 1000 10000 100000] [--out benchmarks/results] [--work DIR]

``generate`` copies the shipped seed and adds synthetic cell types, proteins and interactions until the table holds
N rows. The shipped entities stay (PD-L1, PD-1, pembrolizumab, tumor growth ...) and synthetic rows attach to them
preferentially, so hubs grow the way an imported tier grows them. Every row obeys the rules `tmekg validate`
checks: derived outcomes, one sign per molecule and process, references that exist.

``run`` generates each size, then measures wall time and peak RSS (of a child process, so each number stands
alone) for: reading and validating the seed, building the persistent store (cold), each CLI answer cold (no store)
and warm (store built), exports; and beside them, in the same run, the baselines the issue names (pandas +
pyarrow reading the same CSV, pyoxigraph bulk-loading the same N-Triples, the same SPARQL query in pyoxigraph). It
writes ``scale.md`` and ``scale.json`` with the ratios and, per step, the growth exponent fitted on the sizes
(time ~ N^k). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TMEKG = [sys.executable, "-m", "tmekg"]


# -- generate -----------------------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def generate(n: int, out: Path, seed: int = 7) -> Path:
    """Write a seed of ``n`` interactions to ``out`` (replaced) and return it."""
    import tmekg
    from tmekg.resources import seed_dir
    from tmekg.validate import sign_conflicts

    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(seed_dir(), out)
    kg = tmekg.load(out)
    missing = n - len(kg.interactions)
    if missing <= 0:
        return out
    processes = {p.id: p.polarity for p in kg.processes if p.id != "tmekg:tumor_growth"}
    process_ids = sorted(processes)
    # own signs already fixed by the curated rows: per molecule and process for every role but "ligand engaging a
    # receptor" (those are fixed per ligand, receptor and process); new rows must agree with them
    fixed: dict[tuple[str, str], int] = {}
    pair_sign: dict[tuple[str, str, str], int] = {}
    for inter in kg.interactions:
        for part in inter.participants:
            if part.molecule == inter.ligand and inter.receptor:
                pair_sign.setdefault((inter.ligand, inter.receptor, inter.process), inter.sign_of(part.molecule))
            else:
                fixed.setdefault((part.molecule, inter.process), inter.sign_of(part.molecule))

    def sign_for(molecule: str, process: str) -> int:
        if (molecule, process) not in fixed:
            fixed[(molecule, process)] = rng.choice((1, -1))
        return fixed[(molecule, process)]

    n_cells = max(20, int(math.sqrt(missing)))
    n_proteins = max(100, missing // 5)
    cell_cols, cells = _read(out / "cell_types.csv")
    new_cells = [f"tmekg:bench_cell_{i}" for i in range(n_cells)]
    cells += [
        {"id": c, "label": f"bench cell {i}", "broader": "CL:0000084", "description": "synthetic (benchmark)"}
        for i, c in enumerate(new_cells)
    ]
    _write(out / "cell_types.csv", cell_cols, cells)
    mol_cols, molecules = _read(out / "molecules.csv")
    # synthetic proteins (labelled BENCHn, described as synthetic) take HGNC-shaped ids counted down from the top of
    # the pattern's range (HGNC:99999, 99998, ...), far above the ids HGNC has assigned, skipping any in the seed;
    # a benchmark seed is never shipped or grounded
    taken = {m.id for m in kg.molecules}
    numbers = (n for n in range(99_999, 0, -1) if f"HGNC:{n}" not in taken)
    n_proteins = min(n_proteins, 50_000)
    new_proteins = [f"HGNC:{next(numbers)}" for _ in range(n_proteins)]
    molecules += [
        {"id": p, "label": f"BENCH{i}", "molecule_type": "protein", "symbol": f"BENCH{i}", "uniprot": "P12345",
         "categories": "ligand|receptor", "description": "synthetic (benchmark)"}
        for i, p in enumerate(new_proteins)
    ]  # fmt: skip
    _write(out / "molecules.csv", mol_cols, molecules)

    two_sided = {m for m, _p, _a, _b in sign_conflicts(kg)}  # tolerated both-ways molecules are left alone
    shipped_ligands = sorted({i.ligand for i in kg.interactions if i.ligand and not i.directions} - two_sided)
    shipped_receptors = sorted({i.receptor for i in kg.interactions if i.receptor and not i.directions} - two_sided)
    all_cells = [c.id for c in kg.cell_types] + new_cells
    references = [r.id for r in kg.references]
    functions = [f.id for f in kg.functions]
    int_cols, rows = _read(out / "interactions.csv")
    made = 0
    attempts = 0
    while made < missing:
        attempts += 1
        # preferential attachment: a quarter of rows reuse a shipped hub
        ligand = rng.choice(shipped_ligands) if rng.random() < 0.25 else rng.choice(new_proteins)
        receptor = rng.choice(shipped_receptors) if rng.random() < 0.15 else rng.choice(new_proteins)
        if ligand == receptor:
            continue
        process = rng.choice(process_ids)
        effect = sign_for(receptor, process)
        # a shipped ligand keeps its sign toward the process when it has one from a role that is not exempt
        if (ligand, process) in fixed and ligand in shipped_ligands and fixed[(ligand, process)] != effect:
            continue
        key = (ligand, receptor, process)
        if pair_sign.setdefault(key, effect) != effect:
            continue
        outcome = "pro_tumor" if effect * processes[process] > 0 else "anti_tumor"
        source, target = rng.choice(all_cells), rng.choice(all_cells)
        rows.append(
            {
                "id": f"tmekg:i_bench_{made}",
                "source": source,
                "ligand": ligand,
                "receptor": receptor,
                "target": target,
                "process": process,
                "effect": f"{effect:+d}",
                "mechanism": "binding",
                "tumor_outcome": outcome,
                "hijacked_function": rng.choice(functions) if outcome == "pro_tumor" else "",
                "species": "human",
                "evidence": rng.choice(references),
                "evidence_level": rng.choice(("in_vitro", "mouse_in_vivo", "human_correlative", "clinical")),
                "confidence": "medium",
                "summary": "synthetic interaction (benchmark)",
            }
        )
        made += 1
    _write(out / "interactions.csv", int_cols, rows)
    if (out / tmekg.seed.MANIFEST).exists():  # record the tables written, as `tmekg lint` would
        tables = {t.filename: (out / t.filename).read_bytes() for t in tmekg.seed.TABLES if (out / t.filename).exists()}
        (out / tmekg.seed.MANIFEST).write_text(tmekg.seed.manifest_text(tables), encoding="utf-8")
    found = sign_conflicts(tmekg.seed.read_seed(out).graph()) if n <= 20_000 else []
    problems = [c for c in found if not (c[2].outcome_note or c[3].outcome_note)]
    if problems:
        raise SystemExit(f"generated seed has {len(problems)} sign conflicts")
    return out


# -- run ----------------------------------------------------------------------------------------------------------


def timed(
    cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, ok: tuple[int, ...] = (0, 1)
) -> dict[str, Any]:
    """Run a command; wall time and peak RSS of that child alone (``os.wait4``'s rusage, in MB). An exit code
    outside ``ok`` is kept with the end of stderr and marked ✗ in the table."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, **(env or {})}, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout_bytes = len(out.read())
        stderr = err.read().decode("utf-8", "replace")
    code = child.returncode
    return {
        "seconds": round(wall, 4),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": code,
        "stdout_bytes": stdout_bytes,
        "ok": code in ok,
        "error": stderr[-500:] if code not in ok else "",
    }


def python_step(code: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    return timed([sys.executable, "-c", code], env, ok=(0,))


def fit_exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """Least-squares slope of log(seconds) on log(size): time ~ size^k."""
    pairs = [(math.log(n), math.log(s)) for n, s in zip(sizes, seconds, strict=True) if s > 0]
    if len(pairs) < 2:
        return None
    mx = sum(x for x, _ in pairs) / len(pairs)
    my = sum(y for _, y in pairs) / len(pairs)
    var = sum((x - mx) ** 2 for x, _ in pairs)
    return round(sum((x - mx) * (y - my) for x, y in pairs) / var, 2) if var else None


def measure(n: int, work: Path) -> dict[str, Any]:
    seed = generate(n, work / f"seed_{n}")
    store = work / f"store_{n}"
    if store.exists():
        shutil.rmtree(store)
    env = {"TMEKG_STORE": str(store)}
    nostore = {"TMEKG_STORE": "off"}
    steps: dict[str, Any] = {}
    steps["load+validate (library)"] = python_step(f"import tmekg; tmekg.load({str(seed)!r})")
    steps["load+validate, every row through pydantic (the reader before columnar)"] = python_step(
        "from pathlib import Path\nfrom tmekg.seed import read_seed\nfrom tmekg.validate import check\n"
        f"r = read_seed(Path({str(seed)!r}), columnar=False)\nassert not r.problems\ncheck(r.graph(), r.where)"
    )
    steps["baseline: pandas+pyarrow read of the seed"] = python_step(
        "import pandas as pd, glob\n"
        f"[pd.read_csv(f, engine='pyarrow', dtype=str) for f in sorted(glob.glob({str(seed)!r} + '/*.csv'))]"
    )
    steps["build store (cold)"] = timed([*TMEKG, "build", "--seed", str(seed)], env)
    steps["build --check (warm)"] = timed([*TMEKG, "build", "--check", "--seed", str(seed)], env)
    answers = {
        "lookup PD-L1": ["lookup", "PD-L1"],
        "therapy pembrolizumab": ["therapy", "pembrolizumab"],
        "path PD-L1 tumor growth": ["path", "PD-L1", "tumor growth"],
        "query sparql pro_tumor_interactions --limit 100": [
            "query", "sparql", "pro_tumor_interactions", "--limit", "100"
        ],
        "interactions --outcome pro_tumor": ["interactions", "--outcome", "pro_tumor"],
    }  # fmt: skip
    for label, args in answers.items():
        steps[f"{label} (warm)"] = timed([*TMEKG, *args, "--seed", str(seed)], env)
        if n <= 100_000:
            steps[f"{label} (no store)"] = timed([*TMEKG, *args, "--seed", str(seed)], nostore)
    nt = work / f"graph_{n}.nt"
    steps["export nt (warm)"] = timed([*TMEKG, "export", "-f", "nt", "-o", str(nt), "--seed", str(seed)], env)
    steps["export ttl (warm)"] = timed(
        [*TMEKG, "export", "-f", "ttl", "-o", str(work / f"graph_{n}.ttl"), "--seed", str(seed)], env
    )
    steps["baseline: pyoxigraph bulk load of the same N-Triples"] = python_step(
        f"import pyoxigraph as ox; s = ox.Store(); s.bulk_load(path={str(nt)!r}, format=ox.RdfFormat.N_TRIPLES)"
    )
    query = (ROOT / "queries" / "sparql" / "pro_tumor_interactions.rq").read_text(encoding="utf-8")
    steps["baseline: pyoxigraph pro_tumor_interactions (unbounded, in memory)"] = python_step(
        "import pyoxigraph as ox, time\n"
        f"s = ox.Store(); s.bulk_load(path={str(nt)!r}, format=ox.RdfFormat.N_TRIPLES)\n"
        f"t = time.perf_counter(); rows = list(s.query({query!r})); print(time.perf_counter() - t)"
    )
    rdf_dirs = sorted(store.glob("*/rdf"))
    if rdf_dirs:  # the yardstick for an unbounded query: pyoxigraph alone on the store the CLI reads
        steps["baseline: pyoxigraph pro_tumor_interactions (unbounded, the same on-disk store)"] = python_step(
            f"import pyoxigraph as ox\ns = ox.Store.read_only({str(rdf_dirs[0])!r})\nrows = list(s.query({query!r}))"
        )
    steps["query sparql pro_tumor_interactions unbounded (warm)"] = timed(
        [*TMEKG, "query", "sparql", "pro_tumor_interactions", "--limit", "100000000", "--seed", str(seed), "--json"],
        env,
    )
    size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file()) if store.exists() else 0
    return {"n": n, "seed": str(seed), "store_mb": round(size / 2**20, 1), "steps": steps}


def report(results: list[dict[str, Any]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sizes = [r["n"] for r in results]
    names = list(results[0]["steps"]) if results else []
    lines = [
        "# Scale benchmark",
        "",
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores; "
        f"run {time.strftime('%Y-%m-%d %H:%M')}. Seconds (peak RSS MB of the child process).",
        "",
        "| step | " + " | ".join(f"{n:,}" for n in sizes) + " | exponent |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]
    exponents = {}
    for name in names:
        cells, secs, ns = [], [], []
        for r in results:
            step = r["steps"].get(name)
            if step is None:
                cells.append("—")
                continue
            flag = "" if step.get("ok", step["exit"] in (0, 1)) else " ✗"
            cells.append(f"{step['seconds']:.3f} ({step['peak_rss_mb']:.0f}){flag}")
            secs.append(step["seconds"])
            ns.append(r["n"])
        exponents[name] = fit_exponent(ns, secs)
        exponent = exponents[name] if exponents[name] is not None else ""
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {exponent} |")
    lines += ["", "Store on disk (MB): " + ", ".join(f"{r['n']:,}: {r['store_mb']}" for r in results), ""]
    (out / "scale.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "scale.json").write_text(json.dumps({"results": results, "exponents": exponents}, indent=1) + "\n")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write a seed of N interactions")
    gen.add_argument("n", type=int)
    gen.add_argument("dir", type=Path)
    run = sub.add_parser("run", help="measure every step at several sizes")
    run.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    run.add_argument("--work", type=Path, default=Path("/tmp/tmekg-scale"))
    run.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    if args.command == "generate":
        path = generate(args.n, args.dir)
        print(f"wrote a seed of {args.n} interactions to {path}")
        return
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        print(f"== {n:,} interactions", file=sys.stderr)
        results.append(measure(n, args.work))
    report(results, args.out)


if __name__ == "__main__":
    main()
