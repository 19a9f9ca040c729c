"""Benchmark: loading tmekg into Neo4j — batched ``tmekg neo4j load`` (CREATE into an empty database, MERGE
into one that holds tmekg nodes), one query per row, and ``export --format neo4j-csv`` + ``neo4j-admin database
import full``.

Builds a synthetic KnowledgeGraph of N interactions shaped like the curated seed (a sender cell, usually a
ligand and a receptor, sometimes other mediators, a receiver, a process, 1-3 references, sometimes a cancer
context; a few hundred molecules and tens of cell types shared by all; therapy actions of every kind in the
action registry), loads it with :func:`tmekg.backends.neo4j.load` into an empty database (CREATE), loads it
again (a rerun changes nothing), then into a database holding one other tmekg node (MERGE); loads the
relationships of a smaller sample with one auto-commit query each (the naive baseline: same constraints, same
Cypher); and, when the import tool's jar is in tools/neo4j-test-server/lib, writes the neo4j-csv export and runs
the import command its README gives into a new database. Reports relationships per second for each.

    python benchmarks/neo4j_load.py                     # starts a server via tools/neo4j-test-server/start.sh
    python benchmarks/neo4j_load.py --uri bolt://localhost:7687 --n 20000   # your server (its data is wiped!)

With ``--uri`` the ``:Tmekg`` part of the database is deleted first; credentials as for the CLI
(``TMEKG_NEO4J_USER``, ``TMEKG_NEO4J_PASSWORD``).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase

from tmekg.actions import spec
from tmekg.backends.neo4j import DEFAULT_BATCH_SIZE, LoadSummary, edge_query, load, node_query, wipe_tmekg
from tmekg.backends.neo4j_rows import constraint_statements, edge_rows, node_rows
from tmekg.export.neo4j_csv import write_neo4j_csv
from tmekg.kg import KnowledgeGraph
from tmekg.model import (
    Cancer,
    CellType,
    Interaction,
    MediatorSite,
    Molecule,
    NormalFunction,
    Process,
    Reference,
    Therapy,
    TherapyAction,
)
from tmekg.vocab import (
    Action,
    Confidence,
    EntityKind,
    EvidenceLevel,
    HijackedCategory,
    Mechanism,
    Modality,
    MoleculeCategory,
    MoleculeType,
    Site,
    Species,
    TherapyStatus,
    TumorOutcome,
)

ROOT = Path(__file__).resolve().parent.parent
START = ROOT / "tools" / "neo4j-test-server" / "start.sh"
LIB = START.parent / "lib"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def synthetic_kg(n: int, seed: int = 1) -> KnowledgeGraph:
    """A valid KnowledgeGraph of ``n`` interactions with the seed's shape (entity pools grow slowly with n)."""
    rng = random.Random(seed)
    n_cells, n_proteins, n_processes = max(12, n // 2000), max(40, n // 100), max(11, n // 5000)
    n_refs, n_cancers, n_therapies = max(30, n // 3), 20, max(10, n // 2000)
    cells = tuple(
        CellType(id=f"CL:{1000000 + i:07d}", label=f"cell type {i}", description=f"Synthetic cell type {i}.")
        for i in range(n_cells)
    )
    proteins = tuple(
        Molecule(
            id=f"HGNC:{i + 1}",
            label=f"protein {i}",
            molecule_type=MoleculeType.PROTEIN,
            symbol=f"SYN{i}",
            uniprot=f"P{i % 10}{_UPPER[i % 26]}{i % 10}{_UPPER[(i // 26) % 26]}{i // 10 % 10}",
            categories=(rng.choice(list(MoleculeCategory)),),
            synonyms=(f"synonym {i}",),
            description=f"Synthetic protein {i}.",
        )
        for i in range(n_proteins)
    )
    complexes = tuple(
        Molecule(
            id=f"tmekg:complex_{i}",
            label=f"complex {i}",
            molecule_type=MoleculeType.COMPLEX,
            subunits=(proteins[2 * i].id, proteins[2 * i + 1].id),
            categories=(MoleculeCategory.RECEPTOR,),
            description=f"Synthetic complex {i}.",
        )
        for i in range(max(3, n_proteins // 20))
    )
    processes = tuple(
        Process(
            id=f"tmekg:process_{i}", label=f"process {i}", polarity=rng.choice((1, -1)), description=f"Process {i}."
        )
        for i in range(n_processes)
    )
    cancers = tuple(Cancer(id=f"MONDO:{1000000 + i:07d}", label=f"cancer {i}") for i in range(n_cancers))
    refs = tuple(
        Reference(
            id=f"PMID:{10000000 + i}",
            authors=f"Author{i} A et al.",
            year=1990 + i % 35,
            title=f"Synthetic study number {i} of a tumor-immune interaction",
            journal="J Synth",
        )
        for i in range(n_refs)
    )
    therapies = tuple(
        Therapy(
            id=f"DRUGBANK:DB{10000 + i:05d}",
            label=f"therapy {i}",
            modality=Modality.MONOCLONAL_ANTIBODY,
            status=TherapyStatus.PHASE_2,
            description=f"Synthetic therapy {i}.",
        )
        for i in range(n_therapies)
    )
    chosen = [rng.choice(list(Action)) for _ in therapies]
    actions = tuple(
        TherapyAction(
            therapy=t.id,
            target=proteins[i % n_proteins].id
            if EntityKind.MOLECULE in spec(action).target_kinds
            else cells[i % n_cells].id,
            action=action,
            evidence=(refs[i % n_refs].id,),
            evidence_level=EvidenceLevel.CLINICAL,
            note="Synthetic action.",
            # a drug-made action names the process it drives and, most of them, its effector cells
            process=processes[i % n_processes].id if spec(action).drug_made else None,
            effector=(cells[(i + 1) % n_cells].id,) if spec(action).drug_made and spec(action).needs_effector else (),
        )
        for i, (t, action) in enumerate(zip(therapies, chosen, strict=True))
    )
    molecules = proteins + complexes
    repair = NormalFunction(
        id="tmekg:fn_wound_repair",
        label="wound repair",
        category=HijackedCategory.WOUND_HEALING_AND_TISSUE_REPAIR,
        description="Synthetic normal function.",
    )
    interactions = []
    for i in range(n):
        ligand, receptor = rng.sample(molecules, 2) if rng.random() < 0.9 else (None, None)
        mediators = tuple(m.id for m in rng.sample(proteins, rng.choice((0, 0, 0, 1, 2))))
        mediators = tuple(m for m in mediators if m not in {getattr(ligand, "id", None), getattr(receptor, "id", None)})
        source, target = rng.sample(cells, 2)
        process, effect = rng.choice(processes), rng.choice((1, -1))
        outcome = TumorOutcome.PRO_TUMOR if effect * process.polarity > 0 else TumorOutcome.ANTI_TUMOR
        interactions.append(
            Interaction(
                id=f"tmekg:i_{i}",
                source=source.id,
                ligand=ligand.id if ligand else None,
                receptor=receptor.id if receptor else None,
                mediators=mediators,
                sites=tuple(MediatorSite(molecule=m, site=rng.choice(list(Site))) for m in mediators),
                target=target.id,
                process=process.id,
                effect=effect,
                mechanism=rng.choice(list(Mechanism)),
                tumor_outcome=outcome,
                hijacked_function=repair.id if outcome is TumorOutcome.PRO_TUMOR else None,
                cic_step=rng.randint(1, 7),
                contexts=(rng.choice(cancers).id,) if rng.random() < 0.2 else (),
                species=(Species.HUMAN,),
                evidence=tuple(r.id for r in rng.sample(refs, rng.choice((1, 1, 2, 3)))),
                evidence_level=rng.choice(list(EvidenceLevel)),
                confidence=rng.choice(list(Confidence)),
                summary=f"Synthetic interaction {i}: a sender signals to a receiver and changes a process.",
            )
        )
    return KnowledgeGraph(
        cell_types=cells,
        molecules=molecules,
        processes=processes,
        therapies=therapies,
        cancers=cancers,
        references=refs,
        interactions=tuple(interactions),
        therapy_actions=actions,
        functions=(repair,),
    )


def sample_kg(kg: KnowledgeGraph, n: int) -> KnowledgeGraph:
    """The first ``n`` interactions, every entity and the references they cite (so every relationship has ends)."""
    interactions = kg.interactions[:n]
    cited = {r for i in interactions for r in i.evidence} | {r for a in kg.therapy_actions for r in a.evidence}
    return KnowledgeGraph(
        cell_types=kg.cell_types,
        molecules=kg.molecules,
        processes=kg.processes,
        therapies=kg.therapies,
        cancers=kg.cancers,
        references=tuple(r for r in kg.references if r.id in cited),
        interactions=interactions,
        therapy_actions=kg.therapy_actions,
        functions=kg.functions,
    )


def per_row_load(driver: Driver, kg: KnowledgeGraph) -> tuple[float, int]:
    """The naive baseline for relationships: nodes batched as usual, then one auto-commit MERGE per relationship.

    Returns (seconds for the relationships, relationships).
    """
    with driver.session() as session:
        for statement in constraint_statements():
            session.run(statement).consume()
        for group, rows in node_rows(kg).items():
            session.run(node_query(group), rows=rows).consume()
        started = time.perf_counter()
        count = 0
        for edge_group, rows in edge_rows(kg).items():
            query = edge_query(edge_group)
            for row in rows:
                session.run(query, rows=[row]).consume()
                count += 1
        return time.perf_counter() - started, count


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def started_server(heap: str) -> Iterator[tuple[str, Path]]:
    """A throw-away server from tools/neo4j-test-server (auth off), stopped on exit."""
    home = Path(tempfile.mkdtemp(prefix="tmekg-bench-"))
    env = dict(os.environ, NEO4J_TEST_STOP_ON_STDIN_EOF="1", NEO4J_TEST_HEAP=heap)
    env.pop("NEO4J_TEST_PASSWORD", None)
    proc = subprocess.Popen(
        ["bash", str(START), str(home), str(_free_port())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("NEO4J_READY "):
                uri = line.split()[1]
                break
        else:
            raise SystemExit(f"the server exited with {proc.wait()} before it was ready")
        yield uri, home
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=60)
        shutil.rmtree(home, ignore_errors=True)


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _rates(summary: LoadSummary) -> dict[str, Any]:
    rels = summary.relationships_created
    return {
        "total_s": round(summary.seconds, 1),
        "rel_s": round(summary.relationship_seconds, 1),
        "rel_per_s": round(rels / summary.relationship_seconds) if summary.relationship_seconds else None,
        "nodes_per_s": round(summary.nodes_created / (summary.seconds - summary.relationship_seconds)),
    }


def admin_import(kg: KnowledgeGraph, heap: str) -> dict[str, Any] | None:
    """``tmekg export --format neo4j-csv`` then the README's ``neo4j-admin database import full`` into a new
    database (the import tool from tools/neo4j-test-server/lib, run as neo4j-admin runs it); None without them."""
    if shutil.which("java") is None or not any(LIB.glob("neo4j-import-tool-*.jar")):
        return None
    base = Path(tempfile.mkdtemp(prefix="tmekg-bench-import-"))
    try:
        started = time.perf_counter()
        files = write_neo4j_csv(kg, base / "csv")
        exported = time.perf_counter() - started
        command = re.search(r"```bash\n(.*?)\n```", (base / "csv" / "README.md").read_text(), re.S)
        assert command is not None
        argv = shlex.split(command.group(1).replace("\\\n", " "))
        home = base / "home"
        (home / "conf").mkdir(parents=True)
        (home / "conf" / "neo4j.conf").write_text("")
        java = ["java", f"-Xmx{heap}", "-cp", f"{LIB}/*", "org.neo4j.cli.AdminTool"]
        env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
        started = time.perf_counter()
        done = subprocess.run([*java, *argv[1:]], cwd=base / "csv", env=env, capture_output=True, text=True)
        imported = time.perf_counter() - started
        if done.returncode != 0 or "IMPORT DONE" not in done.stdout:
            raise SystemExit(f"neo4j-admin import failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        rels = sum(sum(1 for _ in f.open()) - 1 for f in files if f.name.startswith("relationships_"))
        return {
            "export_csv_s": round(exported, 1),
            "import_tool_s": round(imported, 1),
            "import_tool_rel_per_s": round(rels / imported),
            "export_and_import_rel_per_s": round(rels / (exported + imported)),
        }
    finally:
        shutil.rmtree(base, ignore_errors=True)


def run(driver: Driver, n: int, sample: int, batch_size: int, store: Path | None, heap: str) -> dict[str, Any]:
    started = time.perf_counter()
    kg = synthetic_kg(n)
    built = time.perf_counter() - started
    with driver.session() as session:  # the labels exist before the first wipe looks for them
        for statement in constraint_statements():
            session.run(statement).consume()
    wipe_tmekg(driver, batch_size=10_000)
    created = load(driver, kg, batch_size=batch_size)
    assert created.mode == "create"
    report: dict[str, Any] = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "n_interactions": n,
        "nodes": created.nodes_created,
        "relationships": created.relationships_created,
        "properties": created.properties_set,
        "build_kg_s": round(built, 1),
        "batch_size": batch_size,
        **{f"create_{k}": v for k, v in _rates(created).items()},
    }
    if store is not None:
        report["store_mb"] = round(_du(store / "data") / 1e6, 1)
    rerun = load(driver, kg, batch_size=batch_size)  # merges into the full graph: changes nothing
    assert rerun.relationships_created == 0
    report["rerun_total_s"] = round(rerun.seconds, 1)
    # the same graph merged into a database that holds a tmekg node (the only way before CREATE on a fresh one)
    wipe_tmekg(driver, batch_size=10_000)
    driver.execute_query("CREATE (:Tmekg:Function {id: 'tmekg:fn_benchmark_marker'})")
    merged = load(driver, kg, batch_size=batch_size)
    assert merged.mode == "merge"
    report.update({f"merge_{k}": v for k, v in _rates(merged).items()})
    # a sample: batched, then per row (each into an emptied database)
    small = sample_kg(kg, sample)
    wipe_tmekg(driver, batch_size=10_000)
    batched_small = load(driver, small, batch_size=batch_size)
    wipe_tmekg(driver, batch_size=10_000)
    rel_s, count = per_row_load(driver, small)
    report.update(
        {
            "sample_interactions": sample,
            "sample_relationships": count,
            "sample_batched_rel_per_s": round(batched_small.relationships_created / batched_small.relationship_seconds),
            "per_row_rel_per_s": round(count / rel_s),
        }
    )
    report["ratio_create_vs_per_row"] = round(report["create_rel_per_s"] / report["per_row_rel_per_s"], 1)
    report["ratio_create_vs_merge"] = round(report["create_rel_per_s"] / report["merge_rel_per_s"], 1)
    wipe_tmekg(driver, batch_size=10_000)
    imported = admin_import(kg, heap)
    if imported:
        report.update(imported)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000, help="interactions in the synthetic graph")
    parser.add_argument("--sample", type=int, default=1_000, help="interactions whose relationships load one per query")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--uri", help="a running server (its :Tmekg nodes are deleted); default: start one")
    parser.add_argument("--heap", default="2g", help="JVM heap of a server started here")
    args = parser.parse_args(argv)
    if args.uri:
        password = os.environ.get("TMEKG_NEO4J_PASSWORD")
        auth = (os.environ.get("TMEKG_NEO4J_USER", "neo4j"), password) if password else None
        with GraphDatabase.driver(args.uri, auth=auth) as driver:
            report = run(driver, args.n, args.sample, args.batch_size, None, args.heap)
    else:
        with started_server(args.heap) as (uri, home), GraphDatabase.driver(uri) as driver:
            report = run(driver, args.n, args.sample, args.batch_size, home, args.heap)
            report["server"] = f"tools/neo4j-test-server (Neo4j 5.26 embedded, heap {args.heap}, page cache 128 MB)"
    width = max(len(k) for k in report)
    for key, value in report.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
